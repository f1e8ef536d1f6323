/**
 * Holes at the foot of a PDF's pages, measured from the PDF alone (word boxes), as a reader
 * with a ruler would: for every page but the last, the space between its last line of text
 * (body, quotation, table or caption) and the foot of its text box, which is 24 mm above the
 * page's edge, or, on a page with notes, the top of the note area (the rule: 4 mm margin and
 * 2.5 mm padding above the first note's line).
 */
import { wordBoxes, type WordBox } from './pdf.ts'

const mm = 72 / 25.4
/** Where the text box ends on an A4 page without notes. */
const boxBottom = 841.89 - 24 * mm
/** From the top of a note's word box up to the top of the note area. */
const noteAreaAbove = 6.5 * mm

/** A word in the note area, whose first line's words (8.5 pt Source Serif) start at `top`; a note's raised number reaches below it. */
const inNotes = (w: WordBox, top: number) => w.yMax > top + 2

export interface PageEnd {
  page: number
  /** Empty space above the foot of the text box, in points. */
  hole: number
}

export function pageHoles(file: string): PageEnd[] {
  const words = wordBoxes(file)
  const last = Math.max(...words.map((w) => w.page))
  const ends: PageEnd[] = []
  for (let page = 1; page < last; page++) {
    // The footer ("N | Page") sits in the bottom margin.
    const on = words.filter((w) => w.page === page && w.yMin < boxBottom)
    const notes = on.filter((w) => w.yMax - w.yMin > 11.5 && w.yMax - w.yMin < 11.9)
    const noteTop = notes.length ? Math.min(...notes.map((w) => w.yMin)) : undefined
    const foot = noteTop === undefined ? boxBottom : noteTop - noteAreaAbove
    const text = on.filter((w) => noteTop === undefined || !inNotes(w, noteTop))
    if (!text.length) continue
    ends.push({ page, hole: Math.round((foot - Math.max(...text.map((w) => w.yMax))) * 10) / 10 })
  }
  return ends
}
