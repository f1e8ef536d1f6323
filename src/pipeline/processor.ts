/**
 * createBriefProcessor(): the whole Markdown → HTML chain in one place, in order.
 */
import type { Element, Root as HastRoot } from 'hast'
import type { Root as MdastRoot } from 'mdast'
import rehypeRaw from 'rehype-raw'
import rehypeSanitize from 'rehype-sanitize'
import rehypeStringify from 'rehype-stringify'
import remarkFrontmatter from 'remark-frontmatter'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import remarkRehype from 'remark-rehype'
import { unified, type Processor } from 'unified'
import { remarkBibliography } from '../plugins/remark-bibliography.ts'
import { remarkBriefMeta } from '../plugins/remark-brief-meta.ts'
import { remarkCitations } from '../plugins/remark-citations.ts'
import { remarkFootnoteCheck } from '../plugins/remark-footnote-check.ts'
import { remarkCiteNotes } from '../plugins/remark-cite-notes.ts'
import { remarkResolveCitations } from '../plugins/remark-resolve-citations.ts'
import { rehypeDocument } from '../plugins/rehype-document.ts'
import { rehypePrintNotes } from '../plugins/rehype-print-notes.ts'
import { rehypeHyphenate } from '../plugins/rehype-hyphenate.ts'
import { rehypeLocalImages } from '../plugins/rehype-local-images.ts'
import { rehypeFigures } from '../plugins/rehype-figures.ts'
import { briefSchema } from './sanitize.ts'

export interface ProcessorOptions {
  /** A CSL style overriding the brief's and the configuration's (default: none). */
  csl?: string
  /** Folder that the configuration's relative paths are resolved against (default: cwd). */
  configDir?: string
  /** Stylesheet text inlined into the page (default: none). */
  css?: string
  /** Extra `<head>` elements, e.g. font faces (default: none). */
  head?: Element[]
  /** `<meta name="generator">` value (default: `issi-briefs`). */
  generator?: string
  /**
   * Note markup (default: `list`): `list` for the web (a numbered list with links both ways),
   * `inline` for print (each note body at its call, for the paginator to float to the page foot).
   */
  notes?: 'list' | 'inline'
  /** Embed local images as data: URLs, for a self-contained page (default: `false`). */
  inlineImages?: boolean
}

export type BriefProcessor = Processor<MdastRoot, MdastRoot, HastRoot, HastRoot, string>

export function createBriefProcessor(options: ProcessorOptions = {}): BriefProcessor {
  const processor = unified()
    .use(remarkParse)
    // YAML only (closed by `---` or, as pandoc allows, `...`): TOML or other front matter is
    // not recognised, so it can't be executed either.
    .use(remarkFrontmatter, ['yaml', { type: 'yaml', fence: { open: '---', close: '...' } }])
    // GFM before citations: footnote calls `[^x]` and autolinked e-mails must be parsed first
    // so `[^x]` and `jane@example.org` are never mistaken for citations.
    .use(remarkGfm)
    .use(remarkBriefMeta)
    .use(remarkFootnoteCheck)
    .use(remarkCitations)
    // Needs meta (style, sources) and cite nodes; renders all citations in one citeproc pass.
    .use(remarkResolveCitations, { csl: options.csl, configDir: options.configDir })
    // Citations become footnotes before remark-rehype, which numbers and links all notes.
    .use(remarkCiteNotes)
    .use(remarkBibliography)
    .use(remarkRehype, { allowDangerousHtml: true, footnoteLabel: 'Notes', footnoteBackLabel: (n) => `Back to call ${n + 1}` })
    // Raw HTML is parsed, then everything is sanitised before our own template adds its parts.
    .use(rehypeRaw)
    .use(rehypeSanitize, briefSchema)
    // After sanitising, so only images that survived it are looked up.
    .use(rehypeLocalImages, { inline: options.inlineImages })
    .use(rehypeFigures)
  // Print moves each note body to its call; after sanitising, as it builds our own markup.
  if (options.notes === 'inline') processor.use(rehypePrintNotes).use(rehypeHyphenate)
  return processor
    .use(rehypeDocument, { css: options.css, head: options.head, generator: options.generator })
    .use(rehypeStringify) as unknown as BriefProcessor
}
