/**
 * The PDF's metadata step (src/render/print/pdf-metadata.ts) on its two paths: a PDF shaped as
 * Chromium writes it is patched in place, any other is rewritten by pdf-lib; both give the
 * same metadata. test/pdf.test.ts checks a real print (tags, bookmarks, qpdf, the fast path).
 */
import { PDFDocument, PDFName, PDFString } from '@cantoo/pdf-lib'
import { describe, expect, it } from 'vitest'
import { setPdfMetadata } from '../src/render/print/pdf-metadata.ts'

const meta = { title: 'T – “x” (1)', authors: ['A. Author', 'B. Écrivain'], subject: 'Issue Brief', keywords: ['k1', 'k2'], creator: 'issi-briefs', lang: 'en-US', created: '2025-01-01T00:00:00Z', modified: '2025-02-01T10:00:00Z' }

async function read(bytes: Uint8Array) {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false })
  return {
    header: new TextDecoder().decode(bytes.slice(0, 8)),
    info: [doc.getTitle(), doc.getAuthor(), doc.getSubject(), doc.getKeywords(), doc.getCreator(), doc.getProducer(), doc.getCreationDate()?.toISOString(), doc.getModificationDate()?.toISOString()],
    lang: doc.catalog.lookup(PDFName.of('Lang'))?.toString(),
  }
}

describe('setPdfMetadata', () => {
  // Chromium's PDFs are patched in place (test/pdf.test.ts reads their metadata, outline and tags);
  // any other PDF is rewritten by pdf-lib, with the same result.
  it('sets the same metadata on a PDF it cannot patch in place (no /Lang: pdf-lib rewrites it)', async () => {
    const doc = await PDFDocument.create()
    doc.addPage()
    const bytes = await doc.save({ useObjectStreams: false })
    const got = await read(await setPdfMetadata(bytes, meta))
    expect(got.header).toBe('%PDF-1.7')
    expect(got.info).toEqual([meta.title, meta.authors.join(', '), meta.subject, 'k1 k2', meta.creator, 'issi-briefs (Chromium)', meta.created.replace('Z', '.000Z'), meta.modified.replace('Z', '.000Z')])
    expect(got.lang).toBe(PDFString.of('en-US').toString())
  })

  it('patches a PDF shaped as Chromium writes it (classic xref, Info, catalog with /Lang and /DisplayDocTitle) to the same metadata', async () => {
    const doc = await PDFDocument.create({ updateMetadata: false })
    doc.addPage()
    doc.setTitle('from the page')
    doc.catalog.set(PDFName.of('Lang'), PDFString.of('en-US'))
    // Inline, as Chromium writes it (pdf-lib's own setTitle makes it an object of its own)
    doc.catalog.set(PDFName.of('ViewerPreferences'), doc.context.obj({ DisplayDocTitle: true }))
    const bytes = await doc.save({ useObjectStreams: false })
    const patched = await setPdfMetadata(bytes, meta)
    const got = await read(patched)
    expect(got.header).toBe('%PDF-1.7')
    expect(got.info).toEqual([meta.title, meta.authors.join(', '), meta.subject, 'k1 k2', meta.creator, 'issi-briefs (Chromium)', meta.created.replace('Z', '.000Z'), meta.modified.replace('Z', '.000Z')])
    expect(got.lang).toContain('FEFF0065006E002D00550053')
    // Patched, not rewritten: the page's own object comes through byte for byte.
    expect(Buffer.from(patched).includes(Buffer.from('/Type /Page\n'))).toBe(Buffer.from(bytes).includes(Buffer.from('/Type /Page\n')))
  })
})
