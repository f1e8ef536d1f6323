/**
 * The one adapter over citation-js and citeproc-js.
 *
 * Styles are registered under a name made from their content, so two styles never share a
 * cached engine and an edited style file is never served stale. citation-js caches one
 * citeproc engine per style + locale; we reuse it across briefs in a batch, which is where
 * most of the speed of a batch build comes from.
 */
import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { plugins } from '@citation-js/core'
import '@citation-js/plugin-csl'
import type { CslItem } from './sources.ts'

/** Where the toolkit's own styles live; `csl: issi` means `styles/issi.csl` here. */
export const stylesDir = fileURLToPath(new URL('../../styles/', import.meta.url))

interface CiteprocEngine {
  rebuildProcessorState(citations: CiteprocCitation[], mode: string, uncited?: string[]): Array<[string, number, string]>
  makeCitationCluster(items: CiteprocItem[]): string
  updateUncitedItems(ids: string[]): void
  makeBibliography(): false | [{ bibstart: string; bibend: string; entry_ids: string[][] }, string[]]
  getTerm(term: string, form?: string, plural?: number): string
  opt: { development_extensions: Record<string, boolean> }
}

interface CslPlugin {
  styles: { has(name: string): boolean; add(name: string, xml: string): void }
  locales: { has(name: string): boolean }
  engine(data: CslItem[], style: string, lang: string, format: string): CiteprocEngine
}

const csl = plugins.config.get('@csl') as CslPlugin

export interface Style {
  /** Registered name inside citation-js. */
  name: string
  /** `note` styles turn citations into footnotes; `in-text` styles keep them inline. */
  kind: 'note' | 'in-text'
  /** Where it came from, for messages. */
  file: string
}

export class StyleProblem extends Error {
  constructor(
    readonly kind: 'missing' | 'invalid' | 'outside',
    readonly resolved: string,
    detail: string,
    options?: ErrorOptions,
  ) {
    super(detail, options)
  }
}

const styleCache = new Map<string, Style>()

export async function loadStyle(file: string): Promise<Style> {
  let xml: string
  try {
    xml = await readFile(file, 'utf8')
  } catch (error) {
    throw new StyleProblem('missing', file, (error as Error).message)
  }
  const name = `brief-${createHash('sha256').update(xml).digest('hex').slice(0, 16)}`
  const cached = styleCache.get(name)
  if (cached) return { ...cached, file }
  const root = /<style\b[^>]*>/.exec(xml)?.[0]
  if (!root || !/xmlns="http:\/\/purl\.org\/net\/xbiblio\/csl"/.test(root)) {
    throw new StyleProblem('invalid', file, 'no <style xmlns="http://purl.org/net/xbiblio/csl"> root element')
  }
  const kind = /\bclass="note"/.test(root) ? 'note' : /\bclass="in-text"/.test(root) ? 'in-text' : undefined
  if (!kind) throw new StyleProblem('invalid', file, 'the <style> element needs class="note" or class="in-text"')
  if (!/<citation\b/.test(xml)) throw new StyleProblem('invalid', file, 'it has no <citation> element')
  if (!csl.styles.has(name)) csl.styles.add(name, xml)
  // Build once now so a broken style fails here, with its own message, not mid-brief.
  try {
    csl.engine([], name, 'en-US', 'html')
  } catch (error) {
    throw new StyleProblem('invalid', file, (error as Error).message.split('\n')[0]!)
  }
  const style: Style = { name, kind, file }
  styleCache.set(name, style)
  return style
}

export function hasLocale(lang: string): boolean {
  return csl.locales.has(lang) || csl.locales.has(lang.replace('_', '-'))
}

/** One cited source inside a citation, as citeproc takes it. */
export interface CiteprocItem {
  id: string
  locator?: string
  label?: string
  prefix?: string
  suffix?: string
  'suppress-author'?: boolean
  'author-only'?: boolean
  /** citeproc-js position constant: 0 first, 1 subsequent (only for stand-alone renders). */
  position?: number
}

export interface CiteprocCitation {
  citationID: string
  citationItems: CiteprocItem[]
  /** The note number the citation sits in; 0 for in-text citations in the running text. */
  properties: { noteIndex: number }
}

export interface Bibliography {
  entries: Array<{ id: string; html: string }>
}

/** A citeproc session for one brief: its sources, style and language. */
export class CitationSession {
  private readonly engine: CiteprocEngine

  constructor(style: Style, lang: string, items: Iterable<CslItem>) {
    this.engine = csl.engine([...items], style.name, hasLocale(lang) ? lang : 'en-US', 'html')
    // citeproc-js would wrap URLs in links of its own; we want the plain text, as pandoc does.
    this.engine.opt.development_extensions.wrap_url_and_doi = false
  }

  /**
   * Renders all citations of a document at once, in reading order, so that first / subsequent /
   * ibid positions follow the final note numbers. Returns HTML per citation id.
   */
  renderCitations(citations: CiteprocCitation[]): Map<string, string> {
    const rendered = new Map<string, string>()
    for (const [id, , html] of this.engine.rebuildProcessorState(citations, 'html')) rendered.set(id, html)
    return rendered
  }

  /**
   * The author part alone, for `@key` in running text; does not move positions. `subsequent`
   * gives the style's later form ("Doe" after "Jane Doe"), as pandoc does once a source has
   * been cited.
   */
  renderAuthor(id: string, subsequent: boolean): string {
    return this.engine.makeCitationCluster([{ id, 'author-only': true, ...(subsequent ? { position: 1 } : {}) }])
  }

  /** The style's word for "ibid." in the brief's language. */
  ibidTerm(): string {
    return this.engine.getTerm('ibid')
  }

  /** Entries for the cited items plus `uncited`, in the style's order. */
  renderBibliography(uncited: string[]): Bibliography {
    this.engine.updateUncitedItems(uncited)
    const result = this.engine.makeBibliography()
    if (!result) return { entries: [] }
    const [params, entries] = result
    return { entries: entries.map((html, i) => ({ id: params.entry_ids[i]?.[0] ?? '', html: html.trim() })) }
  }
}
