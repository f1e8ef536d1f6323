/**
 * Front matter: the YAML block at the top of brief.md, read as YAML only (never executed),
 * checked key by key, and turned into `BriefMeta`. Problems become messages placed at the
 * key in brief.md, so the author is sent to the right line.
 */
import type { Point } from 'unist'
import type { VFile } from 'vfile'
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, visit, type Node as YamlNode } from 'yaml'
import { messages } from '../messages.ts'
import { nearest } from '../text/nearest.ts'
import { rule } from '../rules.ts'

export interface Author {
  name: string
  role?: string
  affiliation?: string
  email?: string
}

/** A front matter value with the place it was written, for messages about it. */
export interface Placed<T> {
  value: T
  place: Point
}

export interface BriefMeta {
  title: string
  subtitle?: string
  authors: Author[]
  /** ISO date as written, YYYY-MM-DD. */
  date?: string
  lang: string
  /** Whether `lang` was written (else it is en-US, and citations take the style's language). */
  langWritten?: boolean
  keywords: string[]
  abstract?: string
  bibliography: Array<Placed<string>>
  /** Inline CSL items, each with the place of its entry. */
  references: Array<Placed<Record<string, unknown>>>
  csl?: Placed<string>
  nocite: Array<Placed<string>>
  linkCitations: boolean
  referenceSectionTitle?: string
  suppressBibliography: boolean
  /** Quarto's `number-sections`: headings carry their numbers, and `@sec-x` prints "Section N". */
  numberSections: boolean
  /** Series label, e.g. "Issue Brief"; undefined = the configuration's default. */
  type?: string
  /** undefined = the configuration's default; '' = none. */
  disclaimer?: string
  template?: string
}

const knownKeys = [
  'title', 'subtitle', 'author', 'date', 'lang', 'keywords', 'abstract', 'bibliography',
  'references', 'csl', 'nocite', 'link-citations', 'reference-section-title',
  'suppress-bibliography', 'type', 'disclaimer', 'template', 'number-sections',
]

/** Where a YAML node sits in brief.md, given where the YAML block starts. */
function placeOf(node: YamlNode | null | undefined, lines: LineCounter, start: Point): Point {
  const offset = node?.range?.[0] ?? 0
  const { line, col } = lines.linePos(offset)
  return { line: start.line + line - 1, column: line === 1 ? start.column + col - 1 : col, offset: (start.offset ?? 0) + offset }
}

function asText(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim()
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  return undefined
}

/**
 * Reads the front matter. `yaml` is the block's text, `start` the place of its first line in
 * brief.md. Returns undefined when the block cannot be read at all (the message says why).
 */
export function readFrontMatter(yaml: string, start: Point, file: VFile): BriefMeta | undefined {
  const lines = new LineCounter()
  const doc = parseDocument(yaml, { lineCounter: lines, prettyErrors: false, uniqueKeys: true })
  for (const error of doc.errors) {
    const detail = error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')
    const msg = file.message(messages.frontMatterSyntax(detail), {
      place: placeOf({ range: error.pos } as unknown as YamlNode, lines, start),
      ruleId: rule('front-matter-syntax'),
      source: 'brief',
    })
    msg.fatal = true
  }
  if (doc.errors.length) return undefined
  // Plain values only: a tag (`!!js/function`, `!!python/object`) asks for a type we never make,
  // an alias (`*name`) repeats a value and is how "YAML bombs" grow. One message, at the first.
  let special: YamlNode | undefined
  visit(doc, (_key, node) => {
    if (isAlias(node) || ((isScalar(node) || isMap(node) || isSeq(node)) && node.tag)) {
      special = node as YamlNode
      return visit.BREAK
    }
    return undefined
  })
  if (special) {
    const what = isAlias(special) ? `the alias \`*${(special as unknown as { source: string }).source}\`` : `the tag \`${(special as { tag?: string }).tag!.replace(/^tag:yaml\.org,2002:/, '!!')}\``
    file.message(`Front matter may hold plain values only, not ${what}; write the value itself`, { place: placeOf(special, lines, start), ruleId: rule('front-matter-syntax'), source: 'brief' }).fatal = true
    return undefined
  }
  const root = doc.contents
  if (root === null) return emptyMeta()
  if (!isMap(root)) {
    file.message(messages.frontMatterNotMap(), { place: placeOf(root, lines, start), ruleId: rule('front-matter-syntax'), source: 'brief' }).fatal = true
    return undefined
  }

  const meta = emptyMeta()
  const fail = (node: YamlNode | null | undefined, key: string, expected: string) => {
    file.message(messages.frontMatterType(key, expected), { place: placeOf(node, lines, start), ruleId: rule('front-matter-type'), source: 'brief' }).fatal = true
  }
  for (const pair of root.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : ''
    const node = pair.value as YamlNode | null
    const value: unknown = node && 'toJSON' in node ? (node as { toJSON(): unknown }).toJSON() : node
    const place = placeOf(node ?? (pair.key as YamlNode), lines, start)
    // `subtitle:` with nothing after it is a key not filled in yet: treat it as absent.
    if (value === null || value === undefined || value === '') continue
    const listOf = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === null || v === undefined ? [] : [v])
    const itemPlace = (i: number) => (isSeq(node) ? placeOf(node.items[i] as YamlNode, lines, start) : place)
    switch (key) {
      case 'title': case 'subtitle': case 'abstract': case 'reference-section-title':
      case 'type': case 'template': case 'lang': {
        const text = asText(value)
        if (text === undefined) { fail(node, key, 'text'); break }
        if (key === 'title') meta.title = text
        else if (key === 'subtitle') meta.subtitle = text
        else if (key === 'abstract') meta.abstract = text
        else if (key === 'reference-section-title') meta.referenceSectionTitle = text
        else if (key === 'type') meta.type = text
        else if (key === 'template') meta.template = text
        else {
          meta.lang = text
          meta.langWritten = true
        }
        break
      }
      case 'disclaimer':
        if (value === false || value === null) meta.disclaimer = ''
        else if (asText(value) === undefined) fail(node, key, 'text, or `false` for none')
        else meta.disclaimer = asText(value)
        break
      case 'date': {
        const text = value instanceof Date ? value.toISOString().slice(0, 10) : asText(value)
        // Date.parse rolls 2025-02-30 over to March 2; a real date reads back the same.
        const real = text && /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(Date.parse(text)) && new Date(`${text}T00:00:00Z`).toISOString().startsWith(text)
        if (!real) {
          file.message(messages.badDate(String(text ?? '')), { place, ruleId: rule('front-matter-type'), source: 'brief' }).fatal = true
        } else meta.date = text
        break
      }
      case 'author':
        listOf(value).forEach((entry, i) => {
          const author = readAuthor(entry)
          if (author) meta.authors.push(author)
          else fail(isSeq(node) ? (node.items[i] as YamlNode) : node, key, 'a name, or a list of names or of `{name, role, affiliation, email}`')
        })
        break
      case 'keywords':
        listOf(value).forEach((entry, i) => {
          const text = asText(entry)
          if (text) meta.keywords.push(...(Array.isArray(value) ? [text] : text.split(/\s*,\s*/)))
          else fail(isSeq(node) ? (node.items[i] as YamlNode) : node, key, 'a list of words')
        })
        break
      case 'bibliography':
        listOf(value).forEach((entry, i) => {
          const text = asText(entry)
          if (text) meta.bibliography.push({ value: text, place: itemPlace(i) })
          else fail(node, key, 'a file name or a list of file names')
        })
        break
      case 'references':
        listOf(value).forEach((entry, i) => {
          if (entry && typeof entry === 'object' && !Array.isArray(entry)) {
            meta.references.push({ value: entry as Record<string, unknown>, place: itemPlace(i) })
          } else fail(node, key, 'a list of CSL items (`- id: key`, `type: …`, `title: …`)')
        })
        break
      case 'csl': {
        const text = asText(value)
        if (text) meta.csl = { value: text, place }
        else fail(node, key, 'the path or name of a CSL style')
        break
      }
      case 'nocite':
        listOf(value).forEach((entry, i) => {
          const text = asText(entry)
          if (!text) return fail(node, key, 'citation keys such as `@doe2020` or `@*`')
          for (const match of text.matchAll(/@(\*|\{[^}]+\}|[^\s,;]+)/g)) {
            meta.nocite.push({ value: match[1]!.replace(/^\{|\}$/g, ''), place: itemPlace(i) })
          }
        })
        break
      case 'link-citations': case 'suppress-bibliography': case 'number-sections':
        if (typeof value !== 'boolean') fail(node, key, '`true` or `false`')
        else if (key === 'link-citations') meta.linkCitations = value
        else if (key === 'number-sections') meta.numberSections = value
        else meta.suppressBibliography = value
        break
      default:
        file.message(messages.unknownFrontMatterKey(key, nearest(key, knownKeys)), {
          place: placeOf(pair.key as YamlNode, lines, start),
          ruleId: rule('front-matter-key'),
          source: 'brief',
        })
    }
  }
  return meta
}

function readAuthor(entry: unknown): Author | undefined {
  const text = asText(entry)
  if (text) return { name: text }
  if (!entry || typeof entry !== 'object' || Array.isArray(entry)) return undefined
  const record = entry as Record<string, unknown>
  const name = asText(record.name)
  if (!name) return undefined
  const author: Author = { name }
  for (const field of ['role', 'affiliation', 'email'] as const) {
    const value = asText(record[field])
    if (value) author[field] = value
  }
  return author
}

function emptyMeta(): BriefMeta {
  return {
    title: '',
    authors: [],
    lang: 'en-US',
    keywords: [],
    bibliography: [],
    references: [],
    nocite: [],
    linkCitations: false,
    suppressBibliography: false,
    numberSections: false,
  }
}

/** "April 7, 2025" in the brief's language. */
export function displayDate(iso: string, lang: string): string {
  const date = new Date(`${iso}T00:00:00Z`)
  try {
    return new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' }).format(date)
  } catch {
    return new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeZone: 'UTC' }).format(date)
  }
}
