/**
 * The title block is made once (src/brief/title-block.ts) and drawn by every output: the web
 * page, the PDF, the EPUB's title page and the Word document say the same words, in the same
 * order, for one, two and three authors, with and without a revised date under the date; the
 * default disclaimer agrees with their number.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { strFromU8 } from 'fflate'
import type { Element } from 'hast'
import { fromHtml } from 'hast-util-from-html'
import { toString } from 'hast-util-to-string'
import { beforeAll, describe, expect, it } from 'vitest'
import { build } from '../src/core/build.ts'
import { repo, seed } from './helpers/cli.ts'
import { unzipEpub } from './helpers/epub.ts'
import { pageTexts } from './helpers/pdf.ts'
import { sharedBrowser } from './helpers/browser.ts'

const people = [
  '  - name: Amina Khan\n    role: Director\n    affiliation: "Centre for Afghanistan, Middle East & Africa (CAMEA), ISSI"\n    email: aminakhan@issi.org.pk',
  '  - name: Bilal Ahmed\n    role: Research Fellow',
  '  - name: Sana Riaz\n    email: sana@issi.org.pk',
]
const abstract = 'abstract: "Kabul and Islamabad\'s ties -- an \\"uneasy\\" reset."'

/** The example brief with `count` authors and an abstract; corrected on June 20 when `revised`. */
function withAuthors(dir: string, count: number, revised = false): string {
  const folder = path.join(dir, 'briefs', `authors-${count}${revised ? '-revised' : ''}`)
  cpSync(path.join(repo, 'briefs', seed), folder, { recursive: true })
  const file = path.join(folder, 'brief.md')
  const text = readFileSync(file, 'utf8').replace(/^author:\n(?: {2}.*\n)+/m, `author:\n${people.slice(0, count).join('\n')}\n${abstract}\n${revised ? 'date-modified: 2025-06-20\n' : ''}`)
  writeFileSync(file, text)
  return folder
}

/** The four outputs' title blocks, as lines: the web page's, the EPUB's, Word's, and the PDF's first page. */
function titleBlocks(out: string, slug: string): { web: string[]; epub: string[]; word: string[]; page: string } {
  const html = readFileSync(path.join(out, `${slug}.html`), 'utf8')
  const book = unzipEpub(path.join(out, `${slug}.epub`))
  return {
    web: fromMarkup(html, html),
    epub: fromMarkup(strFromU8(book['OEBPS/text/title.xhtml']!), strFromU8(book['OEBPS/text/brief.xhtml']!)),
    word: fromWord(path.join(out, `${slug}.docx`)),
    page: squash(pageTexts(path.join(out, `${slug}.pdf`))[0]!).toLowerCase(),
  }
}

const squash = (s: string) => s.replace(/\s+/g, ' ').trim()
const elements = (node: Element): Element[] => node.children.filter((c): c is Element => c.type === 'element')

/** The masthead's lines and the abstract, from a page that draws them as the template does. */
function fromMarkup(masthead: string, body: string): string[] {
  const header = fromHtml(masthead).children.length ? (fromHtml(masthead) as unknown as Element) : undefined
  const lines: string[] = []
  const walk = (node: Element) => {
    for (const child of elements(node)) {
      // The contact line's parts are spaced by the stylesheet, not by text.
      if (child.properties.className && String(child.properties.className).includes('contact')) lines.push(squash(elements(child).map(toString).join(' ')))
      else if (['p', 'h1'].includes(child.tagName)) lines.push(squash(toString(child)))
      else walk(child)
    }
  }
  const find = (root: Element, cls: string): Element | undefined => {
    for (const child of elements(root)) {
      if (String(child.properties.className ?? '').split(' ').includes(cls) || (Array.isArray(child.properties.className) && child.properties.className.includes(cls))) return child
      const found = find(child, cls)
      if (found) return found
    }
    return undefined
  }
  walk(find(header!, 'masthead')!)
  const summary = find(fromHtml(body) as unknown as Element, 'abstract')
  if (summary) lines.push(squash(toString(summary)))
  return lines
}

/** The Word document's paragraphs up to the body: those in the masthead's styles. */
function fromWord(file: string): string[] {
  const xml = strFromU8(unzipEpub(file)['word/document.xml']!)
  const titleStyles = ['Series', 'Institute', 'Contact', 'Title', 'Subtitle', 'Author', 'AuthorDetail', 'Date', 'Disclaimer', 'Abstract']
  const lines: string[] = []
  for (const [, paragraph] of xml.matchAll(/<w:p>([\s\S]*?)<\/w:p>/g)) {
    const style = /<w:pStyle w:val="([^"]+)"\/>/.exec(paragraph!)?.[1]
    if (style && !titleStyles.includes(style)) break
    if (!style) continue
    const text = [...paragraph!.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('')
    lines.push(squash(text.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&apos;/g, "'")))
  }
  return lines
}

describe('title block', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'brief-title-block-'))
  const out = path.join(dir, 'output')
  beforeAll(async () => {
    cpSync(path.join(repo, 'brief.config.yaml'), path.join(dir, 'brief.config.yaml'))
    for (const count of [1, 2, 3]) withAuthors(dir, count)
    withAuthors(dir, 2, true)
    const report = await build({ cwd: dir, out, formats: ['pdf', 'html', 'epub', 'docx'], browser: await sharedBrowser() })
    expect(report.briefs.flatMap((b) => b.messages.filter((m) => m.fatal).map(String))).toEqual([])
  }, 120_000)

  for (const count of [1, 2, 3]) {
    it(`says the same in all four outputs with ${count} author${count > 1 ? 's' : ''}`, () => {
      const { web, epub, word, page } = titleBlocks(out, `authors-${count}`)
      expect(epub).toEqual(web)
      expect(word).toEqual(web)
      // The PDF lays authors side by side, and sets the series, institute and title in capitals:
      // each line is on the first page, whatever the order and the case.
      for (const line of web) expect(page).toContain(line.toLowerCase())
      expect(web.some((line) => line.startsWith('Revised'))).toBe(false)

      const disclaimer = web.find((line) => line.startsWith('(Views expressed'))
      expect(disclaimer).toBe(`(Views expressed in the brief are those of the ${count > 1 ? 'authors' : 'author'}, and do not represent those of ISSI)`)
      expect(web.filter((line) => line === 'By')).toHaveLength(1)
      expect(web.at(-1)).toBe('Kabul and Islamabad’s ties – an “uneasy” reset.')
    })
  }

  it('says "Revised June 20, 2025" under the date in all four outputs', () => {
    const { web, epub, word, page } = titleBlocks(out, 'authors-2-revised')
    expect(epub).toEqual(web)
    expect(word).toEqual(web)
    for (const line of web) expect(page).toContain(line.toLowerCase())
    expect(web.slice(web.indexOf('April 7, 2025'), web.indexOf('April 7, 2025') + 3)).toEqual([
      'April 7, 2025',
      'Revised June 20, 2025',
      '(Views expressed in the brief are those of the authors, and do not represent those of ISSI)',
    ])
    expect(page).toContain('april 7, 2025 revised june 20, 2025')
  })
})
