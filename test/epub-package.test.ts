/**
 * The EPUB container, checked from the outside: the zip's layout byte by byte, the package
 * and navigation documents, EPUBCheck, the notes check, and the same bytes in every time zone.
 *
 * The sample book's content document uses the markup the EPUB output is meant to produce
 * (sections, footnote asides, roles, <time>, a figure, a captioned table, hidden and data-*
 * attributes), so a clean EPUBCheck run here also says EPUBCheck 4.2.6 accepts that markup.
 * (That the run's one EPUBCheck JVM says what EPUBCheck's own command says is checked in the
 * long run: test/stress/epubcheck-server.test.ts.)
 */
import { strFromU8, unzipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { packageEpub, type EpubBook } from '../src/render/epub/epub-package.ts'
import { epubcheck, epubNotes } from './helpers/epub.ts'
import { canCheckEpubs, sampleBook, writeTemp } from './helpers/epub-sample.ts'
import { inTimeZone } from './helpers/time-zone.ts'



interface CentralEntry { name: string; method: number; localExtra: number; centralExtra: number; stamps: string[] }

/** Reads the central directory independently of fflate's reader, which hides methods and times. */
function centralDirectory(zip: Uint8Array): CentralEntry[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength)
  const two = (n: number) => String(n).padStart(2, '0')
  const stamp = (at: number) => {
    const time = view.getUint16(at, true)
    const date = view.getUint16(at + 2, true)
    return `${1980 + (date >> 9)}-${two((date >> 5) & 15)}-${two(date & 31)}T${two(time >> 11)}:${two((time >> 5) & 63)}:${two((time & 31) * 2)}Z`
  }
  const end = zip.length - 22
  const entries: CentralEntry[] = []
  let at = view.getUint32(end + 16, true)
  for (let i = view.getUint16(end + 10, true); i > 0; i--) {
    const nameLength = view.getUint16(at + 28, true)
    const centralExtra = view.getUint16(at + 30, true)
    const local = view.getUint32(at + 42, true)
    entries.push({
      name: strFromU8(zip.subarray(at + 46, at + 46 + nameLength)),
      method: view.getUint16(at + 10, true),
      localExtra: view.getUint16(local + 28, true),
      centralExtra,
      stamps: [stamp(at + 12), stamp(local + 10)],
    })
    at += 46 + nameLength + centralExtra + view.getUint16(at + 32, true)
  }
  return entries
}

/** The book packaged with the process in time zone `tz`. */
function packageInZone(book: EpubBook, tz: string): Buffer {
  return inTimeZone(tz, () => Buffer.from(packageEpub(book)))
}


describe('packageEpub', () => {
  const epub = packageEpub(sampleBook())
  const files = unzipSync(epub)
  const text = (name: string) => strFromU8(files[name]!)

  it('exports only packageEpub and the zip writer it shares with the DOCX', async () => {
    expect(Object.keys(await import('../src/render/epub/epub-package.ts')).sort()).toEqual(['packageEpub'])
  })

  it('writes mimetype first, stored, without an extra field, then the rest in order', () => {
    expect(strFromU8(epub.subarray(30, 38))).toBe('mimetype')
    expect(strFromU8(epub.subarray(38, 58))).toBe('application/epub+zip')
    const entries = centralDirectory(epub)
    expect(entries.map((e) => e.name)).toEqual([
      'mimetype',
      'META-INF/container.xml',
      'OEBPS/content.opf',
      'OEBPS/nav.xhtml',
      'OEBPS/text/title.xhtml',
      'OEBPS/text/brief.xhtml',
      'OEBPS/styles/brief.css',
      'OEBPS/fonts/source-serif-4.woff2',
      'OEBPS/images/dot.png',
    ])
    expect(Object.keys(files)).toEqual(entries.map((e) => e.name))
    expect(entries[0]).toMatchObject({ method: 0, localExtra: 0, centralExtra: 0 })
    // Text is deflated; fonts and images, compressed already, are stored.
    expect(entries.slice(1).map((e) => e.method)).toEqual(entries.slice(1).map((e) => (/\.(woff2|png)$/.test(e.name) ? 0 : 8)))
    expect(text('mimetype')).toBe('application/epub+zip')
  })

  it('points the container at the package document', () => {
    expect(text('META-INF/container.xml')).toContain('<rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/>')
  })

  it('writes the metadata, escaped, with refinements', () => {
    const opf = text('OEBPS/content.opf')
    expect(opf).toContain('<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="opf-identifier" xml:lang="en-US">')
    for (const line of [
      '<dc:identifier id="opf-identifier">urn:uuid:1b4e28ba-2fa1-51d2-883f-0016d3cca427</dc:identifier>',
      '<dc:title id="opf-title">Pakistan &amp; Afghanistan: &quot;Resetting&quot; &lt;Ties&gt;</dc:title>',
      '<meta refines="#opf-title" property="title-type">main</meta>',
      '<dc:title id="opf-subtitle">A view from Islamabad</dc:title>',
      '<meta refines="#opf-subtitle" property="title-type">subtitle</meta>',
      '<dc:creator id="opf-creator-1">Amina Khan</dc:creator>',
      '<meta refines="#opf-creator-1" property="role" scheme="marc:relators">aut</meta>',
      '<dc:creator id="opf-creator-2">Ali Raza</dc:creator>',
      '<meta refines="#opf-creator-2" property="role" scheme="marc:relators">aut</meta>',
      '<dc:date>2025-04-07</dc:date>',
      '<dc:publisher>Institute of Strategic Studies Islamabad</dc:publisher>',
      '<dc:language>en-US</dc:language>',
      '<dc:subject>Pakistan</dc:subject>',
      '<dc:subject>Afghanistan</dc:subject>',
      '<dc:description>Where the two neighbours stand.</dc:description>',
      '<meta property="dcterms:modified">2025-04-07T10:11:13Z</meta>',
      '<meta property="belongs-to-collection" id="opf-series">Issue Brief</meta>',
      '<meta refines="#opf-series" property="collection-type">series</meta>',
      '<meta property="schema:accessMode">textual</meta>',
      '<meta property="schema:accessMode">visual</meta>',
      '<meta property="schema:accessModeSufficient">textual</meta>',
      '<meta property="schema:accessModeSufficient">textual,visual</meta>',
      '<meta property="schema:accessibilityFeature">structuralNavigation</meta>',
      '<meta property="schema:accessibilityHazard">none</meta>',
      '<meta property="schema:accessibilitySummary">Headings, notes &amp; references are marked up.</meta>',
    ]) {
      expect(opf).toContain(line)
    }
    expect(opf).not.toContain('\u0001')
  })

  it('leaves out a metadata element with no text left once the characters XML forbids are gone (EPUBCheck RSC-005)', () => {
    const empty = '\u0001\ufffe \u000b'
    const files = unzipSync(packageEpub(sampleBook({ title: empty, subtitle: empty, authors: ['Amina Khan', empty], description: empty, subjects: [empty, 'Borders'] })))
    const opf = strFromU8(files['OEBPS/content.opf']!)
    expect(opf).toContain('>Untitled</dc:title>')
    expect(opf.match(/<dc:title/g)).toHaveLength(1)
    expect(opf.match(/<dc:creator/g)).toHaveLength(1)
    expect(opf).not.toContain('<dc:description')
    expect(opf.match(/<dc:subject/g)).toHaveLength(1)
    expect(opf).not.toMatch(/<(dc:\w+)[^>]*>\s*<\/\1>/)
  })

  it('lists every file in the manifest and the documents in the spine, in order', () => {
    const opf = text('OEBPS/content.opf')
    expect(opf).toContain('<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>')
    expect(opf).toContain('<item id="font-serif" href="fonts/source-serif-4.woff2" media-type="font/woff2"/>')
    expect(opf).toContain('<item id="dot" href="images/dot.png" media-type="image/png"/>')
    expect([...opf.matchAll(/<itemref idref="([^"]+)"\/>/g)].map((m) => m[1])).toEqual(['title', 'brief'])
  })

  it('writes a navigation document with a nested table of contents and hidden landmarks', () => {
    const nav = text('OEBPS/nav.xhtml')
    expect(nav).toContain('<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="en-US" xml:lang="en-US">')
    expect(nav).toContain('<link rel="stylesheet" href="styles/brief.css"/>')
    expect(nav).toContain('<nav epub:type="toc" id="toc" role="doc-toc" aria-labelledby="toc-title">')
    expect(nav).toContain('<li><a href="text/brief.xhtml">Resetting ties</a>\n<ol>\n<li><a href="text/brief.xhtml#references">References</a></li>\n</ol>\n</li>')
    expect(nav).toContain('<nav epub:type="landmarks" id="landmarks" hidden="">')
    expect(nav).toContain('<li><a epub:type="bibliography" href="text/brief.xhtml#references">References</a></li>')
    expect(nav).not.toMatch(/<ol>\s*<\/ol>/)
  })

  it('leaves out the landmarks nav when there are no landmarks', () => {
    const nav = strFromU8(unzipSync(packageEpub(sampleBook({ landmarks: [] })))['OEBPS/nav.xhtml']!)
    expect(nav).not.toContain('landmarks')
  })

  const canCheck = canCheckEpubs()
  it.skipIf(!canCheck)(`passes EPUBCheck 4.2.6 with no errors and no warnings${canCheck ? '' : ' (skipped: java or epubcheck.jar not found)'}`, async () => {
    const { output, code } = await epubcheck(writeTemp(epub))
    const summary = /Messages: (\d+) fatals? \/ (\d+) errors? \/ (\d+) warnings?/.exec(output)
    expect(summary, output).not.toBeNull()
    expect(summary!.slice(1).map(Number), output).toEqual([0, 0, 0])
    expect(code, output).toBe(0)
  })

  it('resolves every noteref to a footnote aside', () => {
    const result = epubNotes(writeTemp(epub))
    expect(result).toEqual({ notes: ['Note text'], unresolved: 0, calls: 1 })
  })

  it('stamps every entry with the UTC fields of modified', () => {
    const stamps = centralDirectory(epub).flatMap((e) => e.stamps)
    expect(new Set(stamps)).toEqual(new Set(['2025-04-07T10:11:12Z'])) // DOS time counts seconds in twos
  })

  it('clamps a modified time before 1980 to the DOS epoch', () => {
    const old = packageEpub(sampleBook({ modified: '1970-01-01T00:00:00Z' }))
    expect(new Set(centralDirectory(old).flatMap((e) => e.stamps))).toEqual(new Set(['1980-01-01T00:00:00Z']))
  })

  it('gives the same bytes on a second build', () => {
    expect(Buffer.from(packageEpub(sampleBook())).equals(Buffer.from(epub))).toBe(true)
  })

  // 02:30 on 9 March 2025 does not exist in Los Angeles (clocks jump from 02:00 to 03:00), so a
  // Date built from local fields would say 03:30 there.
  for (const [modified, stamp] of [['2025-04-07T10:11:13Z', '2025-04-07T10:11:12Z'], ['2025-03-09T02:30:00Z', '2025-03-09T02:30:00Z']]) {
    it(`gives the same bytes in every time zone for ${modified}`, () => {
      const book = sampleBook({ modified })
      const here = Buffer.from(packageEpub(book))
      for (const tz of ['UTC', 'Asia/Karachi', 'America/Los_Angeles']) {
        expect(packageInZone(book, tz).equals(here), tz).toBe(true)
      }
      expect(new Set(centralDirectory(here).flatMap((e) => e.stamps))).toEqual(new Set([stamp]))
    })
  }

  it('rejects a book it cannot package faithfully', () => {
    const [title, body] = sampleBook().documents as [EpubBook['documents'][0], EpubBook['documents'][0]]
    expect(() => packageEpub(sampleBook({ modified: '2025-04-07 10:11' }))).toThrow(
      "Unexpected `modified` \"2025-04-07 10:11\", expected 'YYYY-MM-DDThh:mm:ssZ'",
    )
    expect(() => packageEpub(sampleBook({ toc: [] }))).toThrow('Unexpected empty `toc`')
    expect(() => packageEpub(sampleBook({ documents: [] }))).toThrow('Unexpected empty `documents`')
    expect(() => packageEpub(sampleBook({ documents: [title, { ...body, id: 'title' }] }))).toThrow('Unexpected manifest id `title`')
    expect(() => packageEpub(sampleBook({ documents: [title, { ...body, id: 'nav' }] }))).toThrow('Unexpected manifest id `nav`')
    expect(() => packageEpub(sampleBook({ documents: [title, { ...body, path: 'TEXT/Title.xhtml' }] }))).toThrow('Unexpected path `TEXT/Title.xhtml`')
    expect(() => packageEpub(sampleBook({ documents: [title, { ...body, path: '../brief.xhtml' }] }))).toThrow('Unexpected path `../brief.xhtml`')
    expect(() => packageEpub(sampleBook({ documents: [title, { ...body, properties: ['nav'] }] }))).toThrow('Unexpected property `nav`')
  })
})
