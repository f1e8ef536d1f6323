/**
 * What citation-js makes of a BibTeX entry, brought to what pandoc's BibTeX reader makes of it
 * where the two differ in data (titles stay as written: see README, Differences from pandoc):
 * - a list field (`location = {Cambridge and New York}`, an institution whose name has "and")
 *   is one text, its parts joined by "; ", where citation-js leaves a list citeproc drops;
 * - a thesis's or report's type key is the words biblatex prints ("PhD thesis");
 * - `entrysubtype = {newspaper}` makes a newspaper article, not a journal article;
 * - a name's "von" part is a dropping particle (biblatex's default, `useprefix=false`): "van
 *   der Ploeg" is cited "Ploeg"; one written onto the name ("al-Hashimi") stays on it, and so
 *   does one given with `useprefix=true` (`family={Gogh}, given={Vincent}, prefix={van},
 *   useprefix=true`);
 * - a name in braces, `{Pakistan Institute for Peace Studies}`, is a literal name;
 * - `@booklet` is a pamphlet, `@inreference` an encyclopedia entry, `@unpublished` with an
 *   event (eventtitle, eventdate, venue) a speech;
 * - `number` is an article's issue (also of a `@review`), a book's number in its series, and
 *   any other entry's own number (a treaty's, a hearing's), where citation-js reads it for
 *   patents, reports and legislation only; `keywords` are the text as written;
 * - `editor` with `editortype = {director}` is the director; a patent's `location` is its
 *   jurisdiction and its `address` the place;
 * - with `maintitle`, outside a book's parts, the work is `maintitle` and `title` the volume;
 * - dates are EDTF as pandoc reads them: seasons (`2023-22`) and `~` for circa, which
 *   citation-js drops.
 * The fields citation-js does not keep are read again from the entry's own text, with
 * citation-js's parser, and only for the entries that need it (bibtex-entry.ts).
 */
import { nameVariables, type CslItem } from './csl-item.ts'
import { readAsPandoc } from './bibtex-entry.ts'

/** biblatex's type keys in the words it prints; `techreport` pandoc leaves out. */
const typeWords: Record<string, string | undefined> = {
  phdthesis: 'PhD thesis',
  mathesis: 'Master’s thesis',
  candthesis: 'Candidate thesis',
  resreport: 'research report',
  techreport: undefined,
  software: 'computer software',
  audiocd: 'audio CD',
  datacd: 'data CD',
}

/** Periodicals by `entrysubtype`. */
const subtypes: Record<string, string> = { newspaper: 'article-newspaper', magazine: 'article-magazine' }

interface CslName {
  family?: string
  given?: string
  'non-dropping-particle'?: string
  'dropping-particle'?: string
  literal?: string
}

/** `item` as pandoc reads the same entry; `written` gives the entry's text, to see how it was written there. */
export function likePandoc(item: CslItem, written: () => string): CslItem {
  const out: CslItem = { ...item }
  for (const [field, value] of Object.entries(out)) {
    if (Array.isArray(value) && value.every((part) => typeof part === 'string')) out[field] = value.join('; ')
  }
  readAsPandoc(out, written())
  if (typeof out.genre === 'string' && Object.hasOwn(typeWords, out.genre)) {
    const words = typeWords[out.genre]
    if (words) out.genre = words
    else delete out.genre
  }
  if (out.type === 'article-journal' && typeof out.genre === 'string' && Object.hasOwn(subtypes, out.genre)) {
    out.type = subtypes[out.genre]!
    delete out.genre
  }
  for (const field of nameVariables) {
    const names = out[field]
    if (Array.isArray(names)) out[field] = names.map((name: CslName) => particleLikePandoc(name, written))
  }
  return out
}

function particleLikePandoc(name: CslName, written: () => string): CslName {
  const particle = name['non-dropping-particle']
  if (!particle || !name.family) return name
  const text = written()
  // One name with `useprefix=true` (the extended name format, as our writer gives it) keeps its particle.
  const quote = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  if (new RegExp(`family\\s*=\\s*\\{?${quote(name.family)}\\}?(?:(?!\\sand\\s)[^])*?useprefix\\s*=\\s*true`, 'i').test(text)) return name
  const { 'non-dropping-particle': _, ...rest } = name
  // "al-Hashimi", "d'Alembert": the particle is part of the name as written.
  const joined = ['-', "'", '’'].find((mark) => text.includes(`${particle}${mark}${name.family}`))
  if (joined) return { ...rest, 'non-dropping-particle': `${particle}${joined}` }
  return { ...rest, 'dropping-particle': particle }
}

/**
 * Each entry's text in a BibTeX file by key (to the next entry), found in one pass: a shared
 * library of thousands of entries is not searched again for each.
 */
export function entryTexts(file: string): (key: string) => string {
  let spans: Map<string, [number, number]> | undefined
  return (key) => {
    if (!spans) {
      spans = new Map()
      const starts = [...file.matchAll(/@\w+\s*[{(]\s*([^,\s]+)\s*,/g)]
      starts.forEach((match, i) => {
        if (!spans!.has(match[1]!)) spans!.set(match[1]!, [match.index, starts[i + 1]?.index ?? file.length])
      })
    }
    const span = spans.get(key)
    return span ? file.slice(span[0], span[1]) : ''
  }
}
