/**
 * CSL items as BibLaTeX, written for pandoc 2.17's BibLaTeX reader and our own to read back
 * the same data (`brief bib --to bibtex`).
 *
 * Our own writer, not citation-js's `format('biblatex')` with its output patched: citation-js
 * 0.8 puts data where pandoc does not look (a legislation's container in `booktitle`, a
 * treaty's number nowhere, newspapers as plain `@article`), adds a note "[Online; accessed …]"
 * to every entry with a URL, escapes `$` and `_` as `\textdollar{}` and `\textunderscore{}`
 * (which pandoc 2.17 drops) and crashes on some items (a patent's jurisdiction); patching
 * would mean parsing its output again. The mapping is data, in biblatex-fields.ts.
 *
 * Text fields are LaTeX made by biblatex-text.ts.
 */
import type { CslItem } from './csl-item.ts'
import {
  articleLike, bookLike, chapterLike, dateFields, entryTypes, listFields, nameFields, plainFields, rawFields, titleFields,
} from './biblatex-fields.ts'
import { escape, protectCase } from './biblatex-text.ts'

interface CslName {
  family?: string
  given?: string
  suffix?: string
  'non-dropping-particle'?: string
  'dropping-particle'?: string
  literal?: string
}

/** The items as BibLaTeX, one entry each, keyed by its id. */
export function writeBiblatex(items: readonly CslItem[]): string {
  return items.map(writeEntry).join('\n')
}

function writeEntry(item: CslItem): string {
  const type = entryTypeOf(item)
  const fields = new Map<string, string>()
  /** `latex` is written as it is; the first value given for a field wins. */
  const put = (field: string, latex: string | undefined) => {
    if (latex && !fields.has(field)) fields.set(field, latex)
  }
  const add = (field: string, value: unknown) => put(field, text(value) && format(field, text(value)!))
  add('entrysubtype', entryTypes[item.type ?? '']?.[1])
  for (const [csl, field] of nameFields) put(field, names(item[csl]))
  // pandoc reads `director` from `editor` with `editortype = {director}`; citation-js has no
  // `director` field at all.
  if (item.director && !item.editor) {
    put('editor', names(item.director))
    add('editortype', 'director')
  }
  const title = text(item.title)
  // A volume of a multi-volume work: BibLaTeX's `maintitle` is the work, `title` the volume.
  const volumeTitle = text(item['volume-title'])
  if (volumeTitle && !chapterLike.has(type)) {
    add('maintitle', title)
    add('title', volumeTitle)
  } else add('title', title)
  // Without `shorttitle` both readers make one of the part before a colon; the full title is
  // written instead, which is what a source without a short title has as its short form.
  add('shorttitle', item['title-short'] ?? (title?.includes(':') ? title : undefined))
  const container = item['container-title']
  if (chapterLike.has(type)) {
    if (volumeTitle) add('maintitle', container)
    add('booktitle', volumeTitle ?? container)
  } else add(type === 'article' ? 'journaltitle' : 'journal', container)
  // `number`: an article's issue, a book's number in its series, any other entry's own number.
  if (articleLike.has(type)) {
    add('number', item.issue)
    if (type === 'article') add('eid', item.number)
  } else if (bookLike.has(type)) add('number', item['collection-number'])
  else add('number', item.number)
  add(type === 'report' || type === 'thesis' ? 'institution' : type === 'online' ? 'organization' : 'publisher', item.publisher)
  // A patent's `location` is its jurisdiction (pandoc, citation-js); its place is `address`.
  if (type === 'patent') {
    add('location', item.jurisdiction)
    add('address', item['publisher-place'])
  } else add('location', item['publisher-place'])
  for (const [csl, field] of dateFields) {
    const written = date(item[csl])
    // pandoc reads a date that is not EDTF ("Spring 2020") only from `year`.
    if (written && 'literal' in written) put(csl === 'issued' ? 'year' : field, balanced(written.literal))
    else put(field, written?.edtf)
  }
  for (const [csl, field] of plainFields) add(field, item[csl])
  const body = [...fields].map(([field, latex]) => `  ${field} = {${latex}},`)
  return `@${type}{${item.id},\n${body.join('\n')}\n}\n`
}

function entryTypeOf(item: CslItem): string {
  const type = entryTypes[item.type ?? '']?.[0] ?? 'misc'
  return type === 'incollection' && !item.editor ? 'inbook' : type
}

/** A CSL text as the field's value. */
function format(field: string, value: string): string {
  // Verbatim for pandoc; citation-js reads some of these as LaTeX, where a lone `$` opens a
  // formula that never closes and the whole file fails, so `$` alone is escaped there.
  if (rawFields.has(field)) return balanced(field === 'url' || field === 'doi' ? value : value.replaceAll('$', '\\$'))
  if (field === 'pages') return escape(value).replaceAll('-{}', '-').replace(/-/g, '--')
  let latex = titleFields.has(field) ? protectCase(value) : escape(value)
  // "Ministry of Law and Justice" is one publisher, not two.
  if (listFields.has(field)) latex = latex.replace(/(^|\s)(and)(?=\s|$)/gi, '$1{$2}')
  return latex
}

/** Verbatim text, its braces kept only when they pair (a lone brace would end the field). */
function balanced(value: string): string {
  let depth = 0
  for (const c of value) {
    depth += c === '{' ? 1 : c === '}' ? -1 : 0
    if (depth < 0) break
  }
  return depth === 0 ? value : value.replace(/[{}]/g, '')
}

function text(value: unknown): string | undefined {
  if (typeof value === 'number') return String(value)
  if (typeof value !== 'string' || !value.trim()) return undefined
  return value
}

// —— dates ——

interface CslDate {
  'date-parts'?: unknown[]
  circa?: unknown
  season?: unknown
  literal?: string
  raw?: string
}

/** EDTF (`2021-08`, `2012/2015`, `2023-22` for summer, `~` for circa), or the date as written. */
function date(value: unknown): { edtf: string } | { literal: string } | undefined {
  if (typeof value === 'string' || typeof value === 'number') value = { raw: String(value) }
  if (typeof value !== 'object' || value === null) return undefined
  const d = value as CslDate
  const circa = d.circa === true || d.circa === 1 || d.circa === 'true' ? '~' : ''
  if (Array.isArray(d['date-parts']) && d['date-parts'].length) {
    const ends = d['date-parts'].map((parts) => (Array.isArray(parts) ? parts.map(Number).filter(Number.isFinite) : []))
    if (ends.every((end) => end.length)) {
      // CSL-JSON's season (1–4) on a date with no month is EDTF's month 21–24.
      const season = Number(d.season)
      if (ends.length === 1 && ends[0]!.length === 1 && season >= 1 && season <= 4) ends[0]!.push(20 + season)
      return { edtf: ends.map(edtf).join('/') + circa }
    }
  }
  const written = (d.raw ?? d.literal ?? '').trim()
  if (!written) return undefined
  if (/^-?\d{1,4}(-\d{1,2}){0,2}[~?%]?(\/-?\d{1,4}(-\d{1,2}){0,2}[~?%]?)?$/.test(written)) return { edtf: written }
  return { literal: written }
}

function edtf([year, month, day]: number[]): string {
  // citeproc-js's seasons 13–16 are EDTF's 21–24.
  const m = month !== undefined && month >= 13 && month <= 16 ? month + 8 : month
  return [String(year).padStart(4, '0'), m, day].filter((p) => p !== undefined).map((p) => String(p).padStart(2, '0')).join('-')
}

// —— names ——

function names(value: unknown): string | undefined {
  if (!Array.isArray(value) || !value.length) return undefined
  return value.map((n: CslName | string) => (typeof n === 'string' ? `{${escape(n)}}` : name(n))).join(' and ')
}

/**
 * One name. A literal name is braced whole; a non-dropping particle ("van" of "Vincent van
 * Gogh", cited "Van Gogh") needs biblatex's `useprefix`, set for that name alone in the
 * extended name format; a dropping one ("van" of "Ludwig van Beethoven") is the "von" part.
 */
function name(n: CslName): string {
  if (n.literal) return `{${escape(n.literal)}}`
  const part = (s: string | undefined) => (s ? `{${escape(s)}}` : undefined)
  // The extended name format where "Last, First" cannot say it: a non-dropping particle, a
  // family name of several words alone (braced, it would be a literal name), a given name alone.
  if (n['non-dropping-particle'] || (n.family && !n.given && /\s/.test(n.family)) || (!n.family && n.given)) {
    const parts = [['family', n.family], ['given', n.given], ['suffix', n.suffix], ['prefix', n['non-dropping-particle']]] as const
    const written = parts.filter(([, v]) => v).map(([k, v]) => `${k}=${part(v)}`)
    return written.join(', ') + (n['non-dropping-particle'] ? ', useprefix=true' : '')
  }
  // A family name of several words, or one that starts in lower case, is braced so that no
  // reader takes its first words for a particle or a given name.
  const family = n.family && (/[\s,]/.test(n.family) || /^\p{Ll}/u.test(n.family)) ? part(n.family)! : escape(n.family ?? '')
  const last = [n['dropping-particle'] && escape(n['dropping-particle']), family].filter(Boolean).join(' ')
  const given = n.given && (/,|\sand\s/i.test(n.given) ? part(n.given) : escape(n.given))
  return [last, n.suffix && part(n.suffix), given].filter(Boolean).join(', ')
}
