/**
 * The EPUB: valid for EPUBCheck with no warnings, notes that pop up (every noteref resolves to
 * an aside in the book), the example brief's nine notes, and the same bytes on every build.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { build } from '../src/core/build.ts'
import { repo } from './helpers/cli.ts'
import { epubcheckAll, epubNotes, unzipEpub, zipEntries, type EpubCheckResult } from './helpers/epub.ts'
import { normalise } from './helpers/extract.ts'
import { fixture } from './helpers/fixtures.ts'

const seed = '2025-04-07-pakistan-afghanistan-resetting-ties'
const briefs = [
  path.join(repo, 'briefs', seed),
  // several authors, diacritics in names, an author note with citations, a bibliography, a table, an image with alt text
  fixture('book-everything'),
  fixture('layout-elements'),
  fixture('note-cite-in-author-note'),
  fixture('author-date-inline'),
]
const slug = (brief: string) => path.basename(brief)

describe('EPUB output', () => {
  let out: string
  let checks: Map<string, EpubCheckResult>
  beforeAll(async () => {
    out = mkdtempSync(path.join(tmpdir(), 'brief-epub-'))
    const report = await build({ paths: briefs, out, formats: ['epub', 'html'], cwd: repo })
    expect(report.briefs.flatMap((b) => b.messages.filter((m) => m.fatal).map((m) => m.reason))).toEqual([])
    checks = await epubcheckAll(briefs.map((brief) => path.join(out, `${slug(brief)}.epub`)))
  }, 120_000)

  for (const brief of briefs) {
    it(`passes EPUBCheck with no errors or warnings: ${slug(brief)}`, () => {
      const result = checks.get(path.join(out, `${slug(brief)}.epub`))!
      expect(result.errors, result.output).toBe(0)
      expect(result.warnings, result.output).toBe(0)
    })

    it(`stores mimetype first and resolves every noteref to an aside: ${slug(brief)}`, () => {
      const file = path.join(out, `${slug(brief)}.epub`)
      const { names, mimetypeStored } = zipEntries(file)
      expect(names[0]).toBe('mimetype')
      expect(mimetypeStored).toBe(true)
      expect(Buffer.from(unzipEpub(file).mimetype!).toString()).toBe('application/epub+zip')
      const { unresolved } = epubNotes(file)
      expect(unresolved).toBe(0)
    })
  }

  it('pops up the example brief’s nine notes, as the house style renders them', () => {
    const expected = readFileSync(path.join(repo, 'test/expected/seed-notes.txt'), 'utf8').split('\n').filter(Boolean).map(normalise)
    const { notes, calls } = epubNotes(path.join(out, `${seed}.epub`))
    expect(calls).toBe(9)
    expect(notes).toEqual(expected)
  })

  it('describes the book from the front matter and the configuration', () => {
    const opf = Buffer.from(unzipEpub(path.join(out, 'book-everything.epub'))['OEBPS/content.opf']!).toString()
    for (const expected of [
      '>Çitrāl and Beyond: Trade Across the Northern Passes</dc:title>',
      '>A test of every part of the book</dc:title>',
      '>Ḥaqqānī Şāh</dc:creator>',
      '>Zoë Ørsted</dc:creator>',
      '<dc:date>2025-06-30</dc:date>',
      '<dc:publisher>Institute of Strategic Studies Islamabad</dc:publisher>',
      '<dc:language>en-US</dc:language>',
      '<dc:subject>Chitral</dc:subject>',
      '<dc:description>Trade through the northern passes, with notes of every kind.</dc:description>',
      '<meta property="dcterms:modified">2025-06-30T00:00:00Z</meta>',
      '<meta property="schema:accessMode">visual</meta>',
      '<meta property="schema:accessibilityFeature">alternativeText</meta>',
    ]) {
      expect(opf).toContain(expected)
    }
    expect(opf).toMatch(/<dc:identifier id="[^"]+">urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}<\/dc:identifier>/)
  })

  it('lists the headings, the notes and the bibliography in its navigation', () => {
    const nav = Buffer.from(unzipEpub(path.join(out, 'book-everything.epub'))['OEBPS/nav.xhtml']!).toString()
    for (const title of ['Where the passes are', 'A smaller heading', 'Notes', 'Bibliography']) expect(nav).toContain(`>${title}</a>`)
    expect(nav).toContain('epub:type="bibliography"')
  })

  it('carries its fonts and images inside the book and refers to nothing outside it', () => {
    const entries = unzipEpub(path.join(out, 'book-everything.epub'))
    const names = Object.keys(entries)
    expect(names.some((n) => n.endsWith('.woff2'))).toBe(true)
    expect(names.some((n) => n.startsWith('OEBPS/images/') && n.endsWith('.png'))).toBe(true)
    for (const name of names.filter((n) => /\.(xhtml|css|opf)$/.test(n))) {
      const text = Buffer.from(entries[name]!).toString()
      // Loads (src, stylesheets) stay inside; links to the institute's site are for the reader to follow.
      expect(text, name).not.toMatch(/src="(https?:|file:|\/\/|\/)|<link[^>]+href="(https?:|file:|\/\/|\/)/)
      expect(text, name).not.toMatch(/url\((?!\.\.\/fonts\/)/)
      expect(text, name).not.toContain('<script')
    }
  })

  it('is byte-identical when rebuilt, in another time zone, at another time', async () => {
    const first = readFileSync(path.join(out, 'book-everything.epub'))
    const firstHtml = readFileSync(path.join(out, 'book-everything.html'))
    const again = mkdtempSync(path.join(tmpdir(), 'brief-epub-again-'))
    const run = spawnSync(process.execPath, [path.join(repo, 'bin/brief.js'), 'build', fixture('book-everything'), '--out', again, '--format', 'epub,html'], {
      cwd: repo,
      encoding: 'utf8',
      env: { ...process.env, TZ: 'Pacific/Chatham', LANG: 'de_DE.UTF-8' },
    })
    expect(run.status, run.stderr).toBe(0)
    expect(readFileSync(path.join(again, 'book-everything.epub')).equals(first)).toBe(true)
    expect(readFileSync(path.join(again, 'book-everything.html')).equals(firstHtml)).toBe(true)
  })

  it('takes its modification date from SOURCE_DATE_EPOCH when set', () => {
    const again = mkdtempSync(path.join(tmpdir(), 'brief-epub-epoch-'))
    const run = spawnSync(process.execPath, [path.join(repo, 'bin/brief.js'), 'build', fixture('book-everything'), '--out', again, '--format', 'epub'], {
      cwd: repo,
      encoding: 'utf8',
      env: { ...process.env, SOURCE_DATE_EPOCH: '1767225600' },
    })
    expect(run.status, run.stderr).toBe(0)
    const opf = Buffer.from(unzipEpub(path.join(again, 'book-everything.epub'))['OEBPS/content.opf']!).toString()
    expect(opf).toContain('<meta property="dcterms:modified">2026-01-01T00:00:00Z</meta>')
  })
})
