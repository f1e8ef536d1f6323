/**
 * Resolves the brief's `cite` nodes: finds the style and the sources, checks every key, works
 * out which note each citation belongs to, and lets citeproc render them all in one pass so
 * first / subsequent / ibid follow the final note numbers.
 *
 * Note numbering mirrors mdast-util-to-hast, which numbers footnotes in the order their calls
 * are met: calls in the running text first (author notes and, with a note style, citations),
 * then calls made from inside notes. Citations inside an author note take that note's number.
 */
import path from 'node:path'
import type { FootnoteDefinition, Nodes, Root } from 'mdast'
import type { Plugin } from 'unified'
import type { VFile } from 'vfile'
import { CitationSession, loadStyle, resolveStylePath, StyleProblem, hasLocale, type CiteprocCitation, type CiteprocItem, type Style } from '../citations/engine.ts'
import { loadSources } from '../citations/sources.ts'
import { insideFolder } from '../brief/paths.ts'
import { messages, nearest } from '../errors.ts'
import type { Cite } from '../types/tree.ts'

export interface Options {
  /** A style that overrides the brief's and the configuration's, e.g. from `--csl` (default: none). */
  csl?: string
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
    const cites = collectCites(tree)
    const wantsSources = cites.length > 0 || meta.nocite.length > 0 || meta.bibliography.length > 0 || meta.references.length > 0
    if (!wantsSources) return

    const style = await findStyle(file, folder, settings)
    const sources = await loadSources(meta, folder, file)
    if (!style || !sources) return
    if (!hasLocale(meta.lang)) file.message(messages.missingLocale(meta.lang), { place: { line: 1, column: 1 }, ruleId: 'missing-locale', source: 'brief' })
    if (cites.length && !meta.bibliography.length && !meta.references.length) {
      file.message(messages.noSources(), { place: cites[0]!.position?.start, ruleId: 'no-sources', source: 'brief' }).fatal = true
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
          ruleId: 'unknown-key',
          source: 'brief',
        }).fatal = true
      }
    }
    const uncited: string[] = []
    for (const { value, place } of meta.nocite) {
      if (value === '*') uncited.push(...sources.keys())
      else if (sources.has(value)) uncited.push(value)
      else {
        file.message(messages.unknownNocite(value, nearest(value, sources.keys())), { place, ruleId: 'unknown-key', source: 'brief' }).fatal = true
        known = false
      }
    }
    if (!known) return

    const session = new CitationSession(style, meta.lang, [...sources.values()].map((s) => s.item))
    const ordered = numberNotes(tree, style)
    const requests = ordered.map((cite, i): CiteprocCitation => ({
      citationID: `c${i}`,
      citationItems: cite.items.map((item): CiteprocItem => ({
        id: item.key,
        ...(item.locator ? { locator: item.locator, label: item.label } : {}),
        ...(item.prefix ? { prefix: item.prefix } : {}),
        ...(item.suffix ? { suffix: item.suffix } : {}),
        // The running text names the author, so the note or parenthesis leaves it out.
        ...(item.suppressAuthor || authorInRunningText(cite, style) ? { 'suppress-author': true } : {}),
      })),
      properties: { noteIndex: cite.data?.noteIndex ?? 0 },
    }))
    try {
      const rendered = session.renderCitations(requests)
      const cited = new Set<string>()
      ordered.forEach((cite, i) => {
        cite.data = { ...cite.data, html: rendered.get(`c${i}`) ?? '' }
        if (authorInRunningText(cite, style)) {
          const author = session.renderAuthor(cite.items[0]!.key, cited.has(cite.items[0]!.key))
          // A source without an author puts nothing in the text, as in pandoc.
          if (author.trim() && !author.includes('[NO_PRINTED_FORM]')) cite.data.authorHtml = author
        }
        for (const item of cite.items) cited.add(item.key)
      })
    } catch (error) {
      file.message(messages.citationEngine((error as Error).message), { place: ordered[0]?.position?.start, ruleId: 'citeproc', source: 'brief' }).fatal = true
      return
    }
    file.data.style = style
    file.data.citations = session
    file.data.uncited = uncited
  }
}

/** `@key` names its author in the text, except inside a note-style note, where the whole citation is the text. */
function authorInRunningText(cite: Cite, style: Style): boolean {
  return cite.mode === 'author-in-text' && !(style.kind === 'note' && cite.data?.inNote)
}

async function findStyle(file: VFile, folder: string, settings: Options): Promise<Style | undefined> {
  const meta = file.data.meta!
  const config = file.data.config
  let written: string
  let resolved: string
  let place = { line: 1, column: 1 }
  if (settings.csl) {
    written = settings.csl
    resolved = resolveStylePath(settings.csl, process.cwd())
  } else if (meta.csl) {
    written = meta.csl.value
    place = meta.csl.place as typeof place
    resolved = resolveStylePath(written, folder)
    if (!/^[\w-]+$/.test(written) && !insideFolder(folder, resolved)) {
      file.message(messages.outsideFolder(written), { place, ruleId: 'outside-folder', source: 'brief' }).fatal = true
      return undefined
    }
  } else {
    written = config?.csl ?? 'issi'
    resolved = resolveStylePath(written, settings.configDir ?? process.cwd())
  }
  try {
    return await loadStyle(resolved)
  } catch (error) {
    if (!(error instanceof StyleProblem)) throw error
    const reason = error.kind === 'missing' ? messages.missingCsl(written, resolved) : messages.badCsl(written, error.message)
    file.message(reason, { place, ruleId: error.kind === 'missing' ? 'missing-csl' : 'bad-csl', source: 'brief' }).fatal = true
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

/**
 * Sets `noteIndex` / `inNote` on every cite and returns them in reading order for citeproc:
 * a note's citations come where the note is called (as in pandoc). With a note style that is
 * also note-number order, since every citation in the running text is a note of its own.
 */
function numberNotes(tree: Root, style: Style): Cite[] {
  const definitions = new Map<string, FootnoteDefinition>()
  for (const node of tree.children) if (node.type === 'footnoteDefinition') definitions.set(node.identifier, node)
  const numbers = new Map<string, number>()
  const pending: Array<{ identifier: string; number: number }> = []
  let count = 0
  // What the running text holds, in order: its citations, and calls of author notes.
  const sequence: Array<Cite | number> = []
  const inNotes = new Map<number, Cite[]>()

  const walk = (node: Nodes, note: number) => {
    if (node.type === 'footnoteDefinition' && note === 0) return
    if (node.type === 'footnoteReference' && !numbers.has(node.identifier) && definitions.has(node.identifier)) {
      numbers.set(node.identifier, ++count)
      pending.push({ identifier: node.identifier, number: count })
      if (note === 0) sequence.push(count)
    } else if (node.type === 'cite') {
      if (note > 0) {
        node.data = { ...node.data, noteIndex: note, inNote: true }
        inNotes.set(note, [...(inNotes.get(note) ?? []), node])
      } else {
        node.data = { ...node.data, noteIndex: style.kind === 'note' ? ++count : 0, inNote: false }
        sequence.push(node)
      }
    }
    if ('children' in node) for (const child of node.children) walk(child, note)
  }
  walk(tree, 0)
  // mdast-util-to-hast converts notes after the running text, in call order, so calls made
  // inside notes are numbered last; walking the pending list in order gives the same numbers.
  for (let i = 0; i < pending.length; i++) {
    const { identifier, number } = pending[i]!
    walk({ ...definitions.get(identifier)!, type: 'paragraph' } as unknown as Nodes, number)
  }
  const ordered = sequence.flatMap((entry) => (typeof entry === 'number' ? (inNotes.get(entry) ?? []) : [entry]))
  const placed = new Set(ordered)
  // Notes called only from inside other notes come last, by number.
  for (const n of [...inNotes.keys()].sort((a, b) => a - b)) ordered.push(...inNotes.get(n)!.filter((c) => !placed.has(c)))
  return ordered
}
