/**
 * Sources: the brief's bibliography files and inline `references:`, read into CSL items keyed
 * by citation key. Each item remembers where it was defined, so a key defined twice can name
 * both places. Titles are kept exactly as written: nothing here changes case.
 */
import { stat } from 'node:fs/promises'
import { braceMessage, entryAt, findBraceProblem } from './bibtex-braces.ts'
import { findUndefinedMacro, macroMessage } from './bibtex-macros.ts'
import { entryTexts, likePandoc } from './bibtex-like-pandoc.ts'
import path from 'node:path'
import type { Point } from 'unist'
import type { VFile } from 'vfile'
import { LineCounter, parseDocument, isSeq, isMap } from 'yaml'
import { plugins } from '@citation-js/core'
import '@citation-js/plugin-bibtex'
import { displayPath, messages, readFailure } from '../messages.ts'
import { placeAt, pointsIn } from '../text/points.ts'
import type { BriefMeta, Placed } from '../brief/front-matter.ts'
import { decodeText } from '../brief/read.ts'
import { insideAsWritten, readInput, unreadableRule } from '../reads.ts'
import { readRis } from './ris.ts'
import type { CslItem } from './csl-item.ts'
import { rule } from '../rules.ts'
import type { RuleId } from '../rules.ts'
import { cycleMessage, findCycle } from './bibtex-cycles.ts'


export interface Source {
  item: CslItem
  /** "file:line:col" of its definition. */
  origin: string
  /** The file and place of its definition, for messages about its data. */
  file: string
  place: Point
  /** Where one of its fields is written, for a message about that field (CSL-JSON and CSL-YAML). */
  fieldPlace?: (field: string) => Point | undefined
}

interface Parsed {
  item: CslItem
  place: Point
  fieldPlace?: (field: string) => Point | undefined
}

type Format = 'CSL-JSON' | 'CSL-YAML' | 'BibTeX' | 'RIS'

const formats: Record<string, Format> = {
  '.json': 'CSL-JSON',
  '.yaml': 'CSL-YAML',
  '.yml': 'CSL-YAML',
  '.bib': 'BibTeX',
  '.bibtex': 'BibTeX',
  '.biblatex': 'BibTeX',
  '.ris': 'RIS',
}

/** Thrown inside a reader: a malformed file, with the place the parser gave. */
class SourceSyntaxError extends Error {
  constructor(
    message: string,
    readonly place: Point | undefined,
  ) {
    super(message)
  }
}

/** Drops citation-js bookkeeping and makes the id a string, the only shape citeproc takes. */
function cleanItem(raw: Record<string, unknown>): Record<string, unknown> {
  const { _graph: _ignored, ...item } = raw
  if (item.id !== undefined && item.id !== null) item.id = String(item.id)
  return item
}

/**
 * Where each key is first defined in a file, found in one pass: `pattern` is global and
 * captures the key. A key not found is placed at the start of the file.
 */
function keyPlaces(text: string, pattern: RegExp): (key: string) => Point {
  const offsets = new Map<string, number>()
  for (const match of text.matchAll(pattern)) {
    const key = match.slice(1).find((group) => group !== undefined)
    if (key !== undefined && !offsets.has(key)) offsets.set(key, match.index)
  }
  const pointAt = pointsIn(text)
  return (key) => pointAt(offsets.get(key) ?? 0)
}


function readCslJson(text: string): Parsed[] {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (error) {
    const detail = (error as Error).message
    const position = /position (\d+)/.exec(detail)
    throw new SourceSyntaxError(detail.replace(/ in JSON at position \d+.*$/, ''), position ? placeAt(text, Number(position[1])) : undefined)
  }
  const list = Array.isArray(data) ? data : isRecord(data) && Array.isArray(data.items) ? data.items : [data]
  // `"id": "key"` or a numeric `"id": 12`.
  const placeOf = keyPlaces(text, /"id"\s*:\s*(?:"([^"\\]*)"|(-?\d[\d.]*))/g)
  let starts: number[] | undefined
  const objectStarts = () => (starts ??= arrayObjectStarts(text))
  return list.map((raw: unknown, i: number) => {
    if (!isRecord(raw)) throw new SourceSyntaxError(`entry ${i + 1} is not an object`, undefined)
    const item = cleanItem(raw)
    // An entry without a key is placed at its own opening brace.
    const place = item.id ? placeOf(String(item.id)) : placeAt(text, objectStarts()[i] ?? 0)
    // A field's name within its entry's braces, found only when a message needs it.
    const fieldPlace = (field: string) => {
      const from = objectStarts()[i]
      if (from === undefined) return undefined
      const span = text.slice(from, objectStarts()[i + 1] ?? text.length)
      const at = span.indexOf(`"${field}"`)
      return at < 0 ? undefined : placeAt(text, from + at)
    }
    return { item: item as CslItem, place, fieldPlace }
  })
}

/** Where each object of a top-level JSON array starts (one pass, strings skipped). */
function arrayObjectStarts(text: string): number[] {
  const starts: number[] = []
  if (!text.trimStart().startsWith('[')) return starts
  let depth = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (inString) {
      if (c === '\\') i++
      else if (c === '"') inString = false
    } else if (c === '"') inString = true
    else if (c === '[' || c === '{') {
      if (c === '{' && depth === 1) starts.push(i)
      depth++
    } else if (c === ']' || c === '}') depth--
  }
  return starts
}

function readCslYaml(text: string): Parsed[] {
  const lines = new LineCounter()
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false })
  const first = doc.errors[0]
  if (first) {
    const { line, col } = lines.linePos(first.pos[0])
    throw new SourceSyntaxError(first.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, ''), { line, column: col })
  }
  // Pandoc writes CSL-YAML as a `references:` list; a bare list is accepted too.
  let seq = doc.contents
  if (isMap(seq)) seq = seq.get('references', true) as unknown as typeof seq
  if (!isSeq(seq)) throw new SourceSyntaxError('expected a list of items, or `references:` with a list of items', { line: 1, column: 1 })
  return seq.items.map((node, i) => {
    const raw = (node as { toJSON(): unknown }).toJSON()
    if (!isRecord(raw)) throw new SourceSyntaxError(`entry ${i + 1} is not a mapping`, undefined)
    const { line, col } = lines.linePos((node as unknown as { range?: number[] }).range?.[0] ?? 0)
    const fieldPlace = (field: string) => {
      const pair = isMap(node) ? node.items.find((p) => (p.key as { value?: unknown } | null)?.value === field) : undefined
      const at = (pair?.key as { range?: number[] } | undefined)?.range?.[0]
      if (at === undefined) return undefined
      const point = lines.linePos(at)
      return { line: point.line, column: point.col }
    }
    return { item: cleanItem(normaliseYamlDates(raw)) as CslItem, place: { line, column: col }, fieldPlace }
  })
}

/** One EDTF-style date (`2020`, `2020-03`, `2020-03-04`, with `~`/`?` for uncertain) as date-parts. */
function dateParts(text: string): number[] | undefined {
  const match = /^(-?\d{1,4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?[~?%]?$/.exec(text.trim())
  return match ? match.slice(1).filter(Boolean).map(Number) : undefined
}

/**
 * CSL-YAML allows `issued: 2020-03-04`, ranges `2020-03/2020-05` and circa `2020~`; citeproc
 * wants date-parts. Anything else is kept as the literal text, never guessed at.
 */
function normaliseYamlDates(item: Record<string, unknown>): Record<string, unknown> {
  const dates = ['issued', 'accessed', 'event-date', 'original-date', 'submitted']
  for (const key of dates) {
    const value = item[key]
    // pandoc-citeproc's older form, still in many files: `issued: [{year: 2023, month: 5}]`,
    // two entries for a range.
    if (Array.isArray(value) && value.length && value.length <= 2 && value.every((d) => isRecord(d) && d.year !== undefined)) {
      const parts = value.map((d: Record<string, unknown>) => [d.year, d.month, d.day].filter((p) => p !== undefined && p !== null && p !== '').map(Number))
      if (parts.every((p) => p.every(Number.isFinite))) item[key] = { 'date-parts': parts }
      continue
    }
    if (typeof value !== 'string' && typeof value !== 'number') continue
    const text = String(value)
    const ends = text.split('/').map(dateParts)
    if (ends.length <= 2 && ends.every(Boolean)) {
      item[key] = { 'date-parts': ends, ...(/[~?%]/.test(text) ? { circa: true } : {}) }
    } else item[key] = { literal: text }
  }
  return item
}

function readRisFile(text: string): Parsed[] {
  try {
    return readRis(text).map(({ item, place }) => ({ item: item as CslItem, place }))
  } catch (error) {
    throw new SourceSyntaxError((error as Error).message, (error as { place?: Point }).place)
  }
}

function readBibtex(text: string): Parsed[] {
  // Found before the parser, which would recurse through them until the stack overflows.
  const cycle = findCycle(text)
  if (cycle) throw new SourceSyntaxError(cycleMessage(cycle), cycle.place)
  let list: Array<Record<string, unknown>>
  try {
    list = plugins.input.chain(text, {
      forceType: '@biblatex/text',
      generateGraphs: false,
    }) as Array<Record<string, unknown>>
  } catch (error) {
    const detail = (error as Error).message
    const at = /at line (\d+) col (\d+)/.exec(detail)
    const place = at ? { line: Number(at[1]), column: Number(at[2]) } : undefined
    // An unclosed brace makes the parser fail entries later; point at the field that opened it.
    const braces = findBraceProblem(text)
    if (braces && (!place || braces.place.line <= place.line)) throw new SourceSyntaxError(braceMessage(braces), braces.place)
    const key = place && entryAt(text, place.line)
    const reason = parserWords(detail.split('\n')[0]!.replace(/ at line \d+ col \d+:?$/, ''))
    throw new SourceSyntaxError(key ? `in entry \`${key}\`, ${reason}` : reason, place)
  }
  const macro = findUndefinedMacro(text)
  if (macro) throw new SourceSyntaxError(macroMessage(macro), macro.place)
  const placeOf = keyPlaces(text, /@\w+\s*[{(]\s*([^,\s]+)\s*,/g)
  const entryText = entryTexts(text)
  return list.map((raw) => {
    const item = likePandoc(composed(cleanItem(raw)) as CslItem, () => entryText(String(raw.id ?? '')))
    // As pandoc's BibTeX reader does: without `shorttitle`, later notes use the main title
    // before its colon, "The Fence on the Durand Line", not the whole title again.
    if (!item['title-short'] && typeof item.title === 'string' && /\S:\s/.test(item.title)) item['title-short'] = item.title.split(/:\s/)[0]!.trim()
    return { item, place: placeOf(String(item.id ?? '')) }
  })
}

const tokenWords: Record<string, string> = { rbrace: '`}`', lbrace: '`{`', comma: '`,`', equals: '`=`', identifier: 'a name', number: 'a number', quote: '`"`', at: '`@`' }

/** The BibTeX parser's token names in an author's words; a name where `}` was due is a missing comma. */
function parserWords(reason: string): string {
  const m = /^expected "(\w+)", got "(\w+)"$/.exec(reason)
  if (!m) return reason
  const said = `expected ${tokenWords[m[1]!] ?? m[1]}, found ${tokenWords[m[2]!] ?? m[2]}`
  return m[1] === 'rbrace' && m[2] === 'identifier' ? `${said} (is the comma after the field before it missing?)` : said
}

/**
 * Every string of a BibTeX item in composed form (NFC). LaTeX accents give decomposed
 * letters, and `{\'\i}` even a dotless ı with an accent: "Garcı́a", which looks right but is
 * found by no search for "García".
 */
function composed<T>(value: T): T {
  if (typeof value === 'string') return value.replace(/ı(?=\p{M})/gu, 'i').normalize('NFC') as T
  if (Array.isArray(value)) return value.map(composed) as T
  if (isRecord(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, composed(v)])) as T
  return value
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/** Reads one bibliography file; problems are messages placed in that file (or at the key). */
async function readBibliography(entry: Placed<string>, folder: string, file: VFile): Promise<Parsed[] | undefined> {
  const resolved = path.resolve(folder, entry.value)
  const report = (reason: string, ruleId: RuleId, place: Point = entry.place, inFile?: string) => {
    const msg = file.message(reason, { place, ruleId, source: 'brief' })
    msg.fatal = true
    if (inFile) msg.file = inFile
  }
  if (!insideAsWritten(folder, resolved)) return void report(messages.outsideFolder(entry.value), 'outside-folder')
  if (await stat(resolved).then((s) => s.isDirectory(), () => false)) {
    return void report(messages.unreadableBibliography(entry.value, 'it is a folder; name the file inside it, e.g. `sources/references.json`'), 'missing-bibliography')
  }
  const format = formats[path.extname(resolved).toLowerCase()]
  if (!format) return void report(messages.unknownBibliographyFormat(entry.value), 'bibliography-format')
  let bytes: Buffer
  try {
    bytes = await readInput(resolved, file.data.reads, { kind: 'sources', folders: [folder], folderWords: "the brief's folder", ...(file.data.deadline ? { deadline: file.data.deadline } : {}) })
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT') return void report(messages.missingBibliography(entry.value, resolved), 'missing-bibliography')
    return void report(messages.unreadableBibliography(entry.value, readFailure(error)), unreadableRule(error, 'missing-bibliography'))
  }
  // A Latin-1 or UTF-16 export would otherwise be read as garbage (Caf\uFFFD) without a word.
  const decoded = decodeText(bytes, `Bibliography file \`${entry.value}\``)
  if ('problem' in decoded) return void report(decoded.problem, decoded.ruleId, decoded.place, resolved)
  const text = decoded.text
  try {
    const parsed =
      format === 'CSL-JSON' ? readCslJson(text) : format === 'CSL-YAML' ? readCslYaml(text) : format === 'RIS' ? readRisFile(text) : readBibtex(text)
    // citation-js skips what it cannot read; a file with text but no entries is a wrong export.
    if (!parsed.length && text.replace(/^\s*%.*$/gm, '').trim()) {
      report(messages.noEntries(format), 'malformed-bibliography', { line: 1, column: 1 }, resolved)
      return undefined
    }
    if (!parsed.length) {
      file.message(messages.emptyBibliography(entry.value), { place: entry.place, ruleId: rule('empty-bibliography'), source: 'brief' })
    }
    return parsed
  } catch (error) {
    if (!(error instanceof SourceSyntaxError)) throw error
    report(messages.malformedSource(format, error.message), 'malformed-bibliography', error.place ?? { line: 1, column: 1 }, resolved)
    return undefined
  }
}

/**
 * All sources of a brief by key. Returns undefined when a file could not be read (the messages
 * say why), so that a brief is never built with part of its sources silently missing.
 */
export async function loadSources(meta: BriefMeta, folder: string, file: VFile): Promise<Map<string, Source> | undefined> {
  const sources = new Map<string, Source>()
  let complete = true
  const add = (parsed: Parsed[], where: string, format: string, fallback?: Point) => {
    for (const { item, place, fieldPlace } of parsed) {
      const at = fallback ?? place
      const origin = `${displayPath(where)}:${at.line}:${at.column}`
      if (!item.id) {
        file.message(messages.sourceWithoutKey(format), { place: at, ruleId: rule('source-without-key'), source: 'brief' }).file = where
        continue
      }
      const earlier = sources.get(item.id)
      if (earlier) {
        const msg = file.message(messages.duplicateKey(item.id, earlier.origin), { place: at, ruleId: rule('duplicate-key'), source: 'brief' })
        msg.fatal = true
        msg.file = where
        complete = false
        continue
      }
      sources.set(item.id, { item, origin, file: where, place: at, ...(fieldPlace && !fallback ? { fieldPlace } : {}) })
    }
  }
  for (const entry of meta.bibliography) {
    const parsed = await readBibliography(entry, folder, file)
    if (!parsed) complete = false
    else add(parsed, path.resolve(folder, entry.value), path.extname(entry.value))
  }
  for (const { value, place } of meta.references) {
    add([{ item: cleanItem(normaliseYamlDates({ ...value })) as CslItem, place }], file.path, 'references', place)
  }
  return complete ? sources : undefined
}

