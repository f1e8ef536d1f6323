/**
 * What the print page's readings return (`in-page/readings.js`), as Node receives them
 * (`layout-check.ts`). One definition for both sides: the page code is checked against it by
 * tsconfig.in-page.json. Type-only, with no imports, so the page's type check needs nothing
 * from the Node side's packages.
 */

export interface NoteSnapshot {
  /** Note number → its text before pagination (whitespace removed, for a loss-free compare). */
  texts: Record<string, string>
  /** Note number → source line of its call in brief.md. */
  lines: Record<string, number>
  /** The body text before pagination, without notes, calls, figures, white space or soft hyphens. */
  body: string
  /** The text of each figure and captioned table, in the same form: checked apart, as a figure may float. */
  figures: string[]
}

export interface LayoutReading {
  pages: number
  /** Note number → pages its call is on. */
  calls: Record<string, number[]>
  /** Note number → pieces of its body: page, whether it continues an earlier piece, text. */
  bodies: Record<string, Array<{ page: number; continued: boolean; text: string }>>
  /** Note numbers whose body stayed in the text flow instead of the note area. */
  unfloated: string[]
  /** Whether the end-of-document marker made it into the pages (a paginator can give up silently). */
  complete: boolean
  /** The body text drawn inside each page's text box, in the same form as `NoteSnapshot.body`. */
  printed: Array<{ page: number; text: string }>
  /** Each figure's text drawn inside a page's text box; `ref` is the same on every piece of one figure. */
  figures: Array<{ page: number; ref: string; text: string }>
  /** Single lines of a split paragraph left alone at a page's foot (orphan) or head (widow). */
  lonely: Array<{ page: number; kind: 'orphan' | 'widow'; line?: number }>
  /** Last lines of split paragraphs whose spaces justification opened too wide. */
  stretched?: Array<{ page: number; line?: number }>
  /**
   * Every page but the last: the empty space (pt) between its last line (or image, or table
   * row) and the foot of its text box, above the notes; whether a forced page break ends it;
   * and what starts the next page, with its line in brief.md (`continued` when that is the
   * rest of a paragraph, list or table begun on this page).
   */
  ends: Array<{ page: number; gap: number; forced: boolean; next?: { tag: string; line?: number; continued: boolean } }>
  /** How many paragraphs were split over two pages (the orphan/widow check looked at these). */
  splits: number
  /** Headings with nothing after them on their page. */
  stranded: Array<{ page: number; text: string }>
  /** Calls left outside a page's text box, where printing cuts them off. */
  clipped: Array<{ page: number; note: string }>
}
