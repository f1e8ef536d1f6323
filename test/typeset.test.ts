/**
 * The author's Markdown, typeset, in all three outputs: a brief written with straight quotes,
 * typed dashes and dots everywhere (front matter, body, block quote, note, captions, box,
 * definition list) and every pandoc habit we support.
 */
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Element, Nodes } from 'hast'
import { fromHtml } from 'hast-util-from-html'
import { toString } from 'hast-util-to-string'
import { beforeAll, describe, expect, it } from 'vitest'
import { build } from '../src/core/build.ts'
import { repo } from './helpers/cli.ts'
import { unzipEpub, epubcheck } from './helpers/epub.ts'
import { pageTexts } from './helpers/pdf.ts'
import { fixture as stagedFixture } from './helpers/fixtures.ts'
import { sharedBrowser } from './helpers/browser.ts'

const fixture = stagedFixture('typeset-everything')

/** Straight quotes and typed dashes in what the author wrote (not code, not URLs shown as text). */
export function untypeset(html: string): { quotes: number; apostrophes: number; dashes: number } {
  const tree = fromHtml(html)
  const texts: string[] = []
  const walk = (node: Nodes) => {
    if (node.type === 'element' && ['code', 'pre', 'script', 'style', 'title', 'head'].includes(node.tagName)) return
    if (node.type === 'element' && node.tagName === 'a' && /^(https?:|mailto:)/.test(String(node.properties.href)) && toString(node).includes('/')) return
    if (node.type === 'text') texts.push(node.value)
    if ('children' in node) node.children.forEach(walk)
  }
  walk(tree)
  const text = texts.join('')
  return { quotes: (text.match(/"/g) ?? []).length, apostrophes: (text.match(/'/g) ?? []).length, dashes: (text.match(/(?<!-)---?(?!-)/g) ?? []).length }
}

const find = (root: Nodes, test: (e: Element) => boolean): Element[] => {
  const out: Element[] = []
  const walk = (node: Nodes) => {
    if (node.type === 'element' && test(node)) out.push(node)
    if ('children' in node) node.children.forEach(walk)
  }
  walk(root)
  return out
}
const classes = (e: Element) => (Array.isArray(e.properties.className) ? e.properties.className.map(String) : [])

describe('typeset Markdown in every output', () => {
  let out: string
  let html: string
  let xhtml: string
  beforeAll(async () => {
    out = mkdtempSync(path.join(tmpdir(), 'brief-typeset-'))
    const report = await build({ paths: [fixture], out, cwd: repo, browser: await sharedBrowser() })
    expect(report.briefs[0]!.messages.map(String)).toEqual([])
    html = readFileSync(path.join(out, 'typeset-everything.html'), 'utf8')
    xhtml = Buffer.from(unzipEpub(path.join(out, 'typeset-everything.epub'))['OEBPS/text/brief.xhtml']!).toString()
  })

  it('leaves no straight quote, straight apostrophe or typed dash in the web page or the EPUB', () => {
    expect(untypeset(html)).toEqual({ quotes: 0, apostrophes: 0, dashes: 0 })
    expect(untypeset(xhtml.replace(/^<\?xml[^>]*>/, ''))).toEqual({ quotes: 0, apostrophes: 0, dashes: 0 })
    const title = Buffer.from(unzipEpub(path.join(out, 'typeset-everything.epub'))['OEBPS/text/title.xhtml']!).toString()
    expect(untypeset(title.replace(/^<\?xml[^>]*>/, ''))).toEqual({ quotes: 0, apostrophes: 0, dashes: 0 })
  })

  it('typesets the front matter: title, subtitle, roles, abstract', () => {
    expect(html).toContain('<h1 class="title">Pakistan’s “New” Trade Routes – A First Look</h1>')
    expect(html).toContain('What the ’90s taught us… and what they didn’t')
    expect(html).toContain('Director, “Trade” Desk')
    expect(html).toContain('A brief on trade – and security – written with ‘straight’ punctuation everywhere.')
  })

  for (const [name, read] of [['web page', () => html], ['EPUB', () => xhtml]] as const) {
    it(`writes pandoc's constructs as elements in the ${name}`, () => {
      const page = fromHtml(read())
      const caption = (root: Element) => toString(find(root, (e) => e.tagName === 'figcaption')[0]!)
      expect(find(page, (e) => e.tagName === 'sub').map((e) => toString(e))).toEqual(['2'])
      expect(find(page, (e) => e.tagName === 'sup' && !find(e, (a) => a.tagName === 'a').length).map((e) => toString(e))).toContain('3')
      expect(caption(find(page, (e) => e.tagName === 'figure' && e.properties.id === 'fig-chart')[0]!)).toBe('Figure 1. The “new” routes – 2024 to 2025')
      expect(caption(find(page, (e) => e.tagName === 'figure' && e.properties.id === 'tbl-routes')[0]!)).toBe('Table 1. Freight by route, “provisional” figures')
      expect(find(page, (e) => e.tagName === 'td' && classes(e).includes('align-right')).map((e) => toString(e))).toEqual(['1,200', '900', '900'])
      expect(find(page, (e) => classes(e).includes('cross-reference')).map((e) => `${toString(e)} → ${String(e.properties.href)}`)).toEqual([
        'Figure 1 → #fig-chart',
        'Table 1 → #tbl-routes',
        'Outlook → #sec-outlook',
      ])
      const box = find(page, (e) => classes(e).includes('key-points'))[0]!
      expect(toString(find(box, (e) => classes(e).includes('box-title'))[0]!)).toBe('Key points')
      expect(find(page, (e) => classes(e).includes('callout-warning'))).toHaveLength(1)
      expect(find(page, (e) => e.tagName === 'dt').map((e) => toString(e))).toEqual(['Transit trade', 'Dry port'])
      expect(find(page, (e) => e.tagName === 'h2').map((e) => e.properties.id)).toContain('sec-outlook')
    })
  }

  it('prints the constructs in the PDF: subscript, captions, a new page where \\newpage stands', () => {
    const pages = pageTexts(path.join(out, 'typeset-everything.pdf'))
    const all = pages.join('\n')
    expect(all).toContain('Figure 1. The “new” routes – 2024 to 2025')
    expect(all).toContain('Table 1. Freight by route, “provisional” figures')
    expect(all).not.toMatch(/["]|--/)
    // Hyphenated in print, but whole words in the text layer: no soft hyphen is left in it.
    expect(all).not.toContain('\u00ad')
    expect(pages.at(-1)!.trimStart().startsWith('Outlook')).toBe(true)
  })

  it('passes EPUBCheck with boxes, figures, tables and definition lists', async () => {
    const result = await epubcheck(path.join(out, 'typeset-everything.epub'))
    expect([result.errors, result.warnings], result.output).toEqual([0, 0])
  })
})
