/**
 * Smart punctuation, the typesetter's way: "…" → “…”, ' → ’ or ‘ by context (apostrophes,
 * '90s), -- → –, --- → —, ... → …, with the quotation marks of the brief's language. The rules
 * are retext-smartypants'; this module only feeds it text and puts the text back.
 *
 * Quotes depend on their neighbours across inline markup (`"*Dawn*"` is one quotation), so
 * a block's pieces of text are read as one string, in which anything that is not the author's
 * prose (code, a citation, a note call) stands as one letter. Quote replacement keeps every
 * piece's length, so the string is cut back into its pieces; dashes and ellipses are then
 * replaced piece by piece (they never span two).
 */
import { retext } from 'retext'
import smartypants, { type Options } from 'retext-smartypants'

/** Opening and closing quotation marks by language (the primary subtag). */
const quoteMarks: Record<string, { open: { double: string; single: string }; close: { double: string; single: string } }> = {
  en: { open: { double: '“', single: '‘' }, close: { double: '”', single: '’' } },
  de: { open: { double: '„', single: '‚' }, close: { double: '“', single: '‘' } },
  fr: { open: { double: '«\u202f', single: '‹\u202f' }, close: { double: '\u202f»', single: '\u202f›' } },
  es: { open: { double: '«', single: '“' }, close: { double: '»', single: '”' } },
  it: { open: { double: '«', single: '“' }, close: { double: '»', single: '”' } },
  nl: { open: { double: '“', single: '‘' }, close: { double: '”', single: '’' } },
}

/** What stands in the text for a piece that is not prose (keeps "…[code]…" quotes right). */
const atom = 'A'

// retext-smartypants writes one closing mark for both a closing single quote and an
// apostrophe; one-character placeholders let us tell them apart afterwards (and keep every
// piece's length while the block is read as one string).
const [openDouble, closeDouble, openSingle, closeSingle] = ['\ue000', '\ue001', '\ue002', '\ue003']

interface Typesetter {
  quotes: (text: string) => string
  rest: (text: string) => string
}

const cache = new Map<string, Typesetter>()

function typesetterFor(lang: string): Typesetter {
  const primary = lang.toLowerCase().split(/[-_]/)[0] ?? 'en'
  const cached = cache.get(primary)
  if (cached) return cached
  const marks = quoteMarks[primary] ?? quoteMarks.en!
  const quoteStep = retext()
    .use(smartypants, {
      quotes: true,
      dashes: false,
      ellipses: false,
      backticks: false,
      openingQuotes: { double: openDouble, single: openSingle },
      closingQuotes: { double: closeDouble, single: closeSingle },
    } satisfies Options)
    .freeze()
  const restStep = retext().use(smartypants, { quotes: false, dashes: 'oldschool', ellipses: true, backticks: false } satisfies Options).freeze()
  const typesetter: Typesetter = {
    quotes: (text) => (/["']/.test(text) ? apostrophes(String(quoteStep.processSync(text))) : text),
    rest: (text) => {
      const done = /--|\.\.\./.test(text) ? String(restStep.processSync(text)) : text
      return done.replace(/[\ue000-\ue003]/g, (c) =>
        c === openDouble ? marks.open.double : c === closeDouble ? marks.close.double : c === openSingle ? marks.open.single : marks.close.single,
      )
    },
  }
  cache.set(primary, typesetter)
  return typesetter
}

/** A closing single mark with no single quotation open is an apostrophe (it’s, Pakistan’s, ’90s). */
function apostrophes(text: string): string {
  let open = 0
  // Before a year's two digits it is always an apostrophe: '90s, '90s-era, class of '24.
  return text.replace(/\ue002(?=\d\d(?!\d))/g, '’').replace(/[\ue002\ue003]/g, (c) => {
    if (c === openSingle) {
      open++
      return c
    }
    if (open > 0) {
      open--
      return c
    }
    return '’'
  })
}

/**
 * Typesets pieces of one block of text that are read together. `null` pieces are not prose
 * (code, citations): they count as one letter for the quotes around them and stay untouched.
 */
export function smartPieces(pieces: Array<string | null>, lang: string): Array<string | null> {
  const { quotes, rest } = typesetterFor(lang)
  const joined = pieces.map((p) => (p === null ? atom : p)).join('')
  const quoted = quotes(joined)
  let at = 0
  return pieces.map((piece) => {
    const length = piece === null ? atom.length : piece.length
    const part = quoted.slice(at, at + length)
    at += length
    return piece === null ? null : rest(part)
  })
}

/** One string of the author's prose: a title, a disclaimer, a role. */
export function smartText(text: string, lang: string): string {
  return smartPieces([text], lang)[0]!
}

/** A citation prefix or suffix, which may hold `<i>`/`<b>` markup: only the text between tags. */
export function smartMarkup(html: string, lang: string): string {
  const parts = html.split(/(<\/?[a-z]+>)/)
  return smartPieces(
    parts.map((part, i) => (i % 2 ? null : part)),
    lang,
  )
    .map((part, i) => (i % 2 ? parts[i] : part))
    .join('')
}
