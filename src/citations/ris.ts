/**
 * RIS, read as Zotero, EndNote and Mendeley write it (pandoc 2.17 has no RIS reader, and
 * citation-js's loses authors of newspaper articles, `DA` dates and access dates).
 *
 * Glossary: record = `TY  - …` up to `ER  -`; tag = the two characters before `  - `; a line
 * without a tag continues the previous value (long abstracts are wrapped).
 *
 * Each tag is read with the meaning its record type gives it, from the tables in ris-types.ts
 * (Zotero's RIS translator, and EndNote's tags where they differ): a case's A2 is its
 * reporter, a report's T2 its series, a bill's A2 its sponsors.
 *
 * Keys: the `ID` tag when the exporter wrote one; otherwise made like Zotero's Better BibTeX
 * does, first author's family name + year + first word of the title (`yousaf2025envoy`),
 * with `a`, `b`… added to tell apart two that would be the same.
 */
import type { Point } from 'unist'
import { dateVariables, nameVariables } from './csl-item.ts'
import { risTypes, tagMaps } from './ris-types.ts'

// The writer lives beside the reader, on the same tag maps; `brief bib` imports both from here.
export { writeRis } from './ris-write.ts'

export interface RisEntry {
  item: Record<string, unknown> & { id: string }
  /** The record's `TY` line. */
  place: Point
}

export function readRis(text: string): RisEntry[] {
  const entries: RisEntry[] = []
  let fields: Array<[string, string]> | undefined
  let place: Point = { line: 1, column: 1 }
  const lines = text.split(/\r\n?|\n/)
  lines.forEach((line, i) => {
    // The standard has two spaces before the dash; some exporters write one.
    const tagged = /^([A-Z][A-Z0-9]) {1,2}-(?: (.*))?$/.exec(line)
    if (tagged) {
      const [, tag, value = ''] = tagged
      if (tag === 'TY') {
        fields = []
        place = { line: i + 1, column: 1 }
      }
      if (!fields) throw Object.assign(new Error(`\`${tag}\` before the record's \`TY  -\` line`), { place: { line: i + 1, column: 1 } })
      if (tag === 'ER') {
        entries.push({ item: toCsl(fields), place })
        fields = undefined
      } else fields.push([tag!, value.trim()])
    } else if (fields?.length && line.trim()) fields.at(-1)![1] += ` ${line.trim()}`
  })
  if (fields) entries.push({ item: toCsl(fields), place })
  assignKeys(entries)
  return entries
}

/** One record's tags into CSL, through its type's tag maps (ris-types.ts). */
function toCsl(fields: Array<[string, string]>): RisEntry['item'] {
  const values = new Map<string, string[]>()
  for (const [tag, value] of fields) if (value) values.set(tag, [...(values.get(tag) ?? []), value])
  const risType = risTypes[values.get('TY')?.[0] ?? 'GEN']
  const type = risType?.type ?? 'document'
  const item: Record<string, unknown> = { id: values.get('ID')?.[0] ?? '', type }
  const set = (field: string, value: unknown) => {
    if (value !== undefined && value !== '' && !(Array.isArray(value) && !value.length) && item[field] === undefined) item[field] = value
  }
  // EndNote's date accessed in DA: the date is PY's year, DA the access date.
  const [da, py] = [values.get('DA')?.[0], values.get('PY')?.[0]]
  if (risType?.accessedInDa && da && py && dateOf(da)?.['date-parts'][0]![0] !== dateOf(py)?.['date-parts'][0]![0]) {
    if (!values.has('Y2')) values.set('Y2', [da])
    values.delete('DA')
  }
  const { main, also } = tagMaps(type, risType)
  for (const map of [main, also]) {
    const byField = new Map<string, string[]>()
    for (const [tag, field] of Object.entries(map)) {
      // A tag the type gives a meaning is read with that meaning only.
      if (field && values.has(tag) && tag !== 'SP' && !(map === also && main[tag])) byField.set(field, [...(byField.get(field) ?? []), tag])
    }
    for (const [field, tags] of byField) {
      const all = tags.flatMap((t) => values.get(t)!)
      if (nameVariables.includes(field)) set(field, all.map(parseName))
      else if (dateVariables.includes(field)) set(field, dateFrom(tags.map((t) => values.get(t)![0]!)))
      else if (field === 'keyword') set(field, all.join(', '))
      else set(field, all[0])
    }
  }
  readPages(main.SP, values.get('SP')?.[0], values.get('EP')?.[0], set)
  readIdentifier(item, values.get('SN')?.[0])
  if (typeof item.DOI === 'string') item.DOI = item.DOI.replace(/^https?:\/\/(dx\.)?doi\.org\//i, '')
  // A journal known only by its abbreviation (Nature's exports) is still the journal.
  if (type === 'article-journal') set('container-title', item['container-title-short'])
  return item as RisEntry['item']
}

/** SP and EP: a range is the pages; SP alone is what the type's SP holds (a book's page count). */
function readPages(field: string | undefined, start: string | undefined, end: string | undefined, set: (field: string, value: unknown) => void) {
  if (start && end) set('page', `${start}-${end}`)
  else if (start && field === 'number-of-pages' && !/^\d+$/.test(start)) set('page', start)
  else if (start && field) set(field, start)
  else set('page', end)
}

/**
 * SN holds an ISBN, an ISSN or a document number, by type; a valid ISBN (or, where SN is a
 * standard number, a valid ISSN) is read as what it is, whatever the type says.
 */
function readIdentifier(item: Record<string, unknown>, sn: string | undefined) {
  if (!sn) return
  const kind = isIsbn(sn) ? 'ISBN' : isIssn(sn) ? 'ISSN' : undefined
  const held = ['ISBN', 'ISSN', 'number'].find((f) => item[f] === sn)
  if (!kind || !held || held === kind || (kind === 'ISSN' && held === 'number') || item[kind] !== undefined) return
  delete item[held]
  item[kind] = sn
}

function isIsbn(text: string): boolean {
  const digits = text.replace(/[-\s]/g, '').toUpperCase()
  if (/^97[89]\d{10}$/.test(digits)) return [...digits].reduce((sum, d, i) => sum + Number(d) * (i % 2 ? 3 : 1), 0) % 10 === 0
  if (/^\d{9}[\dX]$/.test(digits)) return [...digits].reduce((sum, d, i) => sum + (d === 'X' ? 10 : Number(d)) * (10 - i), 0) % 11 === 0
  return false
}

function isIssn(text: string): boolean {
  if (!/^\d{4}-?\d{3}[\dXx]$/.test(text.trim())) return false
  const digits = text.replace('-', '').toUpperCase()
  return [...digits].reduce((sum, d, i) => sum + (d === 'X' ? 10 : Number(d)) * (8 - i), 0) % 11 === 0
}

/**
 * `Family, Given` (or `Family, Given, Suffix`); `Family,` a family name alone; a name without a
 * comma is an organisation.
 */
function parseName(text: string): Record<string, string> {
  const parts = text.split(',').map((p) => p.trim())
  if (parts.length === 2 && parts[0] && !parts[1]) return { family: parts[0] }
  if (parts.length < 2 || !parts[1]) return { literal: text.trim() }
  return { family: parts[0]!, given: parts[1]!, ...(parts[2] ? { suffix: parts[2] } : {}) }
}

const months = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']

type DateValue = { 'date-parts': number[][] } | { literal: string }

/** `2024/11/01/`, `2024-11-01`, `2024/11//`, `2024`: date-parts, empty parts left out. */
function dateOf(text: string | undefined): { 'date-parts': number[][] } | undefined {
  const match = /^(\d{4})(?:[/-](\d{1,2})?(?:[/-](\d{1,2})?)?)?/.exec(text?.trim() ?? '')
  if (!match) return undefined
  const parts = [match[1], match[2], match[3]].filter((p): p is string => Boolean(p)).map(Number)
  if (parts.length === 3 && !parts[1]) parts.splice(1)
  return { 'date-parts': [parts.filter((p, i) => i === 0 || p > 0)] }
}

/**
 * One date from the tags that hold it (DA and PY; EndNote's M1 and VL for an access date):
 * the fullest of them; a year alone takes the month and day another names in words ("Nov 1",
 * as EndNote suggests writing DA); words with a year and nothing else are kept as written.
 */
function dateFrom(texts: string[]): DateValue | undefined {
  const dates = texts.map(dateOf).filter((d) => d !== undefined)
  const fullest = dates.sort((a, b) => b['date-parts'][0]!.length - a['date-parts'][0]!.length)[0]
  const words = texts.map((t) => /^([A-Za-z]{3})[a-z]*\.?\s*(\d{1,2})?\b/.exec(t.trim())).find((w) => w && months.includes(w[1]!.toLowerCase()))
  if (fullest && fullest['date-parts'][0]!.length === 1 && words) {
    return { 'date-parts': [[fullest['date-parts'][0]![0]!, months.indexOf(words[1]!.toLowerCase()) + 1, ...(words[2] ? [Number(words[2])] : [])]] }
  }
  if (fullest) return fullest
  const literal = texts.find((t) => /\b\d{4}\b/.test(t))
  return literal ? { literal } : undefined
}

function assignKeys(entries: RisEntry[]): void {
  const taken = new Set(entries.map((e) => e.item.id).filter(Boolean))
  for (const { item } of entries) {
    if (item.id) continue
    const base = generatedKey(item)
    let key = base
    for (let n = 0; taken.has(key); n++) key = base + String.fromCharCode(97 + (n % 26)) + (n >= 26 ? Math.floor(n / 26) : '')
    taken.add(key)
    item.id = key
  }
}

const stopWords = new Set(['a', 'an', 'the', 'of', 'on', 'in', 'and', 'for', 'to', 'at', 'by', 'from', 'with', 'as', 'is'])

/** Lower-case ASCII: diacritics folded, anything else dropped. */
const ascii = (text: string) => text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim()

function generatedKey(item: RisEntry['item']): string {
  const first = (item.author as Array<Record<string, string>> | undefined)?.[0] ?? (item.editor as Array<Record<string, string>> | undefined)?.[0]
  const who = ascii(first?.family ?? first?.literal ?? '').split(' ')[0] ?? ''
  const year = (item.issued as { 'date-parts': number[][] } | undefined)?.['date-parts'][0]?.[0] ?? ''
  const word = ascii(String(item.title ?? '')).split(' ').find((w) => w && !stopWords.has(w)) ?? ''
  return `${who}${year}${word}` || 'ris'
}
