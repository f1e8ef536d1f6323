/**
 * The archive's search: a MiniSearch index (titles, subtitles, authors, keywords, abstracts and
 * the text of each page), made at site time and written into a script (`assets/search-index.js`)
 * that search.html loads with `<script src>`: a page opened from `file://` may not fetch a
 * JSON file, but it may run a script beside it. Nothing is loaded from anywhere else.
 *
 * MiniSearch (for the fields: prefix and near-spelling matches, ranking) and a scan of the
 * texts were chosen on measurements at 500 briefs (docs/site.md, bench/search.ts); MiniSearch
 * is one file of plain JavaScript with no dependencies. Pagefind was not: it fetches its index in pieces and
 * runs WebAssembly, neither of which works from `file://`.
 *
 * Each brief's text is kept beside the index (`x`), cut to `excerptSource` characters: it is
 * searched by a scan in the page, and a result shows the words around the match.
 */
import MiniSearch from 'minisearch'
import type { SiteEntry } from './entry.ts'

/**
 * The fields the index holds, and how much a match in each counts. The text is not indexed
 * but scanned in the page (search-client.js): at 500 briefs, indexing it tripled the time to
 * remake the index on every change (3.6 s) for queries that a scan answers in 4 ms.
 */
export const searchFields = ['title', 'subtitle', 'authors', 'keywords', 'abstract'] as const
export const searchBoost = { title: 4, subtitle: 2, authors: 3, keywords: 3, abstract: 2 }

/** Characters of each brief's text kept for the words around a match. */
export const excerptSource = 60_000

export interface SearchDocument {
  id: number
  title: string
  subtitle: string
  authors: string
  keywords: string
  abstract: string
}

/** What a result shows of a brief (short keys: the file holds 500 of them). */
interface ShownDocument {
  /** title, subtitle, address, date as printed, authors, abstract, text for excerpts */
  t: string
  s?: string
  u: string
  d?: string
  a: string
  b?: string
  x: string
}

/** The script search.html loads: the index and what each result shows. */
export function searchIndexScript(entries: Array<{ entry: SiteEntry; text: string }>): string {
  const search = new MiniSearch<SearchDocument>({ fields: [...searchFields], idField: 'id' })
  const shown: ShownDocument[] = []
  entries.forEach(({ entry, text }, id) => {
    const authors = entry.authors.map((a) => a.name).join(', ')
    search.add({ id, title: entry.title, subtitle: entry.subtitle ?? '', authors, keywords: entry.keywords.map((k) => k.name).join(', '), abstract: entry.abstract ?? '' })
    shown.push({
      t: entry.title,
      ...(entry.subtitle ? { s: entry.subtitle } : {}),
      u: `briefs/${entry.slug}.html`,
      ...(entry.dateText ? { d: entry.dateText } : {}),
      a: authors,
      ...(entry.abstract ? { b: entry.abstract } : {}),
      x: text.slice(0, excerptSource),
    })
  })
  // JSON is JavaScript; `</script` and U+2028/9 cannot end or break the script it is in.
  const json = (value: unknown) => JSON.stringify(value).replace(/<\//g, '<\\/').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029')
  return `/* The archive's search index, made by brief site (MiniSearch) */\nself.briefSearch = {fields: ${json(searchFields)}, boost: ${json(searchBoost)}, docs: ${json(shown)}, index: ${json(search.toJSON())}};\n`
}
