/**
 * citeproc-js as we drive it, through citation-js: its interfaces as we use them, and the few
 * places where it is brought round to pandoc's citeproc, each patched once here (sorting,
 * Latin names, one author's years, runs broken by the author's words, warnings).
 */
import { createRequire } from 'node:module'
import { plugins } from '@citation-js/core'
import '@citation-js/plugin-csl'
import type { CslItem } from './csl-item.ts'

/** One cited source inside a citation, as citeproc takes it. */
export interface CiteprocItem {
  id: string
  locator?: string
  label?: string
  prefix?: string
  suffix?: string
  'suppress-author'?: boolean
  /** Ours, read by the patched name collapsing: this source starts a new run of one author's works. */
  'new-run'?: boolean
  'author-only'?: boolean
  /** citeproc-js position constant: 0 first, 1 subsequent (only for stand-alone renders). */
  position?: number
}

export interface CiteprocCitation {
  citationID: string
  citationItems: CiteprocItem[]
  /** The note number the citation sits in; 0 for in-text citations in the running text. */
  properties: { noteIndex: number; unsorted?: boolean }
}

export interface CiteprocEngine {
  rebuildProcessorState(citations: CiteprocCitation[], mode: string, uncited?: string[]): Array<[string, number, string]>
  previewCitationCluster(citation: CiteprocCitation, before: Array<[string, number]>, after: Array<[string, number]>, mode: string): string
  makeCitationCluster(items: CiteprocItem[]): string
  updateUncitedItems(ids: string[]): void
  makeBibliography(): false | [{ bibstart: string; bibend: string; entry_ids: string[][] }, string[]]
  getTerm(term: string, form?: string, plural?: number): string
  /** A locale option as the style sets it, e.g. `punctuation-in-quote`. */
  getOpt(name: string): unknown
  opt: { development_extensions: Record<string, boolean> }
  retrieveItem(id: string): unknown
  citation: { opt: Record<string, unknown>; srt: { compareCompositeKeys(a: [string, { sortkeys: unknown[] }], b: [string, { sortkeys: unknown[] }]): number } }
}

interface CslPlugin {
  styles: { has(name: string): boolean; add(name: string, xml: string): void }
  locales: { has(name: string): boolean; add(name: string, xml: string): void }
  engine(data: CslItem[], style: string, lang: string, format: string): CiteprocEngine
}

/** citation-js's CSL plugin: its styles, locales and cached engines. */
export const csl = plugins.config.get('@csl') as CslPlugin

const latinPatterns = ['ROMANESQUE_REGEXP', 'STARTSWITH_ROMANESQUE_REGEXP', 'ENDSWITH_ROMANESQUE_REGEXP', 'ALL_ROMANESQUE_REGEXP', 'NAME_INITIAL_REGEXP'] as const

/** What citeproc-js's name collapsing reads of its state. */
interface NameOutputState {
  item?: { 'new-run'?: boolean }
  state: { tmp: { area: string; last_primary_names_string: string | false } }
}

/** What citeproc-js's delimiter choice reads of its state. */
interface SpliceState {
  citation: { opt: Record<string, unknown> }
  opt: { xclass: string; update_mode: number }
  tmp: { have_collapsed: boolean; splice_delimiter: string }
}

/** citeproc-js itself (the one citation-js drives), for its sort keys and its warnings. */
export const citeproc = createRequire(import.meta.url)('citeproc') as {
  ASSUME_ALL_ITEMS_REGISTERED: number
  POSITION: number
  getSortKeys(this: CiteprocEngine, item: unknown, area: string): unknown[]
  debug(text: string): void
  getSortCompare(locale?: string): (a: string, b: string) => number
  /** A bare language's usual region: `en` → `en_US`. */
  LANG_BASES: Record<string, string>
  NUMERIC: number
  getSpliceDelimiter(this: SpliceState, lastLocator: boolean, lastCollapsed: boolean, pos: number): string
  NameOutput: { prototype: { _collapseAuthor(this: NameOutputState): void } }
} & Record<(typeof latinPatterns)[number], RegExp>

// citeproc-js treats a name as Latin script only if its letters fall in Latin-1 and Latin
// Extended-A; the transliterations our authors cite (Ḥasan, ʿAbd al-Raḥmān, Ṣāliḥ) use Latin
// Extended-B, Latin Extended Additional and modifier letters, and were then left
// uninitialised ("Ḥasan" for "Ḥ."). The same ranges are added to its patterns, once.
for (const name of latinPatterns) {
  const pattern = citeproc[name]
  if (!pattern.source.includes('\\u1e00')) citeproc[name] = new RegExp(pattern.source.replaceAll('\\u00c0-\\u017f', '\\u00c0-\\u024f\\u02b0-\\u02ff\\u1e00-\\u1eff'), pattern.flags)
}

/**
 * Sorting as pandoc does: by the brief's language, ignoring case, accents, punctuation and
 * modifier letters, so "ʿAbd al-Raḥmān" sorts under A, not after Z (ICU ranks ʿ and ʾ as
 * letters of their own); digits as text, so "Update #16" comes before "Update #9" (citeproc-js
 * compares them as numbers, and the two engines then letter one author's works differently).
 * citeproc-js asks this function for its comparison once per engine, with the engine's
 * language; it is replaced once, here.
 */
citeproc.getSortCompare = (locale?: string) => {
  let collator: Intl.Collator
  try {
    collator = new Intl.Collator(locale || 'en-US', { sensitivity: 'base', ignorePunctuation: true })
  } catch {
    collator = new Intl.Collator('en-US', { sensitivity: 'base', ignorePunctuation: true })
  }
  const plain = (text: string) => text.replace(/\p{Lm}/gu, '')
  // citeproc-js's own keys of numbers alone ("00000000000000000001|12", citation numbers)
  // still compare as numbers, or [12] would come before [3].
  const numbers = new Intl.Collator('en-US', { numeric: true })
  const ownKey = /^[\d|]+$/
  return (a: string, b: string) => (ownKey.test(a) && ownKey.test(b) ? numbers.compare(a, b) : collator.compare(plain(a), plain(b)))
}

/**
 * One author's years in a style with an after-collapse-delimiter ("(Small 2015, 2020; Fair
 * 2014)" in Chicago author-date): citeproc-js puts the layout's delimiter between the years
 * too, "(Small 2015; 2020)". Between the cites of one group the delimiter is the group's
 * (cite-group-delimiter, by default ", "), as CSL says and pandoc prints; after the group and
 * after a located year, the after-collapse-delimiter, as before. Replaced once, here.
 */
const spliceDelimiter = citeproc.getSpliceDelimiter
if (!(spliceDelimiter as { grouped?: boolean }).grouped) {
  const grouped = function (this: SpliceState, lastLocator: boolean, lastCollapsed: boolean, pos: number): string {
    const delimiter = spliceDelimiter.call(this, lastLocator, lastCollapsed, pos)
    const opt = this.citation.opt
    // A citation whose years carry pages keeps the layout's delimiter (withYearsSeparated).
    if (opt['after-collapse-delimiter'] === undefined || opt.yearsSeparated || lastLocator || !this.tmp.have_collapsed) return delimiter
    if (this.opt.xclass !== 'in-text' || this.opt.update_mode === citeproc.NUMERIC) return delimiter
    this.tmp.splice_delimiter = typeof opt.cite_group_delimiter === 'string' ? opt.cite_group_delimiter : ', '
    return this.tmp.splice_delimiter
  }
  citeproc.getSpliceDelimiter = Object.assign(grouped, { grouped: true })
}

/**
 * "(Small 2015, 3; see also Small 2020)": the author's words around a source end a run of one
 * author's works, as in pandoc; citeproc-js collapsed across them ("see also 2020"). Before it
 * compares a cited source's names with the last ones printed, a source marked `new-run`
 * (markNewRuns) makes it forget them. Replaced once, here.
 */
const collapseAuthor = citeproc.NameOutput.prototype._collapseAuthor
if (!(collapseAuthor as { afresh?: boolean }).afresh) {
  const afresh = function (this: NameOutputState) {
    if (this.state.tmp.area === 'citation' && this.item?.['new-run']) this.state.tmp.last_primary_names_string = false
    return collapseAuthor.call(this)
  }
  citeproc.NameOutput.prototype._collapseAuthor = Object.assign(afresh, { afresh: true })
}

/** Marks each source that starts a new run: it has words before or after it, or the source before it has words after. */
export function markNewRuns(citations: CiteprocCitation[]): CiteprocCitation[] {
  const words = (text?: string) => Boolean(text?.trim())
  return citations.map((citation) => {
    const items = citation.citationItems
    const starts = items.map((item, i) => i > 0 && (words(item.prefix) || words(item.suffix) || words(items[i - 1]!.suffix)))
    if (!starts.includes(true)) return citation
    return { ...citation, citationItems: items.map((item, i) => (starts[i] ? { ...item, 'new-run': true } : item)) }
  })
}

// citeproc-js prints its warnings with console.log, on stdout, where they would break
// `--json`; it has no per-engine hook, so they are collected here once and handed to the
// session that caused them (rendering is synchronous, so they cannot mix).
export const warnings: string[] = []
citeproc.debug = (text: string) => {
  warnings.push(String(text))
}
