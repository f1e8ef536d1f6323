/**
 * The EPUB 3: a title page with the masthead, the brief as one content document whose notes
 * are pop-up footnotes (noteref → aside), the bibliography as its own section, navigation from
 * the headings, the PDF's fonts and the brief's images inside the book. Nothing remote, no
 * scripts. Reproducible: the same brief gives the same bytes (identifier and timestamps are
 * derived from the brief, never from the clock).
 */
import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import type { Element, ElementContent, Root as HastRoot } from 'hast'
import type { Root } from 'mdast'
import { toString } from 'hast-util-to-string'
import { SKIP, visit } from 'unist-util-visit'
import type { VFile } from 'vfile'
import { abstractSection, masthead } from '../../../templates/issue-brief.ts'
import { defaultConfig } from '../../config/schema.ts'
import { createTail, type Tail } from '../../pipeline/processor.ts'
import type { Resource } from '../../brief/resource.ts'
import { bookIdentifier, modifiedDate } from '../shared/packaging.ts'
import { packageEpub, type EpubBook, type EpubResource, type NavEntry } from './epub-package.ts'
import { fontFaceCss, fontFiles } from '../shared/fonts.ts'
import { runTail } from '../shared/tail.ts'
import { toXhtml } from './xhtml.ts'
import { outputCss } from '../shared/stylesheet.ts'
import { toolkitUrl } from '../../toolkit.ts'
import { messages } from '../../messages.ts'
import { rule } from '../../rules.ts'
import { normalizeUri } from 'micromark-util-sanitize-uri'

export const epubStylesheet = toolkitUrl('styles', 'epub.css')

/** EPUB 3.2's core image types; others (WebP) would need a fallback, so they are left out. */
const bookImageTypes = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/svg+xml'])

/** The extension an image gets in the book, from the type its bytes are (a JPEG saved as .png is a .jpg here). */
const extensions: Record<string, string> = { 'image/png': '.png', 'image/jpeg': '.jpg', 'image/gif': '.gif', 'image/svg+xml': '.svg' }

/**
 * Where an image goes inside the book: named by its content, so the name is stable and an
 * image used many times, under one name or several, is one file and one manifest item.
 */
function imagePath(resource: Extract<Resource, { kind: 'local' }>): string {
  const hash = createHash('sha256').update(resource.data).digest('hex').slice(0, 16)
  return `images/${hash}${extensions[resource.mediaType] ?? path.extname(resource.path).toLowerCase()}`
}

/** Content documents live in text/, so book paths are one level up from them. */
function embedInBook(resource: Resource): string | undefined {
  if (resource.kind !== 'local' || !bookImageTypes.has(resource.mediaType)) return undefined
  return `../${imagePath(resource)}`
}

export class EpubRenderer {
  private constructor(
    private readonly tail: Tail,
    private readonly css: string,
    private readonly fonts: EpubResource[],
  ) {}

  static async create(): Promise<EpubRenderer> {
    const fonts = await Promise.all(
      fontFiles().map(async (font, i): Promise<EpubResource> => ({ path: `fonts/${font.name}`, id: `font-${i + 1}`, mediaType: 'font/woff2', data: await readFile(font.path) })),
    )
    const css = await outputCss(fontFaceCss((name) => `../fonts/${name}`), epubStylesheet)
    return new EpubRenderer(createTail({ notes: 'epub', embed: embedInBook }), css, fonts)
  }

  /** The book for a brief the Markdown stage has made into `tree`. */
  async render(tree: Root, file: VFile, slug: string): Promise<Uint8Array> {
    const meta = file.data.meta!
    const block = file.data.titleBlock!
    const config = file.data.config ?? defaultConfig
    const body = await runTail(this.tail, tree, file)
    for (const resource of file.data.resources?.values() ?? []) {
      if (resource.kind === 'local' && !bookImageTypes.has(resource.mediaType)) file.message(messages.imageNotForEpub(path.basename(resource.path)), { ruleId: rule('image-type'), source: 'epub' })
    }
    const bibliography = sectionBibliography(body)
    const toc = headingIds(body)
    const images = bookImages(body, file)
    const content = (body.children as ElementContent[])
    const page = (title: string, children: ElementContent[], type: string) =>
      toXhtml({ title, lang: meta.lang, stylesheet: '../styles/book.css', body: [el('section', { 'epub:type': type, className: [type] }, children)] })
    const book: EpubBook = {
      identifier: bookIdentifier(config, slug),
      title: meta.title,
      ...(meta.subtitle ? { subtitle: meta.subtitle } : {}),
      authors: meta.authors.map((a) => a.name),
      ...(meta.date ? { date: meta.date } : {}),
      publisher: block.institute,
      lang: meta.lang,
      subjects: meta.keywords,
      ...(meta.abstract ? { description: meta.abstract } : {}),
      modified: modifiedDate(meta),
      series: block.series,
      documents: [
        { path: 'text/title.xhtml', id: 'title-page', content: page(meta.title, [masthead(block, block.logo && `../images/${block.logo.name}`)], 'titlepage') },
        { path: 'text/brief.xhtml', id: 'brief', content: page(meta.title, [...abstractSection(block), ...content], 'bodymatter') },
      ],
      toc: [{ title: meta.title, href: 'text/title.xhtml' }, ...toc.map((entry) => prefixHref(entry, 'text/brief.xhtml'))],
      landmarks: [
        { type: 'titlepage', title: 'Title page', href: 'text/title.xhtml' },
        { type: 'bodymatter', title: 'Start of the brief', href: 'text/brief.xhtml' },
        ...(bibliography ? [{ type: 'bibliography', title: 'Bibliography', href: `text/brief.xhtml${normalizeUri(`#${bibliography}`)}` }] : []),
      ],
      resources: [
        { path: 'styles/book.css', id: 'css', mediaType: 'text/css', data: new TextEncoder().encode(this.css) },
        ...this.fonts,
        ...images,
        ...(block.logo ? [{ path: `images/${block.logo.name}`, id: 'logo', mediaType: block.logo.mediaType, data: block.logo.data }] : []),
      ],
      accessibility: accessibility(body),
    }
    return packageEpub(book)
  }
}

const el = (tagName: string, properties: Element['properties'], children: ElementContent[] = []): Element => ({ type: 'element', tagName, properties, children })
const text = (value: string): ElementContent => ({ type: 'text', value })

/** Gives every h2/h3 an id and returns them as a nested table of contents. */
function headingIds(tree: HastRoot): NavEntry[] {
  const toc: NavEntry[] = []
  const used = new Set<string>()
  visit(tree, 'element', (node) => {
    if (typeof node.properties.id === 'string') used.add(node.properties.id)
  })
  let count = 0
  visit(tree, 'element', (node) => {
    if (node.tagName !== 'h2' && node.tagName !== 'h3') return
    if (typeof node.properties.id !== 'string') {
      let id = `sec-${++count}`
      while (used.has(id)) id = `sec-${++count}`
      used.add(id)
      node.properties.id = id
    }
    // An author's id may hold what a URI may not (`{#x]]>y}`): the link percent-encodes it, as every kept link is.
    const entry = { title: toString(node).trim() || 'Section', href: normalizeUri(`#${String(node.properties.id)}`) }
    const parent = toc.at(-1)
    if (node.tagName === 'h3' && parent) (parent.children ??= []).push(entry)
    else toc.push(entry)
    return SKIP
  })
  return toc
}

const prefixHref = (entry: NavEntry, file: string): NavEntry => ({
  title: entry.title,
  href: `${file}${entry.href}`,
  ...(entry.children ? { children: entry.children.map((child) => prefixHref(child, file)) } : {}),
})

/**
 * The bibliography as a section of its own (`doc-bibliography`) with its heading, so it has a
 * place in the navigation; returns the section's id.
 */
function sectionBibliography(tree: HastRoot): string | undefined {
  const children = tree.children
  const index = children.findIndex((n) => n.type === 'element' && n.properties.id === 'refs')
  if (index < 0) return undefined
  let start = index
  while (start > 0 && children[start - 1]!.type === 'text') start--
  const previous = children[start - 1]
  const hasHeading = previous?.type === 'element' && /^h[1-6]$/.test(previous.tagName)
  const heading = hasHeading ? (previous as Element) : el('h2', {}, [text('References')])
  // The Markdown stage renames an author's `bibliography` id, and rehype-links keeps raw HTML's
  // ids unique; still, the section's id must be one no element has.
  const used = new Set<string>()
  visit(tree, 'element', (node) => {
    if (typeof node.properties.id === 'string') used.add(node.properties.id)
  })
  let id = 'bibliography'
  for (let n = 2; used.has(id); n++) id = `bibliography-${n}`
  const section = el('section', { id, 'epub:type': 'bibliography', role: 'doc-bibliography' }, [heading, children[index] as Element])
  children.splice(hasHeading ? start - 1 : index, hasHeading ? index - start + 2 : 1, section)
  return id
}

/** The images the book's pages use, as manifest resources. */
function bookImages(tree: HastRoot, file: VFile): EpubResource[] {
  const wanted = new Set<string>()
  visit(tree, 'element', (node) => {
    if (node.tagName === 'img' && typeof node.properties.src === 'string') wanted.add(node.properties.src.replace(/^\.\.\//, ''))
  })
  const images = new Map<string, EpubResource>()
  for (const resource of file.data.resources?.values() ?? []) {
    if (resource.kind !== 'local') continue
    const where = imagePath(resource)
    if (wanted.has(where) && !images.has(where)) images.set(where, { path: where, id: `img-${images.size + 1}`, mediaType: resource.mediaType, data: resource.data })
  }
  return [...images.values()]
}

/** What a reader needs to know about the book's accessibility, as it is. */
function accessibility(tree: HastRoot): EpubBook['accessibility'] {
  let images = 0
  let described = 0
  visit(tree, 'element', (node) => {
    if (node.tagName !== 'img') return
    images++
    if (String(node.properties.alt ?? '').trim()) described++
  })
  const allDescribed = images === described
  return {
    accessModes: images ? ['textual', 'visual'] : ['textual'],
    accessModesSufficient: images && !allDescribed ? [['textual', 'visual']] : images ? [['textual'], ['textual', 'visual']] : [['textual']],
    features: ['structuralNavigation', 'tableOfContents', 'readingOrder', ...(images && allDescribed ? ['alternativeText'] : [])],
    hazards: ['none'],
    summary: images && !allDescribed
      ? 'Reflowable text with headings, a table of contents and linked notes; some images have no text description.'
      : 'Reflowable text with headings, a table of contents and linked notes' + (images ? '; every image has a text description.' : '.'),
  }
}
