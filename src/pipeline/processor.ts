/**
 * The pipeline, in order, in one place: one Markdown stage per brief, then one short tail per
 * output.
 *
 *   brief.md ─► Markdown stage ─► numbered mdast ─┬─► web tail   ─► HTML page
 *               (run once)                        ├─► print tail ─► print HTML ─► PDF
 *                                                 ├─► epub tail  ─► XHTML body ─► EPUB
 *                                                 └─► docx tail  ─► HTML tree  ─► DOCX
 *
 * The Markdown stage reads the front matter, the sources and the images, numbers the notes and
 * renders every citation, once. Each tail only turns that tree into its output's markup: the
 * notes through its own remark-rehype handlers, images through its own way of carrying files.
 */
import type { Element, Root as HastRoot } from 'hast'
import type { Root as MdastRoot } from 'mdast'
import rehypeSanitize from 'rehype-sanitize'
import rehypeStringify from 'rehype-stringify'
import remarkParse from 'remark-parse'
import remarkRehype from 'remark-rehype'
import { unified, type PluggableList, type Processor } from 'unified'
import type { Style } from '../citations/styles.ts'
import { defListHastHandlers } from 'remark-definition-list'
import { remarkAttributes } from '../plugins/remark-attributes.ts'
import { remarkBibliography } from '../plugins/remark-bibliography.ts'
import { remarkNoteCalls } from '../plugins/remark-note-calls.ts'
import { remarkCallouts } from '../plugins/remark-callouts.ts'
import { remarkCrossrefs } from '../plugins/remark-crossrefs.ts'
import { remarkFigures } from '../plugins/remark-figures.ts'
import { remarkPageBreaks } from '../plugins/remark-page-breaks.ts'
import { remarkPandocWarnings } from '../plugins/remark-pandoc-warnings.ts'
import { remarkSubSuper } from '../plugins/remark-sub-super.ts'
import { rehypeImageSize } from '../plugins/rehype-image-size.ts'
import { rehypeUrlBreaks } from '../plugins/rehype-url-breaks.ts'
import { remarkBriefMeta } from '../plugins/remark-brief-meta.ts'
import { remarkCitations } from '../plugins/remark-citations.ts'
import { remarkCiteNotes } from '../plugins/remark-cite-notes.ts'
import { remarkFootnoteCheck } from '../plugins/remark-footnote-check.ts'
import { remarkNumberNotes } from '../plugins/remark-number-notes.ts'
import { remarkRenderCitations } from '../plugins/remark-render-citations.ts'
import { remarkResolveCitations } from '../plugins/remark-resolve-citations.ts'
import type { Resource } from '../brief/resource.ts'
import { remarkImageAlt } from '../plugins/remark-image-alt.ts'
import { remarkLinks } from '../plugins/remark-links.ts'
import { remarkResources } from '../plugins/remark-resources.ts'
import { remarkSmartPunctuation } from '../plugins/remark-smart-punctuation.ts'
import { rehypeDocument } from '../plugins/rehype-document.ts'
import { rehypeHyphenate } from '../plugins/rehype-hyphenate.ts'
import { rehypePrintMarks } from '../plugins/rehype-print-marks.ts'
import { rehypeLinks } from '../plugins/rehype-links.ts'
import { rehypeResources } from '../plugins/rehype-resources.ts'
import { rehypeRawWhereNeeded } from '../plugins/rehype-raw-where-needed.ts'
import { rehypeTableAlign } from '../plugins/rehype-table-align.ts'
import { rehypeTableScroll } from '../plugins/rehype-table-scroll.ts'
import { noteHandlers, type NoteMarkup } from './note-markup.ts'
import { stamp } from '../brief/timings.ts'
import { briefSchema } from './sanitize.ts'
import { markdownSyntax } from './syntax.ts'

export interface MarkdownOptions {
  /** The run's style (from `--csl`), overriding the brief's and the configuration's (default: none). */
  style?: Style
  /** Folder that the configuration's relative paths are resolved against (default: cwd). */
  configDir?: string
  /** Keep remote images as remote links instead of refusing them (default: `false`). */
  allowRemote?: boolean
}

export interface TailOptions {
  /** Note markup and output kind (required). */
  notes: NoteMarkup
  /**
   * The `src` each image gets in this output, undefined to drop it; `key` is the image's key in
   * `file.data.resources` (default: drop every image).
   */
  embed?: (resource: Resource, key: string) => string | undefined
  /**
   * Inline an image used many times once, drawing each use from there: for an output that
   * inlines its images, the web page (default: `false`).
   */
  shareImages?: boolean
  /** Soft hyphens in running text, for print; not for `docx` (default: `false`). */
  hyphenate?: boolean
  /** Wrap the body in the Issue Brief page; without it the tail returns the body alone; not for `docx` (default: none). */
  document?: { css?: string; head?: Element[]; generator?: string }
  /**
   * Parse the tree for raw HTML even where it holds none, as rehype-raw alone would (default:
   * `false`): the other side of the test that holds both to the same output.
   */
  parseAllHtml?: boolean
}

export type MarkdownStage = Processor<MdastRoot, MdastRoot, MdastRoot>
export type Tail = Processor<undefined, MdastRoot, HastRoot>
export type BriefProcessor = Processor<MdastRoot, MdastRoot, HastRoot, HastRoot, string>

/** The Markdown stage's plugins, in order. */
function markdownPlugins(options: MarkdownOptions): PluggableList {
  return [
    remarkParse,
    // Stamps add each group's time to the brief's timings, for --timings.
    stamp(undefined),
    // The syntax the parser reads, in the one list the parser's worker uses too.
    ...markdownSyntax,
    remarkBriefMeta,
    remarkFootnoteCheck,
    [remarkResources, { allowRemote: options.allowRemote }],
    stamp('front matter, images'),
    // Pandoc habits, before citations read the text: `~sub~`, `^sup^`, `{#id .class}` blocks,
    // `\newpage`; then whatever pandoc syntax is left unsupported is reported.
    remarkSubSuper,
    remarkAttributes,
    remarkPageBreaks,
    // After attribute blocks leave headings, before sections are numbered: a heading that
    // opens a Quarto callout is its title, not a section.
    remarkCallouts,
    // Numbers figures, tables and sections: the targets of cross-references.
    remarkFigures,
    remarkPandocWarnings,
    remarkCitations,
    // After citations are nodes, so keys and note calls are never "typeset".
    remarkSmartPunctuation,
    // Links the author wrote, judged by the one link rule: after ids are given (`#place` links
    // are checked against them) and citations read (a link's text is no citation, kept or not).
    remarkLinks,
    stamp('Markdown extensions, typesetting'),
    // Style and sources first: whether a citation becomes a note depends on the style.
    [remarkResolveCitations, { style: options.style, configDir: options.configDir }],
    stamp('sources'),
    // `@fig-x` parses like a citation; it becomes a link before citations become notes.
    remarkCrossrefs,
    remarkCiteNotes,
    // All notes exist now (the author's and the citations'): number them, once.
    remarkNumberNotes,
    // Where calls stand: out of links, and never side by side without a separator.
    remarkNoteCalls,
    stamp('notes'),
    // citeproc needs the final note numbers for first / subsequent / ibid.
    remarkRenderCitations,
    // After citations are rendered: an image's description is its caption as printed.
    remarkImageAlt,
    // After the notes node, so the bibliography follows the notes.
    remarkBibliography,
    stamp('citations'),
  ]
}

/** A tail's plugins, in order. */
function tailPlugins(options: TailOptions): PluggableList {
  const plugins: PluggableList = [
    [remarkRehype, { allowDangerousHtml: true, handlers: { ...defListHastHandlers, ...noteHandlers[options.notes] } }],
    // Raw HTML is parsed, then everything is sanitised before our own template adds its parts.
    [rehypeRawWhereNeeded, { always: options.parseAllHtml ?? false }],
    [rehypeSanitize, briefSchema],
    // After sanitising, so only images that survived it are placed.
    [rehypeResources, { embed: options.embed ?? (() => undefined), share: options.shareImages ?? false }],
    // Raw HTML's links too: no output keeps a link to a file on the build machine.
    rehypeLinks,
    rehypeImageSize,
    // Word breaks long URLs by itself: break points would only cut its links into pieces.
    ...(options.notes === 'docx' ? [] : [rehypeUrlBreaks]),
    rehypeTableAlign,
  ]
  if (options.notes === 'web') plugins.push(rehypeTableScroll)
  if (options.notes === 'print') plugins.push(rehypePrintMarks)
  if (options.hyphenate) plugins.push(rehypeHyphenate)
  if (options.document) plugins.push([rehypeDocument, options.document])
  return plugins
}

/** Parses and transforms a brief up to the numbered Markdown tree; run it once per brief. */
export function createMarkdownStage(options: MarkdownOptions = {}): MarkdownStage {
  return unified().use(markdownPlugins(options)).freeze() as unknown as MarkdownStage
}

/** Turns the Markdown stage's tree into one output's HTML tree; it does not change its input. */
export function createTail(options: TailOptions): Tail {
  if (options.notes === 'docx' && (options.hyphenate || options.document)) throw new TypeError('The docx tail takes no `hyphenate` or `document`: Word hyphenates and lays out its pages itself')
  return unified().use(tailPlugins(options)).freeze() as unknown as Tail
}

/** The whole chain for the web page, as one processor: brief.md in, HTML out. */
export function createBriefProcessor(options: MarkdownOptions & Partial<TailOptions> = {}): BriefProcessor {
  const tail: TailOptions = { notes: 'web', ...options, document: options.document ?? {} }
  return unified()
    .use(markdownPlugins(options))
    .use(tailPlugins(tail))
    .use(rehypeStringify) as unknown as BriefProcessor
}
