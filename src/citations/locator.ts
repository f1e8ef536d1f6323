/**
 * The locator of a cited item — `p. 12`, `paras. 8--9`, `art. III(2)`, `sec. 4(1)(a)`, `{iv, n. 2}` —
 * read from the text after its key the way pandoc reads it, so that ibid compares the same
 * values pandoc's does and no part of a locator is left to the suffix.
 *
 * Glossary:
 * - token: a run of letters and digits, one punctuation mark, or one space (pandoc splits the
 *   text so; `:` stays inside runs, for `3:12`);
 * - label: `p.`, `ch.`, `§`, `paras.` … (longest match, any case), mapped to a CSL locator type;
 * - word: one locator value: units such as `12`, `12a`, `III`, `8--9`, `1.2.3`, each optionally
 *   followed by bracketed parts, `(2)`, `[17]`; further words follow after `,`, as `3, 5`;
 * - without a label the locator is a page and every word needs a digit; with one, a digit or a
 *   roman numeral (`vol. II`);
 * - `{…}` holds a locator verbatim, with an optional label first.
 */

/** CSL locator types by the abbreviations and words authors type (singular and plural). */
const labels: ReadonlyMap<string, string> = new Map(
  Object.entries({
    book: ['book', 'books', 'bk.', 'bks.'],
    chapter: ['chapter', 'chapters', 'chap.', 'chaps.', 'ch.', 'chs.'],
    column: ['column', 'columns', 'col.', 'cols.'],
    figure: ['figure', 'figures', 'fig.', 'figs.'],
    folio: ['folio', 'folios', 'fol.', 'fols.'],
    issue: ['issue', 'issues', 'no.', 'nos.', 'number', 'numbers'],
    line: ['line', 'lines', 'l.', 'll.'],
    note: ['note', 'notes', 'n.', 'nn.'],
    opus: ['opus', 'opera', 'op.', 'opp.'],
    page: ['page', 'pages', 'p.', 'pp.'],
    paragraph: ['paragraph', 'paragraphs', 'para.', 'paras.', '¶', '¶¶'],
    part: ['part', 'parts', 'pt.', 'pts.'],
    section: ['section', 'sections', 'sec.', 'secs.', '§', '§§'],
    'sub verbo': ['sub verbo', 'sub verbis', 's.v.', 's.vv.'],
    verse: ['verse', 'verses', 'v.', 'vv.'],
    volume: ['volume', 'volumes', 'vol.', 'vols.'],
    // CSL 1.0.2's name for an article of a law or treaty (pandoc 2.17 predates it).
    'article-locator': ['article', 'articles', 'art.', 'arts.'],
  }).flatMap(([label, words]) => words.map((word): [string, string] => [word, label])),
)

/**
 * A suffix that the style's own words make a locator, as pandoc reads them: OSCOLA writes a
 * paragraph "para", a section "s", so `[@case, para 15]` is paragraph 15 there, where US
 * English has only "para." and it stays words. `terms` maps each of the style's and locale's
 * words for a locator (any case) to its CSL type; undefined when the suffix starts with none.
 */
export function locatorFromTerms(suffix: string, terms: ReadonlyMap<string, string>): Locator | undefined {
  const text = suffix.replace(/^,?\s*/, '')
  const word = /^(\S+)\s+(?=\S)/.exec(text)?.[1]
  const type = word && terms.get(word.toLowerCase())
  if (!word || !type || labels.get(word.toLowerCase()) === type) return undefined
  // Read the rest as after our own word for the type, so ranges and several values parse alike.
  const own = [...labels].find(([, t]) => t === type)?.[0]
  if (!own) return undefined
  const found = parseLocator(`${own} ${text.slice(word.length).trimStart()}`)
  return found.label === type && found.locator ? found : undefined
}

/** Every CSL locator type we read. */
export const locatorTypes: readonly string[] = [...new Set(labels.values())]

export interface Locator {
  locator?: string
  /** CSL locator type; set whenever `locator` is. */
  label?: string
  suffix: string
}

/** Splits the text after a key into locator, label and suffix. */
export function parseLocator(rest: string): Locator {
  const tokens = tokenize(rest)
  let at = 0
  if (tokens[at] === ',') at++
  if (isSpace(tokens[at])) at++
  const found = tokens[at] === '{' ? delimited(tokens, at) : integrated(tokens, at)
  if (!found) return { suffix: withComma(rest) }
  return { locator: typeset(found.locator.trim()), label: found.label, suffix: tokens.slice(found.end).join('') }
}

/**
 * A locator as citeproc-js should have it. A page range of numbers (`101–103`, typed
 * `101--103`) goes with a hyphen: citeproc-js shortens it by the style's page-range-format
 * ("101–3" in Chicago) and sets the style's range dash only then. Every other range it prints
 * as written, so its dash is set here, as CSL and pandoc's citeproc print it: two parts around
 * one hyphen or dash read "2–3" (`figs. 2-3`, `chaps. 4--5`, `iv-vi`), pages joined by the
 * style's page-range-delimiter (`delimiter`, an en dash unless the style sets another: AMA's
 * "[17]-[18]"); anything else (`2-3-4`) stays as written, as pandoc leaves it. Pages are
 * ranged one by one between commas and ampersands.
 */
export function rangeForCiteproc(locator: string, label = 'page', delimiter = '–'): string {
  if (label !== 'page') return dashed(locator, '–')
  return locator
    .split(/(\s*[,&]\s*)/)
    .map((range, i) => (i % 2 ? range : numericPages.test(range) ? range.replace('–', '-') : dashed(range, delimiter)))
    .join('')
}

/** A page range citeproc-js formats itself: numbers, each with an optional letter prefix ("A3-A5"). */
const numericPages = /^\s*[a-z]*\d+\s*[-–]\s*[a-z]*\d+\s*$/i

/** Two parts around one hyphen or dash, joined by `delimiter`; else as written. */
function dashed(range: string, delimiter: string): string {
  const parts = range.split(/[-–]/)
  return parts.length === 2 && parts.every((part) => part.trim()) ? parts.map((part) => part.trim()).join(delimiter) : range
}

/**
 * Whether the locator's label is plural, as pandoc's citeproc decides: the locator has more
 * than one part between spaces, commas, semicolons, hyphens and en dashes (`[17]-[18]`,
 * `iv, n. 2`, `3, 5`), unless it holds an escaped hyphen. citeproc-js pluralises only
 * locators it reads as numbers, so these are marked for it (`locator-plural`).
 */
export function pluralLocator(locator: string): boolean {
  return !locator.includes('\\-') && /[^,;\-–\s][,;\-–\s]+[^,;\-–\s]/.test(locator.trim())
}

/** Typed dashes, as pandoc's smart punctuation reads them: `---` —, `--` –. */
export function typeset(text: string): string {
  return text.replaceAll('---', '—').replaceAll('--', '–')
}

/** A suffix that is not a locator reads ", emphasis added" unless it starts with punctuation or a space. */
function withComma(suffix: string): string {
  return !suffix || /^[\s\p{P}]/u.test(suffix) ? suffix : `, ${suffix}`
}

// Markup (<i>, </b>) from emphasis inside the brackets is one token, never part of a locator.
const tokenPattern = /<\/?[a-z]+>|[^\s\p{P}<]+|<|[\s\S]/gu

function tokenize(text: string): string[] {
  return text.match(tokenPattern) ?? []
}

const isSpace = (token: string | undefined) => token !== undefined && /^\s$/u.test(token)
const isBracket = (token: string | undefined) => token !== undefined && '()[]{}'.includes(token) && token.length === 1
/** Punctuation that ends a unit; hyphens, dashes and `:` belong to ranges like `8--9`, `3:12`. */
const endsUnit = (token: string) => isSpace(token) || token.startsWith('<') || (/^\p{P}$/u.test(token) && !'-–:'.includes(token))

const roman = /^(?=[MDCLXVI])M{0,4}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$/

interface Word {
  text: string
  /** Has a digit (or, with `romanCounts`, a roman numeral). */
  digits: boolean
  romans: boolean
  end: number
}

/** `12`, `12a`, `III`, `8--9`, `1.2.3`: a unit, then `.unit`s. */
function pageSeq(tokens: string[], at: number): Word | undefined {
  let i = at
  let text = ''
  let digits = false
  let romans = false
  const unit = (): boolean => {
    const token = tokens[i]
    if (token === undefined || endsUnit(token) || isBracket(token)) return false
    if (roman.test(token.toUpperCase())) {
      romans = true
      text += token
      i++
      return true
    }
    while (tokens[i] !== undefined && !endsUnit(tokens[i]!) && !isBracket(tokens[i])) {
      if (/\p{N}/u.test(tokens[i]!)) digits = true
      text += tokens[i++]
    }
    return true
  }
  if (!unit()) return undefined
  while (tokens[i] === '.' && tokens[i + 1] !== undefined && !endsUnit(tokens[i + 1]!) && !isBracket(tokens[i + 1])) {
    text += '.'
    i++
    unit()
  }
  return { text, digits, romans, end: i }
}

/** One word: page sequences and bracketed parts, `12(b)`, `4(1)(a)`, `[17]-[18]`. */
function word(tokens: string[], at: number): Word | undefined {
  let i = at
  let text = ''
  let digits = false
  let romans = false
  for (;;) {
    const open = tokens[i]
    const close = open === '(' ? ')' : open === '[' ? ']' : open === '{' ? '}' : undefined
    if (close) {
      const inner = pageSeq(tokens, i + 1)
      const end = inner ? inner.end : i + 1
      if (tokens[end] !== close) break
      text += open + (inner?.text ?? '') + close
      digits ||= Boolean(inner?.digits)
      romans ||= Boolean(inner?.romans)
      i = end + 1
      continue
    }
    const seq = pageSeq(tokens, i)
    if (!seq) break
    text += seq.text
    digits ||= seq.digits
    romans ||= seq.romans
    i = seq.end
  }
  return i > at ? { text, digits, romans, end: i } : undefined
}

/** A word after an optional `,` and an optional space, as long as it passes `accept`. */
function nextWord(tokens: string[], at: number, first: boolean, accept: (w: Word) => boolean): Word | undefined {
  let i = at
  let lead = ''
  if (!first && (tokens[i] === ',' || tokens[i] === ';')) lead += tokens[i++]
  if (isSpace(tokens[i])) lead += tokens[i++]
  const found = word(tokens, i)
  return found && accept(found) ? { ...found, text: lead + found.text } : undefined
}

function integrated(tokens: string[], at: number): { label: string; locator: string; end: number } | undefined {
  const hasDigits = (w: Word) => w.digits
  const digitLike = (w: Word) => w.digits || w.romans
  // The longest label that a locator word follows.
  let label: string | undefined
  let start = at
  for (let end = at + 1; end <= Math.min(tokens.length, at + 8); end++) {
    const candidate = labels.get(tokens.slice(at, end).join('').trim().toLowerCase())
    if (candidate && nextWord(tokens, end, true, digitLike)) {
      label = candidate
      start = end
    }
  }
  const accept = label ? digitLike : hasDigits
  const first = nextWord(tokens, start, true, accept)
  if (!first) return undefined
  let locator = first.text
  let end = first.end
  for (let next = nextWord(tokens, end, false, accept); next; next = nextWord(tokens, end, false, accept)) {
    locator += next.text
    end = next.end
  }
  return { label: label ?? 'page', locator, end }
}

/** `{pp. iv, vi--xi}`: a label if one leads, then everything up to the matching `}`. */
function delimited(tokens: string[], at: number): { label: string; locator: string; end: number } | undefined {
  let depth = 0
  let close = -1
  for (let i = at; i < tokens.length; i++) {
    if (tokens[i] === '{' || tokens[i] === '[') depth++
    else if ((tokens[i] === '}' || tokens[i] === ']') && --depth === 0) {
      close = tokens[i] === '}' ? i : -1
      break
    }
  }
  if (close < 0) return undefined
  let i = at + 1
  while (isSpace(tokens[i])) i++
  let label = 'page'
  let start = i
  for (let end = i + 1; end < close; end++) {
    const candidate = labels.get(tokens.slice(i, end).join('').trim().toLowerCase())
    if (candidate) {
      label = candidate
      start = end
    }
  }
  return { label, locator: tokens.slice(start, close).join(''), end: close + 1 }
}
