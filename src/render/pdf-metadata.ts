/**
 * Document metadata Chromium does not write (author, subject, keywords, creator, language),
 * set on the printed PDF. pdf-lib rewrites the file object by object, so the structure tree
 * (tags) and the outline (bookmarks) pass through untouched; tests check both afterwards.
 */
import { PDFDocument } from 'pdf-lib'

export interface PdfMetadata {
  title: string
  authors: string[]
  subject: string
  keywords: string[]
  creator: string
  lang: string
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
  return doc.save({ useObjectStreams: false, addDefaultPage: false, updateFieldAppearances: false })
}
