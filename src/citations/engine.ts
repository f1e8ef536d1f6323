/**
 * The one adapter over citation-js and citeproc-js.
 *
 * citation-js caches one citeproc engine per style + locale (styles are registered in
 * styles.ts); we reuse it across briefs in a batch, which is where most of the speed of a
 * batch build comes from.
 */
import type { CslItem } from './csl-item.ts'
import { citeproc, csl, markNewRuns, warnings, type CiteprocCitation, type CiteprocEngine, type CiteprocItem } from './citeproc.ts'
import { hasLocale, localeName } from './locales.ts'
import { punctuationIntoQuotes } from './quotes.ts'
import { PositionPass, type Cited } from './positions.ts'
import type { Style } from './styles.ts'

export type { CiteprocCitation, CiteprocItem } from './citeproc.ts'
// Where the rest of the toolkit has always found them; they are made in styles.ts.
export { StyleProblem, type Style } from './styles.ts'

/** Runs of a citation's items that sorting may reorder: a suffix ends a run, a prefix starts one. */
function runsOf(items: CiteprocItem[]): CiteprocItem[][] {
  const runs: CiteprocItem[][] = []
  for (const item of items) {
    const run = runs.at(-1)
    // Compared with the run's first item, as Haskell's groupBy in pandoc's citeproc does.
    if (run && !run[0]!.suffix && !item.prefix) run.push(item)
    else runs.push([item])
  }
  return runs
}

/** From this many citations in a brief on, citations are rendered one by one (see renderCitations). */
export const oneByOneFrom = 300

/** citeproc-js's insides that the one-by-one pass uses, beyond the public CiteprocEngine. */
interface CiteprocInsides {
  opt: { update_mode: number; parallel: { enable?: boolean } }
  citation: { opt: Record<string, unknown> }
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
function renderOneByOne(engine: CiteprocEngine, citations: CiteprocCitation[], around: (citation: CiteprocCitation, render: () => void) => void): Map<string, string> | undefined {
  const inside = engine as unknown as CiteprocInsides
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
function hookPositions(engine: CiteprocInsides): void {
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
function registerFirstNotes(engine: CiteprocInsides, pass: PositionPass, citation: CiteprocCitation): void {
  const note = citation.properties.noteIndex
  for (const { id } of citation.citationItems) {
    const first = pass.firstNoteOf(note, id)
    const registered = engine.registry.registry[id]
    if (first === undefined || first === note || !registered) continue
    registered['first-reference-note-number'] = first
    registered['first-container-reference-note-number'] = first
  }
}

export interface Bibliography {
  entries: Array<{ id: string; html: string }>
}

/** A citeproc session for one brief: its sources, style and language. */
export class CitationSession {
  private readonly engine: CiteprocEngine

  constructor(
    private readonly style: Style,
    lang: string,
    items: Iterable<CslItem>,
  ) {
    warnings.length = 0
    // The style's own language too: citeproc-js takes terms the brief's lacks from it.
    if (style.defaultLocale) hasLocale(style.defaultLocale)
    this.engine = csl.engine([...items], style.name, localeName(lang), 'html')
    // A reused engine still holds the last brief's citations, and citeproc-js consults them
    // while it disambiguates the new brief's sources (a note style's "Small (n 1)" became
    // "Small, The China-Pakistan Axis (n 1)" after another brief): each brief starts clean.
    Object.assign((this.engine as unknown as CiteprocInsides).registry.citationreg, { citationById: {}, citationByIndex: [], citationsByItemId: {} })
    // citeproc-js would wrap URLs in links of its own; we want the plain text, as pandoc does.
    this.engine.opt.development_extensions.wrap_url_and_doi = false
  }

  /**
   * Renders all citations of a document at once, in reading order, so that first / subsequent /
   * ibid positions follow the final note numbers. Returns HTML per citation id.
   *
   * Up to `linearFrom` citations this is citeproc-js's own whole-document pass; beyond, where
   * that pass grows with the square of the count (4,000 citations took 15 s), each citation
   * is given to citeproc-js alone with its positions worked out beforehand (renderOneByOne).
   */
  renderCitations(citations: CiteprocCitation[], linearFrom = oneByOneFrom): Map<string, string> {
    const ordered = markNewRuns(this.keepAffixedOrder(citations))
    // One by one, a citation that needs its located years separated is rendered so at once.
    const around = (citation: CiteprocCitation, render: () => void) => (this.hasLocatedYears(citation) ? this.withYearsSeparated(render) : render())
    let rendered = ordered.length >= linearFrom ? renderOneByOne(this.engine, ordered, around) : undefined
    this.pass = rendered ? 'one by one' : 'whole'
    if (!rendered) {
      rendered = new Map<string, string>()
      for (const [id, , html] of this.engine.rebuildProcessorState(ordered, 'html')) rendered.set(id, html)
      this.separateLocatedYears(ordered, rendered)
    }
    if (this.engine.getOpt('punctuation-in-quote')) for (const [id, html] of rendered) rendered.set(id, punctuationIntoQuotes(html))
    return rendered
  }

  /** Which pass the last renderCitations took. */
  pass?: 'whole' | 'one by one'

  /**
   * "(Small, 2015, p. 3; 2020, p. 2)": when one author's works collapse and carry locators,
   * a comma between them would blur which page belongs to which year; pandoc then separates
   * them with the layout's delimiter, as the CSL test suite asks. citeproc-js only does so for
   * styles that set after-collapse-delimiter (and there, as patched above, only when the
   * citation is marked `yearsSeparated`), so those citations are rendered again with it
   * (after the whole pass; the one-by-one pass renders them so in the first place).
   */
  private separateLocatedYears(citations: CiteprocCitation[], rendered: Map<string, string>): void {
    const ids = citations.map((c): [string, number] => [c.citationID, c.properties.noteIndex])
    citations.forEach((citation, i) => {
      if (!this.hasLocatedYears(citation)) return
      this.withYearsSeparated(() => rendered.set(citation.citationID, this.engine.previewCitationCluster({ ...citation }, ids.slice(0, i), ids.slice(i + 1), 'html')))
    })
  }

  /** A source's author as a citation prints it alone, to tell one author's works. */
  private authorOf(id: string): string {
    return this.authors.get(id) ?? this.authors.set(id, this.engine.makeCitationCluster([{ id, 'author-only': true }])).get(id)!
  }

  private readonly authors = new Map<string, string>()

  /** Whether `citation` has a located source whose author another of its sources shares, in a style that collapses years. */
  private hasLocatedYears(citation: CiteprocCitation): boolean {
    if (!this.style.collapsesYears) return false
    const sameAuthor = (item: CiteprocItem) => citation.citationItems.filter((other) => this.authorOf(other.id) === this.authorOf(item.id)).length > 1
    return citation.citationItems.some((item) => item.locator && sameAuthor(item))
  }

  private withYearsSeparated(render: () => void): void {
    const opt = this.engine.citation.opt
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

  /**
   * A style that sorts the sources inside a citation must not move one past an author's
   * words: `[see @b, 5; *cf.* @a; and especially @c]` keeps its order. As pandoc 2.17 does,
   * a citation is cut into runs where an item has a suffix or the next one a prefix; each run
   * is sorted on its own (by the style's keys, or by citation number) and the runs stay in
   * the written order.
   */
  private keepAffixedOrder(citations: CiteprocCitation[]): CiteprocCitation[] {
    if (this.style.citationSort === 'none') return citations
    const numbered = this.style.citationSort === 'number'
    const firstCited = new Map<string, number>()
    return citations.map((citation) => {
      const runs = runsOf(citation.citationItems)
      const order = (item: CiteprocItem) => firstCited.get(item.id) ?? firstCited.size + citation.citationItems.indexOf(item)
      let items = citation.citationItems
      if (runs.length > 1) {
        items = runs.flatMap((run) => (numbered ? [...run].sort((a, b) => order(a) - order(b)) : this.sortRun(run)))
      }
      for (const item of citation.citationItems) if (!firstCited.has(item.id)) firstCited.set(item.id, firstCited.size)
      return runs.length > 1 ? { ...citation, citationItems: items, properties: { ...citation.properties, unsorted: true } } : citation
    })
  }

  private sortRun(run: CiteprocItem[]): CiteprocItem[] {
    if (run.length < 2) return run
    const keyed = run.map((item): [string, { sortkeys: unknown[] }, CiteprocItem] => [item.id, { sortkeys: citeproc.getSortKeys.call(this.engine, this.engine.retrieveItem(item.id), 'citation_sort') }, item])
    return keyed.sort((a, b) => this.engine.citation.srt.compareCompositeKeys([a[0], a[1]], [b[0], b[1]])).map((k) => k[2])
  }

  /**
   * The author part alone, for `@key` in running text; does not move positions. `subsequent`
   * gives the style's later form ("Doe" after "Jane Doe"), as pandoc does once a source has
   * been cited.
   */
  renderAuthor(id: string, subsequent: boolean): string {
    const position = subsequent ? { position: 1 } : {}
    const author = this.engine.makeCitationCluster([{ id, 'author-only': true, ...position }])
    // A title standing in for a missing author keeps the quotes or italics the style gives
    // it in the citation ("“Border Crossings Reopen” (2024)", as pandoc prints it), which
    // citeproc-js's author-only form drops.
    if (!author.trim() || /[<“‘]/.test(author)) return author
    const whole = this.engine.makeCitationCluster([{ id, ...position }])
    const at = whole.indexOf(author)
    if (at < 0) return author
    const opening = /(?:<(?:i|b|span[^>]*)>|[“‘])+$/.exec(whole.slice(0, at))?.[0] ?? ''
    const closing = /^(?:<\/(?:i|b|span)>|[”’])+/.exec(whole.slice(at + author.length))?.[0] ?? ''
    return opening && closing ? opening + author + closing : author
  }

  /** What citeproc-js warned about since the last call, each once. */
  takeWarnings(): string[] {
    return [...new Set(warnings.splice(0))]
  }

  /**
   * The style's and the locale's words for each locator type (long, short and symbol forms,
   * singular and plural, in lower case), to read a locator as pandoc does.
   */
  locatorTerms(types: Iterable<string>): Map<string, string> {
    const terms = new Map<string, string>()
    for (const type of types) {
      for (const form of ['long', 'short', 'symbol']) {
        for (const plural of [0, 1]) {
          const term = String(this.engine.getTerm(type, form, plural) ?? '').trim().toLowerCase()
          if (term && !terms.has(term)) terms.set(term, type)
        }
      }
    }
    return terms
  }

  /** The style's word for "ibid." in the brief's language. */
  ibidTerm(): string {
    return this.engine.getTerm('ibid')
  }

  /** Entries for the cited items plus `uncited`, in the style's order. */
  renderBibliography(uncited: string[]): Bibliography {
    try {
      this.engine.updateUncitedItems(uncited)
      const result = this.engine.makeBibliography()
      if (!result) return { entries: [] }
      const [params, entries] = result
      // "“Defence Budgets.” In …": the entry's own full stop goes inside a closing quote too.
      const inQuotes = Boolean(this.engine.getOpt('punctuation-in-quote'))
      return { entries: entries.map((html, i) => ({ id: params.entry_ids[i]?.[0] ?? '', html: inQuotes ? punctuationIntoQuotes(html.trim()) : html.trim() })) }
    } finally {
      // The engine outlives this brief (one per style and language): sources it was told to
      // list uncited would otherwise be looked up in the next brief's sources, and not found.
      if (uncited.length) this.engine.updateUncitedItems([])
    }
  }
}
