/**
 * The one adapter over citation-js and citeproc-js: a citation session for one brief. It
 * drives citeproc-js through the interface citeproc.ts exports, which alone touches the
 * engine's insides.
 *
 * citation-js caches one citeproc engine per style + locale (styles are registered in
 * styles.ts); we reuse it across briefs in a batch, which is where most of the speed of a
 * batch build comes from.
 */
import type { CslItem } from './csl-item.ts'
import { markNewRuns, openEngine, renderOneByOne, sortByStyle, takeWarnings, withYearsSeparated, type CiteprocCitation, type CiteprocEngine, type CiteprocItem } from './citeproc.ts'
import { hasLocale, localeName } from './locales.ts'
import { punctuationIntoQuotes } from './quotes.ts'
import type { Style } from './styles.ts'

// Where the rest of the toolkit has always found them; they are made in styles.ts.

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

/**
 * CSL's cite grouping ("Cite Grouping", CSL 1.0.2): cites by the same names are brought
 * together, at the first one's place, the rest keeping their order; so [@small2015, 10;
 * @fair2014; @small2015, 12] reads "(Small 2015, 10; 2015, 12; Fair 2014)" once collapsed. As
 * pandoc 2.17 does, nothing moves past the author's words: a source with words after it stays
 * alone, and one takes along only the later sources before the next one with words before or
 * after it. `names` gives '' for a source that is never grouped.
 */
export function groupCites(items: CiteprocItem[], names: (id: string) => string): CiteprocItem[] {
  const grouped: CiteprocItem[] = []
  let rest = items
  while (rest.length) {
    const [first, ...others] = rest as [CiteprocItem, ...CiteprocItem[]]
    const end = first.suffix ? 0 : others.findIndex((item) => item.prefix || item.suffix)
    const free = end < 0 ? others : others.slice(0, end)
    const name = names(first.id)
    const same = (item: CiteprocItem) => name !== '' && names(item.id) === name
    grouped.push(first, ...free.filter(same))
    rest = [...free.filter((item) => !same(item)), ...others.slice(free.length)]
  }
  return grouped.length === items.length && grouped.every((item, i) => item === items[i]) ? items : grouped
}

/** From this many citations in a brief on, citations are rendered one by one (see renderCitations). */
export const oneByOneFrom = 300

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
    // The style's own language too: citeproc-js takes terms the brief's lacks from it.
    if (style.defaultLocale) hasLocale(style.defaultLocale)
    // Clean of the last brief's citations and warnings (see openEngine).
    this.engine = openEngine([...items], style.name, localeName(lang))
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
    const ordered = markNewRuns(this.keepAffixedOrder(citations)).map((citation) => this.markLocatedGroups(citation))
    // One by one, a citation that needs its located years separated is rendered so at once.
    const around = (citation: CiteprocCitation, render: () => void) => (this.hasLocatedYears(citation) ? withYearsSeparated(this.engine, render) : render())
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
   * styles that set after-collapse-delimiter (and there, as patched in citeproc.ts, only when the
   * citation is marked `yearsSeparated`), so those citations are rendered again with it
   * (after the whole pass; the one-by-one pass renders them so in the first place).
   */
  private separateLocatedYears(citations: CiteprocCitation[], rendered: Map<string, string>): void {
    const ids = citations.map((c): [string, number] => [c.citationID, c.properties.noteIndex])
    citations.forEach((citation, i) => {
      if (!this.hasLocatedYears(citation)) return
      withYearsSeparated(this.engine, () => rendered.set(citation.citationID, this.engine.previewCitationCluster({ ...citation }, ids.slice(0, i), ids.slice(i + 1), 'html')))
    })
  }

  /**
   * A source's author as a citation prints it alone, to tell one author's works (a title that
   * stands in for the names too: CSL's cite grouping compares what the names element prints).
   */
  private authorOf(id: string): string {
    return this.authors.get(id) ?? this.authors.set(id, this.engine.makeCitationCluster([{ id, 'author-only': true }])).get(id)!
  }

  private readonly authors = new Map<string, string>()

  /** Whether `citation` has one author's works of which one carries a locator (marked by markLocatedGroups). */
  private hasLocatedYears(citation: CiteprocCitation): boolean {
    return citation.citationItems.some((item) => item['located-group'])
  }

  /**
   * Marks one author's works that collapse in a citation and of which one has a locator: their
   * years are separated by the layout's delimiter, another author's in the same citation still
   * by the group's ("(Small 2015, 2020; Siddiqa 2017; 2017, 4)"), as pandoc decides it group
   * by group. The works that collapse are neighbours by the same names, a source that starts a
   * new run (markNewRuns) starting a new group; in a citation citeproc-js sorts, all the works
   * by the same names, which its sort brings together.
   */
  private markLocatedGroups(citation: CiteprocCitation): CiteprocCitation {
    if (!this.style.collapsesYears) return citation
    const items = citation.citationItems
    const sortedByCiteproc = this.style.citationSort !== 'none' && !citation.properties.unsorted
    const groups: CiteprocItem[][] = []
    const byNames = new Map<string, CiteprocItem[]>()
    items.forEach((item, i) => {
      const names = this.authorOf(item.id)
      const previous = items[i - 1]
      let group: CiteprocItem[] | undefined
      if (names && sortedByCiteproc) group = byNames.get(names)
      else if (names && previous && !item['new-run'] && this.authorOf(previous.id) === names) group = groups.at(-1)
      if (group) group.push(item)
      else {
        groups.push([item])
        if (names) byNames.set(names, groups.at(-1)!)
      }
    })
    const located = new Set(groups.filter((group) => group.length > 1 && group.some((item) => item.locator)).flat())
    if (!located.size) return citation
    return { ...citation, citationItems: items.map((item) => (located.has(item) ? { ...item, 'located-group': true } : item)) }
  }

  /**
   * A citation's order before citeproc-js sees it. A style that sorts the sources inside a
   * citation must not move one past an author's words: `[see @b, 5; *cf.* @a; and especially
   * @c]` keeps its order. As pandoc 2.17 does, a citation is cut into runs where an item has a
   * suffix or the next one a prefix; each run is sorted on its own (by the style's keys, or by
   * citation number) and the runs stay in the written order. Then, in a style that groups
   * cites, one author's works are brought together (groupCites) where citeproc-js would not:
   * it groups only while it sorts, so not in a style without a citation sort, nor in a
   * citation whose runs are sorted here.
   */
  private keepAffixedOrder(citations: CiteprocCitation[]): CiteprocCitation[] {
    const { citationSort, groupsCites } = this.style
    if (citationSort === 'none' && !groupsCites) return citations
    const numbered = citationSort === 'number'
    const firstCited = new Map<string, number>()
    return citations.map((citation) => {
      const runs = runsOf(citation.citationItems)
      const order = (item: CiteprocItem) => firstCited.get(item.id) ?? firstCited.size + citation.citationItems.indexOf(item)
      let items = citation.citationItems
      const sortedHere = citationSort !== 'none' && runs.length > 1
      if (sortedHere) {
        items = runs.flatMap((run) => (numbered ? [...run].sort((a, b) => order(a) - order(b)) : run.length < 2 ? run : sortByStyle(this.engine, run)))
      }
      if (groupsCites && (citationSort === 'none' || sortedHere)) items = groupCites(items, (id) => this.authorOf(id))
      for (const item of citation.citationItems) if (!firstCited.has(item.id)) firstCited.set(item.id, firstCited.size)
      if (sortedHere) return { ...citation, citationItems: items, properties: { ...citation.properties, unsorted: true } }
      return items === citation.citationItems ? citation : { ...citation, citationItems: items }
    })
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
    return [...new Set(takeWarnings())]
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

  /** The style's page-range-delimiter term (an en dash unless it sets another), which pandoc puts in every locator range. */
  rangeDelimiter(): string {
    return String(this.engine.getTerm('page-range-delimiter') ?? '') || '–'
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
