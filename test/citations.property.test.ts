/**
 * Generated citation clusters, the way authors type them (prefixes, every locator label,
 * ranges typed with - and --, sub-locators, suffixes, author-in-text, suppress-author), in the
 * running text and in the author's own notes. Whatever the mix: the pipeline never throws,
 * every citation is printed, no locator text runs into a link, and the note count is the
 * citations outside notes plus the author's notes.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import fc from 'fast-check'
import type { Element, Nodes } from 'hast'
import { fromHtml } from 'hast-util-from-html'
import { toHtml } from 'hast-util-to-html'
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import { defaultConfig } from '../src/config/schema.ts'
import { createMarkdownStage, createTail } from '../src/pipeline/processor.ts'

/** Generated inputs a run: 150 in `npm test`, many more in `npm run test:stress` (FC_RUNS). */
const runs = Number(process.env.FC_RUNS ?? 150)

const sources = [
  { id: 'unfccc2024', type: 'document', author: [{ literal: 'UNFCCC' }], title: 'Outcome of the first global stocktake', issued: { 'date-parts': [[2024, 3, 15]] }, URL: 'https://unfccc.int/documents/644460' },
  { id: 'indus1960', type: 'legislation', title: 'The Indus Waters Treaty 1960', issued: { 'date-parts': [[1960, 9, 19]] }, URL: 'https://treaties.un.org/Pages/showDetails.aspx?objid=08000002800124a1' },
  { id: 'jamal2022', type: 'book', author: [{ family: 'Jamal', given: 'Umair' }], title: 'The Fence on the Durand Line', publisher: 'Routledge', issued: { 'date-parts': [[2022]] } },
  { id: 'dawn2025', type: 'article-newspaper', author: [{ family: 'Hussain', given: 'Baqir' }], title: 'Kabul talks end', 'container-title': 'Dawn', issued: { 'date-parts': [[2025, 3, 24]] }, URL: 'https://www.dawn.com/news/1899999', DOI: '10.1234/dawn.1' },
]
const urls = new Set(sources.flatMap((s) => [s.URL, s.DOI ? `https://doi.org/${s.DOI}` : undefined].filter(Boolean)))

const folder = mkdtempSync(path.join(tmpdir(), 'brief-property-'))
writeFileSync(path.join(folder, 'references.json'), JSON.stringify(sources))

const labels = ['p.', 'pp.', 'ch.', 'sec.', 'para.', 'paras.', 'art.', 'n.', 'vol.', 'fig.', 'l.', '§', 'chapter', 'pages', '']
const value = fc.oneof(
  fc.integer({ min: 1, max: 999 }).map(String),
  fc.tuple(fc.integer({ min: 1, max: 99 }), fc.integer({ min: 100, max: 999 }), fc.constantFrom('-', '--', '–', '---')).map(([a, b, dash]) => `${a}${dash}${b}`),
  fc.constantFrom('III(2)', '12(b)', '4(1)(a)', 'iv', '[17]-[18]', '3, 5', '1.2.3'),
)
const locator = fc.option(fc.tuple(fc.constantFrom(...labels), value).map(([label, v]) => (label ? `${label} ${v}` : v)), { nil: undefined })
const words = fc.constantFrom('see', 'cf.', '*cf.*', 'see also', 'and especially', 'compare')
const item = fc.record({
  key: fc.constantFrom(...sources.map((s) => s.id)),
  prefix: fc.option(words, { nil: undefined }),
  locator,
  suffix: fc.option(fc.constantFrom('emphasis added', 'and passim', 'n. 4'), { nil: undefined }),
  suppress: fc.boolean(),
})
const citation = fc.oneof(
  fc.array(item, { minLength: 1, maxLength: 3 }).map((items) => ({
    text: `[${items.map((i) => [i.prefix, `${i.suppress ? '-' : ''}@${i.key}`].filter(Boolean).join(' ') + (i.locator ? `, ${i.locator}` : '') + (i.suffix ? `, ${i.suffix}` : '')).join('; ')}]`,
    inText: false,
  })),
  fc.record({ key: fc.constantFrom(...sources.map((s) => s.id)), locator }).map(({ key, locator }) => ({ text: `@${key}${locator ? ` [${locator}]` : ''}`, inText: true })),
)
const sentence = fc.record({ cite: citation, inNote: fc.boolean(), after: fc.constantFrom('.', ',', ';', '', ' and more.') })

const classes = (e: Element) => (Array.isArray(e.properties.className) ? e.properties.className.map(String) : [])
function all(node: Nodes, test: (e: Element) => boolean, out: Element[] = []): Element[] {
  if (node.type === 'element' && test(node)) out.push(node)
  if ('children' in node) for (const child of node.children) all(child, test, out)
  return out
}

describe('generated citations (property)', () => {
  it('print every citation, once, with links only on the sources’ own URLs, whatever the mix', async () => {
    const stage = createMarkdownStage({ configDir: folder })
    const tail = createTail({ notes: 'web', document: {} })
    await fc.assert(
      fc.asyncProperty(fc.array(sentence, { minLength: 1, maxLength: 12 }), async (sentences) => {
        let body = ''
        const notes: string[] = []
        sentences.forEach(({ cite, inNote, after }, i) => {
          if (inNote) {
            body += `Claim ${i}[^n${i}]${after} `
            notes.push(`[^n${i}]: A note of my own about ${cite.text}${after}`)
          } else body += `Claim ${i} ${cite.text}${after} `
        })
        const markdown = `---\ntitle: Generated\nbibliography: references.json\n---\n\n${body}\n\n${notes.join('\n\n')}\n`
        const file = new VFile({ path: path.join(folder, 'brief.md'), value: markdown, data: { config: defaultConfig, folder } })
        const tree = await stage.run(stage.parse(file), file)
        expect(file.messages.filter((m) => m.fatal).map(String)).toEqual([])
        const page = fromHtml(toHtml(await tail.run(structuredClone(tree), file)))
        const outside = sentences.filter((s) => !s.inNote).length
        const authorNotes = sentences.filter((s) => s.inNote).length
        const listed = all(page, (e) => e.tagName === 'li' && String(e.properties.id ?? '').startsWith('fn-'))
        expect(listed).toHaveLength(outside + authorNotes)
        // One rendered citation per cluster written, in the text or in a note.
        expect(all(page, (e) => classes(e).includes('citation'))).toHaveLength(sentences.length)
        for (const link of all(page, (e) => classes(e).includes('url'))) expect(urls.has(String(link.properties.href))).toBe(true)
      }),
      { numRuns: runs, seed: 20261128 },
    )
  })
})
