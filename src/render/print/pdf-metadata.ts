/**
 * Document metadata Chromium does not write (author, subject, keywords, creator, language),
 * and the dates it writes from the clock, set on the printed PDF. pdf-lib (as @cantoo/pdf-lib, its maintained fork: pdf-lib itself
 * stopped at 1.17.1) rewrites the file object by object, so the structure tree (tags) and the
 * outline (bookmarks) pass through untouched; tests check both afterwards.
 */
import { PDFDict, PDFDocument, PDFHeader, PDFHexString, PDFName } from '@cantoo/pdf-lib'

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

export async function setPdfMetadata(pdf: Uint8Array, meta: PdfMetadata): Promise<Uint8Array> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false })
  doc.setTitle(meta.title, { showInWindowTitleBar: true })
  if (meta.authors.length) doc.setAuthor(meta.authors.join(', '))
  doc.setSubject(meta.subject)
  if (meta.keywords.length) doc.setKeywords(meta.keywords)
  doc.setCreator(meta.creator)
  doc.setProducer(`${meta.creator} (Chromium, pdf-lib)`)
  doc.setLanguage(meta.lang)
  doc.setCreationDate(new Date(meta.created))
  doc.setModificationDate(new Date(meta.modified))
  if (meta.headings) renameOutline(doc, meta.headings)
  // The PDF has always declared 1.7 (ISO 32000-1, the base of PDF/UA-1): pdf-lib wrote that
  // whatever the input said; its fork keeps Chromium's 1.4, so the version is set as before.
  doc.context.header = PDFHeader.forVersion(1, 7)
  return doc.save({ useObjectStreams: false, addDefaultPage: false, updateFieldAppearances: false })
}

/** Gives the outline's entries, depth first, the headings' own words, when their counts agree. */
function renameOutline(doc: PDFDocument, headings: string[]): void {
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
  items.forEach((item, i) => item.set(PDFName.of('Title'), PDFHexString.fromText(headings[i]!.replace(/\s+/g, ' ').trim())))
}
