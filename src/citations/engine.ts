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
    const ordered = markNewRuns(this.keepAffixedOrder(citations))
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
        items = runs.flatMap((run) => (numbered ? [...run].sort((a, b) => order(a) - order(b)) : run.length < 2 ? run : sortByStyle(this.engine, run)))
      }
      for (const item of citation.citationItems) if (!firstCited.has(item.id)) firstCited.set(item.id, firstCited.size)
      return runs.length > 1 ? { ...citation, citationItems: items, properties: { ...citation.properties, unsorted: true } } : citation
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
