/**
 * Front matter: the YAML block at the top of brief.md, read as YAML only (never executed),
 * checked key by key, and turned into `BriefMeta`. Problems become messages placed at the
 * key in brief.md, so the author is sent to the right line.
 */
import type { Point } from 'unist'
import type { VFile } from 'vfile'
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, visit, type Node as YamlNode } from 'yaml'
import { messages } from '../messages.ts'
import { rule } from '../rules.ts'
import { classifyKey, keyAliases } from './front-matter-keys.ts'
import { explainNotMapping, explainYamlErrors, misreadValue } from './yaml-problems.ts'
import { isCalendarDate } from '../text/calendar.ts'

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
  /** The day of the last correction, YYYY-MM-DD: `date-modified` (Quarto's key) or `revised`. */
  dateModified?: string
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
  'title', 'subtitle', 'author', 'date', 'date-modified', 'lang', 'keywords', 'abstract', 'bibliography',
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
  const at = (offset: number) => placeOf({ range: [offset] } as unknown as YamlNode, lines, start)
  for (const problem of explainYamlErrors(yaml, doc.errors, (offset) => at(offset).line)) {
    file.message(problem.reason, { place: at(problem.offset), ruleId: rule('front-matter-syntax'), source: 'brief' }).fatal = true
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
    // `title:X` has no space after its colon: the block reads as one line of text, not keys.
    const noSpace = isScalar(root) ? explainNotMapping(yaml) : undefined
    file.message(noSpace?.reason ?? messages.frontMatterNotMap(), { place: noSpace ? at(noSpace.offset) : placeOf(root, lines, start), ruleId: rule('front-matter-syntax'), source: 'brief' }).fatal = true
    return undefined
  }

  const meta = emptyMeta()
  const fail = (node: YamlNode | null | undefined, key: string, expected: string) => {
    file.message(messages.frontMatterType(key, expected), { place: placeOf(node, lines, start), ruleId: rule('front-matter-type'), source: 'brief' }).fatal = true
  }
  const dates: Partial<Record<'date' | 'date-modified' | 'revised', { value: string; place: Point }>> = {}
  for (const pair of root.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : ''
    const node = pair.value as YamlNode | null
    const value: unknown = node && 'toJSON' in node ? (node as { toJSON(): unknown }).toJSON() : node
    const place = placeOf(node ?? (pair.key as YamlNode), lines, start)
    // `subtitle:` with nothing after it is a key not filled in yet: treat it as absent.
    if (value === null || value === undefined || value === '') continue
    const listOf = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === null || v === undefined ? [] : [v])
    const itemPlace = (i: number) => (isSeq(node) ? placeOf(node.items[i] as YamlNode, lines, start) : place)
    // Values YAML read, but not as the author wrote them (list items without `- `, a ` #`).
    const misread = misreadValue(key, node, yaml)
    if (misread) {
      file.message(misread.reason, { place: at(misread.offset), ruleId: rule('front-matter-syntax'), source: 'brief' }).fatal = misread.fatal
      if (misread.fatal) continue
    }
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
        else if (isLanguageTag(text)) {
          meta.lang = text
          meta.langWritten = true
        } else {
          // Every output writes the tag into its markup (xml:lang, <w:lang>, the PDF's /Lang):
          // one that is not a tag would make the EPUB invalid, so it falls back here, once.
          file.message(messages.badLang(text), { place, ruleId: rule('front-matter-type'), source: 'brief' })
        }
        break
      }
      case 'disclaimer':
        if (value === false || value === null) meta.disclaimer = ''
        else if (asText(value) === undefined) fail(node, key, 'text, or `false` for none')
        else meta.disclaimer = asText(value)
        break
      case 'date': case 'date-modified': case 'revised': {
        const text = value instanceof Date ? value.toISOString().slice(0, 10) : asText(value)
        const real = text && isCalendarDate(text)
        // Quarto's `today`, `now` and `last-modified` would make every build differ.
        const relative = text && /^(today|now|last-modified)$/i.test(text)
        if (key === 'revised') {
          file.message(messages.frontMatterAlias(key, keyAliases[key]!), { place: placeOf(pair.key as YamlNode, lines, start), ruleId: rule('front-matter-key'), source: 'brief' })
        }
        if (!real) {
          file.message(relative ? messages.relativeDate(key, text) : messages.badDate(String(text ?? ''), key), { place, ruleId: rule('front-matter-type'), source: 'brief' }).fatal = true
        } else {
          dates[key] = { value: text, place }
          if (key === 'date') meta.date = text
          else meta.dateModified ??= text
        }
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
      default: {
        // A near miss of a known key is a typo whose value would be lost: an error. Quarto's and
        // pandoc's keys are ignored (with a warning when a reader would miss what they hold).
        const kind = classifyKey(key, knownKeys)
        const keyPlace = placeOf(pair.key as YamlNode, lines, start)
        if (kind.kind === 'near-miss') file.message(messages.nearMissFrontMatterKey(key, kind.meant), { place: keyPlace, ruleId: rule('front-matter-key'), source: 'brief' }).fatal = true
        else if (kind.kind === 'foreign' && kind.instead) file.message(messages.foreignFrontMatterKey(key, kind.instead), { place: keyPlace, ruleId: rule('front-matter-key'), source: 'brief' })
        else if (kind.kind === 'unknown') file.message(messages.unknownFrontMatterKey(key, kind.near), { place: keyPlace, ruleId: rule('front-matter-key'), source: 'brief' })
      }
    }
  }
  checkDates(dates, meta, file)
  return meta
}

/**
 * `date-modified` wins over its alias `revised`; two different days are an error, and so is a
 * correction dated before the brief (a year mistyped).
 */
function checkDates(dates: Partial<Record<'date' | 'date-modified' | 'revised', { value: string; place: Point }>>, meta: BriefMeta, file: VFile): void {
  const modified = dates['date-modified'] ?? dates.revised
  if (dates['date-modified'] && dates.revised) {
    meta.dateModified = dates['date-modified'].value
    if (dates.revised.value !== dates['date-modified'].value) {
      file.message(messages.frontMatterAliasClash('revised', 'date-modified'), { place: dates.revised.place, ruleId: rule('front-matter-type'), source: 'brief' }).fatal = true
    }
  }
  if (modified && dates.date && modified.value < dates.date.value) {
    file.message(messages.revisedBeforeDate(modified.value, dates.date.value), { place: modified.place, ruleId: rule('front-matter-type'), source: 'brief' }).fatal = true
  }
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

/** A well-formed BCP 47 tag (RFC 5646's syntax, as `Intl` reads it): `en-GB`, `ur`, `zh-Hant-TW`. */
export function isLanguageTag(text: string): boolean {
  if (!/^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/.test(text)) return false
  try {
    return Intl.getCanonicalLocales(text).length === 1
  } catch {
    return false
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
