/**
 * The layout self-check: after pagination and before printing, read from the laid-out pages
 * where every note call and every note body landed. A note must appear exactly once, start on
 * the page of its call (a long note may continue on the next pages), and lose no text.
 *
 * The readings are taken inside the page by `in-page/readings.js` (plain JavaScript, injected
 * as a file so no compiler helper leaks into the page, type-checked against the types in
 * `in-page/readings-types.ts`); `checkLayout` judges them in Node.
 */

import type { VFile } from 'vfile'
import type { LayoutReading, NoteSnapshot } from './in-page/readings-types.ts'
import { messages } from '../../messages.ts'
import { rule } from '../../rules.ts'

export type { LayoutReading, NoteSnapshot }

export interface LayoutProblem {
  note: string
  line?: number
  reason: string
}

export function checkLayout(before: NoteSnapshot, after: LayoutReading): LayoutProblem[] {
  const problems: LayoutProblem[] = []
  if (!after.complete) problems.push({ note: '', reason: 'the paginator stopped before the end of the brief' })
  const lost = compareText(before.body.replace(/[\s\u00ad\u2011]+/g, ''), after.printed)
  if (lost) problems.push({ note: '', reason: lost })
  for (const reason of compareFigures(before.figures, after.figures)) problems.push({ note: '', reason })
  const clippedNotes = new Map(after.clipped.map((c) => [c.note, c.page]))
  const numbers = Object.keys(before.texts).sort((a, b) => Number(a) - Number(b))
  for (const note of numbers) {
    const line = before.lines[note]
    const report = (reason: string) => problems.push({ note, ...(line ? { line } : {}), reason })
    const callPages = after.calls[note] ?? []
    const pieces = after.bodies[note] ?? []
    const starts = pieces.filter((p) => !p.continued)
    if (after.unfloated.includes(note)) report('its text stayed in the body instead of the foot of the page')
    if (clippedNotes.has(note)) report(`the line with its call runs off page ${clippedNotes.get(note)} and would be cut off`)
    if (!callPages.length) {
      report('its call is missing from the laid-out pages')
      continue
    }
    if (!starts.length) {
      report('its text is missing from the laid-out pages')
      continue
    }
    if (starts.length > 1) report(`its text appears ${starts.length} times (pages ${starts.map((p) => p.page).join(', ')})`)
    const first = starts[0]!
    if (first.page !== callPages[0]) report(`it is called on page ${callPages[0]} but printed on page ${first.page}`)
    const continuation = pieces.filter((p) => p.continued)
    if (continuation.some((p) => p.page <= first.page)) report('a continuation of it is printed before its start')
    const printed = pieces.map((p) => p.text).join('')
    if (printed !== before.texts[note]) report('part of its text was lost in pagination')
  }
  for (const note of Object.keys(after.bodies)) {
    if (!(note in before.texts)) problems.push({ note, reason: 'a note body appeared that the brief does not have' })
  }
  return problems
}

/**
 * Each figure printed once and whole, wherever it went (a figure may float to the next page):
 * the pieces of one figure (a captioned table split over pages) joined, then compared as sets.
 */
function compareFigures(expected: string[], printed: LayoutReading['figures']): string[] {
  const pieces = new Map<string, string>()
  for (const { ref, text } of printed) pieces.set(ref, (pieces.get(ref) ?? '') + text)
  const left = [...pieces.values()]
  const reasons: string[] = []
  for (const text of expected) {
    const at = left.indexOf(text)
    if (at >= 0) left.splice(at, 1)
    else reasons.push(`a figure is missing or cut short ("${text.slice(0, 40)}…")`)
  }
  for (const text of left) reasons.push(`a figure is printed that the brief does not have, or twice ("${text.slice(0, 40)}…")`)
  return reasons
}

/** Where the printed body text first differs from the brief's text, or undefined. */
function compareText(expected: string, printed: LayoutReading['printed']): string | undefined {
  let offset = 0
  for (const { page, text } of printed) {
    const want = expected.slice(offset, offset + text.length)
    if (text !== want) {
      let at = 0
      while (at < text.length && text[at] === want[at]) at++
      return `text on page ${page} is missing or repeated after "…${expected.slice(Math.max(0, offset + at - 30), offset + at)}"`
    }
    offset += text.length
  }
  return offset === expected.length ? undefined : `text is missing at the end, after "…${expected.slice(Math.max(0, offset - 30), offset)}"`
}

/**
 * Problems as messages on the brief: a misplaced note is an error unless the editor allows
 * it (`--allow-misplaced-notes`, then a warning); lost text is always an error.
 */
export function reportLayoutProblems(file: VFile, problems: LayoutProblem[], allowMisplacedNotes: boolean): void {
  for (const problem of problems) {
    const reason = problem.note ? `Note ${problem.note} is misplaced: ${problem.reason}` : `The page layout is incomplete: ${problem.reason}`
    const msg = file.message(reason, {
      place: problem.line ? { line: problem.line, column: 1 } : undefined,
      ruleId: rule(problem.note ? 'misplaced-note' : 'incomplete-layout'),
      source: 'layout',
    })
    msg.note = problem.note
      ? 'Rephrase or move the citation, or build with --allow-misplaced-notes to print anyway'
      : 'The paginator could not lay this brief out whole; an element taller than a page (a huge table row or image) is the usual cause. Please report it with the brief'
    msg.fatal = problem.note ? !allowMisplacedNotes : true
  }
}

/**
 * Empty space at the foot of a page (pt) from which it is reported (`page-hole`): five lines
 * of body text (11 pt at line-height 1.42), 27.6 mm. What the ordinary ways of ending a page
 * leave stays below it: a one-line heading kept with the first two lines of its text leaves at
 * most about 70 pt, a widow avoided about 50. Measured (test/helpers/holes.ts) on the 214 page
 * ends of 32 generated briefs, the example brief and the torture brief, with figures floating
 * and notes sized as now: half within 16 pt, nine in ten within 42 pt, the largest 75 pt (a
 * heading kept with its text; a table row kept with its notes). Before, ten page ends were
 * over the limit, 79 to 325 pt: figures that did not fit (98 to 151 pt) and long notes whose
 * call went to the next page (up to 325 pt). The holes the issue reported were 90 pt and more.
 */
export const pageHoleLimit = 5 * 11 * 1.42

/** What starts the next page, in the words of a `page-hole` message. */
function whatMoved(next: LayoutReading['ends'][number]['next']): string {
  if (!next) return 'what follows'
  if (next.continued) return next.tag === 'p' ? 'the rest of this paragraph' : next.tag === 'table' ? 'the next row of this table' : 'the rest of this block'
  if (/^h[1-6]$/.test(next.tag)) return 'this heading, kept with the start of its text,'
  const names: Record<string, string> = { figure: 'this figure', table: 'this table', tr: 'a row of this table', p: 'this paragraph', ul: 'this list', ol: 'this list', li: 'this list item', blockquote: 'this quotation', pre: 'this code', div: 'this box' }
  return names[next.tag] ?? 'this block'
}

/**
 * A page that ends more than `pageHoleLimit` short of its foot, unless a page break was asked
 * for there, is a warning at the line of what did not fit (it starts the next page).
 */
export function reportPageHoles(file: VFile, ends: LayoutReading['ends']): void {
  for (const { page, gap, forced, next } of ends) {
    if (forced || gap < pageHoleLimit) continue
    file.message(messages.pageHole(page, Math.round(gap / 72 * 25.4), whatMoved(next)), {
      place: next?.line ? { line: next.line, column: 1 } : undefined,
      ruleId: rule('page-hole'),
      source: 'layout',
    })
  }
}
