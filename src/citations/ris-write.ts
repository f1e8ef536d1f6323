/**
 * CSL items as RIS records, through the tag maps the reader uses (ris-types.ts), so every
 * record reads back the same; `ID` keeps each key. What RIS cannot hold is listed in
 * docs/writing.md ("RIS").
 */
import { type CslItem, dateVariables, nameVariables } from './csl-item.ts'
import { cslTypes, tagMaps } from './ris-types.ts'
import { xmlChars } from '../text/xml.ts'

/**
 * A value on one line: every kind of line break (CR alone, U+0085, U+2028, U+2029, vertical tab,
 * form feed, which other readers take as line ends) becomes a space, and the control
 * characters no text format carries well are left out (the XML writer's set).
 */
const oneLine = (text: string) => xmlChars(text).replace(/\s*[\n\r\v\f\u0085\u2028\u2029]\s*/g, ' ').trim()

export function writeRis(items: CslItem[]): string {
  return items.map(record).join('\n\n') + '\n'
}

function record(item: CslItem): string {
  const type = String(item.type)
  const lines = [`TY  - ${cslTypes[type]?.ty ?? 'GEN'}`, `ID  - ${oneLine(String(item.id))}`]
  // One line a value: a line break inside one would start a tag of its own.
  const add = (tag: string, value: unknown) => {
    const text = typeof value === 'string' || typeof value === 'number' ? oneLine(String(value)) : ''
    if (text) lines.push(`${tag}  - ${text}`)
  }
  const { main, also } = tagMaps(type)
  const written = new Set<string>()
  for (const [tag, field] of Object.entries(main)) {
    if (!field) continue
    // Each date tag is written (PY the year, DA the whole date); any other variable once.
    if (dateVariables.includes(field)) add(tag, dateText(item[field], tag))
    if (dateVariables.includes(field) || written.has(field)) continue
    written.add(field)
    if (nameVariables.includes(field)) for (const name of Array.isArray(item[field]) ? item[field] : []) add(tag, nameText(name))
    else if (tag === 'SP') for (const [pageTag, value] of pages(item, field)) add(pageTag, value)
    else if (tag === 'SN') add(tag, [field, ...(field === 'number' ? ['ISBN'] : ['ISBN', 'ISSN'])].map((f) => item[f]).find((v) => v !== undefined))
    else if (field === 'keyword' && typeof item.keyword === 'string') for (const word of item.keyword.split(/,\s*/)) add(tag, word)
    else add(tag, item[field])
  }
  // A variable no tag of its type holds goes where the reader also looks for it (a report's
  // editors in ED, a thesis's series number in SV).
  for (const [tag, field] of Object.entries(also)) {
    if (!field || main[tag] || dateVariables.includes(field) || written.has(field) || item[field] === undefined) continue
    written.add(field)
    if (nameVariables.includes(field)) for (const name of Array.isArray(item[field]) ? item[field] : []) add(tag, nameText(name))
    else add(tag, item[field])
  }
  lines.push('ER  - ')
  return lines.join('\n')
}

/** `Family, Given, Suffix` with the particles where they are spoken; `Family,` for a family name alone. */
function nameText(name: unknown): unknown {
  if (typeof name !== 'object' || name === null) return name
  const { literal, family, given, suffix, 'non-dropping-particle': particle, 'dropping-particle': dropping } = name as Record<string, string | undefined>
  if (literal) return literal
  const last = [particle, family].filter(Boolean).join(' ')
  const first = [given, dropping].filter(Boolean).join(' ')
  if (!first && !suffix) return last ? `${last},` : undefined
  return [last, first, suffix].filter((p) => p !== undefined).join(', ')
}

/** `YYYY/MM/DD/` (Zotero's form), or the year alone for PY; DA only when it says more than PY. */
function dateText(value: unknown, tag: string): string | undefined {
  if (typeof value !== 'object' || value === null) return typeof value === 'string' && tag !== 'PY' ? value : undefined
  const { 'date-parts': parts, literal, raw } = value as { 'date-parts'?: unknown[][]; literal?: string; raw?: string }
  const first = (parts?.[0] ?? []).map(String)
  if (!first.length) return tag === 'PY' ? undefined : (literal ?? raw)
  if (tag === 'PY') return first[0]
  if (tag === 'DA' && first.length < 2) return undefined
  return `${first[0]}/${(first[1] ?? '').padStart(first[1] ? 2 : 0, '0')}/${(first[2] ?? '').padStart(first[2] ? 2 : 0, '0')}/`
}

/**
 * SP (and EP): the type's SP variable; a page range split at its dash, as Zotero writes it.
 * A book's or thesis's SP is its page count; a page range it has is written when it has none.
 */
function pages(item: CslItem, field: string): Array<[string, unknown]> {
  const page = field === 'page' || item[field] === undefined ? item.page : undefined
  const range = typeof page === 'string' ? /^\s*([^\s,–-]+)\s*[-–]\s*([^\s,–-]+)\s*$/.exec(page) : null
  if (range) return [['SP', range[1]], ['EP', range[2]]]
  return [['SP', field === 'page' ? page : (item[field] ?? page)]]
}
