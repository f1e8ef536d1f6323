/**
 * `brief bib`: the bibliography of one or more briefs, regenerated from their sources — the
 * sources they cite (or, with `all`, every source of their files), merged across briefs by
 * key — either formatted in a style (Markdown, HTML, plain text) or as data (CSL-JSON,
 * BibTeX, RIS). Sources are read fresh on every run: a changed record shows at once.
 */
import type { VFileMessage } from 'vfile-message'
import { CitationSession } from '../citations/engine.ts'
import type { Style } from '../citations/styles.ts'
import { citationLang } from '../citations/locales.ts'
import { writeRis } from '../citations/ris.ts'
import { writeBiblatex } from '../citations/biblatex-write.ts'
import type { CslItem } from '../citations/csl-item.ts'
import { prepareBrief, resolveRun } from './run.ts'
import { visit } from 'unist-util-visit'
import { checkSource, identifierHyphen } from '../citations/source-check.ts'
import { rule } from '../rules.ts'
import { choose } from '../text/choice.ts'

export const bibFormats = ['md', 'html', 'txt', 'csl-json', 'bibtex', 'ris'] as const
export type BibFormat = (typeof bibFormats)[number]

/** What other tools call the formats `--to` writes: suggested by "did you mean", never taken. */
export const bibFormatSynonyms: Readonly<Record<string, BibFormat>> = {
  markdown: 'md', text: 'txt', plain: 'txt', html5: 'html', htm: 'html',
  json: 'csl-json', csl: 'csl-json', csljson: 'csl-json', citeproc: 'csl-json',
  bib: 'bibtex', biblatex: 'bibtex', tex: 'bibtex', latex: 'bibtex',
  endnote: 'ris', refman: 'ris',
}

export interface BibOptions {
  /** Brief folders, .md files or folders of briefs (default: every brief under briefs/). */
  paths?: string[]
  /** Style name or .csl path, for the formatted outputs (default: the configuration's). */
  style?: string
  /** Output format (default: `md`). */
  to?: BibFormat
  /** Every source of the briefs' files, not only the cited ones (default: `false`). */
  all?: boolean
  cwd?: string
}

export interface BibResult {
  text: string
  /** Problems found on the way (unreadable sources, a key defined differently in two briefs). */
  messages: VFileMessage[]
  /** How many sources it holds. */
  count: number
}

export async function formatBibliography(options: BibOptions = {}): Promise<BibResult> {
  const cwd = options.cwd ?? process.cwd()
  const to = choose(options.to ?? 'md', bibFormats, { what: 'bibliography format', synonyms: bibFormatSynonyms, example: '--to bibtex' })
  // The style is the run's: `--style` overrides every brief's, as `--csl` does for a build.
  const run = await resolveRun({ cwd, csl: options.style, cslFlag: '--style' })
  const items = new Map<string, { item: CslItem; from: string }>()
  const messages: VFileMessage[] = []
  for (const brief of await run.briefs(options.paths)) {
    const { file, tree } = await prepareBrief(run, brief)
    if (!tree) {
      messages.push(...file.messages)
      continue
    }
    messages.push(...file.messages.filter((m) => m.fatal))
    const library = file.data.library ?? new Map()
    const cited = new Set(file.data.uncited ?? [])
    visit(tree, (node) => {
      const props = (node.data as { hProperties?: { dataCites?: string } } | undefined)?.hProperties
      for (const key of props?.dataCites?.split(' ') ?? []) cited.add(key)
    })
    for (const [key, source] of library) {
      if (!options.all && !cited.has(key)) continue
      const earlier = items.get(key)
      if (earlier && JSON.stringify(earlier.item) !== JSON.stringify(source.item)) {
        const msg = file.message(`Source \`${key}\` differs from the one with the same key in ${earlier.from}; the first is used`, { place: source.place, ruleId: rule('conflicting-source'), source: 'sources' })
        msg.file = source.file
        messages.push(msg)
        continue
      }
      if (!earlier) items.set(key, { item: source.item, from: source.origin })
    }
  }
  const list = [...items.values()].map((v) => v.item)
  return { text: render(list, to, run.style ?? run.configStyle), messages, count: list.length }
}

function render(items: CslItem[], to: BibFormat, chosen: Style): string {
  if (to === 'csl-json') return JSON.stringify(items, null, 2) + '\n'
  if (to === 'bibtex') return writeBiblatex(items)
  if (to === 'ris') return writeRis(items)
  // Formatted from the repaired data, as a build formats it (identifier hyphens shown plain).
  const session = new CitationSession(chosen, citationLang(undefined, chosen), items.map((item) => checkSource(item).item))
  const entries = session
    .renderBibliography(items.map((i) => i.id))
    .entries.map((e) => e.html.replace(/^<div[^>]*>|<\/div>$/g, '').replaceAll(identifierHyphen, '-').trim())
  if (to === 'html') return `<div class="csl-bib-body">\n${entries.map((e) => `  <div class="csl-entry">${e}</div>`).join('\n')}\n</div>\n`
  const text = (html: string, md: boolean) =>
    html
      .replace(/<(i|em)>(.*?)<\/\1>/g, md ? '*$2*' : '$2')
      .replace(/<(b|strong)>(.*?)<\/\1>/g, md ? '**$2**' : '$2')
      .replace(/<[^>]+>/g, '')
      .replace(/&amp;/g, '&')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&#38;/g, '&')
  return entries.map((e) => (to === 'md' ? `- ${text(e, true)}` : text(e, false))).join('\n') + '\n'
}
