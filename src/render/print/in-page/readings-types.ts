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
  /** The body text before pagination, without notes, calls, white space or soft hyphens. */
  body: string
}

export interface LayoutReading {
  pages: number
  /** Note number → pages its call is on. */
  calls: Record<string, number[]>
  /** Note number → pieces of its body: page, whether it continues an earlier piece, text. */
  bodies: Record<string, Array<{ page: number; continued: boolean; text: string }>>
  /** Note numbers whose body stayed in the text flow instead of the note area. */
  unfloated: string[]
  /** Whether the end-of-document marker made it into the pages (Paged.js can give up silently). */
  complete: boolean
  /** The body text drawn inside each page's text box, in the same form as `NoteSnapshot.body`. */
  printed: Array<{ page: number; text: string }>
  /** Single lines of a split paragraph left alone at a page's foot (orphan) or head (widow). */
  lonely: Array<{ page: number; kind: 'orphan' | 'widow'; line?: number }>
  /** Last lines of split paragraphs whose spaces justification opened too wide. */
  stretched?: Array<{ page: number; line?: number }>
  /** How many paragraphs were split over two pages (the orphan/widow check looked at these). */
  splits: number
  /** Headings with nothing after them on their page. */
  stranded: Array<{ page: number; text: string }>
  /** Calls left outside a page's text box, where printing cuts them off. */
  clipped: Array<{ page: number; note: string }>
}
