/**
 * No two note calls stand side by side without the house separator, whatever made them (a
 * citation, the author's note) and wherever they are (after moved punctuation, at the edge of
 * emphasis, in a list item, in a table cell), in every output; a call in a link's text stands
 * after the link, still a superscript.
 */
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { strFromU8 } from 'fflate'
import { beforeAll, describe, expect, it } from 'vitest'
import { build } from '../src/core/build.ts'
import { repo } from './helpers/cli.ts'
import { unzipEpub } from './helpers/epub.ts'
import { fixture } from './helpers/fixtures.ts'
import { pageTexts } from './helpers/pdf.ts'
import { sharedBrowser } from './helpers/browser.ts'

const slug = 'note-calls-adjacent'
const out = mkdtempSync(path.join(tmpdir(), 'brief-note-calls-'))
const file = (ext: string) => path.join(out, `${slug}.${ext}`)

/** The calls side by side in the fixture, as "n,m" once the separator is printed. */
const pairs = ['1,2', '3,4', '5,6', '11,12', '13,14']

beforeAll(async () => {
  const report = await build({ paths: [fixture(slug)], out, formats: ['pdf', 'html', 'epub', 'docx'], cwd: repo, browser: await sharedBrowser() })
  expect(report.briefs.flatMap((b) => b.messages.filter((m) => m.fatal).map(String))).toEqual([])
}, 120_000)

/** A page's calls and separators in reading order: "[1],[2]" for two calls and a separator. */
function callsIn(markup: string): string {
  return markup
    .replace(/<sup class="call-separator"[^>]*>,<\/sup>/g, ',')
    .replace(/<sup>\s*<a\b[^>]*>(\d+)<\/a>\s*<\/sup>/g, '[$1]')
    .replace(/<[^>]+>/g, '')
}

describe('note calls side by side', () => {
  it('are separated in the web page, and a call in a link stands after it, in its superscript', () => {
    const html = readFileSync(file('html'), 'utf8')
    const text = callsIn(html.slice(html.indexOf('<main>'), html.indexOf('<section class="footnotes"')))
    for (const pair of pairs) expect(text).toContain(`[${pair.replace(',', '],[')}]`)
    expect(text).toContain('one[9] [10] two')
    expect(html).not.toMatch(/<sup><\/sup>/)
    expect(html).toMatch(/the ruling<\/a><sup><a href="#fn-7"/)
  })

  it('are separated in the PDF text layer', () => {
    const text = pageTexts(file('pdf')).join('\n').replace(/\s+/g, ' ')
    for (const words of ['privacy.1,2', 'judgment3,4', 'held5,6', 'item.11,12', 'census13,14', 'ruling7.8', 'one9 10 two']) expect(text).toContain(words)
  })

  it('are separated in the EPUB', () => {
    const xhtml = strFromU8(unzipEpub(file('epub'))['OEBPS/text/brief.xhtml']!)
    const text = callsIn(xhtml)
    for (const pair of pairs) expect(text).toContain(`[${pair.replace(',', '],[')}]`)
  })

  it('are separated in the Word document, between Word footnote references', () => {
    const xml = strFromU8(unzipEpub(file('docx'))['word/document.xml']!)
    // Runs in order: a footnote reference, a superscript ",", the next footnote reference.
    const runs = [...xml.matchAll(/<w:footnoteReference w:id="(\d+)"\/>|<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => (m[1] ? `[${m[1]}]` : m[2]!)).join('')
    for (const pair of pairs) {
      const [a, b] = pair.split(',').map(Number)
      // Word numbers the footnotes in call order, as ours are here.
      expect(runs).toContain(`[${a}],[${b}]`)
    }
  })
})
