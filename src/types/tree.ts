/**
 * Node types and shared data that our plugins add to unified's trees and files.
 * Declared here once (module augmentation) so no plugin guesses keys on `file.data`.
 */
import type { ElementContent, Properties } from 'hast'
import type { BlockContent, FootnoteDefinition, Heading, Literal, Parent, PhrasingContent, Table } from 'mdast'
import type { Point, Position } from 'unist'
import type { BriefMeta } from '../brief/front-matter.ts'
import type { TitleBlock } from '../brief/title-block.ts'
import type { Bibliography } from '../citations/engine.ts'
import type { Style } from '../citations/styles.ts'
import type { Source } from '../citations/sources.ts'
import type { Resource } from '../brief/resource.ts'
import type { Logo } from '../config/logo.ts'
import type { InstituteConfig } from '../config/schema.ts'
import type { Deadline } from '../brief/deadline.ts'
import type { Reads } from '../reads.ts'

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
  /**
   * The author's name alone, standing in the running text for an author-in-text citation
   * whose note holds the rest ("Jane Doe¹ says"); it is not a citation of its own for citeproc.
   */
  authorOnly?: boolean
  hName?: string
  hProperties?: Properties
  hChildren?: ElementContent[]
}

/** The bibliography placeholder, replaced by entries once citations are resolved. */
export interface BibliographyNode extends Literal {
  type: 'bibliography'
  data?: { hName?: string; hProperties?: Properties; hChildren?: ElementContent[] }
}

/**
 * The notes of the brief, in number order: every called footnote definition, moved here by
 * remark-number-notes. Each output writes its own note markup from it.
 */
export interface NotesNode {
  type: 'notes'
  children: FootnoteDefinition[]
  position?: Position
  data?: Record<string, never>
}

/** `~sub~` and `^sup^` (remark-sub-super). */
export interface SubSuper extends Parent {
  type: 'subscript' | 'superscript'
  children: PhrasingContent[]
}

/** A numbered figure or captioned table (remark-figures): its content and a figcaption paragraph. */
export interface FigureNode extends Parent {
  type: 'figure'
  children: Array<BlockContent | Table>
}

/** Something a cross-reference can point at: "Figure 1", "Table 2", "Section 3.1". */
export interface CrossTarget {
  kind: 'figure' | 'table' | 'section'
  /** What a reference prints: "Figure 1"; for a section without a number, its heading's text. */
  label: string
  place?: Point
  /**
   * A section without a number (the default, or `.unnumbered`): a reference prints its
   * heading's words, read when the reference is made, so they are typeset as the heading is.
   */
  heading?: Heading
}

declare module 'mdast' {
  interface PhrasingContentMap {
    cite: Cite
    subscript: SubSuper
    superscript: SubSuper
  }
  interface RootContentMap {
    figure: FigureNode
    cite: Cite
    subscript: SubSuper
    superscript: SubSuper
    bibliography: BibliographyNode
    notes: NotesNode
  }
  interface FootnoteDefinitionData {
    /** The note's number, assigned once by remark-number-notes. */
    noteNumber?: number
    /** A note made from a citation (not written by the author). */
    citation?: boolean
    /** How many times the note is called. */
    calls?: number
  }
  interface TextData {
    /** The "Figure 1. " that starts a figure's caption (remark-figures): not part of its image's description. */
    captionLabel?: boolean
  }
  interface FootnoteReferenceData {
    /** The number of the note it calls. */
    noteNumber?: number
    /** 1 for the note's first call, 2 for the second… */
    callIndex?: number
  }
  interface BlockContentMap {
    figure: FigureNode
    bibliography: BibliographyNode
  }
}

declare module 'vfile' {
  interface DataMap {
    /** The institute's settings (brief.config.yaml). */
    config: InstituteConfig
    /** The brief's front matter, checked. */
    meta: BriefMeta
    /** What every output prints above the text, made once from the front matter and the configuration. */
    titleBlock: TitleBlock
    style: Style
    /** The brief's sources by key, read and checked once; set only when every cited key is known. */
    sources: globalThis.Map<string, Source>
    /** Every source the brief's files and `references:` hold, even when a cited key is unknown. */
    library: globalThis.Map<string, Source>
    /** Keys listed by `nocite` (with `@*` expanded). */
    uncited: string[]
    /** The bibliography's entries (cited and `nocite` sources), rendered with the citations. */
    bibliography: Bibliography
    /** Every image the brief uses, by the URL as written, checked once by the Markdown stage. */
    resources: globalThis.Map<string, Resource>
    /** Ids a cross-reference (`@fig-id`) may point at, with what it prints. */
    targets: globalThis.Map<string, CrossTarget>
    /** Facts about the printed layout, for reports and tests. */
    layout: { pages: number; splitParagraphs: number }
    /** Milliseconds each stage of this brief's build took, in the order they ran (--timings). */
    timings: Record<string, number>
    /** When the brief's build must stop (`--timeout`), checked between stages. */
    deadline: Deadline
    /** The brief's folder: the only place the brief may read from. */
    folder: string
    /** The institute's logo (brief.config.yaml), when it has one. */
    logo: Logo
    /** Every file the brief's build read, with the digest of the bytes read (src/reads.ts): what its build record keeps. */
    reads: Reads
  }
}
