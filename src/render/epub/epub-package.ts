/**
 * The EPUB 3 container: an in-memory book in, the bytes of one .epub file out.
 *
 * Two rules shape the zip. Reading systems recognise an EPUB by its first bytes, so the
 * `mimetype` entry comes first, stored (not deflated) and without an extra field (OCF 3.0).
 * And the same book must give the same bytes on every machine, so builds can be compared and
 * cached: nothing here reads the clock or the time zone, every entry is stamped with the
 * book's `modified` time, and the deflate level is fixed.
 *
 * Glossary: the *package document* is OEBPS/content.opf (metadata, manifest, spine); the
 * *navigation document* is OEBPS/nav.xhtml (table of contents and landmarks). Every `path`
 * and `href` in an `EpubBook` is relative to OEBPS/, where both of them live.
 */
import { deflateLevel, reproducibleZip } from '../shared/packaging.ts'
import { xmlAttribute, xmlChars, xmlText } from '../../text/xml.ts'

export interface EpubDocument {
  /** Path inside the book's OEBPS folder, e.g. 'text/title.xhtml'. */
  path: string
  /** The complete XHTML document (XML declaration, <!DOCTYPE html>, <html xmlns=… xmlns:epub=…>), already serialised. */
  content: string
  /** Manifest item id (NCName), e.g. 'title'. */
  id: string
  /** OPF manifest properties other than 'nav', e.g. ['svg'] (default none). Compute nothing here; caller passes them. */
  properties?: string[]
}
export interface EpubResource { path: string; id: string; mediaType: string; data: Uint8Array }
export interface NavEntry { title: string; href: string; children?: NavEntry[] }
export interface EpubBook {
  /** e.g. 'urn:uuid:…' (stable, derived by the caller). */
  identifier: string
  title: string
  subtitle?: string
  /** Display names, in order; each becomes its own dc:creator with role aut (refines via meta property="role" scheme="marc:relators"). */
  authors: string[]
  /** 'YYYY-MM-DD' publication date, optional. */
  date?: string
  publisher?: string
  /** BCP 47 language tag, e.g. 'en-US'. */
  lang: string
  subjects: string[]
  description?: string
  /** dcterms:modified value, 'YYYY-MM-DDThh:mm:ssZ'. Also used for every zip entry's timestamp. */
  modified: string
  /** Series label, e.g. 'Issue Brief' (belongs-to-collection). Optional. */
  series?: string
  /** Spine order = array order. The first one is the title page. */
  documents: EpubDocument[]
  /** Table of contents for nav.xhtml (nested ol). */
  toc: NavEntry[]
  /** Landmarks for nav.xhtml: titlepage / bodymatter / bibliography etc: { type: epub:type value, title, href }. */
  landmarks: Array<{ type: string; title: string; href: string }>
  /** Stylesheet, fonts, images. */
  resources: EpubResource[]
  /** schema.org accessibility metadata; the caller decides the truth, this module only writes it. */
  accessibility: { accessModes: string[]; accessModesSufficient: string[][]; features: string[]; hazards: string[]; summary: string }
}

const xhtml = 'application/xhtml+xml'
/** The package document's own ids share one id space with the manifest's. */
const navId = 'nav'
const ownIdPrefix = 'opf-'
/** Files this module writes into OEBPS/ itself. */
const ownPaths = ['content.opf', 'nav.xhtml']

const containerXml = `<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles>
    <rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/>
  </rootfiles>
</container>
`

export function packageEpub(book: EpubBook): Uint8Array {
  checkBook(book)
  const entries: Array<[string, string | Uint8Array]> = [
    ['mimetype', 'application/epub+zip'],
    ['META-INF/container.xml', containerXml],
    ['OEBPS/content.opf', packageDocument(book)],
    ['OEBPS/nav.xhtml', navDocument(book)],
    ...book.documents.map((doc): [string, string] => [`OEBPS/${doc.path}`, doc.content]),
    ...book.resources.map((res): [string, Uint8Array] => [`OEBPS/${res.path}`, res.data]),
  ]
  // The mimetype comes first and is stored, not compressed, as OCF requires; so are fonts and
  // images, which are compressed already (deflating them again took a quarter of a book's time
  // and saved under 1 %).
  return reproducibleZip(entries, book.modified, (name) => (name === 'mimetype' || compressedAlready.test(name) ? 0 : deflateLevel))
}

const compressedAlready = /\.(woff2?|png|jpe?g|gif|webp)$/i

/** Caller mistakes that would otherwise surface as a broken book or a silently dropped file. */
function checkBook(book: EpubBook): void {
  if (book.documents.length === 0) throw new Error('Unexpected empty `documents`, expected at least the title page')
  if (book.toc.length === 0) throw new Error('Unexpected empty `toc`, expected at least one entry (EPUB forbids an empty table of contents)')
  const ids = new Set([navId])
  const paths = new Set(ownPaths)
  for (const item of [...book.documents, ...book.resources]) {
    if (!/^[\p{L}_][\p{L}\p{N}\p{M}_.-]*$/u.test(item.id) || item.id.startsWith(ownIdPrefix) || ids.has(item.id)) {
      throw new Error(`Unexpected manifest id \`${item.id}\`, expected a unique XML name, not \`${navId}\` and not starting with \`${ownIdPrefix}\``)
    }
    ids.add(item.id)
    // OCF asks for names that stay distinct after case folding.
    const key = item.path.toLowerCase()
    const segments = item.path.split('/')
    if (segments.some((s) => s === '' || s === '.' || s === '..' || s.includes('\\')) || paths.has(key)) {
      throw new Error(`Unexpected path \`${item.path}\`, expected a unique relative path inside OEBPS/ without \`.\` or \`..\` segments`)
    }
    paths.add(key)
  }
  for (const doc of book.documents) {
    if (doc.properties?.includes('nav')) throw new Error(`Unexpected property \`nav\` on \`${doc.id}\`, expected none: this module writes the navigation document`)
  }
}

function packageDocument(book: EpubBook): string {
  const lang = xmlAttribute(book.lang)
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="${ownIdPrefix}identifier" xml:lang="${lang}">`,
    '  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">',
    ...metadata(book).map((line) => `    ${line}`),
    '  </metadata>',
    '  <manifest>',
    `    ${item(navId, 'nav.xhtml', xhtml, ['nav'])}`,
    ...book.documents.map((doc) => `    ${item(doc.id, doc.path, xhtml, doc.properties)}`),
    ...book.resources.map((res) => `    ${item(res.id, res.path, res.mediaType)}`),
    '  </manifest>',
    // The navigation document stays out of the spine: readers offer it from their own menu,
    // and the title page, not a bare list of links, is what the reader should open on.
    '  <spine>',
    ...book.documents.map((doc) => `    <itemref idref="${xmlAttribute(doc.id)}"/>`),
    '  </spine>',
    '</package>',
    '',
  ].join('\n')
}

function metadata(book: EpubBook): string[] {
  const id = (name: string) => `${ownIdPrefix}${name}`
  const lines = [`<dc:identifier id="${id('identifier')}">${xmlText(book.identifier)}</dc:identifier>`]
  lines.push(element('dc:title', shown(book.title) ? book.title : 'Untitled', id('title')), refine(id('title'), 'title-type', 'main'))
  if (shown(book.subtitle)) lines.push(element('dc:title', book.subtitle, id('subtitle')), refine(id('subtitle'), 'title-type', 'subtitle'))
  book.authors.filter(shown).forEach((name, i) => {
    const creator = id(`creator-${i + 1}`)
    lines.push(element('dc:creator', name, creator), refine(creator, 'role', 'aut', 'marc:relators'))
  })
  if (book.date) lines.push(element('dc:date', book.date))
  if (shown(book.publisher)) lines.push(element('dc:publisher', book.publisher))
  lines.push(element('dc:language', book.lang))
  for (const subject of book.subjects.filter(shown)) lines.push(element('dc:subject', subject))
  if (shown(book.description)) lines.push(element('dc:description', book.description))
  lines.push(meta('dcterms:modified', book.modified))
  if (shown(book.series)) {
    lines.push(`<meta property="belongs-to-collection" id="${id('series')}">${xmlText(book.series)}</meta>`)
    lines.push(refine(id('series'), 'collection-type', 'series'))
  }
  const a11y = book.accessibility
  for (const mode of a11y.accessModes) lines.push(meta('schema:accessMode', mode))
  for (const modes of a11y.accessModesSufficient) lines.push(meta('schema:accessModeSufficient', modes.join(',')))
  for (const feature of a11y.features) lines.push(meta('schema:accessibilityFeature', feature))
  for (const hazard of a11y.hazards) lines.push(meta('schema:accessibilityHazard', hazard))
  if (shown(a11y.summary)) lines.push(meta('schema:accessibilitySummary', a11y.summary))
  return lines
}

/**
 * Whether a value has text left once the characters XML forbids are gone: the package's
 * metadata elements must not be empty (EPUBCheck RSC-005), so one with nothing left is left out.
 */
const shown = (text: string | undefined): text is string => Boolean(text && xmlChars(text).trim())

function element(name: string, text: string, id?: string): string {
  return `<${name}${id ? ` id="${id}"` : ''}>${xmlText(text)}</${name}>`
}

function meta(property: string, text: string): string {
  return `<meta property="${property}">${xmlText(text)}</meta>`
}

function refine(id: string, property: string, text: string, scheme?: string): string {
  return `<meta refines="#${id}" property="${property}"${scheme ? ` scheme="${scheme}"` : ''}>${xmlText(text)}</meta>`
}

function item(id: string, path: string, mediaType: string, properties: string[] = []): string {
  const props = properties.length ? ` properties="${xmlAttribute(properties.join(' '))}"` : ''
  return `<item id="${xmlAttribute(id)}" href="${xmlAttribute(pathToHref(path))}" media-type="${xmlAttribute(mediaType)}"${props}/>`
}

/** A manifest href is a URL: a space or `#` in a file name has to be percent-encoded. */
function pathToHref(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/')
}

function navDocument(book: EpubBook): string {
  const lang = xmlAttribute(book.lang)
  const css = book.resources.find((res) => res.mediaType === 'text/css')
  const landmarks = book.landmarks.map((mark) => `<li><a epub:type="${xmlAttribute(mark.type)}" href="${xmlAttribute(mark.href)}">${xmlText(mark.title)}</a></li>`)
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!DOCTYPE html>',
    `<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="${lang}" xml:lang="${lang}">`,
    '<head>',
    '<meta charset="utf-8"/>',
    `<title>${xmlText(book.title)}</title>`,
    ...(css ? [`<link rel="stylesheet" href="${xmlAttribute(pathToHref(css.path))}"/>`] : []),
    '</head>',
    '<body>',
    '<nav epub:type="toc" id="toc" role="doc-toc" aria-labelledby="toc-title">',
    '<h1 id="toc-title">Contents</h1>',
    navList(book.toc),
    '</nav>',
    // EPUBCheck rejects an empty <ol>, so a book without landmarks gets no landmarks nav at all.
    ...(landmarks.length ? ['<nav epub:type="landmarks" id="landmarks" hidden="">', '<h2>Landmarks</h2>', `<ol>\n${landmarks.join('\n')}\n</ol>`, '</nav>'] : []),
    '</body>',
    '</html>',
    '',
  ].join('\n')
}

function navList(entries: NavEntry[]): string {
  const items = entries.map((entry) => {
    const children = entry.children?.length ? `\n${navList(entry.children)}\n` : ''
    // A title of nothing but characters XML cannot carry is empty once written; a nav link must have text.
    return `<li><a href="${xmlAttribute(entry.href)}">${xmlChars(entry.title).trim() ? xmlText(entry.title) : 'Untitled'}</a>${children}</li>`
  })
  return `<ol>\n${items.join('\n')}\n</ol>`
}
