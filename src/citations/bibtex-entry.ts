/**
 * What pandoc 2.17's BibLaTeX reader takes from an entry (its `getTypeAndGenre` and
 * `itemToReference`) where citation-js's mapping to CSL leaves it out or puts it elsewhere.
 * Those fields are read again from the entry's own text, with citation-js's own parser, and
 * only for the entries that need it (the test of each rule is cheap; the parse is not).
 */
import type { CslItem } from './csl-item.ts'
import { parseEntries, parseValue } from './bibtex-internals.ts'

/** Entry types whose `number` pandoc reads as the issue (its `isArticle`). */
const articleLike = new Set(['article', 'periodical', 'suppperiodical', 'review'])
/** Parts of a book (pandoc's `isChapterlike`): their `maintitle` is the container. */
const inBook = new Set(['inbook', 'incollection', 'inproceedings', 'inreference', 'bookinbook'])
/** Entry types whose `number` pandoc reads as the number in a series. */
const bookLike = new Set([...inBook, 'book', 'collection', 'proceedings', 'reference', 'mvbook', 'mvcollection', 'mvproceedings', 'mvreference', 'suppbook', 'suppcollection'])

/** CSL types pandoc gives an entry type where citation-js gives another. */
const types: Record<string, string> = { booklet: 'pamphlet', inreference: 'entry-encyclopedia' }

/** CSL name variables and the fields citation-js reads them from. */
const nameFields = [['author', 'author'], ['editor', 'editor'], ['translator', 'translator'], ['container-author', 'bookauthor']] as const

const dateFields: Record<string, string> = { date: 'issued', urldate: 'accessed', eventdate: 'event-date', origdate: 'original-date' }

/** The entry's fields as written (LaTeX), parsed once when a rule first needs them. */
type Fields = Record<string, string | number | undefined>

/** Changes `out` (citation-js's item) where pandoc reads the entry `written` differently. */
export function readAsPandoc(out: CslItem, written: string): void {
  const entryType = /^@\s*(\w+)/.exec(written)?.[1]?.toLowerCase() ?? ''
  let parsed: Fields | undefined
  const fields = (): Fields => (parsed ??= fieldsOf(written))
  // Looked for in the text first (cheap), then in the parsed fields (a value may hold "number =").
  const has = (field: string) => new RegExp(`(?:^|[,{(])\\s*${field}\\s*=`, 'im').test(written) && fields()[field] !== undefined
  const textOf = (field: string): string | undefined => {
    const raw = fields()[field]
    return raw === undefined ? undefined : textOfLatex(String(raw))
  }

  // `{Pakistan Institute for Peace Studies}`: one name (literal), not a family name of four words.
  for (const [variable, field] of nameFields) {
    const names = out[variable]
    if (!Array.isArray(names) || !names.some((name) => familyOnly(name) && written.includes(`{${name.family}}`))) continue
    const braced = splitNames(String(fields()[field] ?? '')).filter((n) => /^\{.*\}$/s.test(n) && wholeGroup(n)).map(textOfLatex)
    out[variable] = names.map((name) => (familyOnly(name) && braced.includes(name.family) ? { literal: name.family } : name))
  }
  if (types[entryType]) out.type = types[entryType]
  if (entryType === 'unpublished' && ['event-title', 'event', 'event-date', 'event-place'].some((f) => out[f] !== undefined)) out.type = 'speech'

  // `number`: pandoc's three readings; citation-js reads the last only for patents, reports and legislation.
  const numberIs = bookLike.has(entryType) ? undefined : articleLike.has(entryType) ? 'issue' : 'number'
  if (numberIs && out[numberIs] === undefined && has('number')) out[numberIs] = textOf('number')
  if (out.keyword !== undefined) {
    // Keywords are mostly plain words: taken from the text as they are, parsed only when not.
    const plain = /(?:^|[,{(])\s*keywords\s*=\s*\{([^{}\\$%~-]*)\}/im.exec(written)?.[1]
    out.keyword = plain !== undefined ? plain.replace(/\s+/g, ' ').trim() : has('keywords') ? textOf('keywords') : out.keyword
  }
  if (has('editortype') && /^director$/i.test(textOf('editortype') ?? '') && out.editor) {
    out.director = out.editor
    delete out.editor
  }
  // A volume of a multi-volume work. citation-js takes `maintitle` for the container and drops
  // a part's `booktitle`; pandoc takes `maintitle` for the title (the volume's is then
  // `volume-title`), or for a part of a book, for the container (its `booktitle` the volume's).
  if (has('maintitle') && out['container-title'] !== undefined) {
    if (inBook.has(entryType)) out['volume-title'] ??= has('booktitle') ? textOf('booktitle') : undefined
    else {
      if (out.title !== undefined) out['volume-title'] = out.title
      out.title = out['container-title']
      delete out['container-title']
    }
  }
  if (entryType === 'patent' && out['publisher-place'] !== undefined) {
    out.jurisdiction = out['publisher-place']
    const address = has('address') ? textOf('address') : undefined
    if (address) out['publisher-place'] = address
    else delete out['publisher-place']
  }
  // Seasons and circa (`~`; pandoc reads `?` and `%` as no mark), which citation-js drops.
  if (/date\s*=\s*[{"]?\s*[-\d/]*(?:~|-2[1-4]\b)/i.test(written)) {
    for (const [field, variable] of Object.entries(dateFields)) {
      const date = edtf(String(fields()[field] ?? ''))
      if (date) out[variable] = date
    }
  }
}

/** An EDTF date or range as pandoc's `rawDateEDTF` reads it, or undefined. */
function edtf(text: string): Record<string, unknown> | undefined {
  const ends = text.trim().split('/').map((end) => /^(-?\d{1,4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?([~?%])?$/.exec(end))
  if (!ends.length || ends.length > 2 || !ends.every(Boolean)) return undefined
  const parts = ends.map((m) => m!.slice(1, 4).filter(Boolean).map(Number))
  return { 'date-parts': parts, ...(ends.some((m) => m![4] === '~') ? { circa: true } : {}) }
}

interface CslName {
  family?: string
  given?: string
}

const familyOnly = (name: CslName): name is { family: string } => typeof name.family === 'string' && Object.keys(name).length === 1

const textOfLatex = (latex: string): string => String(parseValue(latex, 'note')).normalize('NFC').trim()

const and = /\s+and\s+/iy

/** A name list split at the " and " outside braces. */
function splitNames(raw: string): string[] {
  const names: string[] = []
  let depth = 0
  let start = 0
  for (let i = 0; i < raw.length; i++) {
    if (raw[i] === '\\') i++
    else if (raw[i] === '{') depth++
    else if (raw[i] === '}') depth--
    else if (depth === 0) {
      and.lastIndex = i
      if (!and.test(raw)) continue
      names.push(raw.slice(start, i).trim())
      start = and.lastIndex
      i = start - 1
    }
  }
  names.push(raw.slice(start).trim())
  return names
}

/** Whether the outer braces of `{…}` enclose the whole text (not `{a} {b}`). */
function wholeGroup(name: string): boolean {
  let depth = 0
  for (let i = 0; i < name.length; i++) {
    if (name[i] === '\\') i++
    else if (name[i] === '{') depth++
    else if (name[i] === '}' && --depth === 0 && i < name.length - 1) return false
  }
  return true
}

function fieldsOf(written: string): Fields {
  try {
    const [entry] = parseEntries(written) as Array<{ properties: Fields }>
    return entry?.properties ?? {}
  } catch {
    // The whole file was parsed before; an entry alone fails only on what lies outside it
    // (nothing today: an unknown @string is empty). It then keeps what citation-js read.
    return {}
  }
}
