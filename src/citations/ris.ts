/**
 * RIS, read as Zotero, EndNote and Mendeley write it (pandoc 2.17 has no RIS reader, and
 * citation-js's loses authors of newspaper articles, `DA` dates and access dates).
 *
 * Glossary: record = `TY  - …` up to `ER  -`; tag = the two characters before `  - `; a line
 * without a tag continues the previous value (long abstracts are wrapped).
 *
 * Keys: the `ID` tag when the exporter wrote one; otherwise made like Zotero's Better BibTeX
 * does, first author's family name + year + first word of the title (`yousaf2025envoy`),
 * with `a`, `b`… added to tell apart two that would be the same.
 */
import type { Point } from 'unist'

export interface RisEntry {
  item: Record<string, unknown> & { id: string }
  /** The record's `TY` line. */
  place: Point
}

const types: Record<string, string> = {
  JOUR: 'article-journal', JFULL: 'article-journal', EJOUR: 'article-journal', ABST: 'article-journal', INPR: 'article-journal',
  MGZN: 'article-magazine', NEWS: 'article-newspaper',
  BOOK: 'book', EBOOK: 'book', EDBOOK: 'book', CHAP: 'chapter', ECHAP: 'chapter',
  RPRT: 'report', GOVDOC: 'report', THES: 'thesis', CONF: 'paper-conference', CPAPER: 'paper-conference',
  ELEC: 'webpage', WEB: 'webpage', BLOG: 'post-weblog',
  STAT: 'legislation', BILL: 'bill', CASE: 'legal_case', HEAR: 'hearing', PAT: 'patent',
  MAP: 'map', DATA: 'dataset', DBASE: 'dataset', COMP: 'software',
  ICOMM: 'personal_communication', PCOMM: 'personal_communication', UNPB: 'manuscript', MANSCPT: 'manuscript',
  VIDEO: 'motion_picture', MPCT: 'motion_picture', SOUND: 'song', MUSIC: 'song',
  ENCYC: 'entry-encyclopedia', DICT: 'entry-dictionary', PAMP: 'pamphlet', STAND: 'standard',
}

/** Types whose `IS` is a document number rather than a journal issue. */
const numbered = new Set(['report', 'bill', 'patent', 'legislation', 'standard'])
/** Types whose lone `SP` is the page count (Zotero writes `numPages` there). */
const whole = new Set(['book', 'thesis', 'report'])

const nameTags: Record<string, string> = { AU: 'author', A1: 'author', A2: 'editor', ED: 'editor', A3: 'collection-editor', A4: 'translator' }

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

function toCsl(fields: Array<[string, string]>): RisEntry['item'] {
  const all = (tag: string) => fields.filter(([t]) => t === tag).map(([, v]) => v).filter(Boolean)
  const one = (...tags: string[]) => tags.map((t) => all(t)[0]).find(Boolean)
  const risType = one('TY') ?? 'GEN'
  const type = types[risType] ?? 'document'
  const item: Record<string, unknown> = { id: one('ID') ?? '', type }
  const set = (field: string, value: unknown) => {
    if (value !== undefined && value !== '' && !(Array.isArray(value) && !value.length)) item[field] = value
  }
  set('title', one('TI', 'T1', 'CT'))
  set('title-short', one('ST'))
  set('container-title', one('T2', 'JF', 'JO', 'BT') ?? (type === 'article-journal' ? one('JA', 'J2') : undefined))
  set('container-title-short', one('J2', 'JA'))
  set('collection-title', one('T3'))
  for (const [tag, field] of Object.entries(nameTags)) {
    const names = all(tag).map(parseName)
    if (names.length) item[field] = [...((item[field] as unknown[]) ?? []), ...names]
  }
  set('issued', issued(one('DA'), one('PY', 'Y1')))
  set('accessed', dateOf(one('Y2')))
  set('volume', one('VL'))
  set(numbered.has(type) ? 'number' : 'issue', one('IS'))
  if (!item.number) set('number', one('M1') && numbered.has(type) ? one('M1') : undefined)
  const [start, end] = [one('SP'), one('EP')]
  if (start && end) set('page', `${start}-${end}`)
  else if (start && whole.has(type) && /^\d+$/.test(start)) set('number-of-pages', start)
  else set('page', start)
  set('publisher', one('PB'))
  set('publisher-place', one('CY', 'PP'))
  set('edition', one('ET'))
  set('genre', one('M3'))
  set('URL', one('UR'))
  set('DOI', one('DO')?.replace(/^https?:\/\/(dx\.)?doi\.org\//i, ''))
  const sn = one('SN')
  if (sn) set(/^(97[89])?\d{9}[\dX]$/i.test(sn.replace(/[-\s]/g, '')) ? 'ISBN' : 'ISSN', sn)
  set('abstract', one('AB', 'N2'))
  set('keyword', all('KW').join(', '))
  set('note', one('N1'))
  set('language', one('LA'))
  set('archive', one('DB'))
  set('call-number', one('CN'))
  return item as RisEntry['item']
}

/** `Family, Given` (or `Family, Given, Suffix`); a name without a comma is an organisation. */
function parseName(text: string): Record<string, string> {
  const parts = text.split(',').map((p) => p.trim())
  if (parts.length < 2 || !parts[1]) return { literal: text.trim() }
  return { family: parts[0]!, given: parts[1]!, ...(parts[2] ? { suffix: parts[2] } : {}) }
}

const months = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']

/** `2024/11/01/`, `2024-11-01`, `2024/11//`, `2024`: date-parts, empty parts left out. */
function dateOf(text: string | undefined): { 'date-parts': number[][] } | undefined {
  const match = /^(\d{4})(?:[/-](\d{1,2})?(?:[/-](\d{1,2})?)?)?/.exec(text?.trim() ?? '')
  if (!match) return undefined
  const parts = [match[1], match[2], match[3]].filter((p): p is string => Boolean(p)).map(Number)
  if (parts.length === 3 && !parts[1]) parts.splice(1)
  return { 'date-parts': [parts.filter((p, i) => i === 0 || p > 0)] }
}

/** `DA` when it is a full date; else `PY`'s year with the month and day `DA` names ("Nov 1"). */
function issued(da: string | undefined, py: string | undefined): { 'date-parts': number[][] } | undefined {
  const full = dateOf(da)
  const year = dateOf(py)
  if (full && (!year || full['date-parts'][0]!.length >= year['date-parts'][0]!.length)) return full
  const words = /^([A-Za-z]{3})[a-z]*\.?\s*(\d{1,2})?/.exec(da?.trim() ?? '')
  const month = words ? months.indexOf(words[1]!.toLowerCase()) + 1 : 0
  if (year && month) return { 'date-parts': [[year['date-parts'][0]![0]!, month, ...(words?.[2] ? [Number(words[2])] : [])]] }
  return year ?? full
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

const risTypes: Record<string, string> = Object.fromEntries(
  Object.entries({ JOUR: 'article-journal', MGZN: 'article-magazine', NEWS: 'article-newspaper', BOOK: 'book', CHAP: 'chapter', RPRT: 'report', THES: 'thesis', CONF: 'paper-conference', ELEC: 'webpage', BLOG: 'post-weblog', STAT: 'legislation', BILL: 'bill', CASE: 'legal_case', HEAR: 'hearing', PAT: 'patent', MAP: 'map', DATA: 'dataset', COMP: 'software', PCOMM: 'personal_communication', UNPB: 'manuscript', VIDEO: 'motion_picture', SOUND: 'song', ENCYC: 'entry-encyclopedia', DICT: 'entry-dictionary', PAMP: 'pamphlet', STAND: 'standard' }).map(
    ([ris, csl]) => [csl, ris],
  ),
)

/** CSL items as RIS records, the way readRis reads them back (ID keeps each key). */
export function writeRis(items: Array<Record<string, unknown> & { id: string }>): string {
  const records = items.map((item) => {
    const lines: string[] = [`TY  - ${risTypes[String(item.type)] ?? 'GEN'}`, `ID  - ${item.id}`]
    const add = (tag: string, value: unknown) => {
      if (typeof value === 'string' || typeof value === 'number') lines.push(`${tag}  - ${value}`)
    }
    add('TI', item.title)
    add('ST', item['title-short'])
    for (const [tag, field] of [['AU', 'author'], ['A2', 'editor'], ['A3', 'collection-editor'], ['A4', 'translator']] as const) {
      for (const name of (item[field] as Array<Record<string, string>> | undefined) ?? []) {
        add(tag, name.literal ?? [name.family, name.given, name.suffix].filter(Boolean).join(', '))
      }
    }
    add('T2', item['container-title'])
    add('J2', item['container-title-short'])
    add('T3', item['collection-title'])
    const date = (field: string) => ((item[field] as { 'date-parts'?: number[][] } | undefined)?.['date-parts']?.[0] ?? []).map((p, i) => (i ? String(p).padStart(2, '0') : String(p)))
    const issued = date('issued')
    if (issued.length) {
      add('PY', issued[0])
      if (issued.length > 1) add('DA', `${issued.join('/')}/`)
    }
    const accessed = date('accessed')
    if (accessed.length) add('Y2', `${accessed.join('/')}/`)
    add('VL', item.volume)
    add('IS', item.issue ?? item.number)
    const page = typeof item.page === 'string' ? item.page.split(/[-–]/) : []
    add('SP', page[0] ?? item['number-of-pages'])
    add('EP', page[1])
    add('PB', item.publisher)
    add('CY', item['publisher-place'])
    add('ET', item.edition)
    add('M3', item.genre)
    add('UR', item.URL)
    add('DO', item.DOI)
    add('SN', item.ISBN ?? item.ISSN)
    add('AB', item.abstract)
    if (typeof item.keyword === 'string') for (const word of item.keyword.split(/,\s*/)) add('KW', word)
    add('N1', item.note)
    add('LA', item.language)
    lines.push('ER  - ')
    return lines.join('\n')
  })
  return records.join('\n\n') + '\n'
}
