/**
 * What the print page's scripts add to `window`, and the few parts of Paged.js they use.
 *
 * readings.js and layout-fixes.js are classic scripts injected by src/render/print/pdf.ts; the
 * paginator (Paged.js 0.4.3, `window.Paged`) ships no types, so only what layout-fixes.js
 * touches is declared here, as it is in that version. A newer Paged.js must be checked against
 * these declarations before the pin in package.json moves.
 */
import type { LayoutReading, NoteSnapshot } from './readings-types.ts'

declare global {
  interface Window {
    /** Readings of the page (readings.js): pure reads, plain data for layout-check.ts. */
    __briefProbe: BriefProbe
    /** Adds our handlers to the paginator (layout-fixes.js); PagedConfig.before calls it. */
    __briefRegisterHandlers: (Paged: PagedModule) => void
    /**
     * Makes the handler that floats figures (floats.js); layout-fixes.js registers it, with the
     * way to place a moved figure's notes (the note handler's), when there is one.
     */
    __briefFloatFigures: (Paged: PagedModule, placeNote: ((note: HTMLElement, pageArea: Element) => void) | undefined) => PagedHandlerClass
    /** Settles the soft hyphens once the pages are laid out (layout-fixes.js). */
    __briefSettleSoftHyphens: () => number
    /** Set by PagedConfig.after (pdf.ts) when the paginator is done. */
    __briefPaged?: Promise<boolean>
    /** How many times RecheckOverflow moved a page's break back (nothing reads it; for debugging a layout). */
    __briefRechecks?: number
    /** The paginator's module, once paged.polyfill.js has run. */
    Paged?: PagedModule
    /** Read by paged.polyfill.js when it loads; pdf.ts sets it. */
    PagedConfig?: PagedConfig
  }

  interface BriefProbe {
    snapshotNotes(): NoteSnapshot
    readLayout(): LayoutReading
  }

  interface PagedConfig {
    auto?: boolean
    before?: () => void | Promise<void>
    after?: (done: unknown) => void | Promise<void>
  }

  /** `window.Paged`: the module namespace of paged.polyfill.js (frozen; its arrays are not). */
  interface PagedModule {
    Handler: PagedHandlerClass
    /** The handler classes the paginator instantiates for each run, in order. */
    registeredHandlers: PagedHandlerClass[]
    registerHandlers(...handlers: PagedHandlerClass[]): void
  }

  /** Base of all handlers: methods named after a hook (afterPageLayout, onOverflow, …) are registered on it. */
  interface PagedHandler {
    chunker: PagedChunker
  }

  interface PagedHandlerClass {
    new (chunker: PagedChunker, polisher: unknown, caller: unknown): PagedHandler
    readonly prototype: PagedHandler
  }

  /** The footnotes handler (paged-media/footnotes.js). */
  interface PagedFootnotes extends PagedHandler {
    /** Moves a note into the note area of `pageArea`, adding Paged.js's call for it when asked. */
    moveFootnote(node: HTMLElement, pageArea: Element | null, needsNoteCall: boolean): void
    /** Takes off the page the notes whose calls went with the content a break removed. */
    afterOverflowRemoved(removed: DocumentFragment, rendered: Element): void
    /** Notes, or the rest of notes, to place at the start of the next page. */
    needsLayout: Array<DocumentFragment | HTMLElement>
  }

  interface PagedFootnotesClass {
    new (chunker: PagedChunker, polisher: unknown, caller: unknown): PagedFootnotes
    readonly prototype: PagedFootnotes
  }

  interface PagedChunker {
    /** The parsed content being laid out (source nodes carry data-ref). */
    source: ParentNode
  }

  /** Where the next page starts: a node of the source and an offset in it. */
  interface PagedBreakToken {
    node: Node | undefined
    offset: number
  }

  interface PagedPage {
    /** The element the page's content is rendered into. */
    wrapper: HTMLElement
    /** Set once the page has been laid out. */
    layoutMethod?: PagedLayout
  }

  interface PagedHook {
    trigger(...args: unknown[]): Promise<unknown[]>
  }

  interface PagedLayout {
    /** The page's text box (`.pagedjs_page_content`). */
    element: HTMLElement
    hooks: { afterOverflowRemoved: PagedHook }
    hasOverflow(element: Element, bounds?: DOMRect): boolean
    findOverflow(rendered: Element, bounds?: DOMRect): Range | undefined
    /** Undefined when the overflow cannot be mapped back to the source. */
    createBreakToken(overflow: Range, rendered: Element, source: ParentNode): PagedBreakToken | undefined
    /** Takes the overflow out of the page, hyphenating at the break; returns what it took. */
    removeOverflow(overflow: Range, breakLetter: string | undefined): DocumentFragment
  }
}
