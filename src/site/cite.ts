/**
 * "Cite this brief": the brief itself as a source (a CSL `report`: its title, authors, date,
 * series, institute and URL), written by our citation stack in the house style, APA and
 * Chicago (citeproc through CitationSession, as the briefs' own notes are) and as the files
 * researchers import: BibLaTeX (biblatex-write.ts), RIS (ris.ts) and CSL-JSON.
 *
 * APA and Chicago are the published styles Debian installs
 * (citation-style-language-styles); where they are not installed, those two lines are left
 * out and the run says so once.
 */
import { CitationSession } from '../citations/engine.ts'
import type { CslItem } from '../citations/csl-item.ts'
import { writeBiblatex } from '../citations/biblatex-write.ts'
import { writeRis } from '../citations/ris.ts'
import { chooseStyle } from '../citations/style-choice.ts'
import { StyleProblem, type Style } from '../citations/styles.ts'
import { identifierHyphen } from '../citations/source-check.ts'
import type { SiteEntry } from './entry.ts'

/** The styles of the box, in its order: label → style name. */
export const citeStyles = [
  { label: 'ISSI house style', name: 'house' },
  { label: 'APA', name: 'apa' },
  { label: 'Chicago', name: 'chicago-note-bibliography' },
] as const

export interface CiteFiles {
  bibtex: string
  ris: string
  cslJson: string
}

export interface Citation {
  /** Each style's entry as HTML (citeproc's, wrapper removed), in `citeStyles`' order. */
  formatted: Array<{ label: string; html: string }>
  files: CiteFiles
}

/**
 * "Amina Khan" → family Khan, given Amina: the last word is the family name, as English
 * bylines are written; a one-word name is a literal (an organisation, or a single name).
 */
export function cslName(name: string): Record<string, string> {
  const words = name.trim().split(/\s+/)
  if (words.length < 2) return { literal: name.trim() }
  return { family: words.at(-1)!, given: words.slice(0, -1).join(' ') }
}

/** The brief as a CSL item; `url` is its page on the site (with --base-url), else none. */
export function briefItem(entry: SiteEntry, url?: string): CslItem {
  const item: CslItem = {
    id: entry.slug,
    type: 'report',
    title: entry.subtitle ? `${entry.title}: ${entry.subtitle}` : entry.title,
    publisher: entry.institute,
    'collection-title': entry.series,
    language: entry.lang,
  }
  if (entry.authors.length) item.author = entry.authors.map((a) => cslName(a.name))
  else item.author = [{ literal: entry.institute }]
  if (entry.date) item.issued = { 'date-parts': [entry.date.split('-').map(Number)] }
  if (entry.abstract) item.abstract = entry.abstract
  if (entry.keywords.length) item.keyword = entry.keywords.map((k) => k.name).join(', ')
  if (url) item.URL = url
  return item
}

/** The styles, loaded once a run; a style that is not installed is undefined. */
export class CiteStyles {
  private constructor(readonly styles: Array<{ label: string; style?: Style }>) {}

  /** `house` is the run's style (the configuration's, or --csl). */
  static async load(house: Style, baseDir: string): Promise<CiteStyles> {
    const styles = await Promise.all(
      citeStyles.map(async ({ label, name }) => {
        if (name === 'house') return { label, style: house }
        try {
          return { label, style: await chooseStyle({ written: name, origin: 'config', baseDir }) }
        } catch (error) {
          if (error instanceof StyleProblem) return { label }
          throw error
        }
      }),
    )
    return new CiteStyles(styles)
  }

  /** Labels of the styles that could not be loaded. */
  get missing(): string[] {
    return this.styles.filter((s) => !s.style).map((s) => s.label)
  }

  cite(entry: SiteEntry, url?: string): Citation {
    const item = briefItem(entry, url)
    const formatted: Citation['formatted'] = []
    for (const { label, style } of this.styles) {
      if (!style) continue
      const session = new CitationSession(style, entry.lang, [item])
      const html = session.renderBibliography([item.id]).entries[0]?.html ?? ''
      formatted.push({ label, html: html.replace(/^<div[^>]*>|<\/div>$/g, '').replaceAll(identifierHyphen, '-').trim() })
    }
    return { formatted, files: { bibtex: writeBiblatex([item]), ris: writeRis([item]), cslJson: JSON.stringify([item], null, 2) + '\n' } }
  }
}
