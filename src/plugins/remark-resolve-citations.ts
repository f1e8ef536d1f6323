/**
 * Resolves what the brief's citations need, once: the style (flag > front matter > config) and
 * the sources, and checks every cited and `nocite` key against them. Rendering comes later,
 * once the notes are numbered (remark-render-citations).
 */
import path from 'node:path'
import type { Nodes, Root } from 'mdast'
import type { Plugin } from 'unified'
import type { VFile } from 'vfile'
import { StyleProblem, type Style } from '../citations/styles.ts'
import { citationLang, hasLocale } from '../citations/locales.ts'
import { checkSource } from '../citations/source-check.ts'
import { loadSources } from '../citations/sources.ts'
import { chooseStyle, styleRuleId } from '../citations/style-choice.ts'
import { messages } from '../messages.ts'
import { nearest } from '../text/nearest.ts'
import { isCrossKey } from './remark-crossrefs.ts'
import type { Cite } from '../types/tree.ts'
import { rule } from '../rules.ts'

export interface Options {
  /** The run's style, e.g. from `--csl`, overriding the brief's and the configuration's (default: none). */
  style?: Style
  /** Folder the configuration's relative paths are resolved against (default: the working folder). */
  configDir?: string
}

const emptyOptions: Options = {}

export const remarkResolveCitations: Plugin<[(Options | null | undefined)?], Root> = function (options) {
  const settings = { ...emptyOptions, ...options }
  return async (tree, file) => {
    const meta = file.data.meta
    const folder = file.data.folder ?? (file.dirname ? path.resolve(file.dirname) : process.cwd())
    if (!meta) return
    // Cross-references (`@fig-x`) are remark-crossrefs' business, not sources'.
    const cites = collectCites(tree).filter((cite) => !cite.items.every((item) => isCrossKey(item.key)))
    for (const cite of cites) {
      for (const item of cite.items.filter((i) => isCrossKey(i.key))) {
        file.message(messages.mixedCrossReference(item.key), { place: item.place, ruleId: rule('mixed-cross-reference'), source: 'brief' }).fatal = true
      }
    }
    if (cites.some((c) => c.items.some((i) => isCrossKey(i.key)))) return
    const wantsSources = cites.length > 0 || meta.nocite.length > 0 || meta.bibliography.length > 0 || meta.references.length > 0
    if (!wantsSources) return

    const style = settings.style ?? (await findStyle(file, folder, settings))
    const sources = await loadSources(meta, folder, file)
    if (!style || !sources) return
    const lang = citationLang(meta, style)
    if (!hasLocale(lang)) file.message(messages.missingLocale(lang, !meta.langWritten), { place: { line: 1, column: 1 }, ruleId: rule('missing-locale'), source: 'brief' })
    if (cites.length && !meta.bibliography.length && !meta.references.length) {
      file.message(messages.noSources(), { place: cites[0]!.position?.start, ruleId: rule('no-sources'), source: 'brief' }).fatal = true
      return
    }

    const sourceNames = meta.bibliography.map((b) => b.value).join(' or ') || '`references:`'
    let known = true
    for (const cite of cites) {
      for (const item of cite.items) {
        if (sources.has(item.key)) continue
        known = false
        file.message(messages.unknownKey(item.key, nearest(item.key, sources.keys()), sourceNames), {
          place: item.place,
          ruleId: rule('unknown-key'),
          source: 'brief',
        }).fatal = true
      }
    }
    const uncited: string[] = []
    for (const { value, place } of meta.nocite) {
      if (value === '*') uncited.push(...sources.keys())
      else if (sources.has(value)) uncited.push(value)
      else {
        file.message(messages.unknownNocite(value, nearest(value, sources.keys())), { place, ruleId: rule('unknown-key'), source: 'brief' }).fatal = true
        known = false
      }
    }
    // Only the sources the brief uses: a shared library of thousands is not this brief's to fix.
    // Checked even when a key is unknown, so one error does not hide the others.
    // As read, before any repair below: `brief bib` exports the data the author wrote.
    file.data.library = new Map(sources)
    for (const key of new Set([...cites.flatMap((c) => c.items.map((i) => i.key)), ...uncited])) {
      const source = sources.get(key)
      if (!source) continue
      const { item, problems } = checkSource(source.item)
      for (const problem of problems) {
        // At the field when its place is known (CSL-JSON, CSL-YAML), else at the entry.
        const place = source.fieldPlace?.(problem.field) ?? source.place
        const msg = file.message(messages.sourceData(key, problem.reason), { place, ruleId: rule('source-data'), source: 'sources' })
        msg.file = source.file
      }
      sources.set(key, { ...source, item })
    }
    if (!known) return
    file.data.style = style
    file.data.sources = sources
    file.data.uncited = uncited
  }
}

/** The brief's own style (front matter), else the configuration's. */
async function findStyle(file: VFile, folder: string, settings: Options): Promise<Style | undefined> {
  const written = file.data.meta?.csl
  const request = written
    ? { written: written.value, origin: 'front-matter' as const, baseDir: folder }
    : { written: file.data.config?.csl ?? 'issi', origin: 'config' as const, baseDir: settings.configDir ?? process.cwd() }
  try {
    return await chooseStyle(request, file.data.reads, file.data.deadline)
  } catch (error) {
    if (!(error instanceof StyleProblem)) throw error
    file.message(error.message, { place: written?.place ?? { line: 1, column: 1 }, ruleId: styleRuleId(error), source: 'brief' }).fatal = true
    return undefined
  }
}

function collectCites(tree: Root): Cite[] {
  const found: Cite[] = []
  const walk = (node: Nodes) => {
    if (node.type === 'cite') found.push(node)
    if ('children' in node) for (const child of node.children) walk(child)
  }
  walk(tree)
  return found
}
