/**
 * Node types and shared data that our plugins add to unified's trees and files.
 * Declared here once (module augmentation) so no plugin guesses keys on `file.data`.
 */
import type { ElementContent, Properties } from 'hast'
import type { Literal } from 'mdast'
import type { Point, Position } from 'unist'
import type { BriefMeta } from '../brief/front-matter.ts'
import type { CitationSession, Style } from '../citations/engine.ts'
import type { InstituteConfig } from '../config/schema.ts'

export interface CiteItem {
  key: string
  prefix: string
  suffix: string
  locator?: string
  label?: string
  suppressAuthor: boolean
  /** Where the `@key` is in brief.md. */
  place: Point
}

/** A citation cluster in the Markdown tree; `value` is the text as written. */
export interface Cite extends Literal {
  type: 'cite'
  mode: 'normal' | 'author-in-text'
  items: CiteItem[]
  position?: Position
  data?: CiteData
}

export interface CiteData {
  /** Rendered by citeproc (HTML fragment), set once citations are resolved. */
  html?: string
  /** For author-in-text: the author part shown in the running text. */
  authorHtml?: string
  /** Note number the citation belongs to (0 = running text of an author-date brief). */
  noteIndex?: number
  /** True when the cite sits inside an author footnote. */
  inNote?: boolean
  hName?: string
  hProperties?: Properties
  hChildren?: ElementContent[]
}

/** The bibliography placeholder, replaced by entries once citations are resolved. */
export interface BibliographyNode extends Literal {
  type: 'bibliography'
  data?: { hName?: string; hProperties?: Properties; hChildren?: ElementContent[] }
}

declare module 'mdast' {
  interface PhrasingContentMap {
    cite: Cite
  }
  interface RootContentMap {
    cite: Cite
    bibliography: BibliographyNode
  }
  interface BlockContentMap {
    bibliography: BibliographyNode
  }
}

declare module 'vfile' {
  interface DataMap {
    /** The institute's settings (brief.config.yaml). */
    config: InstituteConfig
    /** The brief's front matter, checked. */
    meta: BriefMeta
    style: Style
    citations: CitationSession
    /** Keys listed by `nocite` (with `@*` expanded). */
    uncited: string[]
    /** Facts about the printed layout, for reports and tests. */
    layout: { pages: number; splitParagraphs: number }
    /** The brief's folder: the only place the brief may read from. */
    folder: string
  }
}
