/**
 * citeproc-js as we drive it, through citation-js. Every reach into its insides is here and
 * nowhere else: the patches that bring it round to pandoc's citeproc (sorting, Latin names,
 * one author's years, runs broken by the author's words, date ranges, warnings), each made
 * once at load, and the engine's state that a session sets or reads (a clean registry per
 * brief, URLs as text, the sort keys, the one-by-one pass). The rest of the toolkit drives an engine through
 * CiteprocEngine, citeproc-js's public methods, and the functions exported here.
 *
 * The patches are written against one version of citeproc-js (patchedCiteprocVersion), which
 * package.json pins and test/versions.test.ts checks; docs/architecture.md lists them.
 */
import { createRequire } from 'node:module'
import { plugins } from '@citation-js/core'
import '@citation-js/plugin-csl'
import type { CslItem } from './csl-item.ts'
import { PositionPass, type Cited } from './positions.ts'

/**
 * The citeproc-js version the patches and the reads of its insides below were written for and
 * checked against. package.json pins citeproc to exactly this; test/versions.test.ts fails
 * when the installed one differs. Before raising it, re-check each patch listed in
 * docs/architecture.md against the new version's source.
 */
export const patchedCiteprocVersion = '2.4.63'

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
  /** Ours, read by the patched delimiter choice: one of an author's works in the citation, of which one has a locator. */
  'located-group'?: boolean
  /** Ours, read by the patched number reading: the locator's label is plural, as pandoc decides (pluralLocator). */
  'locator-plural'?: boolean
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

/** A citeproc-js engine as the rest of the toolkit drives it: its public methods only. */
export interface CiteprocEngine {
  rebuildProcessorState(citations: CiteprocCitation[], mode: string, uncited?: string[]): Array<[string, number, string]>
  previewCitationCluster(citation: CiteprocCitation, before: Array<[string, number]>, after: Array<[string, number]>, mode: string): string
  makeCitationCluster(items: CiteprocItem[]): string
  updateUncitedItems(ids: string[]): void
  makeBibliography(): false | [{ bibstart: string; bibend: string; entry_ids: string[][] }, string[]]
  getTerm(term: string, form?: string, plural?: number): string
  /** A locale option as the style sets it, e.g. `punctuation-in-quote`. */
  getOpt(name: string): unknown
}

interface CslPlugin {
  styles: { has(name: string): boolean; add(name: string, xml: string): void }
  locales: { has(name: string): boolean; add(name: string, xml: string): void }
  engine(data: CslItem[], style: string, lang: string, format: string): CiteprocEngine
}

/** citation-js's CSL plugin: its styles, locales and cached engines. */
export const csl = plugins.config.get('@csl') as CslPlugin

const latinPatterns = ['ROMANESQUE_REGEXP', 'STARTSWITH_ROMANESQUE_REGEXP', 'ENDSWITH_ROMANESQUE_REGEXP', 'ALL_ROMANESQUE_REGEXP', 'NAME_INITIAL_REGEXP'] as const

/** What citeproc-js's name collapsing and joining read of their state. */
interface NameOutputState {
  item?: { 'new-run'?: boolean }
  state: { tmp: { area: string; last_primary_names_string: string | false; rendered_name?: string[] | false } }
}

/** A names element's variables as citeproc-js renders them: their names, by kind, for the source at hand. */
interface NamesListState {
  variables: string[]
  freeters: Record<string, unknown[] | undefined>
  persons: Record<string, unknown[] | undefined>
  institutions: Record<string, unknown[] | undefined>
}

/** What citeproc-js's delimiter choice reads of its state. */
interface SpliceState {
  citation: { opt: Record<string, unknown> }
  opt: { xclass: string; update_mode: number }
  tmp: { have_collapsed: boolean; splice_delimiter: string; citedItems?: SortedItem[] }
}

/** A cs:date node as citeproc-js builds it: its affixes and the functions it runs for each source. */
interface DateToken {
  tokentype: number
  strings: { prefix: string; suffix: string }
  decorations?: string[][]
  execs: Array<(this: DateToken, state: DateBuildState) => void>
}

/** What a date's rendering reads of its state: the queue a range's second date is written to. */
interface DateBuildState {
  dateput: { queue: unknown[]; string(state: DateBuildState, queue: unknown[]): void; openLevel(token: DateToken): void }
  tmp: { date_token?: DateToken }
}

/** What a disambiguation run reads and sets of its engine: the sources sharing a cite, their settings, their citations. */
interface DisambiguationState {
  registry: {
    ambigcites: Record<string, string[] | undefined>
    registry: Record<string, { disambig?: unknown } | undefined>
    citationreg: { citationsByItemId: Record<string, Array<{ citationID: string }> | undefined> }
  }
  tmp: { taintedCitationIDs: Record<string, boolean> }
}

/** An engine's insides, as the functions below read and set them. */
interface Insides extends CiteprocEngine {
  opt: { update_mode: number; parallel: { enable?: boolean }; development_extensions: Record<string, boolean> }
  citation: { opt: Record<string, unknown>; srt: { compareCompositeKeys(a: [string, { sortkeys: unknown[] }], b: [string, { sortkeys: unknown[] }]): number } }
  registry: {
    registry: Record<string, Record<string, unknown> | undefined>
    citationreg: { citationById: Record<string, unknown>; citationByIndex: unknown[]; citationsByItemId: Record<string, unknown[]> }
  }
  updateItems(ids: string[]): void
  updateUncitedItems(ids?: string[]): void
  retrieveItem(id: string): { legislation_id?: unknown; container_id?: unknown }
  processCitationCluster(citation: CiteprocCitation, before: never[], after: never[], flag: number): [unknown, Array<[number, string, string]>]
  process_CitationCluster(sortedItems: SortedItem[], citation: CiteprocCitation): string
}

/** A source inside citeproc-js's prepared citation: its data and the citation's item, positions included. */
type SortedItem = [{ id: string | number }, Record<string, unknown> & { locator?: string; label?: string }]

/** citeproc-js itself (the one citation-js drives): its patched functions, constants and tables. */
const citeproc = createRequire(import.meta.url)('citeproc') as {
  ASSUME_ALL_ITEMS_REGISTERED: number
  POSITION: number
  getSortKeys(this: CiteprocEngine, item: unknown, area: string): unknown[]
  debug(text: string): void
  getSortCompare(locale?: string): (a: string, b: string) => number
  /** A bare language's usual region: `en` → `en_US`. */
  LANG_BASES: Record<string, string>
  NUMERIC: number
  getSpliceDelimiter(this: SpliceState, lastLocator: boolean, lastCollapsed: boolean, pos: number): string
  getCitationCluster(this: SpliceState, inputList: SortedItem[], citation?: unknown): string
  NameOutput: {
    prototype: {
      _collapseAuthor(this: NameOutputState): void
      _joinEtAl(this: NameOutputState, blobs: unknown[]): unknown
      _joinEllipsis(this: NameOutputState, blobs: unknown[]): unknown
      setCommonTerm(this: NamesListState, requireMatch?: boolean): void
    }
  }
  START: number
  SINGLETON: number
  Node: { date: { build(this: DateToken, state: DateBuildState, target: unknown[]): void } }
  Util: { cloneToken(token: DateToken): DateToken }
  Disambiguation: { prototype: { run(this: { state: DisambiguationState }, akey: string, citation?: unknown): void } }
  Output: { Queue: { adjust: new (punctInQuote?: boolean) => PunctuationAdjust } }
  Engine: {
    prototype: {
      process_CitationCluster(this: Insides, sortedItems: SortedItem[], citation: CiteprocCitation): string
      processNumber(this: NumberState, node: unknown, item: Record<string, unknown> | undefined, variable: string, type?: string): void
    }
  }
  POSITION_SUBSEQUENT: number
  POSITION_CONTAINER_SUBSEQUENT: number
  POSITION_IBID: number
  POSITION_IBID_WITH_LOCATOR: number
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
 * after a located year, the after-collapse-delimiter, as before. In a citation rendered with
 * its located years separated (withYearsSeparated), a group none of whose years has a locator
 * (its sources not marked `located-group`) keeps the group's delimiter, as pandoc decides it
 * group by group. citeproc-js does not hand the source to this choice: the list it renders is
 * kept for it while it renders a citation. Replaced once, here.
 */
const spliceDelimiter = citeproc.getSpliceDelimiter
if (!(spliceDelimiter as { grouped?: boolean }).grouped) {
  const grouped = function (this: SpliceState, lastLocator: boolean, lastCollapsed: boolean, pos: number): string {
    const delimiter = spliceDelimiter.call(this, lastLocator, lastCollapsed, pos)
    const opt = this.citation.opt
    const located = opt.yearsSeparated && this.tmp.citedItems?.[pos]?.[1]['located-group']
    if (opt['after-collapse-delimiter'] === undefined || located || lastLocator || !this.tmp.have_collapsed) return delimiter
    if (this.opt.xclass !== 'in-text' || this.opt.update_mode === citeproc.NUMERIC) return delimiter
    this.tmp.splice_delimiter = typeof opt.cite_group_delimiter === 'string' ? opt.cite_group_delimiter : ', '
    return this.tmp.splice_delimiter
  }
  citeproc.getSpliceDelimiter = Object.assign(grouped, { grouped: true })
  const cluster = citeproc.getCitationCluster
  citeproc.getCitationCluster = function (this: SpliceState, inputList: SortedItem[], citation?: unknown) {
    const outer = this.tmp.citedItems
    this.tmp.citedItems = inputList
    try {
      return cluster.call(this, inputList, citation)
    } finally {
      this.tmp.citedItems = outer
    }
  }
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

/**
 * A date range's second date: citeproc-js writes it to a queue of its own, inside a level that
 * should carry the date's delimiter and nothing else, and joins it to the first. It opens that
 * level only after printing a range, for the next one, from the last date node it built; and
 * while building the style it opened it from that node with its affixes. So the first range an
 * engine printed took another date's prefix and suffix, "(P, 2012–(2015))" in Nature (pandoc
 * "(P, 2012–2015)"), and every range took another date's delimiter and formatting ("May
 * 1,2013", an underline). Each date now opens the level before it renders, from its own node
 * less its affixes and formatting (the date's own level around both dates carries those; the
 * end date had them twice). Wrapped once, here.
 */
const buildDate = citeproc.Node.date.build
if (!(buildDate as { ownLevel?: boolean }).ownLevel) {
  const ownLevel = function (this: DateToken, state: DateBuildState, target: unknown[]) {
    buildDate.call(this, state, target)
    if (this.tokentype !== citeproc.START && this.tokentype !== citeproc.SINGLETON) return
    this.execs.unshift(function (this: DateToken, state: DateBuildState) {
      const token = citeproc.Util.cloneToken(this)
      token.strings.prefix = ''
      token.strings.suffix = ''
      token.decorations = []
      state.dateput.string(state, state.dateput.queue)
      state.tmp.date_token = token
      state.dateput.openLevel(token)
    })
  }
  citeproc.Node.date.build = Object.assign(ownLevel, { ownLevel: true })
}

/**
 * Two sources that read alike when cited again ("Rashid and others (n 1)" for two reports
 * first cited in note 1, or two editions of one book) are told apart by what a style prints
 * only to disambiguate (OSCOLA's short title). citeproc-js decides that again for both
 * whenever one of them is cited a second time, and at the first such time it compares a cite
 * that knows its first note with one that does not yet: not alike. When the other is cited
 * again they are, and both get the title; but the citation already printed without it was not
 * rendered again (citeproc-js marks for that the citations of a source whose names change,
 * not whose other settings do, and only before it decides again): "Rashid and others (n 1)
 * 33", then "Rashid and others, Fencing the Durand Line (n 1) 40" (pandoc gives both their
 * titles). Each run now marks for rendering again the citations of every source whose
 * settings it changed. Wrapped once, here.
 */
const disambiguate = citeproc.Disambiguation.prototype.run
if (!(disambiguate as { retaints?: boolean }).retaints) {
  const retaints = function (this: { state: DisambiguationState }, akey: string, citation?: unknown) {
    const { registry, tmp } = this.state
    const settings = (id: string) => JSON.stringify(registry.registry[id]?.disambig)
    const before = new Map((registry.ambigcites[akey] ?? []).map((id) => [id, settings(id)]))
    disambiguate.call(this, akey, citation)
    for (const id of new Set([...before.keys(), ...(registry.ambigcites[akey] ?? [])])) {
      if (settings(id) === before.get(id)) continue
      for (const cited of registry.citationreg.citationsByItemId[id] ?? []) tmp.taintedCitationIDs[cited.citationID] = true
    }
  }
  citeproc.Disambiguation.prototype.run = Object.assign(retaints, { retaints: true })
}

/**
 * The repeated-author dash (subsequent-author-substitute) stands for the names of the entry
 * before only when they are the same names: citeproc-js compared the names printed, not
 * whether the list was cut short, so "Rashid A and others" after "Rashid A" became "——", which
 * gives a four-author report to one author. CSL compares all the rendered names, et-al
 * included. A list cut short ("and others", or an ellipsis before the last name) now adds a
 * mark to the names compared, after the names themselves, where the per-name rules
 * (partial-each, partial-first) do not read it. Wrapped once, here.
 */
for (const join of ['_joinEtAl', '_joinEllipsis'] as const) {
  const joined = citeproc.NameOutput.prototype[join]
  if ((joined as { marksCut?: boolean }).marksCut) continue
  const marksCut = function (this: NameOutputState, blobs: unknown[]) {
    const { tmp } = this.state
    if (tmp.area === 'bibliography' && Array.isArray(tmp.rendered_name)) tmp.rendered_name.push(`\u0000${join}`)
    return joined.call(this, blobs)
  }
  citeproc.NameOutput.prototype[join] = Object.assign(marksCut, { marksCut: true })
}

/**
 * An editor who is also the translator is named once, with the "editortranslator" term (OSCOLA
 * "Franz Rosenthal ed & tran", as pandoc prints it). CSL asks for that when a names element's
 * selection consists of editor and translator; citeproc-js reads the selection as the element's
 * variables, so OSCOLA's `editor translator container-author` never merged, even for a source
 * with no container author. The selection is read as the variables that hold names for the
 * source: when those are the first two listed (the others empty) citeproc-js decides on them
 * alone, as for a names element of those two. Wrapped once, here.
 */
const commonTerm = citeproc.NameOutput.prototype.setCommonTerm
if (!(commonTerm as { ofNamed?: boolean }).ofNamed) {
  const ofNamed = function (this: NamesListState, requireMatch?: boolean) {
    const all = this.variables
    const named = all.filter((v) => Boolean(this.freeters[v]?.length || this.persons[v]?.length || this.institutions[v]?.length))
    if (named.length !== 2 || all.length <= 2 || named.some((v, i) => all[i] !== v)) return commonTerm.call(this, requireMatch)
    this.variables = named
    try {
      return commonTerm.call(this, requireMatch)
    } finally {
      this.variables = all
    }
  }
  citeproc.NameOutput.prototype.setCommonTerm = Object.assign(ofNamed, { ofNamed: true })
}

/**
 * Ibid after a note that cites one source more than once ("Doe [-@doe, 5] and again Doe
 * [-@doe, 6]", then "[@doe, 8]" is "Ibid., 8", as CSL and CMOS 14.34 ask and pandoc prints).
 * citeproc-js's whole pass takes the note before as citing one source alone only when it holds
 * one cited item (`citationsInNote`, a count local to processCitationCluster), so the next
 * note got the short form. Just before a citation is rendered, its first source, left
 * subsequent where the note before cites that source alone (however often), gets the ibid
 * position citeproc-js would then have given it. Only the whole pass has the citations before
 * it in `citationByIndex`; the one-by-one pass's PositionPass applies the same rule itself.
 * Wrapped once, here.
 */
const renderCluster = citeproc.Engine.prototype.process_CitationCluster
if (!(renderCluster as { ibidAfterOneSource?: boolean }).ibidAfterOneSource) {
  const ibidAfterOneSource = function (this: Insides, sortedItems: SortedItem[], citation: CiteprocCitation) {
    placeIbidAfterOneSource(this, sortedItems, citation)
    return renderCluster.call(this, sortedItems, citation)
  }
  citeproc.Engine.prototype.process_CitationCluster = Object.assign(ibidAfterOneSource, { ibidAfterOneSource: true })
}

/** What citeproc-js's punctuation pass reads of an output blob: its text (or child blobs), affixes and formatting. */
interface Blob {
  blobs: string | Blob[]
  strings: { suffix: string }
  decorations?: Array<[string, string]>
  num?: number
}

/** citeproc-js's punctuation pass over rendered blobs; `downward` moves and merges suffixes into what they follow. */
interface PunctuationAdjust {
  downward(this: PunctuationAdjust, blob: Blob, top?: boolean): void
}

/**
 * A period after formatted text that ends a sentence already is dropped: AMA's italic journal
 * title "Who Governs the Indus?" with the style's suffix "." printed "Who Governs the
 * Indus?.", where pandoc (and citeproc-js itself, without the italics) prints "Who Governs
 * the Indus? 2021". citeproc-js merges a field's last mark with the suffix after it only when
 * the field has no formatting, so as not to move marks into the formatting; dropping the
 * suffix's period moves nothing. Quoted fields keep citeproc-js's own rules (punctuation in
 * quotes). The pass is wrapped once, here, for every engine made after it.
 */
const adjust = citeproc.Output.Queue.adjust
if (!(adjust as { dropsPeriod?: boolean }).dropsPeriod) {
  const dropsPeriod = function (this: PunctuationAdjust, punctInQuote?: boolean) {
    ;(adjust as unknown as (this: PunctuationAdjust, punctInQuote?: boolean) => void).call(this, punctInQuote)
    const downward = this.downward
    this.downward = function (blob, top) {
      dropPeriodAfterFormattedEnd(blob)
      return downward.call(this, blob, top)
    }
  }
  citeproc.Output.Queue.adjust = Object.assign(dropsPeriod, { dropsPeriod: true }) as unknown as typeof adjust
}

function dropPeriodAfterFormattedEnd(blob: Blob): void {
  if (typeof blob.blobs !== 'string' || typeof blob.num === 'number' || !blob.decorations?.length) return
  if (blob.decorations.some(([name, value]) => name === '@quotes' && value !== 'false')) return
  if (!blob.decorations.some(([name]) => ['@font-style', '@font-variant', '@font-weight', '@text-decoration', '@vertical-align'].includes(name))) return
  if (blob.strings.suffix.startsWith('.') && /[.?!]$/.test(blob.blobs)) blob.strings.suffix = blob.strings.suffix.slice(1)
}

/** What reading a number leaves for its label: whether it is plural. */
interface NumberState {
  tmp: { shadow_numbers: Record<string, { plural?: number } | undefined> }
}

/**
 * A locator's label is plural where pandoc's citeproc makes it so: a locator of more than one
 * part ("pp[17]-[18]", "pp. iv, n. 2" in AMA and Chicago). citeproc-js pluralises only what
 * it reads as numbers ("p[17]–[18]"); the citation marks such a locator `locator-plural`
 * (pluralLocator in locator.ts) and its reading is made plural. Wrapped once, here.
 */
const processNumber = citeproc.Engine.prototype.processNumber
if (!(processNumber as { pluralMarked?: boolean }).pluralMarked) {
  const pluralMarked = function (this: NumberState, node: unknown, item: Record<string, unknown> | undefined, variable: string, type?: string) {
    processNumber.call(this, node, item, variable, type)
    const read = this.tmp.shadow_numbers[variable]
    // The label's number only: labels the locator holds itself ("n. 2") keep theirs.
    if (variable === 'locator' && item?.['locator-plural'] && read) read.plural = 1
  }
  citeproc.Engine.prototype.processNumber = Object.assign(pluralMarked, { pluralMarked: true })
}

/** A citation as citeproc-js keeps it, with its prepared sources. */
type Prepared = CiteprocCitation & { sortedItems?: SortedItem[] }

function placeIbidAfterOneSource(engine: Insides, sortedItems: SortedItem[], citation: CiteprocCitation): void {
  const [data, item] = sortedItems[0] ?? []
  const note = citation.properties.noteIndex
  if (!data || !item || !note || (citation.properties as { mode?: string }).mode) return
  if (item.position !== citeproc.POSITION_SUBSEQUENT && item.position !== citeproc.POSITION_CONTAINER_SUBSEQUENT) return
  const list = engine.registry.citationreg.citationByIndex as Prepared[]
  // The citations in notes before this one (citeproc-js counts those in the running text apart).
  const before = list.slice(0, list.findIndex((c) => c.citationID === citation.citationID)).filter((c) => c.properties.noteIndex)
  const previous = before.at(-1)
  if (previous?.properties.noteIndex !== note - 1 || !previous.sortedItems?.length) return
  const [previousData, previousItem] = previous.sortedItems[0]!
  if (String(previousData.id) !== String(data.id) || previousItem['locator-extra'] !== item['locator-extra']) return
  const inNote = before.filter((c) => c.properties.noteIndex === note - 1).flatMap((c) => c.sortedItems ?? [])
  // One cited item: citeproc-js has decided already. Several, all of this source: it is alone.
  if (inNote.length < 2 || inNote.some(([other]) => String(other.id) !== String(data.id))) return
  const locator = (cited: SortedItem[1]) => (cited.locator ? `${cited.locator}${cited.label ?? ''}` : undefined)
  const was = locator(previousItem)
  const now = locator(item)
  if (was && !now) return
  item.position = now && now !== was ? citeproc.POSITION_IBID_WITH_LOCATOR : citeproc.POSITION_IBID
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
const warnings: string[] = []
citeproc.debug = (text: string) => {
  warnings.push(String(text))
}

/** What citeproc-js warned about since the last call (or since the last engine was opened). */
export function takeWarnings(): string[] {
  return warnings.splice(0)
}

/**
 * The engine citation-js keeps for a style and locale, made ready for one brief: it hears only
 * this brief's warnings, remembers none of the last brief's citations, and prints URLs as text.
 */
export function openEngine(items: CslItem[], style: string, locale: string): CiteprocEngine {
  warnings.length = 0
  const engine = csl.engine(items, style, locale, 'html') as Insides
  // A reused engine still holds the last brief's citations, and citeproc-js consults them
  // while it disambiguates the new brief's sources (a note style's "Small (n 1)" became
  // "Small, The China-Pakistan Axis (n 1)" after another brief): each brief starts clean.
  Object.assign(engine.registry.citationreg, { citationById: {}, citationByIndex: [], citationsByItemId: {} })
  // citeproc-js would wrap URLs in links of its own; we want the plain text, as pandoc does.
  engine.opt.development_extensions.wrap_url_and_doi = false
  return engine
}

/**
 * Runs `render` with one author's located years separated by the layout's delimiter (see
 * CitationSession.separateLocatedYears): the style's after-collapse-delimiter is set to it for
 * the while, and the patched getSpliceDelimiter above told so by `yearsSeparated`.
 */
export function withYearsSeparated(engine: CiteprocEngine, render: () => void): void {
  const opt = (engine as Insides).citation.opt
  const saved = opt['after-collapse-delimiter']
  opt['after-collapse-delimiter'] = saved ?? opt.layout_delimiter
  opt.yearsSeparated = true
  try {
    render()
  } finally {
    opt['after-collapse-delimiter'] = saved
    delete opt.yearsSeparated
  }
}

/** `items` in the order the style's citation sort gives them, by citeproc-js's own keys and comparison. */
export function sortByStyle(engine: CiteprocEngine, items: CiteprocItem[]): CiteprocItem[] {
  const inside = engine as Insides
  const keyed = items.map((item): [string, { sortkeys: unknown[] }, CiteprocItem] => [item.id, { sortkeys: citeproc.getSortKeys.call(inside, inside.retrieveItem(item.id), 'citation_sort') }, item])
  return keyed.sort((a, b) => inside.citation.srt.compareCompositeKeys([a[0], a[1]], [b[0], b[1]])).map((k) => k[2])
}

/** A bare language's usual region as citeproc-js knows it: `en` → `en-US`; undefined when it knows none. */
export function usualRegion(language: string): string | undefined {
  return citeproc.LANG_BASES[language]?.replace('_', '-')
}

/** The positions for the citation citeproc-js is rendering, set by renderOneByOne; null when it is not running. */
let pendingPositions: { pass: PositionPass; citation?: CiteprocCitation } | null = null
const hooked = new WeakSet<object>()

/**
 * citeproc-js's pass, one citation at a time. Each citation is given alone, so citeproc-js
 * prepares it (locators, labels, sorting inside the citation) as it always does, and just
 * before it is rendered its sources get the positions a PositionPass has worked out over the
 * citations before it, in place of those citeproc-js found with no citations before it.
 *
 * citeproc-js also keeps, by citation and by source, the citations it has seen; it rebuilds
 * both lists from the citations it is given, which here would be the current one alone. They
 * are held for it instead, growing citation by citation as in the whole pass, so that what it
 * decides from them comes out the same: how often a source has been cited (note styles that
 * test `disambiguate` render a source differently once it recurs, and render its earlier
 * citations again), and which citations those are.
 *
 * `around` wraps the rendering of each citation (to separate located years, see
 * separateLocatedYears). Returns undefined, leaving it to the whole pass, for what this does
 * not reproduce: parallel and legal citations, author-only and composite citations, locators
 * with "|" extras, and note numbers that go back.
 */
export function renderOneByOne(engine: CiteprocEngine, citations: CiteprocCitation[], around: (citation: CiteprocCitation, render: () => void) => void): Map<string, string> | undefined {
  const inside = engine as Insides
  const { opt } = inside
  const positional = opt.update_mode === citeproc.POSITION
  if (opt.parallel.enable) return undefined
  let lastNote = 0
  const ids: string[] = []
  const seen = new Set<string>()
  for (const citation of citations) {
    const note = citation.properties.noteIndex
    if (note && note < lastNote) return undefined
    // citeproc-js's author-only and composite citations follow rules of their own.
    if ((citation.properties as { mode?: string }).mode) return undefined
    if (note) lastNote = note
    for (const item of citation.citationItems) {
      if (String(item.locator ?? '').includes('|')) return undefined
      if (!seen.has(item.id)) ids.push(item.id)
      seen.add(item.id)
    }
  }
  inside.updateItems(ids)
  for (const id of ids) {
    const data = inside.retrieveItem(id)
    if (data.legislation_id || data.container_id) return undefined
  }
  hookPositions(inside)
  const rendered = new Map<string, string>()
  const lists = inside.registry.citationreg
  const byId: Record<string, CiteprocCitation> = {}
  const byItem: Record<string, unknown[]> = {}
  // citeproc-js assigns fresh lists at every citation; these ignore that and stay whole.
  for (const [key, list] of [['citationById', byId], ['citationsByItemId', byItem]] as const) {
    Object.defineProperty(lists, key, { configurable: true, enumerable: true, get: () => list, set: () => undefined })
  }
  pendingPositions = positional ? { pass: new PositionPass(Number(inside.citation.opt['near-note-distance'] ?? 5)) } : null
  try {
    for (const citation of citations) {
      byId[citation.citationID] = citation
      if (pendingPositions) {
        pendingPositions.citation = citation
        registerFirstNotes(inside, pendingPositions.pass, citation)
      }
      // The citation itself, and any earlier one citeproc-js renders again.
      around(citation, () => {
        for (const [, html, id] of inside.processCitationCluster(citation, [], [], citeproc.ASSUME_ALL_ITEMS_REGISTERED)[1]) rendered.set(id, html)
      })
    }
  } finally {
    pendingPositions = null
    for (const key of ['citationById', 'citationsByItemId'] as const) delete (lists as Record<string, unknown>)[key]
  }
  // As the whole pass leaves the registry: every citation, in order, and each source's citations.
  citations.forEach((citation, index) => ((citation.properties as { index?: number }).index = index))
  Object.assign(lists, { citationByIndex: [...citations], citationById: byId, citationsByItemId: byItem })
  inside.updateUncitedItems(undefined)
  return rendered
}

/** Puts the pass's positions on a citation's sources just before citeproc-js renders it (once per engine). */
function hookPositions(engine: Insides): void {
  if (hooked.has(engine)) return
  hooked.add(engine)
  const render = engine.process_CitationCluster
  engine.process_CitationCluster = function (sortedItems, citation) {
    // Only the citation being added: an earlier one rendered again keeps the positions it has.
    if (pendingPositions?.citation === citation) placeSources(pendingPositions.pass, sortedItems, citation.properties.noteIndex)
    return render.call(this, sortedItems, citation)
  }
}

function placeSources(pass: PositionPass, sortedItems: SortedItem[], note: number): void {
  const cited = sortedItems.map(([data, item]): Cited => ({ id: String(data.id), locator: item.locator, label: item.label }))
  pass.next(note, cited).forEach(({ position, nearNote, firstNote }, k) => {
    const item = sortedItems[k]![1]
    item.position = position
    item['near-note'] = nearNote
    item['first-reference-note-number'] = firstNote
    item['first-container-reference-note-number'] = firstNote
  })
}

/**
 * A source cited again in a later note has its first note recorded with the source itself,
 * before citeproc-js disambiguates (the whole pass records it while it evaluates positions):
 * styles that disambiguate "by cite" count it.
 */
function registerFirstNotes(engine: Insides, pass: PositionPass, citation: CiteprocCitation): void {
  const note = citation.properties.noteIndex
  for (const { id } of citation.citationItems) {
    const first = pass.firstNoteOf(note, id)
    const registered = engine.registry.registry[id]
    if (first === undefined || first === note || !registered) continue
    registered['first-reference-note-number'] = first
    registered['first-container-reference-note-number'] = first
  }
}
