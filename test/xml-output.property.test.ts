/**
 * Every output well-formed and valid, whatever the text (issue 22, class 3): fast-check writes
 * hostile text (the characters XML forbids, `]]>`, quotes, `&`, `<`, bidi controls, combining
 * marks, astral emoji, line separators) into the title, subtitle, author, abstract, body text,
 * inline code, a link's text and URL, an image's description, a note, `lang:`, `{#id}`s and
 * attribute values, and a source's title; each brief is built to EPUB and DOCX, EPUBCheck passes
 * every book and pandoc reads every document; and the RIS writer's records read back the same.
 * A few briefs in `npm test`, more with FC_RUNS in `npm run test:stress`.
 */
import { execFileSync } from 'node:child_process'
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { build } from '../src/core/build.ts'
import { readRis, writeRis } from '../src/citations/ris.ts'
import { isLanguageTag } from '../src/brief/front-matter.ts'
import { xmlAttribute, xmlChars, xmlText, wellFormed } from '../src/text/xml.ts'
import { repo } from './helpers/cli.ts'
import { epubcheckAll } from './helpers/epub.ts'

// Each brief is one EPUBCheck run (about 2 s): test:stress's FC_RUNS=1500 gives 60 briefs and 3,000 RIS records.
const runs = Math.min(Number(process.env.FC_RUNS ?? 4), 60)

const hostile = [
  ']]>', ']]', '<', '>', '&', '&amp;', '"', "'", '\u0001', '\u0008', '\u000B', '\u000C', '\u001F', '\uFFFE', '\uFFFF',
  '\u202E', '\u2066', '\u200F', '\u0301', '\u0338', '😀', '𝔘', '\u2028', '\u2029', '\u0085', '\r', '\t', '<!--', '-->', '<?x?>', 'x="1"', '\\',
]
/** Text from hostile pieces and any characters, lone surrogates included (for what JSON and YAML can carry escaped). */
const anyText = fc.array(fc.oneof(fc.constantFrom(...hostile), fc.string({ unit: 'binary', maxLength: 3 })), { minLength: 1, maxLength: 8 }).map((parts) => parts.join(''))
/** Text a UTF-8 Markdown file can hold and that writes no Markdown construct that stops a build (`[`, `@`, `!`, `` ` ``, no NUL). */
const bodyText = anyText.map((text) => text.replace(/[\u0000[@!`*_#:|{}\n]|[\uD800-\uDFFF]/g, ' ').replace(/\s+/g, ' ').trim() || 'x')
const id = fc.oneof(fc.constantFrom('refs', 'fn-1', 'fnref-1', 'ref-src', 'bibliography', 'sec-1', 'toc', 'footnote-label', 'a"b', 'x]]>y', 'é'), fc.stringMatching(/^[a-z][a-z0-9-]{0,6}$/))

/** YAML double-quoted: JSON's escapes, and U+FFFE, U+FFFF and the surrogates escaped too (YAML refuses them as they are). */
const yaml = (text: string) => JSON.stringify(text).replace(/[\u007F-\u009F\uD800-\uDFFF\uFFFE\uFFFF\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)

// A title and an author begin with a letter: one of only spaces and controls is refused, as it should be.
const brief = fc.record({ title: anyText.map((t) => `T${t}`), subtitle: anyText, author: anyText.map((t) => `A${t}`), abstract: anyText, lang: fc.oneof(anyText, fc.constantFrom('ur', 'en-GB', 'en_US', 'zh-Hant-TW')), body: bodyText, code: bodyText, linkText: bodyText, url: bodyText, alt: bodyText, note: bodyText, ids: fc.array(id, { minLength: 3, maxLength: 3 }), attribute: bodyText, source: anyText })
type Brief = typeof brief extends fc.Arbitrary<infer T> ? T : never

function write(folder: string, b: Brief): void {
  mkdirSync(folder, { recursive: true })
  copyFileSync(path.join(repo, 'test/fixtures/layout-elements/map.png'), path.join(folder, 'map.png'))
  writeFileSync(path.join(folder, 'references.json'), JSON.stringify([{ id: 'src', type: 'book', title: b.source, author: [{ family: b.author, given: 'A' }], issued: { 'date-parts': [[2020]] } }]))
  const code = b.code.replace(/`/g, '')
  writeFileSync(
    path.join(folder, 'brief.md'),
    [
      '---',
      `title: ${yaml(b.title)}`,
      `subtitle: ${yaml(b.subtitle)}`,
      `author:\n  - name: ${yaml(b.author)}\n    affiliation: ${yaml(b.abstract)}\n    email: ${yaml(`${b.linkText}@example.org`)}`,
      `lang: ${yaml(b.lang)}`,
      `abstract: ${yaml(b.abstract)}`,
      'date: 2025-04-07',
      'bibliography: references.json',
      '---',
      '',
      `## ${b.body} {#${b.ids[0]}}`,
      '',
      `${b.body} \`${code}\` ${b.body} [@src].[^n1]`,
      '',
      `[${b.linkText}](<https://example.org/${b.url.replace(/[<>\\]/g, '')}>) and [back](#${b.ids[0]}) and <a href="https://doi.org/10.1002/${b.url.replace(/"/g, '&quot;')}" title="${b.attribute.replace(/"/g, '&quot;')}">${b.linkText.replace(/</g, '&lt;')}</a>`,
      '',
      `![${b.alt}](map.png){#fig-${b.ids[1]!.replace(/[^a-z0-9-]/g, '')}}`,
      '',
      `::: {#${b.ids[1]} .box title="${b.attribute.replace(/"/g, '')}"}`,
      b.body,
      ':::',
      '',
      `<div id="${b.ids[2]}"><img src="map.png" alt="${b.alt.replace(/"/g, '&quot;')}" longdesc="x.html"></div>`,
      '',
      `[^n1]: ${b.note} \`${code}\``,
      '',
    ].join('\n'),
  )
}

describe('every output well-formed and valid, whatever the text', () => {
  it('escapes text and attributes and leaves out what XML forbids', () => {
    expect(xmlText('a]]>b & <c> "d" \u0001\uFFFE\uFFFF\uD800 😀')).toBe('a]]&gt;b &amp; &lt;c&gt; &quot;d&quot;  😀')
    expect(xmlAttribute('a\tb\nc"')).toBe('a&#9;b&#10;c&quot;')
    expect(wellFormed('<a t="]]>">x]]>y\uFFFF</a>')).toBe('<a t="]]&gt;">x]]&gt;y</a>')
    expect(xmlChars('\uDC00x\uD83D\uDE00')).toBe('x😀')
    expect(['en', 'en-GB', 'ur', 'zh-Hant-TW', 'de-CH-1996'].every(isLanguageTag)).toBe(true)
    expect(['', 'en_US', 'en" x="1', 'x', 'abcdefghi', 'en-', '\uFFFF'].some(isLanguageTag)).toBe(false)
  })

  it('reads every RIS record back the same, whatever its text', () => {
    fc.assert(
      fc.property(anyText, anyText, anyText, (title, family, key) => {
        const item = { id: key, type: 'book', title, author: [{ family, given: 'A' }], issued: { 'date-parts': [[2020]] } }
        const back = readRis(writeRis([item]))
        expect(back).toHaveLength(1)
        const one = (text: string) => xmlChars(text).replace(/\s*[\n\r\v\f\u0085\u2028\u2029]\s*/g, ' ').trim()
        if (one(title)) expect(back[0]!.item.title).toBe(one(title))
        if (one(family)) expect((back[0]!.item.author as Array<{ family?: string; literal?: string }>)[0]).toMatchObject(expect.anything())
      }),
      { numRuns: runs * 50, seed: 22 },
    )
  })

  it('builds an EPUB that EPUBCheck passes and a DOCX that pandoc reads', { timeout: 60_000 + runs * 15_000 }, async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'brief-xml-'))
    const briefs = fc.sample(brief, { numRuns: runs, seed: 22 })
    briefs.forEach((b, i) => write(path.join(dir, 'briefs', `b${i}`), b))
    writeFileSync(path.join(dir, 'brief.config.yaml'), 'name: Institute\n')
    const report = await build({ cwd: dir, out: path.join(dir, 'out'), formats: ['epub', 'docx'] })
    expect(report.briefs.flatMap((r) => r.messages.filter((m) => m.fatal).map(String))).toEqual([])
    const checks = await epubcheckAll(briefs.map((_, i) => path.join(dir, 'out', `b${i}.epub`)))
    for (const [file, check] of checks) expect([file, check.errors, check.warnings], check.output).toEqual([file, 0, 0])
    for (let i = 0; i < briefs.length; i++) {
      const text = execFileSync('pandoc', ['-f', 'docx', '-t', 'plain', path.join(dir, 'out', `b${i}.docx`)], { encoding: 'utf8' })
      expect(text.length).toBeGreaterThan(0)
    }
  })
})
