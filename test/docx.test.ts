/**
 * The Word document, read back by an independent reader (pandoc's DOCX reader) and by looking
 * inside the zip: real footnotes with the house style's text, the title block and body in
 * order, named styles only, nothing outside the package, the same bytes from the same brief.
 */
import { execFileSync } from 'node:child_process'
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { strFromU8, unzipSync } from 'fflate'
import { beforeAll, describe, expect, it } from 'vitest'
import { build, defaultFormats } from '../src/core/build.ts'
import { defaultConfig } from '../src/config/schema.ts'
import { styleIds } from '../src/render/docx/docx-styles.ts'
import { bookIdentifier } from '../src/render/shared/packaging.ts'
import { briefHere, repo } from './helpers/cli.ts'
import { extractBibliography, extractCitations, extractNotes, normalise } from './helpers/extract.ts'
import { fixture, sharedFolder } from './helpers/fixtures.ts'
import { inTimeZone } from './helpers/time-zone.ts'

const seed = '2025-04-07-pakistan-afghanistan-resetting-ties'
const out = mkdtempSync(path.join(tmpdir(), 'brief-docx-'))
const cases = ['note-cite-in-author-note', 'style-apa', 'typeset-everything', 'book-everything', 'layout-elements', 'note-blocks']

/** pandoc's reading of a DOCX, as HTML. */
const readBack = (file: string) => execFileSync('pandoc', [file, '-f', 'docx', '-t', 'html', '--wrap=none'], { encoding: 'utf8' })
const parts = (file: string) => unzipSync(readFileSync(file))
const xml = (file: string, name: string) => strFromU8(parts(file)[name]!)
const docx = (slug: string) => path.join(out, `${slug}.docx`)

beforeAll(async () => {
  const report = await build({ paths: [path.join(repo, 'briefs', seed), ...cases.map(fixture)], out, formats: ['docx', 'html'], cwd: repo })
  expect(report.briefs.map((b) => b.messages.filter((m) => m.fatal).map((m) => m.reason))).toEqual(cases.map(() => []).concat([[]]))
}, 120_000)

describe('DOCX', () => {
  it('gives the example brief’s nine notes as real Word footnotes, exactly as the house style renders them', () => {
    const expected = readFileSync(path.join(repo, 'test/expected/seed-notes.txt'), 'utf8').split('\n').filter(Boolean).map(normalise)
    expect(extractNotes(readBack(docx(seed)))).toEqual(expected)
    const footnotes = xml(docx(seed), 'word/footnotes.xml')
    // Nine notes, plus Word's two separator entries.
    expect(footnotes.match(/<w:footnote\b/g)).toHaveLength(11)
    expect(xml(docx(seed), 'word/document.xml').match(/<w:footnoteReference w:id="\d+"\/>/g)).toHaveLength(9)
  })

  it('has the footer "N | Page", N a page field Word fills in', () => {
    const footer = xml(docx(seed), 'word/footer1.xml')
    expect(footer).toMatch(/<w:instrText xml:space="preserve">PAGE<\/w:instrText>[\s\S]*<w:t xml:space="preserve"> \| Page<\/w:t>/)
    expect(footer).toContain('<w:pStyle w:val="Footer"/>')
  })

  it('has the title block and the body in order', () => {
    const text = execFileSync('pandoc', [docx(seed), '-f', 'docx', '-t', 'plain', '--wrap=none'], { encoding: 'utf8' })
    const order = ['Issue Brief', 'Institute of Strategic Studies Islamabad', 'Web: www.issi.org.pk', 'Pakistan-Afghanistan: Resetting Ties', 'By', 'Amina Khan', 'Director', 'Email: aminakhan@issi.org.pk', 'April 7, 2025', '(Views expressed in the brief', 'On 23 March 2025', 'As challenging as it may seem']
    const at = order.map((t) => text.indexOf(t))
    expect(at.every((i) => i >= 0), order.filter((_, i) => at[i]! < 0).join(' | ')).toBe(true)
    expect([...at].sort((a, b) => a - b)).toEqual(at)
    // The body text is the web page's, word for word.
    const words = (s: string) => normalise(s).replace(/\[\d+\]|\d+$/gm, '').split(/\s+/).filter((w) => /^[A-Za-z]{4,}$/.test(w))
    const html = readFileSync(path.join(out, `${seed}.html`), 'utf8')
    const web = words(html.replace(/<section class="footnotes"[\s\S]*$/, '').replace(/<(style|script|header)[\s\S]*?<\/\1>/g, '').replace(/<[^>]+>/g, ' '))
    expect(words(text.slice(text.indexOf('On 23 March 2025'))).slice(0, 400)).toEqual(web.slice(web.indexOf('March')).slice(0, 400))
  })

  it.each(cases)('has the same notes, citations and bibliography as the web page: %s', (name) => {
    const ours = readFileSync(path.join(out, `${name}.html`), 'utf8')
    const back = readBack(docx(name))
    expect(extractNotes(back)).toEqual(extractNotes(ours))
    expect(extractNotes(back).length + extractCitations(ours).length).toBeGreaterThan(0)
    const backText = normalise(back.replace(/<[^>]+>/g, '').replace(/&amp;/g, '&'))
    for (const citation of extractCitations(ours)) expect(backText).toContain(citation)
    for (const entry of extractBibliography(ours)) expect(backText).toContain(entry)
  })

  it('keeps author notes with citations inside, links and italics in the notes', () => {
    const footnotes = xml(docx('note-cite-in-author-note'), 'word/footnotes.xml')
    expect(footnotes).toContain('<w:i/>')
    const seedNotes = xml(docx(seed), 'word/footnotes.xml')
    expect(seedNotes).toMatch(/<w:hyperlink [^>]*r:id="[^"]+"/)
    // A link is one run, not one per piece the print edition may break a URL at.
    expect(seedNotes).toContain('<w:t xml:space="preserve">https://tribune.com.pk/story/2536087/envoy-wraps-up-fruitful-kabul-trip</w:t>')
  })

  it('writes tables, figures with captions, boxes, lists and a page break', () => {
    const document = xml(docx('typeset-everything'), 'word/document.xml')
    expect(document).toContain('<w:tblStyle w:val="TableGrid"/>')
    expect(document).toContain('<w:tblStyle w:val="BoxTable"/>')
    expect(document).toContain('<w:br w:type="page"/>')
    expect(document).toMatch(/<w:drawing>[\s\S]*?<a:blip r:embed="/)
    expect(document).toMatch(/<w:pStyle w:val="Caption"\/>[\s\S]*?Figure 1\. The/)
    expect(document).toMatch(/<w:numPr>/)
    const media = Object.keys(parts(docx('typeset-everything'))).filter((n) => n.startsWith('word/media/'))
    expect(media.length).toBeGreaterThan(0)
    const back = readBack(docx('typeset-everything'))
    expect(back).toContain('<table')
    expect(back).toMatch(/Key points/)
  })

  it('uses named styles, each defined in styles.xml, and no direct font or size', () => {
    for (const name of [seed, ...cases]) {
      const files = parts(docx(name))
      const styles = strFromU8(files['word/styles.xml']!)
      const defined = new Set([...styles.matchAll(/w:styleId="([^"]+)"/g)].map((m) => m[1]!))
      for (const part of ['word/document.xml', 'word/footnotes.xml']) {
        const text = strFromU8(files[part]!)
        const used = [...text.matchAll(/<w:(?:pStyle|rStyle|tblStyle) w:val="([^"]+)"\/>/g)].map((m) => m[1]!)
        expect(used.filter((id) => !defined.has(id)), `${name} ${part}`).toEqual([])
        expect(text, `${name} ${part}`).not.toMatch(/<w:rFonts|<w:sz /)
      }
    }
    const used = new Set([seed, ...cases].flatMap((name) => [...xml(docx(name), 'word/document.xml').matchAll(/<w:(?:pStyle|tblStyle) w:val="([^"]+)"\/>/g)].map((m) => m[1]!)))
    for (const id of [styleIds.title, styleIds.subtitle, styleIds.heading2, styleIds.blockText, styleIds.listBullet, styleIds.caption, styleIds.tableGrid]) expect(used).toContain(id)
    const names = [...xml(docx(seed), 'word/styles.xml').matchAll(/<w:name w:val="([^"]+)"\/>/g)].map((m) => m[1]!)
    for (const name of ['Normal', 'Title', 'Subtitle', 'heading 1', 'heading 2', 'heading 3', 'Block Text', 'List Bullet', 'List Number', 'caption', 'footnote text', 'Table Grid']) expect(names).toContain(name)
  })

  it('refers to nothing outside the package but the links of the brief', () => {
    for (const name of [seed, ...cases]) {
      const files = parts(docx(name))
      for (const [part, data] of Object.entries(files)) {
        if (!part.endsWith('.rels')) continue
        for (const rel of strFromU8(data).matchAll(/<Relationship [^>]*>/g)) {
          if (!/TargetMode="External"/.test(rel[0])) continue
          expect(rel[0], `${name} ${part}`).toMatch(/relationships\/hyperlink"/)
        }
      }
      expect(Object.keys(files).filter((p) => /attachedTemplate|\.\./.test(p))).toEqual([])
      // Every relationship a part refers to is declared in that part's relationships.
      for (const part of ['word/document.xml', 'word/footnotes.xml']) {
        const rels = strFromU8(files[part.replace('word/', 'word/_rels/') + '.rels']!)
        const declared = new Set([...rels.matchAll(/\bId="([^"]+)"/g)].map((m) => m[1]!))
        const used = [...strFromU8(files[part]!).matchAll(/\br:(?:id|embed)="([^"]+)"/g)].map((m) => m[1]!)
        expect(used.filter((id) => !declared.has(id)), `${name} ${part}`).toEqual([])
      }
    }
  })

  it('keeps links that follow an image pointing where they should, build after build', async () => {
    const folder = path.join(mkdtempSync(path.join(tmpdir(), 'brief-docx-links-')), 'links')
    cpSync(fixture('layout-elements'), folder, { recursive: true })
    writeFileSync(path.join(folder, 'brief.md'), '---\ntitle: Links after an image\n---\n\n![A map](map.png)\n\nSee [the report](https://example.org/report) and <https://example.org/annex>.\n')
    const once = await build({ paths: [folder], out: path.join(folder, 'a'), formats: ['docx'], cwd: repo })
    const twice = await build({ paths: [folder], out: path.join(folder, 'b'), formats: ['docx'], cwd: repo })
    expect([once.ok, twice.ok]).toEqual([true, true])
    const file = path.join(folder, 'a', 'links.docx')
    expect(readFileSync(file).equals(readFileSync(path.join(folder, 'b', 'links.docx')))).toBe(true)
    const back = readBack(file)
    expect(back).toContain('<a href="https://example.org/report">the report</a>')
    expect(back).toContain('<a href="https://example.org/annex">https://example.org/annex</a>')
  })

  it('has the brief’s properties: title, authors, subject, keywords, language, and its date', () => {
    const core = xml(docx('typeset-everything'), 'docProps/core.xml')
    expect(core).toContain('<dc:title>Pakistan’s “New” Trade Routes – A First Look</dc:title>')
    expect(core).toContain('<dc:creator>Amina Khan; Omar Baig</dc:creator>')
    expect(core).toMatch(/<dc:subject>What the ’90s taught us/)
    expect(xml(docx(seed), 'docProps/core.xml')).toContain('<cp:keywords>Pakistan, Afghanistan, Taliban, TTP, border security, bilateral trade, counter-terrorism</cp:keywords>')
    expect(core).toContain('<dc:language>en-US</dc:language>')
    // The same identifier as the brief's EPUB: one publication in two files.
    expect(core).toMatch(/<dc:identifier>urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}<\/dc:identifier>/)
    expect(core).toContain(`<dc:identifier>${bookIdentifier(defaultConfig, 'typeset-everything')}</dc:identifier>`)
    expect(core).toContain('<dcterms:modified xsi:type="dcterms:W3CDTF">2025-06-30T00:00:00Z</dcterms:modified>')
  })

  it('gives the same bytes for the same brief, whatever the time zone; it is written only when asked for', async () => {
    expect(defaultFormats).not.toContain('docx')
    const dir = mkdtempSync(path.join(tmpdir(), 'brief-docx-again-'))
    cpSync(path.join(repo, 'briefs', seed), path.join(dir, 'briefs', seed), { recursive: true })
    cpSync(path.join(repo, 'brief.config.yaml'), path.join(dir, 'brief.config.yaml'))
    // In this process, in another zone (the command's own process is tried by cli.test.ts).
    const again = await inTimeZone('Pacific/Chatham', () => briefHere(['build', '--format', 'docx', '--out', 'a'], { cwd: dir }))
    expect(again.code, again.stderr).toBe(0)
    expect(readFileSync(path.join(dir, 'a', `${seed}.docx`)).equals(readFileSync(docx(seed)))).toBe(true)
    // SOURCE_DATE_EPOCH, when set, is the document's date (reproducible-builds.org).
    const dated = await briefHere(['build', '--format', 'docx', '--out', 'b'], { cwd: dir, env: { SOURCE_DATE_EPOCH: '1767225600' } })
    expect(dated.code, dated.stderr).toBe(0)
    expect(xml(path.join(dir, 'b', `${seed}.docx`), 'docProps/core.xml')).toContain('<dcterms:modified xsi:type="dcterms:W3CDTF">2026-01-01T00:00:00Z</dcterms:modified>')
  })

  it('leaves out an image Word cannot take (SVG) with a warning, and builds the rest', async () => {
    const folder = path.join(mkdtempSync(path.join(tmpdir(), 'brief-docx-svg-')), 'svg')
    cpSync(fixture('layout-elements'), folder, { recursive: true })
    writeFileSync(path.join(folder, 'shape.svg'), '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>')
    writeFileSync(path.join(folder, 'brief.md'), `${readFileSync(path.join(folder, 'brief.md'), 'utf8')}\n![A drawn shape](shape.svg)\n`)
    const report = await build({ paths: [folder], out: path.join(folder, 'out'), formats: ['docx'], cwd: repo })
    expect(report.ok).toBe(true)
    expect(report.briefs[0]!.messages.map((m) => [m.ruleId, m.fatal, m.reason])).toContainEqual(['image-type', false, 'Image `shape.svg` is left out of the Word document: Word takes PNG, JPEG or GIF; save a copy in one of those'])
    expect(readBack(path.join(folder, 'out', 'svg.docx'))).toContain('A drawn shape')
  })

  it('numbers only a list item’s first paragraph, nests lists, and starts each numbered list at 1', async () => {
    const folder = path.join(mkdtempSync(path.join(tmpdir(), 'brief-docx-lists-')), 'lists')
    cpSync(fixture('note-basic'), folder, { recursive: true })
    writeFileSync(
      path.join(folder, 'brief.md'),
      '---\ntitle: Lists\n---\n\n1. First item.\n\n   Its second paragraph.\n\n2. Second item.\n   - nested one\n   - nested two\n\nBetween.\n\n1. A new list.\n',
    )
    const report = await build({ paths: [folder], out: path.join(folder, 'out'), formats: ['docx'], cwd: repo })
    expect(report.ok).toBe(true)
    const document = xml(path.join(folder, 'out', 'lists.docx'), 'word/document.xml')
    const items = [...document.matchAll(/<w:pStyle w:val="(List\w+)"\/>(?:<w:numPr><w:ilvl w:val="(\d)"\/><w:numId w:val="(\d+)"\/>)?/g)].map((m) => [m[1], m[2] ?? '-', m[3] ?? '-'])
    expect(items.map(([style, level]) => `${style}:${level}`)).toEqual(['ListNumber:0', 'ListContinue:-', 'ListNumber:0', 'ListBullet:1', 'ListBullet:1', 'ListNumber:0'])
    // The second list is its own numbering, so Word starts it at 1.
    expect(items[5]![2]).not.toBe(items[0]![2])
    // A list the author numbers on from 3 goes on from 3.
    writeFileSync(path.join(folder, 'brief.md'), '---\ntitle: Lists\n---\n\n1. one\n2. two\n\nBetween.\n\n3. three\n4. four\n')
    expect((await build({ paths: [folder], out: path.join(folder, 'from'), formats: ['docx'], cwd: repo })).ok).toBe(true)
    const text = execFileSync('pandoc', [path.join(folder, 'from', 'lists.docx'), '-f', 'docx', '-t', 'plain'], { encoding: 'utf8' })
    expect(text).toMatch(/1\. +one\n\n2\. +two\n\nBetween\.\n\n3\. +three\n\n4\. +four/)
  })

  it('makes a note called from inside another the next footnote, and its call shows that number', async () => {
    const folder = path.join(mkdtempSync(path.join(tmpdir(), 'brief-docx-nested-')), 'nested')
    cpSync(fixture('note-basic'), folder, { recursive: true })
    writeFileSync(
      path.join(folder, 'brief.md'),
      '---\ntitle: Nested\n---\n\nA claim.[^a] Another, [^c] and again.[^a]\n\n[^a]: The first note, which calls another.[^b]\n\n[^b]: The note called from a note.\n\n[^c]: The third note.\n',
    )
    const report = await build({ paths: [folder], out: path.join(folder, 'out'), formats: ['docx'], cwd: repo })
    expect(report.ok).toBe(true)
    const text = execFileSync('pandoc', [path.join(folder, 'out', 'nested.docx'), '-f', 'docx', '-t', 'plain', '--wrap=none'], { encoding: 'utf8' })
    // Word's numbers: 1 the first note, 2 the one it calls, 3 the third; the repeated call is 1.
    expect(text).toContain('A claim.[1][2] Another, [3] and again.¹')
    expect(text).toContain('[1] The first note, which calls another.²')
    expect(text).toContain('[2] The note called from a note.')
    expect(text).toContain('[3] The third note.')
    // Two deep: each call inside a note shows the number Word gives the note it calls.
    writeFileSync(path.join(folder, 'brief.md'), '---\ntitle: Nested\n---\n\nA claim.[^a]\n\n[^a]: A calls B.[^b]\n\n[^b]: B calls C.[^c]\n\n[^c]: C.\n')
    expect((await build({ paths: [folder], out: path.join(folder, 'deep'), formats: ['docx'], cwd: repo })).ok).toBe(true)
    const deep = execFileSync('pandoc', [path.join(folder, 'deep', 'nested.docx'), '-f', 'docx', '-t', 'plain', '--wrap=none'], { encoding: 'utf8' })
    const numberOf = (note: string) => new RegExp(`\\[(\\d)\\] ${note}`).exec(deep)![1]!
    const sup = '⁰¹²³⁴⁵⁶⁷⁸⁹'
    expect(deep).toContain(`A calls B.${sup[Number(numberOf('B calls C'))]}`)
    expect(deep).toContain(`B calls C.${sup[Number(numberOf('C\\.'))]}`)
    // In reading order: B follows A, and C follows B.
    expect([numberOf('A calls B'), numberOf('B calls C'), numberOf('C\\.')]).toEqual(['1', '2', '3'])
    // A note the text calls later stays at that call; a note calls it by Word's number, which
    // counts the note called only from a note before it.
    writeFileSync(path.join(folder, 'brief.md'), '---\ntitle: Nested\n---\n\nFirst.[^a] Then.[^b]\n\n[^a]: A calls N[^n] and B.[^b]\n\n[^n]: N.\n\n[^b]: B.\n')
    expect((await build({ paths: [folder], out: path.join(folder, 'later'), formats: ['docx'], cwd: repo })).ok).toBe(true)
    const later = execFileSync('pandoc', [path.join(folder, 'later', 'nested.docx'), '-f', 'docx', '-t', 'plain', '--wrap=none'], { encoding: 'utf8' })
    expect(later).toContain('First.[1][2] Then.[3]')
    expect(later).toContain('[1] A calls N² and B.³')
    expect(later).toContain('[2] N.')
    expect(later).toContain('[3] B.')
  })

  it('writes the lists, table, quote and code inside a note as Word content in its footnote', () => {
    const file = docx('note-blocks')
    const footnote = /<w:footnote w:id="1">([\s\S]*?)<\/w:footnote>/.exec(xml(file, 'word/footnotes.xml'))![1]!
    // Each list's numbering, as numbering.xml defines it: numId → abstractNumId → the first level's format.
    const numbering = xml(file, 'word/numbering.xml')
    const abstract = new Map([...numbering.matchAll(/<w:num w:numId="(\d+)"><w:abstractNumId w:val="(\d+)"\/>/g)].map((m) => [m[1]!, m[2]!]))
    const format = (numId: string) => new RegExp(`<w:abstractNum w:abstractNumId="${abstract.get(numId)}"[^>]*>[\\s\\S]*?<w:numFmt w:val="(\\w+)"`).exec(numbering)?.[1]
    const paragraphs = [...footnote.replace(/<w:tbl>[\s\S]*?<\/w:tbl>/g, '<w:p><w:t>[table]</w:t></w:p>').matchAll(/<w:p>([\s\S]*?)<\/w:p>/g)].map(([, p]) => ({
      text: [...p!.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join('').trim(),
      style: /<w:pStyle w:val="(\w+)"\/>/.exec(p!)?.[1],
      list: /<w:numId w:val="(\d+)"\/>/.exec(p!)?.[1],
    }))
    expect(paragraphs.map((p) => [p.text, p.style, p.list ? format(p.list) : '-'])).toEqual([
      ['The note’s first paragraph, before its lists.', 'FootnoteText', '-'],
      ['a bullet point', 'FootnoteText', 'bullet'],
      ['another bullet point', 'FootnoteText', 'bullet'],
      ['a first step', 'FootnoteText', 'decimal'],
      ['a second step', 'FootnoteText', 'decimal'],
      ['[table]', undefined, '-'],
      ['A quoted line, inside the note.', 'BlockText', '-'],
      ['routes = open', 'FootnoteText', '-'],
      ['The note’s last paragraph.', 'FootnoteText', '-'],
    ])
    // Two lists, two numberings: the second starts at 1.
    expect(paragraphs[1]!.list).not.toBe(paragraphs[3]!.list)
    expect(footnote).toMatch(/<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"\/>[\s\S]*Torkham[\s\S]*1947[\s\S]*<\/w:tbl>/)
    expect(footnote).toContain('<w:rStyle w:val="Code"/></w:rPr><w:t xml:space="preserve">routes = open</w:t>')
    // pandoc reads the table and the quote back inside the note. Its DOCX reader makes lists of
    // numbered paragraphs in the body and in table cells only, never in notes (2.17 here, and
    // its sources to date), so the lists are checked by their numbering above.
    const back = readBack(file)
    const note = /<li id="fn1"[\s\S]*?<\/li>\n<li id="fn2"/.exec(back)?.[0] ?? ''
    expect(note).toMatch(/<table>[\s\S]*Torkham[\s\S]*<\/table>/)
    expect(note).toMatch(/<blockquote>\s*<p>A quoted line, inside the note\.<\/p>\s*<\/blockquote>/)
    expect(note).toMatch(/a bullet point[\s\S]*another bullet point[\s\S]*a first step[\s\S]*a second step/)
    // Nothing of the note is left in the text, which calls two footnotes.
    const document = xml(file, 'word/document.xml')
    expect(document).not.toMatch(/bullet point|Torkham|quoted line/)
    expect(document.match(/<w:footnoteReference w:id="\d+"\/>/g)).toEqual(['<w:footnoteReference w:id="1"/>', '<w:footnoteReference w:id="2"/>'])
  })

  it('takes an image by what its bytes are (a JPEG saved as .png), no taller than the page allows', async () => {
    const folder = path.join(mkdtempSync(path.join(tmpdir(), 'brief-docx-jpeg-')), 'jpeg')
    cpSync(fixture('note-basic'), folder, { recursive: true })
    cpSync(path.join(sharedFolder, 'photo.jpg'), path.join(folder, 'photo.png'))
    writeFileSync(path.join(folder, 'brief.md'), '---\ntitle: A mislabelled photo\n---\n\n![A photo](photo.png)\n')
    const report = await build({ paths: [folder], out: path.join(folder, 'out'), formats: ['docx'], cwd: repo })
    expect(report.briefs[0]!.messages.filter((m) => m.fatal).map((m) => m.reason)).toEqual([])
    const files = parts(path.join(folder, 'out', 'jpeg.docx'))
    expect(Object.keys(files).filter((n) => n.startsWith('word/media/'))).toEqual([expect.stringMatching(/\.jpg$/)])
    const extent = /<wp:extent cx="(\d+)" cy="(\d+)"\/>/.exec(strFromU8(files['word/document.xml']!))!
    // EMUs: at most the text block's width (16.6 cm) and 80 % of its height (25.1 cm).
    expect(Number(extent[1])).toBeLessThanOrEqual(16.6 * 360_000)
    expect(Number(extent[2])).toBeLessThanOrEqual(0.8 * 25.1 * 360_000)
  })

  it('tags the text with the brief’s language, as complex script too when it is written right to left', async () => {
    const folder = path.join(mkdtempSync(path.join(tmpdir(), 'brief-docx-lang-')), 'urdu')
    cpSync(fixture('note-basic'), folder, { recursive: true })
    writeFileSync(path.join(folder, 'brief.md'), '---\ntitle: Urdu\nlang: ur\n---\n\nText.\n')
    expect((await build({ paths: [folder], out: path.join(folder, 'out'), formats: ['docx'], cwd: repo })).ok).toBe(true)
    expect(xml(path.join(folder, 'out', 'urdu.docx'), 'word/styles.xml')).toContain('<w:lang w:val="ur" w:bidi="ur"/>')
    expect(xml(docx(seed), 'word/styles.xml')).toContain('<w:lang w:val="en-US"/>')
  })

  it('writes a code block line by line in the code style, tabs as spaces', async () => {
    const folder = path.join(mkdtempSync(path.join(tmpdir(), 'brief-docx-code-')), 'code')
    cpSync(fixture('note-basic'), folder, { recursive: true })
    writeFileSync(path.join(folder, 'brief.md'), '---\ntitle: Code\n---\n\n```\nif (open) {\n\treturn trade\n}\n```\n')
    expect((await build({ paths: [folder], out: path.join(folder, 'out'), formats: ['docx'], cwd: repo })).ok).toBe(true)
    const document = xml(path.join(folder, 'out', 'code.docx'), 'word/document.xml')
    expect(document).toContain('<w:rStyle w:val="Code"/></w:rPr><w:t xml:space="preserve">    return trade</w:t>')
    expect(document).not.toContain('\t')
  })
})
