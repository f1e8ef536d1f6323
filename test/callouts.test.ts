/**
 * Quarto's callouts, references to sections and images' descriptions, in all four outputs
 * (fixtures callouts-quarto, sections-numbered, figure-alt-citation): a callout's title is no
 * section (not a heading of the web page or the EPUB, no PDF bookmark, no entry in the EPUB's
 * navigation, no Word heading); each callout type is drawn its own way; `@sec-x` prints what
 * the reader sees, the heading's words or, with `number-sections: true`, "Section N"; and no
 * image's description carries citation syntax, with a note style or an author-date one.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { strFromU8 } from 'fflate'
import type { Element, Nodes } from 'hast'
import { fromHtml } from 'hast-util-from-html'
import { toString } from 'hast-util-to-string'
import { beforeAll, describe, expect, it } from 'vitest'
import { build } from '../src/core/build.ts'
import { repo } from './helpers/cli.ts'
import { epubcheck, unzipEpub } from './helpers/epub.ts'
import { fixture } from './helpers/fixtures.ts'
import { outlineTitles, pageTexts } from './helpers/pdf.ts'
import { sharedBrowser } from './helpers/browser.ts'

const cases = ['callouts-quarto', 'sections-numbered', 'figure-alt-citation']
const out = mkdtempSync(path.join(tmpdir(), 'brief-callouts-'))
/** figure-alt-citation again, with an author-date style. */
const authorDate = mkdtempSync(path.join(tmpdir(), 'brief-callouts-author-date-'))

const find = (root: Nodes, test: (e: Element) => boolean): Element[] => {
  const found: Element[] = []
  const walk = (node: Nodes) => {
    if (node.type === 'element' && test(node)) found.push(node)
    if ('children' in node) node.children.forEach(walk)
  }
  walk(root)
  return found
}
const classes = (e: Element) => (Array.isArray(e.properties.className) ? e.properties.className.map(String) : [])
const squash = (s: string) => s.replace(/\s+/g, ' ').trim()
const xmlText = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&')

const web = (name: string, dir = out) => fromHtml(readFileSync(path.join(dir, `${name}.html`), 'utf8'))
const book = (name: string, dir = out) => unzipEpub(path.join(dir, `${name}.epub`))
const epubPage = (name: string, dir = out) => fromHtml(strFromU8(book(name, dir)['OEBPS/text/brief.xhtml']!))
const pdf = (name: string, dir = out) => path.join(dir, `${name}.pdf`)
const wordXml = (name: string, part = 'word/document.xml', dir = out) => strFromU8(unzipEpub(path.join(dir, `${name}.docx`))[part]!)

/** The Word document's paragraphs, each with its style and text. */
function wordParagraphs(name: string): Array<{ style?: string; text: string }> {
  return [...wordXml(name).matchAll(/<w:p>([\s\S]*?)<\/w:p>/g)].map(([, p]) => ({
    style: /<w:pStyle w:val="([^"]+)"\/>/.exec(p!)?.[1],
    text: xmlText([...p!.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('')),
  }))
}

/** The EPUB's table of contents, as a reading system lists it. */
function epubToc(name: string): string[] {
  const nav = fromHtml(strFromU8(book(name)['OEBPS/nav.xhtml']!))
  const toc = find(nav, (e) => e.tagName === 'nav' && e.properties['epub:type'] === 'toc')[0]!
  return find(toc, (e) => e.tagName === 'a').map((a) => squash(toString(a)))
}

/** Every `/Alt` in the PDF's structure tree (Chromium writes them from the print page's `alt`). */
function pdfAlts(file: string): string[] {
  const alts: string[] = []
  const walk = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(walk)
    else if (value && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        if (key === '/Alt' && typeof child === 'string') alts.push(child.replace(/^u:/, ''))
        else walk(child)
      }
    }
  }
  walk(JSON.parse(execFileSync('qpdf', ['--json', file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })))
  return alts
}

/** The colours the PDF's pages draw with (stroke and fill), as `#rrggbb`. */
function pdfColours(file: string): Set<string> {
  const expanded = path.join(mkdtempSync(path.join(tmpdir(), 'brief-qdf-')), 'x.pdf')
  execFileSync('qpdf', ['--qdf', '--object-streams=disable', file, expanded])
  const text = readFileSync(expanded, 'latin1')
  const hex = (n: string) => Math.round(Number(n) * 255).toString(16).padStart(2, '0')
  return new Set([...text.matchAll(/(?:^|\s)([\d.]+) ([\d.]+) ([\d.]+) (?:rg|RG)\b/g)].map(([, r, g, b]) => `#${hex(r!)}${hex(g!)}${hex(b!)}`))
}

const types = ['note', 'tip', 'warning', 'important', 'caution']
/** The callouts of callouts-quarto in order: `.callout` alone is a note. */
const calloutOrder = ['note', 'tip', 'warning', 'important', 'caution', 'note']

/** Headings (the sections) and callout titles, as each brief has them. */
const expected = {
  'callouts-quarto': {
    title: 'Callouts the Quarto Way',
    headings: ['Where trade stands', 'Recommendations'],
    calloutTitles: ['What the figures count', 'Reading the tables', 'Provisional figures', 'Important', 'Data gaps', 'Note'],
  },
  'sections-numbered': {
    title: 'Numbered Sections',
    headings: ['1 Background', '2 Findings', '2.1 Detail', 'Annex'],
    calloutTitles: ['A title, not a section'],
  },
} as const

beforeAll(async () => {
  const formats = ['html', 'pdf', 'epub', 'docx'] as const
  const report = await build({ paths: cases.map(fixture), out, formats: [...formats], cwd: repo, browser: await sharedBrowser() })
  expect(report.briefs.map((b) => b.messages.filter((m) => m.fatal).map((m) => m.reason))).toEqual(cases.map(() => []))
  const second = await build({ paths: [fixture('figure-alt-citation')], out: authorDate, formats: [...formats], csl: 'author-date', cwd: repo, browser: await sharedBrowser() })
  expect(second.briefs[0]!.messages.filter((m) => m.fatal).map((m) => m.reason)).toEqual([])
}, 240_000)

describe('a callout’s title is not a section', () => {
  for (const [name, { title, headings, calloutTitles }] of Object.entries(expected)) {
    it(`in the web page and the EPUB: ${name}`, () => {
      for (const page of [web(name), epubPage(name)]) {
        const main = find(page, (e) => e.tagName === 'main' || e.tagName === 'body').at(-1)!
        const texts = find(main, (e) => /^h[1-6]$/.test(e.tagName) && !classes(e).includes('title')).map((e) => squash(toString(e)))
        expect(texts.filter((t) => t !== 'Notes')).toEqual(headings)
        expect(find(main, (e) => classes(e).includes('callout-title')).map((e) => [e.tagName, squash(toString(e))])).toEqual(calloutTitles.map((t) => ['p', t]))
      }
    })

    it(`in the PDF's bookmarks and the EPUB's navigation: ${name}`, () => {
      expect(outlineTitles(pdf(name))).toEqual([title, ...headings])
      expect(epubToc(name)).toEqual([title, ...headings])
    })

    it(`in the Word document's headings: ${name}`, () => {
      const paragraphs = wordParagraphs(name)
      expect(paragraphs.filter((p) => /^Heading\d$/.test(p.style ?? '')).map((p) => p.text)).toEqual(headings)
      expect(paragraphs.filter((p) => /^Callout\w+Title$/.test(p.style ?? '')).map((p) => p.text)).toEqual(calloutTitles)
    })
  }

  it('prints a collapsed callout open, and the EPUB passes EPUBCheck', async () => {
    expect(squash(pageTexts(pdf('callouts-quarto')).join('\n'))).toContain('Provisional figures The 2025 figures may still change; a collapsed callout prints open.')
    const result = await epubcheck(path.join(out, 'callouts-quarto.epub'))
    expect([result.errors, result.warnings], result.output).toEqual([0, 0])
  })
})

describe('each callout type is drawn its own way', () => {
  it('has its classes in the web page and the EPUB', () => {
    for (const page of [web('callouts-quarto'), epubPage('callouts-quarto')]) {
      const callouts = find(page, (e) => classes(e).includes('callout'))
      expect(callouts.map((e) => types.find((t) => classes(e).includes(`callout-${t}`)))).toEqual(calloutOrder)
      expect(callouts.map((e) => e.properties.role)).toEqual(calloutOrder.map(() => 'note'))
    }
  })

  it('draws each type in its own colour in the PDF', () => {
    const css = readFileSync(path.join(repo, 'styles/common.css'), 'utf8')
    const colours = types.map((t) => new RegExp(`\\.callout\\.callout-${t} \\{ border-color: (#[0-9a-f]{6}); \\}`).exec(css)?.[1])
    expect(new Set(colours).size).toBe(types.length)
    const drawn = pdfColours(pdf('callouts-quarto'))
    expect(colours.filter((c) => !drawn.has(c!))).toEqual([])
  })

  it('gives each type its own table and title styles in Word, each defined with its colour', () => {
    const document = wordXml('callouts-quarto')
    const names = (t: string) => t[0]!.toUpperCase() + t.slice(1)
    expect([...document.matchAll(/<w:tblStyle w:val="(Callout\w+)"\/>/g)].map((m) => m[1])).toEqual(calloutOrder.map((t) => `Callout${names(t)}`))
    expect(wordParagraphs('callouts-quarto').filter((p) => p.style?.startsWith('Callout')).map((p) => p.style)).toEqual(calloutOrder.map((t) => `Callout${names(t)}Title`))
    const styles = wordXml('callouts-quarto', 'word/styles.xml')
    const colour = (id: string) => new RegExp(`w:styleId="${id}">[\\s\\S]*?<w:color w:val="([0-9A-F]{6})"/>[\\s\\S]*?</w:style>`).exec(styles)?.[1]
    const band = (id: string) => new RegExp(`w:styleId="${id}">[\\s\\S]*?<w:tblStylePr w:type="firstRow"><w:tcPr><w:shd [^>]*w:fill="([0-9A-F]{6})"`).exec(styles)?.[1]
    expect(new Set(types.map((t) => colour(`Callout${names(t)}Title`))).size).toBe(types.length)
    expect(new Set(types.map((t) => band(`Callout${names(t)}`))).size).toBe(types.length)
    // The first row takes the style's band: Word's "Header Row" box, ticked.
    expect(document.match(/<w:tblLook w:firstRow="(?:1|true)"\/>/g)).toHaveLength(calloutOrder.length)
  })
})

describe('a reference to a section prints what the reader sees', () => {
  const references = {
    'callouts-quarto': {
      links: ['Figure 1 → #fig-exports', 'Recommendations → #sec-recommendations', 'Where trade stands → #sec-context', 'Where trade stands → #sec-context'],
      sentence: 'What to do about it is in “Recommendations”, and the figures are explained in “Where trade stands”.',
    },
    'sections-numbered': {
      links: ['Section 2 → #sec-findings', 'Section 2.1 → #sec-detail', 'Annex → #sec-annex', 'Section 1 → #sec-background'],
      sentence: 'The findings are in Section 2, the detail in Section 2.1, and the sources in “Annex”.',
    },
  }
  for (const [name, { links, sentence }] of Object.entries(references)) {
    it(`in the web page and the EPUB: ${name}`, () => {
      for (const page of [web(name), epubPage(name)]) {
        expect(find(page, (e) => classes(e).includes('cross-reference')).map((e) => `${squash(toString(e))} → ${String(e.properties.href)}`)).toEqual(links)
        expect(find(page, (e) => e.tagName === 'p').map((e) => squash(toString(e))).some((p) => p.includes(sentence))).toBe(true)
      }
    })

    it(`in the PDF's text and the Word document: ${name}`, () => {
      expect(squash(pageTexts(pdf(name)).join('\n'))).toContain(sentence)
      expect(wordParagraphs(name).map((p) => squash(p.text)).some((p) => p.includes(sentence))).toBe(true)
    })
  }
})

describe('an image’s description is what a reader hears, without citation syntax', () => {
  const descriptions = {
    'a note style': { dir: () => out, figure: 'Exports by year. Source: PSEB.' },
    'an author-date style': { dir: () => authorDate, figure: 'Exports by year. Source: PSEB (PSEB 2024).' },
  }
  for (const [style, { dir, figure }] of Object.entries(descriptions)) {
    it(`in every output, with ${style}`, () => {
      const name = 'figure-alt-citation'
      const alts = (root: Nodes) => find(root, (e) => e.tagName === 'img').map((e) => String(e.properties.alt))
      // The web page draws an image used twice from its one copy: an <svg role=img> labelled with the description.
      const webAlts = (root: Nodes) => find(root, (e) => e.tagName === 'img' || (e.tagName === 'svg' && e.properties.role === 'img')).map((e) => String(e.properties.alt ?? e.properties.ariaLabel))
      const word = [...wordXml(name, 'word/document.xml', dir()).matchAll(/<wp:docPr [^>]*descr="([^"]*)"/g)].map((m) => xmlText(m[1]!))
      const outputs = {
        web: webAlts(web(name, dir())),
        epub: alts(epubPage(name, dir())),
        pdf: pdfAlts(pdf(name, dir())),
        docx: word,
      }
      for (const [output, found] of Object.entries(outputs)) {
        expect(found, output).toEqual([figure, 'a missing month'])
        for (const alt of found) expect(alt, output).not.toMatch(/\[@|@\w/)
      }
      // The caption prints the same words, after its label.
      const caption = find(web(name, dir()), (e) => e.tagName === 'figcaption').map((e) => squash(toString(e)))[0]!
      expect(caption.replace(/\d+$/, '')).toBe(`Figure 1. ${figure}`)
    })
  }

  it('describes the images of the callouts brief by their own words', () => {
    expect(pdfAlts(pdf('callouts-quarto'))).toEqual(['a gap in the series', 'Exports by year, 2020 to 2024'])
  })
})
