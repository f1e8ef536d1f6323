/**
 * Generated citation clusters, the way authors type them (prefixes, every locator label,
 * ranges typed with - and --, sub-locators, suffixes, empty locators `[@key, ]`,
 * author-in-text, suppress-author), in the running text and in the author's own notes, some
 * of which cite one source twice; sources dated by date-parts, seasons and EDTF strings.
 * Whatever the mix: the pipeline never throws, every citation is printed, no locator text runs
 * into a link, the note count is the citations outside notes plus the author's notes, every
 * empty locator is warned and leaves no stray comma, and every date prints as its words.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import fc from 'fast-check'
import type { Element, Nodes } from 'hast'
import { fromHtml } from 'hast-util-from-html'
import { toHtml } from 'hast-util-to-html'
import { toString } from 'hast-util-to-string'
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import { defaultConfig } from '../src/config/schema.ts'
import { createMarkdownStage, createTail } from '../src/pipeline/processor.ts'

/**
 * Generated inputs a run: 25 in `npm test`, 1,500 in `npm run test:stress` (FC_RUNS), which CI
 * runs too. The seed is fixed, so `npm test`'s inputs are the first of the stress run's.
 */
const runs = Number(process.env.FC_RUNS ?? 25)

const sources = [
  { id: 'unfccc2024', type: 'document', author: [{ literal: 'UNFCCC' }], title: 'Outcome of the first global stocktake', issued: { 'date-parts': [[2024, 3, 15]] }, URL: 'https://unfccc.int/documents/644460' },
  { id: 'indus1960', type: 'legislation', title: 'The Indus Waters Treaty 1960', issued: { 'date-parts': [[1960, 9, 19]] }, URL: 'https://treaties.un.org/Pages/showDetails.aspx?objid=08000002800124a1' },
  { id: 'jamal2022', type: 'book', author: [{ family: 'Jamal', given: 'Umair' }], title: 'The Fence on the Durand Line', publisher: 'Routledge', issued: { 'date-parts': [[2022]] } },
  { id: 'dawn2025', type: 'article-newspaper', author: [{ family: 'Hussain', given: 'Baqir' }], title: 'Kabul talks end', 'container-title': 'Dawn', issued: { 'date-parts': [[2025, 3, 24]] }, URL: 'https://www.dawn.com/news/1899999', DOI: '10.1234/dawn.1' },
  // Dates as data gives them: a season as a month (21–24), EDTF strings for a day and a range.
  { id: 'sbp2023', type: 'report', author: [{ literal: 'State Bank of Pakistan' }], title: 'Quarterly outlook', issued: { 'date-parts': [[2023, 22]] } },
  { id: 'kabul2024', type: 'webpage', title: 'Border crossings reopen', 'container-title': 'Kabul Now', issued: '2024-11-05', URL: 'https://kabulnow.com/2024/11/border' },
  { id: 'rashid2012', type: 'book', author: [{ family: 'Rashid', given: 'Ahmed' }], title: 'Pakistan on the Brink', publisher: 'Viking', issued: '2012/2015' },
]
/** How each source's date reads in its full note (house style, US English). */
const dates: Record<string, string> = {
  unfccc2024: 'March 15, 2024',
  indus1960: 'September 19, 1960',
  jamal2022: '2022',
  dawn2025: 'March 24, 2025',
  sbp2023: 'Summer 2023',
  kabul2024: 'November 5, 2024',
  rashid2012: '2012–2015',
}
const urls = new Set(sources.flatMap((s) => [s.URL, s.DOI ? `https://doi.org/${s.DOI}` : undefined].filter(Boolean)))

const folder = mkdtempSync(path.join(tmpdir(), 'brief-property-'))
writeFileSync(path.join(folder, 'references.json'), JSON.stringify(sources))

const labels = ['p.', 'pp.', 'ch.', 'sec.', 'para.', 'paras.', 'art.', 'n.', 'vol.', 'fig.', 'l.', '§', 'chapter', 'pages', '']
const value = fc.oneof(
  fc.integer({ min: 1, max: 999 }).map(String),
  fc.tuple(fc.integer({ min: 1, max: 99 }), fc.integer({ min: 100, max: 999 }), fc.constantFrom('-', '--', '–', '---')).map(([a, b, dash]) => `${a}${dash}${b}`),
  fc.constantFrom('III(2)', '12(b)', '4(1)(a)', 'iv', '[17]-[18]', '3, 5', '1.2.3'),
)
/** A locator, none, or the comma of one the author forgot to write (`[@key, ]`). */
const locator = fc.oneof(
  { arbitrary: fc.tuple(fc.constantFrom(...labels), value).map(([label, v]) => (label ? `${label} ${v}` : v)), weight: 6 },
  { arbitrary: fc.constant(undefined), weight: 3 },
  { arbitrary: fc.constant(''), weight: 1 },
)
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
    // An empty locator keeps no suffix: `[@key, , emphasis added]` is not how anyone writes.
    text: `[${items.map((i) => [i.prefix, `${i.suppress ? '-' : ''}@${i.key}`].filter(Boolean).join(' ') + (i.locator !== undefined ? `, ${i.locator}` : '') + (i.suffix && i.locator !== '' ? `, ${i.suffix}` : '')).join('; ')}]`,
    keys: items.map((i) => i.key),
    empty: items.filter((i) => i.locator === '').length,
  })),
  fc.record({ key: fc.constantFrom(...sources.map((s) => s.id)), locator }).map(({ key, locator }) => ({
    text: `@${key}${locator !== undefined ? ` [${locator ? locator : ', '}]` : ''}`,
    keys: [key],
    empty: locator === '' ? 1 : 0,
  })),
  // An author's note that cites one source twice, as "Doe [-@doe, 5] and again [-@doe, 6]".
  fc.record({ key: fc.constantFrom(...sources.map((s) => s.id)), pages: fc.tuple(fc.integer({ min: 1, max: 99 }), fc.integer({ min: 1, max: 99 })) }).map(({ key, pages: [a, b] }) => ({
    text: `[-@${key}, ${a}] and again [-@${key}, ${b}]`,
    keys: [key, key],
    empty: 0,
    twice: true,
  })),
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
        // Each cluster outside the author's notes is a note of its own.
        const outside = sentences.filter((s) => !s.inNote).reduce((n, s) => n + ('twice' in s.cite ? 2 : 1), 0)
        const authorNotes = sentences.filter((s) => s.inNote).length
        const listed = all(page, (e) => e.tagName === 'li' && String(e.properties.id ?? '').startsWith('fn-'))
        expect(listed).toHaveLength(outside + authorNotes)
        // One rendered citation per cluster written, in the text or in a note.
        const clusters = sentences.reduce((n, s) => n + ('twice' in s.cite ? 2 : 1), 0)
        expect(all(page, (e) => classes(e).includes('citation'))).toHaveLength(clusters)
        for (const link of all(page, (e) => classes(e).includes('url'))) expect(urls.has(String(link.properties.href))).toBe(true)
        // A forgotten locator is warned at its key and prints no comma of its own.
        const emptyLocators = sentences.reduce((n, s) => n + s.cite.empty, 0)
        expect(file.messages.filter((m) => m.ruleId === 'empty-locator')).toHaveLength(emptyLocators)
        const noteText = listed.map((li) => toString(li))
        for (const text of noteText) expect(text).not.toMatch(/,\s*[,.;)]|,$/)
        // Every source's date prints as its words, in its first (full) note.
        const cited = new Set(sentences.flatMap((s) => s.cite.keys))
        for (const key of cited) expect(noteText.join('\n')).toContain(dates[key])
      }),
      { numRuns: runs, seed: 20261128 },
    )
  })
})
