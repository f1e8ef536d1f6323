/**
 * The print PDF, checked from the outside with poppler-utils and qpdf: metadata, fonts,
 * structure, links, and every note on the page of its call.
 */
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { build, type BuildReport } from '../src/core/build.ts'
import { normalise } from './helpers/extract.ts'
import { documentLanguage, internalLinks, missingWords, namedDestinations, outlineTitles, pageTexts, pdfFonts, pdfInfo, qpdfCheck, wordBoxes } from './helpers/pdf.ts'
import { writeTortureBrief, type Torture } from './helpers/torture.ts'
import { pageHoles } from './helpers/holes.ts'
import { pageHoleLimit } from '../src/render/print/layout-check.ts'
import { fixture } from './helpers/fixtures.ts'
import { sharedBrowser } from './helpers/browser.ts'

const root = path.resolve(import.meta.dirname, '..')
const seed = '2025-04-07-pakistan-afghanistan-resetting-ties'
const mm = 72 / 25.4

describe('PDF of the example brief', () => {
  let file: string
  let report: BuildReport
  beforeAll(async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'brief-pdf-'))
    // A browser of the build's own: the timings it reports include starting it.
    report = await build({ paths: [path.join(root, 'briefs', seed)], out, formats: ['pdf'], cwd: root })
    expect(report.briefs[0]!.messages.map((m) => m.reason)).toEqual([])
    file = path.join(out, `${seed}.pdf`)
  })

  it('times each stage of the build, in the order they ran (--timings)', () => {
    expect(Object.keys(report.briefs[0]!.timings!)).toEqual([
      'parse',
      'front matter, images',
      'Markdown extensions, typesetting',
      'sources',
      'notes',
      'citations',
      'waiting for the browser',
      'print page',
      'layout',
      'print',
      'print metadata',
      'write',
    ])
    expect(Object.keys(report.timings).sort()).toEqual(['browser start (beside the rest)', 'checks, build record', 'loading the pipeline', 'start-up'])
    const { layout, print } = report.briefs[0]!.timings!
    expect(layout).toBeGreaterThan(0)
    expect(print).toBeGreaterThan(0)
    // The stages account for the brief's time, less what happens between them.
    const sum = Object.values(report.briefs[0]!.timings!).reduce((a, b) => a + b, 0)
    expect(sum).toBeLessThanOrEqual(report.briefs[0]!.time + 1)
    expect(sum).toBeGreaterThan(report.briefs[0]!.time * 0.8)
  })

  it('carries the front matter as document metadata, is tagged and A4', () => {
    const info = pdfInfo(file)
    expect(info.Title).toBe('Pakistan-Afghanistan: Resetting Ties')
    expect(info.Author).toBe('Amina Khan')
    expect(info.Subject).toBe('Issue Brief')
    expect(info.Keywords).toContain('Afghanistan')
    expect(info.Creator).toMatch(/^issi-briefs \d+\.\d+\.\d+$/)
    expect(info.Tagged).toBe('yes')
    expect(info['Page size']).toContain('(A4)')
    expect(documentLanguage(file)).toBe('en-US')
  })

  it('embeds every font, none of them Type 3, all from the shipped packages', () => {
    const fonts = pdfFonts(file)
    expect(fonts.length).toBeGreaterThan(0)
    for (const font of fonts) {
      expect(font.embedded, font.name).toBe(true)
      expect(font.type).not.toContain('Type 3')
      expect(font.name).toMatch(/SourceSerif4|SourceSans3/)
    }
  })

  it('passes qpdf --check and keeps bookmarks and tags after the metadata step', () => {
    const check = qpdfCheck(file)
    expect(check.ok, check.output).toBe(true)
    expect(check.output).toContain('No syntax or stream encoding errors')
    // The title as written in the front matter, not as the stylesheet upper-cases it.
    expect(outlineTitles(file)[0]).toBe('Pakistan-Afghanistan: Resetting Ties')
    // Written into Chromium's own file in place (its binary comment after the header), not
    // parsed and written again by pdf-lib (whose comment is four 0x81 bytes): 0.8 s on L.
    const bytes = readFileSync(file)
    expect(bytes.subarray(0, 9).toString('latin1')).toBe('%PDF-1.7\n')
    expect([...bytes.subarray(9, 14)]).not.toEqual([0x25, 0x81, 0x81, 0x81, 0x81])
  })

  it('links every note call to its note, on the same page', () => {
    const destinations = namedDestinations(file)
    const calls = internalLinks(file).filter((link) => /^fn-\d+$/.test(link.dest))
    expect(calls).toHaveLength(9)
    for (const call of calls) expect(destinations.get(call.dest), call.dest).toBe(call.page)
  })

  it('prints the nine notes, each once, on the page of its call', () => {
    // Compare without spaces and hyphens: pdftotext joins lines and drops a hyphen at a line end.
    const flat = (t: string) => normalise(t).replace(/[\s\u00ad-]+/g, '')
    const pages = pageTexts(file).map(flat)
    const expected = readFileSync(path.join(root, 'test/expected/seed-notes.txt'), 'utf8').split('\n').filter(Boolean)
    const destinations = namedDestinations(file)
    const callPage = new Map(internalLinks(file).map((l) => [l.dest, l.page]))
    expected.forEach((note, i) => {
      const text = flat(note).replace(/\.$/, '')
      const found = pages.flatMap((page, p) => (page.includes(text) ? [p + 1] : []))
      expect(found, `note ${i + 1}`).toHaveLength(1)
      expect(found[0]).toBe(callPage.get(`fn-${i + 1}`))
      expect(destinations.get(`fn-${i + 1}`)).toBe(found[0])
    })
  })

  it('prints every word of the body, in order (nothing lost at page breaks)', () => {
    const markdown = readFileSync(path.join(root, 'briefs', seed, 'brief.md'), 'utf8')
    const body = markdown.split(/^---$/m).slice(2).join('---').replace(/\[@[^\]]+\]/g, '')
    const printed = pageTexts(file).join('\n')
    expect(missingWords(body, printed)).toEqual([])
  })

  it('keeps whole words in the text layer: no soft hyphen left from hyphenation', () => {
    expect(pageTexts(file).join('\n')).not.toContain('\u00ad')
  })

  it('fills every page but the last down to its notes (no hole, measured in the PDF)', () => {
    expect(pageHoles(file).filter((h) => h.hole >= pageHoleLimit)).toEqual([])
  })

  it('reads in order on a page: body, then its notes, then the footer', () => {
    const first = pageTexts(file)[0]!
    const body = first.indexOf('Nooruddin Azizi')
    const note = first.indexOf('Kamran Yousaf')
    const footer = first.indexOf('1 | Page')
    expect(body).toBeGreaterThan(-1)
    expect(note).toBeGreaterThan(body)
    expect(footer).toBeGreaterThan(note)
    expect(first.indexOf('ISSUE BRIEF')).toBeLessThan(body)
  })
})

describe('PDF of a brief with every kind of block', () => {
  let file: string
  beforeAll(async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'brief-blocks-'))
    const report = await build({ paths: [fixture('layout-elements')], out, formats: ['pdf'], cwd: root, browser: await sharedBrowser() })
    expect(report.briefs[0]!.messages.map((m) => m.reason)).toEqual([])
    file = path.join(out, 'layout-elements.pdf')
  })

  it('prints transliterations with their diacritics in the shipped fonts', () => {
    const text = pageTexts(file).join('\n').replace(/\u00ad/g, '')
    expect(text).toContain('Ḥaqqānī, Khān, Şūrā, Çitrāl, ī and ū')
    for (const font of pdfFonts(file)) {
      expect(font.embedded).toBe(true)
      expect(font.name).toMatch(/SourceSerif4|SourceSans3/)
    }
  })

  it('sets both authors, the table, the quote and the figure caption', () => {
    const text = pageTexts(file).join('\n').replace(/\u00ad/g, '')
    for (const expected of ['Amina Khan', 'Second Author', 'Research Fellow', 'Khyber Pakhtunkhwa', 'A block quotation', 'Map of the crossings']) {
      expect(text).toContain(expected)
    }
    expect(pdfInfo(file).Author).toBe('Amina Khan, Second Author')
    expect(outlineTitles(file)).toEqual(expect.arrayContaining(['A section heading', 'A smaller heading']))
  })
})

describe('torture brief: 150+ notes over 25+ pages', () => {
  let torture: Torture
  let report: BuildReport
  let file: string
  beforeAll(async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'brief-torture-'))
    torture = writeTortureBrief(path.join(dir, 'torture'))
    report = await build({ paths: [torture.dir], out: path.join(dir, 'out'), formats: ['pdf'], cwd: root, timeout: 240_000, browser: await sharedBrowser() })
    file = path.join(dir, 'out', 'torture.pdf')
  }, 300_000)

  it('passes the build’s own layout check, with no warnings either', () => {
    expect(report.briefs[0]!.messages.map((m) => m.reason)).toEqual([])
    expect(report.ok).toBe(true)
  })

  it('is long enough to mean something', () => {
    expect(torture.noteCount).toBeGreaterThanOrEqual(150)
    // Many paragraphs run over a page break, so the orphan and widow check had work to do
    // (it found none: the test above admits no warnings).
    expect(report.briefs[0]!.layout!.splitParagraphs).toBeGreaterThanOrEqual(10)
    expect(Number(pdfInfo(file).Pages)).toBeGreaterThanOrEqual(25)
  })

  it('numbers every page in its footer, "N | Page" (counters are off while pages are laid out)', () => {
    const footers = pageTexts(file).map((text) => /(\d+) \| Page\s*$/.exec(text)?.[1])
    expect(footers).toEqual(footers.map((_, i) => String(i + 1)))
  })

  it('prints each note exactly once, starting on the page of its call (checked with pdftotext)', () => {
    // Tokens are "z" + c|s|e + exactly three digits; a call number may follow right after.
    const found = new Map<string, number[]>()
    pageTexts(file).forEach((text, i) => {
      for (const [token] of text.matchAll(/z[cse]\d{3}/g)) found.set(token, [...(found.get(token) ?? []), i + 1])
    })
    const where = (token: string) => found.get(token) ?? []
    for (const n of torture.tokenNotes) {
      const id = String(n).padStart(3, '0')
      const call = where(`zc${id}`)
      const start = where(`zs${id}`)
      const end = where(`ze${id}`)
      expect(call, `call ${id}`).toHaveLength(1)
      expect(start, `start of note ${id}`).toHaveLength(1)
      expect(end, `end of note ${id}`).toHaveLength(1)
      expect(start[0], `note ${id} starts on the page of its call`).toBe(call[0])
      expect(end[0]!, `note ${id} ends on or after its start page`).toBeGreaterThanOrEqual(start[0]!)
    }
  })

  it('never lets body text run into the notes', () => {
    // Word heights tell the text apart: body 11 pt (≈15 pt boxes), tables and quotes ≈13–14,
    // notes 8.5 pt (≈11.7); the 9 pt footer and superscript calls fall in neither band.
    const words = wordBoxes(file)
    const overlaps: string[] = []
    let checked = 0
    for (let page = 1; page <= Math.max(...words.map((w) => w.page)); page++) {
      const on = words.filter((w) => w.page === page)
      const body = on.filter((w) => w.yMax - w.yMin >= 12.9)
      const notes = on.filter((w) => w.yMax - w.yMin >= 11 && w.yMax - w.yMin <= 12.1)
      if (!body.length || !notes.length) continue
      checked++
      const bodyBottom = Math.max(...body.map((w) => w.yMax))
      const notesTop = Math.min(...notes.map((w) => w.yMin))
      if (bodyBottom > notesTop + 0.5) overlaps.push(`page ${page}: body to ${bodyBottom}, notes from ${notesTop}`)
    }
    expect(overlaps).toEqual([])
    expect(checked).toBeGreaterThanOrEqual(20)
  })

  it('prints every word of the body, in order', () => {
    const markdown = readFileSync(path.join(torture.dir, 'brief.md'), 'utf8')
    // The body without front matter, note definitions and citations.
    const body = markdown.split(/^---$/m).slice(2).join('---').split(/^\[\^/m)[0]!.replace(/\[@[^\]]+\]|\[\^[^\]]+\]|^[|>#-]+|\|/gm, ' ')
    expect(missingWords(body, pageTexts(file).join('\n'))).toEqual([])
  })

  it('fills every page but the last down to its notes, long notes and all (no hole, measured in the PDF)', () => {
    const holes = pageHoles(file)
    expect(holes.length).toBeGreaterThanOrEqual(24)
    expect(holes.filter((h) => h.hole >= pageHoleLimit)).toEqual([])
  })

  it('keeps long URLs inside the right margin', () => {
    const width = 594.96
    const limit = width - 22 * mm + 1
    const over = wordBoxes(file).filter((w) => w.xMax > limit)
    expect(over.map((w) => `${w.page}: ${w.word}`)).toEqual([])
  })
})
