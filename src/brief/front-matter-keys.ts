/**
 * What a front matter key we do not read is: a near miss of one we read (a typo: its value
 * would be lost, so the brief is refused), a key of Quarto or pandoc (authors bring their
 * front matter from them: ignored, silently when it only steers that tool, with a warning when
 * it holds something a reader would have seen), or a key of the author's own (a warning).
 *
 * Glossary: a *known key* is one `readFrontMatter` reads; a *near miss* is a key within a
 * typo of a known key (below); a *foreign key* is one Quarto or pandoc defines.
 */
import { distance } from 'fastest-levenshtein'
import { nearest } from '../text/nearest.ts'

/**
 * Keys of Quarto (quarto.org/docs/reference) and pandoc (pandoc.org/MANUAL.html, "Metadata
 * variables") that a brief may carry. `null`: a setting of that tool (its output formats, its
 * code cells, its page layout), meaningless to a brief and ignored silently. A text: the key
 * holds something a reader would see in that tool's output and will not see here; the text
 * says what the toolkit does instead, in a warning.
 */
export const foreignKeys: Readonly<Record<string, string | null>> = {
  // Quarto's and pandoc's own machinery.
  format: null, editor: null, engine: null, jupyter: null, knitr: null, execute: null, filters: null,
  shortcodes: null, 'metadata-files': null, freeze: null, cache: null, echo: null, eval: null,
  warning: null, error: null, include: null, output: null, 'output-file': null, 'output-ext': null,
  params: null, draft: null, aliases: null, resources: null, 'execute-dir': null, standalone: null,
  'embed-resources': null, 'self-contained': null, 'keep-md': null, 'keep-tex': null, 'keep-ipynb': null,
  // Layout and typography: the house style sets these.
  theme: null, css: null, mainfont: null, sansfont: null, monofont: null, mathfont: null, fontsize: null,
  linestretch: null, geometry: null, papersize: null, margin: null, 'margin-left': null, 'margin-right': null,
  'margin-top': null, 'margin-bottom': null, documentclass: null, classoption: null, 'pdf-engine': null,
  'header-includes': null, 'include-in-header': null, 'include-before-body': null, 'include-after-body': null,
  'page-layout': null, 'title-block-banner': null, 'title-block-style': null, grid: null, dir: null,
  'highlight-style': null, 'code-fold': null, 'code-tools': null, 'code-copy': null, 'code-overflow': null,
  'code-line-numbers': null, 'fig-width': null, 'fig-height': null, 'fig-dpi': null, 'fig-format': null,
  'fig-cap-location': null, 'tbl-cap-location': null, 'cap-location': null, 'reference-location': null,
  'citation-location': null, 'citations-hover': null, 'footnotes-hover': null, crossref: null, lightbox: null,
  'smooth-scroll': null, 'anchor-sections': null, 'link-external-icon': null, 'link-external-newwindow': null,
  search: null, comments: null, colorlinks: null, linkcolor: null, urlcolor: null, citecolor: null,
  filecolor: null, toccolor: null, 'reference-doc': null, lof: null, lot: null, 'canonical-url': null,
  // Citation machinery the toolkit does its own way (notes after punctuation, links, the
  // citation tags of the web page are always written).
  'cite-method': null, citeproc: null, 'biblio-style': null, 'biblio-title': null, biblatexoptions: null,
  natbiboptions: null, 'link-bibliography': null, 'notes-after-punctuation': null, 'google-scholar': null,
  'appendix-style': null, 'appendix-cite-as': null,
  // Keys whose text a reader would have seen.
  description: 'the toolkit prints `abstract:` before the text and uses it as the page description',
  subject: 'the series label is `type:` and the subject words `keywords:`',
  tags: 'write subject words as `keywords:`',
  categories: 'write subject words as `keywords:`',
  institute: 'the institute is `name:` in brief.config.yaml, and an author\'s is their `affiliation:`',
  affiliation: 'give each author their own `affiliation:` under `author:`',
  affiliations: 'give each author their own `affiliation:` under `author:`',
  thanks: 'write acknowledgements as a note in the text',
  copyright: 'briefs print no copyright line',
  license: 'briefs print no licence',
  doi: 'briefs print no DOI',
  citation: 'the web page\'s citation tags come from the title, authors and date',
  funding: 'write funding as a note in the text',
  'date-format': 'dates are printed in the long form of the brief\'s `lang:`',
  'abstract-title': 'the abstract is printed without a heading',
  toc: 'briefs print no table of contents (the EPUB\'s navigation lists the headings)',
  'toc-depth': 'briefs print no table of contents (the EPUB\'s navigation lists the headings)',
  'toc-title': 'briefs print no table of contents (the EPUB\'s navigation lists the headings)',
  'title-meta': 'the metadata title is `title:`',
  'author-meta': 'the metadata authors are `author:`',
  'date-meta': 'the metadata date is `date:`',
  pagetitle: 'the page title is `title:`',
  'title-prefix': 'the page title is `title:`',
  image: 'briefs carry no cover or listing image',
  'cover-image': 'briefs carry no cover image',
  'epub-cover-image': 'the EPUB has a title page, no cover image',
  language: 'the brief\'s language is `lang:`, and Quarto\'s translated labels are not read',
  'citation-abbreviations': 'abbreviate journal titles in the sources themselves (`container-title-short`)',
}

/** Keys read as another key, with a note: `revised: 2025-06-20` is `date-modified`. */
export const keyAliases: Readonly<Record<string, string>> = { revised: 'date-modified' }

export type UnknownKey =
  /** A typo of `meant`: the brief is refused, so the value is not lost unnoticed. */
  | { kind: 'near-miss'; meant: string }
  /** Quarto's or pandoc's; `instead` says what the toolkit does, when a reader would miss it. */
  | { kind: 'foreign'; instead?: string }
  /** Nobody's we know: ignored with a warning, with the nearest known keys if any. */
  | { kind: 'unknown'; near: string[] }

/** The key as written, lower-cased, with `_` and spaces read as `-` (`Link_Citations`). */
const normalise = (key: string) => key.trim().toLowerCase().replace(/[_\s]+/g, '-')

/** True when `a` becomes `b` by swapping two neighbouring letters (`cls` → `csl`). */
function swapped(a: string, b: string): boolean {
  if (a.length !== b.length || a === b) return false
  const differ = [...a].flatMap((ch, i) => (ch === b[i] ? [] : [i]))
  return differ.length === 2 && differ[1] === differ[0]! + 1 && a[differ[0]!] === b[differ[1]!] && a[differ[1]!] === b[differ[0]!]
}

/**
 * A near miss: after `normalise`, one edit from a known key of up to four letters (`dat`,
 * `lnag` by a swap), two from a longer one (`authors`, `bibliograpy`, `subtitel`), or the
 * same key written another way (`Date`, `link_citations`). A foreign key is never a near miss
 * (`css` is not `csl`), and neither is a key that only starts with a known one (`date-format`).
 */
export function nearMiss(key: string, known: readonly string[]): string | undefined {
  const written = normalise(key)
  if (Object.hasOwn(foreignKeys, written)) return undefined
  const candidates = [...known, ...Object.keys(keyAliases)]
  const hits = candidates
    .map((candidate) => ({ candidate, d: distance(written, candidate) }))
    .filter(({ candidate, d }) => d <= (candidate.length <= 4 ? 1 : 2) || swapped(written, candidate))
    .sort((a, b) => a.d - b.d || a.candidate.localeCompare(b.candidate))
  const hit = hits[0]?.candidate
  return hit === undefined ? undefined : (keyAliases[hit] ?? hit)
}

/** What an unknown key is, for the message it gets. */
export function classifyKey(key: string, known: readonly string[]): UnknownKey {
  const meant = nearMiss(key, known)
  if (meant) return { kind: 'near-miss', meant }
  const written = normalise(key)
  if (Object.hasOwn(foreignKeys, written)) return { kind: 'foreign', ...(foreignKeys[written] ? { instead: foreignKeys[written]! } : {}) }
  return { kind: 'unknown', near: nearest(key, known) }
}
