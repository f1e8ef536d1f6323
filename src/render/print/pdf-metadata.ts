/**
 * Document metadata Chromium does not write (author, subject, keywords, creator, language),
 * the dates it writes from the clock, and the bookmarks' titles as written, set on the printed
 * PDF. Chromium's own file is patched in place (`patchInPlace`: a few small objects written
 * again, every other byte kept); any other PDF is rewritten object by object by pdf-lib (as
 * @cantoo/pdf-lib, its maintained fork). Either way the structure tree (tags) and the outline
 * (bookmarks) pass through untouched; test/pdf.test.ts checks both afterwards, and
 * test/pdf-metadata.test.ts that both paths give the same metadata.
 */
import type { PDFDict } from '@cantoo/pdf-lib'

export interface PdfMetadata {
  title: string
  authors: string[]
  subject: string
  keywords: string[]
  creator: string
  lang: string
  /**
   * CreationDate: when the brief was first issued (its `date`), kept by a re-issue, as a
   * PDF edited and saved again keeps its creation date; ISO, `YYYY-MM-DDThh:mm:ssZ`.
   */
  created: string
  /** ModDate: the last correction (`date-modified`), or `SOURCE_DATE_EPOCH` when set; ISO. */
  modified: string
  /**
   * The headings as written, in document order, for the bookmarks: Chromium names them after
   * the rendered text, upper-cased by the stylesheet and with words joined across line breaks.
   */
  headings?: string[]
}

/**
 * pdf-lib yields to the event loop every 100 objects it parses and every 50 it writes, a
 * setTimeout each (1 ms or more, more on a loaded machine). A tagged PDF has an object per
 * structure element: 11,300 on L's 86 pages, so those 340 yields cost 0.9–1.3 s of L's print
 * stage. One yield per 2,000 objects keeps a batch's other brief and `brief watch` answering.
 */
const objectsPerYield = 2_000

export async function setPdfMetadata(pdf: Uint8Array, meta: PdfMetadata): Promise<Uint8Array> {
  return patchInPlace(pdf, meta) ?? rewrite(pdf, meta)
}

/** pdf-lib reads every object and writes the file again: for a PDF `patchInPlace` does not expect. */
async function rewrite(pdf: Uint8Array, meta: PdfMetadata): Promise<Uint8Array> {
  // Loaded only when needed: its 1.2 MB take 50–120 ms to load, on every PDF build if imported above.
  const lib = await import('@cantoo/pdf-lib')
  const doc = await lib.PDFDocument.load(pdf, { updateMetadata: false, parseSpeed: objectsPerYield })
  doc.setTitle(meta.title, { showInWindowTitleBar: true })
  if (meta.authors.length) doc.setAuthor(meta.authors.join(', '))
  doc.setSubject(meta.subject)
  if (meta.keywords.length) doc.setKeywords(meta.keywords)
  doc.setCreator(meta.creator)
  doc.setProducer(producer(meta))
  doc.setLanguage(meta.lang)
  doc.setCreationDate(new Date(meta.created))
  doc.setModificationDate(new Date(meta.modified))
  if (meta.headings) renameOutline(lib, doc, meta.headings)
  // The PDF has always declared 1.7 (ISO 32000-1, the base of PDF/UA-1): pdf-lib wrote that
  // whatever the input said; its fork keeps Chromium's 1.4, so the version is set as before.
  doc.context.header = lib.PDFHeader.forVersion(1, 7)
  return doc.save({ useObjectStreams: false, addDefaultPage: false, updateFieldAppearances: false, objectsPerTick: objectsPerYield })
}

/** Gives the outline's entries, depth first, the headings' own words, when their counts agree. */
function renameOutline(lib: typeof import('@cantoo/pdf-lib'), doc: import('@cantoo/pdf-lib').PDFDocument, headings: string[]): void {
  const { PDFDict, PDFHexString, PDFName } = lib
  const items: PDFDict[] = []
  const walk = (dict: PDFDict | undefined) => {
    for (let item = dict; item; item = item.lookupMaybe(PDFName.of('Next'), PDFDict)) {
      items.push(item)
      walk(item.lookupMaybe(PDFName.of('First'), PDFDict))
    }
  }
  const outlines = doc.catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict)
  walk(outlines?.lookupMaybe(PDFName.of('First'), PDFDict))
  if (items.length !== headings.length) return
  items.forEach((item, i) => item.set(PDFName.of('Title'), PDFHexString.fromText(bookmarkTitle(headings[i]!))))
}

/** A heading as a bookmark's title: on one line, as written (either path). */
const bookmarkTitle = (heading: string) => heading.replace(/\s+/g, ' ').trim()

/** Who made the file: our command, through Chromium's printing (the same on either path). */
const producer = (meta: PdfMetadata) => `${meta.creator} (Chromium)`

/** Text as a PDF string the way pdf-lib writes it (`PDFHexString.fromText`): UTF-16BE with its mark, in hex. */
function hexText(text: string): string {
  let hex = 'FEFF'
  for (let i = 0; i < text.length; i++) hex += text.charCodeAt(i).toString(16).padStart(4, '0').toUpperCase()
  return `<${hex}>`
}

/** A date as pdf-lib writes it (`PDFString.fromDate`): (D:YYYYMMDDHHmmSSZ). */
function pdfDate(iso: string): string {
  return `(D:${new Date(iso).toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z)`
}

const literal = /\((?:[^()\\]|\\.|\((?:[^()\\]|\\.)*\))*\)|<[0-9A-Fa-f\s]*>/

/**
 * The same metadata without reading the whole file: Chromium writes a classic cross-reference
 * table, an Info dictionary and a catalog that already has /Lang and /DisplayDocTitle. Only
 * Info, the catalog's /Lang, the outline items' titles and the header's version change; those
 * objects are written again in place, every other byte is kept, and the cross-reference table
 * is written again with the offsets moved. On L (11,300 objects) 20–60 ms instead of pdf-lib's
 * 0.4 s (0.9–1.3 s with its yields). Undefined for anything else (a cross-reference stream, a
 * catalog without those keys): pdf-lib does it then.
 */
function patchInPlace(pdf: Uint8Array, meta: PdfMetadata): Uint8Array | undefined {
  const text = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1')
  const startxref = text.lastIndexOf('startxref')
  const xrefAt = Number(/^startxref\s+(\d+)/.exec(text.slice(startxref))?.[1])
  const head = /^xref\s+0 (\d+)\s*?\n/.exec(text.slice(xrefAt, xrefAt + 40))
  if (!head) return undefined
  const count = Number(head[1])
  const first = xrefAt + head[0].length
  const offsets = Array.from({ length: count }, (_, i) => text.slice(first + i * 20, first + i * 20 + 20))
  if (offsets.some((row) => !/^\d{10} \d{5} [nf]\s{2}$/.test(row))) return undefined
  const trailer = text.slice(first + count * 20, startxref)
  if (!/^\s*trailer/.test(trailer)) return undefined
  const info = Number(/\/Info (\d+) 0 R/.exec(trailer)?.[1])
  const root = Number(/\/Root (\d+) 0 R/.exec(trailer)?.[1])
  const object = (n: number) => {
    const at = Number(offsets[n]?.slice(0, 10))
    const end = text.indexOf('endobj', at) + 'endobj'.length
    return text.startsWith(`${n} 0 obj`, at) && end > at ? { at, end, source: text.slice(at, end) } : undefined
  }
  const catalog = root ? object(root) : undefined
  if (!info || !object(info) || !catalog || !/\/Lang \(/.test(catalog.source) || !/\/DisplayDocTitle true/.test(catalog.source)) return undefined

  const entries = [
    `/Title ${hexText(meta.title)}`,
    meta.authors.length ? `/Author ${hexText(meta.authors.join(', '))}` : '',
    `/Subject ${hexText(meta.subject)}`,
    meta.keywords.length ? `/Keywords ${hexText(meta.keywords.join(' '))}` : '',
    `/Creator ${hexText(meta.creator)}`,
    `/Producer ${hexText(producer(meta))}`,
    `/CreationDate ${pdfDate(meta.created)}`,
    `/ModDate ${pdfDate(meta.modified)}`,
  ]
  const changed = new Map<number, string>([
    [info, `${info} 0 obj\n<<${entries.filter(Boolean).join('\n')}>>\nendobj`],
    [root, catalog.source.replace(/\/Lang \((?:[^()\\]|\\.)*\)/, () => `/Lang ${hexText(meta.lang)}`)],
  ])
  // The outline's entries, depth first, as renameOutline walks them.
  if (meta.headings) {
    const items: number[] = []
    const ref = (source: string | undefined, key: string) => Number(new RegExp(`/${key} (\\d+) 0 R`).exec(source ?? '')?.[1]) || undefined
    const walk = (from: number | undefined, depth: number): void => {
      for (let item = from; item && items.length <= count && depth < 64; item = ref(object(item)?.source, 'Next')) {
        items.push(item)
        walk(ref(object(item)?.source, 'First'), depth + 1)
      }
    }
    walk(ref(object(ref(catalog.source, 'Outlines') ?? 0)?.source, 'First'), 0)
    if (items.length === meta.headings.length) {
      for (const [i, item] of items.entries()) {
        const source = object(item)?.source
        const title = source && /\/Title /.exec(source)
        const value = title && literal.exec(source.slice(title.index + 7))
        if (!source || !title || !value || value.index !== 0) return undefined
        const at = title.index + 7
        changed.set(item, source.slice(0, at) + hexText(bookmarkTitle(meta.headings[i]!)) + source.slice(at + value[0].length))
      }
    }
  }

  // Every other byte as it was; each object after a changed one moves by what changed before it.
  const order = [...changed.keys()].sort((a, b) => object(a)!.at - object(b)!.at)
  const parts: string[] = []
  const moves: Array<{ after: number; by: number }> = []
  let position = 0
  let moved = 0
  for (const n of order) {
    const { at, end } = object(n)!
    parts.push(text.slice(position, at), changed.get(n)!)
    moved += changed.get(n)!.length - (end - at)
    moves.push({ after: end, by: moved })
    position = end
  }
  parts.push(text.slice(position, xrefAt))
  const body = parts.join('').replace(/^%PDF-1\.\d/, '%PDF-1.7')
  const rows = offsets.map((row) => {
    if (row[17] !== 'n') return row
    const offset = Number(row.slice(0, 10))
    let by = 0
    for (const move of moves) if (offset >= move.after) by = move.by
    return String(offset + by).padStart(10, '0') + row.slice(10)
  })
  const tail = `xref\n0 ${count}\n${rows.join('')}${trailer}startxref\n${body.length}\n%%EOF\n`
  return new Uint8Array(Buffer.from(body + tail, 'latin1'))
}
