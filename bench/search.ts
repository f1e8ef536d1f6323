/**
 * How the site's search was chosen: `node --import tsx bench/search.ts` measures, for an
 * archive of 500 generated briefs of 1,500 words (test/helpers/site.ts: made-up words drawn
 * from a vocabulary of 20,000), the script search.html loads (raw and gzipped), the time to
 * load it into the page's index, and the time a query takes, for the MiniSearch index the
 * site ships and for the plain alternative: the texts alone, scanned with a regular
 * expression. Prints a Markdown table (docs/site.md keeps the figures).
 */
import { gzipSync } from 'node:zlib'
import MiniSearch from 'minisearch'
import { searchFields, searchIndexScript } from '../src/site/search.ts'
import type { SiteEntry } from '../src/site/entry.ts'
import { uniqueWord, vocabulary } from '../test/helpers/site.ts'

const count = Number(process.env.BRIEFS ?? 500)
const words = Number(process.env.WORDS ?? 1500)
const vocab = vocabulary(20_000)
let state = 42
const next = () => ((state = (state * 1664525 + 1013904223) >>> 0) / 2 ** 32)
const zipf = () => vocab[Math.min(vocab.length - 1, Math.floor(vocab.length ** next()) - 1)]!

const entries = Array.from({ length: count }, (_, i) => {
  const entry: SiteEntry = {
    slug: `brief-${i}`,
    title: `Brief ${i}: ${zipf()} ${zipf()} and the region`,
    authors: [{ name: `Author ${i % 40}`, slug: `author-${i % 40}` }],
    date: `20${20 + (i % 6)}-01-01`,
    lang: 'en-US',
    keywords: [{ name: zipf(), slug: 'k' }],
    abstract: Array.from({ length: 40 }, zipf).join(' '),
    series: 'Issue Brief',
    institute: 'Institute of Strategic Studies Islamabad',
  }
  const text = `${Array.from({ length: words }, zipf).join(' ')} ${uniqueWord(i)}`
  return { entry, text }
})

const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)]!
const time = (work: () => unknown, times = 5) =>
  median(
    Array.from({ length: times }, () => {
      const start = performance.now()
      work()
      return performance.now() - start
    }),
  )

const queries = [uniqueWord(137), vocab[3]!, vocab[500]!, `${vocab[10]} ${vocab[40]}`, vocab[5000]!.slice(0, 4), 'Author 7']

// MiniSearch: the script as the site writes it, loaded as search.html loads it.
let script = ''
const build = time(() => (script = searchIndexScript(entries)), 1)
const sandbox: { briefSearch?: { index: unknown; fields: string[]; docs: unknown[] } } = {}
const load = time(() => new Function('self', script)(sandbox), 3)
let index: MiniSearch | undefined
const parse = time(() => (index = MiniSearch.loadJS(sandbox.briefSearch!.index as never, { fields: [...searchFields], idField: 'id' })), 3)
const query = median(queries.map((q) => time(() => index!.search(q, { prefix: true, combineWith: 'AND' }), 9)))
const found = index!.search(uniqueWord(137), { prefix: true, combineWith: 'AND' }).map((r) => r.id)
const docsOnly = JSON.stringify(sandbox.briefSearch!.docs).length

// The plain alternative: every brief's fields and text in one string each, scanned.
const plain = JSON.stringify(entries.map(({ entry, text }) => [entry.title, entry.authors.map((a) => a.name).join(', '), entry.keywords.map((k) => k.name).join(', '), entry.abstract, text]))
const texts = (JSON.parse(plain) as string[][]).map((fields) => fields.join('\n').toLowerCase())
const scan = median(
  queries.map((q) =>
    time(() => {
      const terms = q.toLowerCase().split(/\s+/).map((t) => new RegExp(`(^|[^\\p{L}\\p{N}])${t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'u'))
      return texts.filter((t) => terms.every((re) => re.test(t)))
    }, 9),
  ),
)

const kB = (n: number) => `${Math.round(n / 1024).toLocaleString('en')} kB`
console.log(`${count} briefs of ${words} words; the unique word finds ${JSON.stringify(found)} (expected [137])\n`)
console.log('| | script size | gzipped | load in the page | query (median of 6) |')
console.log('| --- | --- | --- | --- | --- |')
console.log(`| shipped: MiniSearch over the fields + the texts (scanned) | ${kB(script.length)} | ${kB(gzipSync(script).length)} | ${(load + parse).toFixed(0)} ms | ${query.toFixed(2)} ms fields + ${scan.toFixed(2)} ms scan |`)
console.log(`| of which the texts and listing (docs) | ${kB(docsOnly)} | ${kB(gzipSync(JSON.stringify(sandbox.briefSearch!.docs)).length)} | | |`)
console.log(`| plain texts, scanned with a regular expression | ${kB(plain.length)} | ${kB(gzipSync(plain).length)} | | ${scan.toFixed(2)} ms |`)
console.log(`\nindex made in ${(build / 1000).toFixed(2)} s at site time`)
