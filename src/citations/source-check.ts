/**
 * Source data the citation processor would print wrongly, not at all, or crash on, found before
 * it does: a source with nothing to print (a note reading "5", or a cite lost from its
 * cluster), dates that are not dates (`2023-02-30`, month 17, "spring", `0000-00-00`), names
 * given as a plain string, values of the wrong shape (a family name that is a number, a title
 * that is a list), a type CSL does not have.
 *
 * Each problem becomes a warning at the source's entry in its file, saying what to fix, and
 * the item is repaired so the note still prints what exists: impossible date parts are left
 * out, a string name is read as one literal name, and a source with nothing printable shows
 * its key. The item is copied, never changed in place.
 */
import { cslItemTypes, dateVariables as dateFields, nameParts, nameVariables as nameFields, type CslItem } from './csl-item.ts'
import { nearest } from '../text/nearest.ts'

/** Fields whose value is not text: left to their own checks, or not printed. */
const notText = new Set(['id', 'type', 'custom', ...dateFields, ...nameFields])

/** Item types as other schemes name them (CrossRef, Zotero, BibTeX), which CSL-JSON exports carry over. */
const typeAliases: Readonly<Record<string, string>> = {
  'journal-article': 'article-journal', journalarticle: 'article-journal', 'book-chapter': 'chapter', booksection: 'chapter',
  'proceedings-article': 'paper-conference', 'conference-paper': 'paper-conference', conferencepaper: 'paper-conference', inproceedings: 'paper-conference',
  dissertation: 'thesis', phdthesis: 'thesis', mastersthesis: 'thesis', 'web-page': 'webpage', website: 'webpage',
  'newspaper-article': 'article-newspaper', newspaperarticle: 'article-newspaper', 'magazine-article': 'article-magazine', magazinearticle: 'article-magazine',
  'blog-post': 'post-weblog', blogpost: 'post-weblog', case: 'legal_case', statute: 'legislation', 'encyclopedia-article': 'entry-encyclopedia',
  'dictionary-entry': 'entry-dictionary', 'posted-content': 'article', techreport: 'report', 'edited-book': 'book', monograph: 'book',
}

/** One name of a list: an object of text parts; a string is one literal name; anything else is left out. */
function checkName(name: unknown, where: string, problems: SourceProblem[]): Array<Record<string, string>> {
  const field = where.replace(/\[\d+\]$/, '')
  if (typeof name === 'string' && name.trim()) {
    problems.push({ field, reason: `\`${where}\` is a plain string, not a name with family and given parts; it is printed as written` })
    return [{ literal: name.trim() }]
  }
  if (typeof name !== 'object' || name === null || Array.isArray(name)) {
    problems.push({ field, reason: `\`${where}\` is ${describe(name)}, not a name; it is left out` })
    return []
  }
  const kept: Record<string, string> = {}
  for (const [part, value] of Object.entries(name)) {
    if (typeof value === 'string') kept[part] = value
    else if (typeof value === 'number' && Number.isFinite(value)) kept[part] = String(value)
    else if (nameParts.includes(part)) problems.push({ field, reason: `\`${where}.${part}\` is ${describe(value)}, not text; it is left out` })
  }
  if (!['family', 'given', 'literal'].some((part) => kept[part]?.trim())) {
    problems.push({ field, reason: `\`${where}\` has no family, given or literal name; it is left out` })
    return []
  }
  return [kept]
}

/** A value's shape, for a message: "a number (42)", "a list", "nothing". */
function describe(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'a list'
  if (typeof value === 'object') return 'an object'
  if (typeof value === 'number') return `a number (${value})`
  if (typeof value === 'boolean') return `${value}`
  return typeof value === 'string' ? 'empty' : 'nothing'
}

/** Fields of which a note can print at least one. */
const printable = ['title', 'title-short', 'container-title', 'collection-title', 'publisher', 'genre', 'number', 'URL', 'DOI', 'event-title', ...nameFields]

export interface SourceProblem {
  /** The field at fault, for the message. */
  field: string
  /** What is wrong and what to do. */
  reason: string
}

export function checkSource(input: CslItem): { item: CslItem; problems: SourceProblem[] } {
  const item: CslItem = { ...input }
  const problems: SourceProblem[] = []
  for (const field of dateFields) {
    if (item[field] === undefined) continue
    const checked = checkDate(item[field], field)
    problems.push(...checked.problems)
    if (checked.value === undefined) delete item[field]
    else item[field] = checked.value
  }
  for (const field of nameFields) {
    const value = item[field]
    if (value === undefined) continue
    if (typeof value === 'string' && value.trim()) {
      item[field] = [{ literal: value.trim() }]
      problems.push({ field, reason: `\`${field}\` is a plain string, not a list of names with family and given parts; it is printed as written, so "Doe" cannot be told from "Jane" in short notes` })
      continue
    }
    let names: unknown[]
    if (Array.isArray(value)) names = value
    else if (typeof value === 'object' && value !== null) {
      names = [value]
      problems.push({ field, reason: `\`${field}\` is one name, not a list of names; put it in a list` })
    } else {
      delete item[field]
      problems.push({ field, reason: `\`${field}\` is ${describe(value)}, not a list of names; it is left out` })
      continue
    }
    const kept = names.flatMap((name, i) => checkName(name, `${field}[${i}]`, problems))
    if (kept.length) item[field] = kept
    else delete item[field]
  }
  if (typeof item.type === 'string' && !cslItemTypes.includes(item.type)) {
    const alias = typeAliases[item.type.toLowerCase()]
    if (alias) {
      problems.push({ field: 'type', reason: `\`type\` is "${item.type}", another scheme's name (CrossRef's, Zotero's or BibTeX's); it is read as \`${alias}\`: write that` })
      item.type = alias
    } else {
      const like = nearest(item.type, cslItemTypes)
      problems.push({ field: 'type', reason: `\`type\` is "${item.type}", which CSL does not have${like.length ? ` (did you mean ${like.map((t) => `\`${t}\``).join(' or ')}?)` : ''}; the style prints it as a plain document` })
    }
  }
  for (const [field, value] of Object.entries(item)) {
    if (notText.has(field) || value === undefined || typeof value === 'string') continue
    if (typeof value === 'number' && Number.isFinite(value)) item[field] = String(value)
    else if (Array.isArray(value) && value.length && value.every((part) => typeof part === 'string' || typeof part === 'number')) {
      item[field] = value.join(', ')
      problems.push({ field, reason: `\`${field}\` is a list, not text; it is printed as "${item[field]}": write it as one text` })
    } else {
      delete item[field]
      problems.push({ field, reason: `\`${field}\` is ${describe(value)}, not text; it is left out: write it as text` })
    }
  }
  problems.push(...withoutResolver(item))
  protectIdentifiers(item)
  problems.push(...missingForType(item))
  if (!printable.some((field) => hasValue(item[field]))) {
    item.title = `[${item.id}]`
    problems.push({ field: 'title', reason: 'it has no title, author, container or URL, so its note would be empty; add at least a `title` (its key is printed meanwhile)' })
  }
  return { item, problems }
}

/**
 * A DOI stored as its link (`https://doi.org/10.…`, `doi:10.…`), as many exports and copied
 * addresses hold it: styles add the resolver themselves, so citeproc-js and pandoc print
 * "https://doi.org/https://doi.org/10.…". The DOI is kept without it, and the entry warned.
 */
const doiResolver = /^\s*(?:(?:https?:\/\/)?(?:dx\.|www\.)?doi\.org\/|doi:\s*)(?=10\.)/i

function withoutResolver(item: CslItem): SourceProblem[] {
  const doi = item.DOI
  if (typeof doi !== 'string' || !doiResolver.test(doi)) return []
  item.DOI = doi.replace(doiResolver, '').trim()
  return [{ field: 'DOI', reason: `\`DOI\` is written as a link (${JSON.stringify(doi.trim())}), and styles add "https://doi.org/" themselves; the link part is dropped: write the DOI alone, \`${item.DOI}\`` }]
}

/** Number variables that styles label ("No. 4") and render as ranges ("3–5"). */
const numberFields = ['number', 'issue', 'volume', 'edition', 'collection-number', 'chapter-number', 'part-number', 'supplement-number', 'number-of-volumes']

/**
 * Hyphens citeproc-js must not read as a range, hidden behind a marker that rendered citations
 * turn back into "-" (to-hast). A private-use character: a non-breaking hyphen (U+2011), used
 * before, also comes in real data and locales (`40‑42` in French), which then lost it.
 */
export const identifierHyphen = '\uE011'

/**
 * "2024-QR-4" is an identifier, not the range 2024 to 4: CSL counts a value as numeric only
 * when every part between hyphens, commas and ampersands holds a number ("3-5", "12a", "A3").
 * citeproc-js reads any hyphen as a range ("Nos. 2024-QR-4"); pandoc follows the rule. The
 * identifier's hyphens are hidden from citeproc-js as non-breaking hyphens.
 */
function protectIdentifiers(item: CslItem): void {
  for (const field of numberFields) {
    const value = item[field]
    if (typeof value !== 'string' || !value.includes('-')) continue
    const numeric = value.split(/\s*[-–,&]\s*/).every((part) => /^\p{L}*\d+\p{L}*$/u.test(part))
    if (!numeric) item[field] = value.replaceAll('-', identifierHyphen)
  }
}

/** What the style needs for a kind of source, and dates that cannot be right. */
function missingForType(item: CslItem): SourceProblem[] {
  const problems: SourceProblem[] = []
  if (item.type === 'article-newspaper' || item.type === 'article-magazine') {
    if (!hasValue(item.issued)) problems.push({ field: 'issued', reason: 'a newspaper or magazine article needs its date (`issued`); its note would have none' })
    if (!hasValue(item['container-title'])) problems.push({ field: 'container-title', reason: 'a newspaper or magazine article needs the paper’s name (`container-title`)' })
  }
  if ((item.type === 'webpage' || item.type === 'post' || item.type === 'post-weblog') && !hasValue(item.URL)) {
    problems.push({ field: 'URL', reason: 'a web page needs its address (`URL`)' })
  }
  const accessed = (item.accessed as { 'date-parts'?: number[][] } | undefined)?.['date-parts']?.[0]
  if (accessed?.length) {
    const [year, month = 1, day = 1] = accessed
    if (Date.UTC(year!, month - 1, day) > Date.now()) problems.push({ field: 'accessed', reason: `\`accessed\` is in the future (${accessed.join('-')}); give the day you read it` })
  }
  return problems
}

function hasValue(value: unknown): boolean {
  if (typeof value === 'string') return value.trim() !== ''
  if (Array.isArray(value)) return value.length > 0
  return value !== undefined && value !== null
}

const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate()

/** Months that are seasons to citeproc-js and pandoc: 13–16 and EDTF's 21–24 (spring to winter). */
const isSeason = (month: number) => (month >= 13 && month <= 16) || (month >= 21 && month <= 24)

/**
 * An EDTF string, as CSL-JSON 1.0.2 prefers for dates (`2024-11-05`, `2024-11`, `2024`, the
 * range `2012/2015`, the season `2023-22`, with `?`, `~` or `%` for uncertain or approximate),
 * as date-parts; `circa` for the qualified. A string that is no such date (`202X`, `2020-XX`,
 * "spring 2020") is kept as the literal text, printed as written, as pandoc does.
 */
function fromEdtf(text: string): unknown {
  const ends = text.trim().split('/').map((end) => /^(-?\d{1,4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?([?~%])?$/.exec(end))
  if (ends.length > 2 || !ends.every(Boolean)) return { literal: text.trim() }
  const parts = ends.map((m) => m!.slice(1, 4).filter(Boolean).map(Number))
  return { 'date-parts': parts, ...(ends.some((m) => m![4]) ? { circa: true } : {}) }
}

/** A CSL-JSON date with only real parts: numbers, months 1–12 or a season, days that exist. */
function checkDate(value: unknown, field: string): { value: unknown; problems: SourceProblem[] } {
  if (typeof value === 'string' || typeof value === 'number') value = fromEdtf(String(value))
  // A date given only as `raw` text is read as its EDTF string would be, when it is one;
  // other text ("sometime in 2019") is citeproc-js's to read, as pandoc reads it.
  const raw = (value as { raw?: unknown } | null)?.raw
  if (typeof raw === 'string' && !Array.isArray((value as { 'date-parts'?: unknown })['date-parts'])) {
    const read = fromEdtf(raw)
    if ('date-parts' in (read as object)) value = read
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { value: undefined, problems: [{ field, reason: `\`${field}\` is ${describe(value)}, not a date; it is left out: write it as \`"2024-11-05"\` or \`{"date-parts": [[2024, 11, 5]]}\`` }] }
  }
  const given = (value as { 'date-parts'?: unknown } | null)?.['date-parts']
  if (Array.isArray(given) && given.length && given.every((parts) => Array.isArray(parts) && parts.every((part) => Number(part) === 0))) {
    return { value: undefined, problems: [{ field, reason: `\`${field}\` is ${JSON.stringify(raw ?? given)}, a placeholder, not a date; it is left out: give the date, or remove the field` }] }
  }
  if (typeof value !== 'object' || value === null || !Array.isArray((value as { 'date-parts'?: unknown })['date-parts'])) return { value, problems: [] }
  const problems: SourceProblem[] = []
  const date = value as { 'date-parts': unknown[] }
  const ranges = date['date-parts'].map((parts) => {
    if (!Array.isArray(parts)) return []
    const kept: number[] = []
    for (const [i, raw] of parts.slice(0, 3).entries()) {
      const part = typeof raw === 'string' && /^-?\d+$/.test(raw.trim()) ? Number(raw) : raw
      const what = ['year', 'month', 'day'][i]!
      if (typeof part !== 'number' || !Number.isInteger(part)) {
        problems.push({ field, reason: `\`${field}\` has a ${what} that is not a number (${JSON.stringify(raw)}); write the date as numbers, e.g. \`[[2021, 4, 7]]\`` })
        break
      }
      if (i === 1 && isSeason(part)) {
        kept.push(part)
        if (parts.length > 2) problems.push({ field, reason: `\`${field}\` gives a day (${JSON.stringify(parts[2])}) in a season (month ${part}); a season has no days, so the day is left out` })
        break
      }
      if (i === 1 && (part < 1 || part > 12)) {
        problems.push({ field, reason: `\`${field}\` has month ${part}, which does not exist; months are 1–12, or 21–24 for spring to winter` })
        break
      }
      if (i === 2 && (part < 1 || part > daysIn(kept[0]!, kept[1]!))) {
        problems.push({ field, reason: `\`${field}\` has day ${part} in a month of ${daysIn(kept[0]!, kept[1]!)} days; correct the date` })
        break
      }
      kept.push(part)
    }
    return kept
  })
  if (!problems.length) return { value, problems }
  let usable = ranges.filter((r) => r.length)
  // A range with one end cut short is cut to the same parts at both ends (April–May 2021):
  // citeproc-js fails on a range whose ends have different parts.
  if (usable.length === 2) {
    const shortest = Math.min(...usable.map((r) => r.length))
    usable = usable.map((r) => r.slice(0, shortest))
  }
  return { value: usable.length ? { ...date, 'date-parts': usable } : undefined, problems }
}
