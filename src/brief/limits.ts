/**
 * Sane limits, checked on the text before it is parsed: input far past anything a brief needs
 * (megabytes, thousands of levels of nesting, tens of thousands of notes) gets a positioned
 * error in milliseconds instead of minutes of work or a stack overflow. Real briefs are tens of
 * kilobytes, nest a few levels and have up to a few hundred notes.
 */
import type { Point } from 'unist'
import { placeAt } from '../text/points.ts'
import { rule } from '../rules.ts'

export const limits = {
  /** Characters in the Markdown file. */
  size: 2_000_000,
  /**
   * Levels of block quotes, lists, HTML elements, fenced divs (`:::`) or brackets (`[`, in one
   * paragraph) inside each other. The parser's time grows with the square of the depth of
   * brackets and divs: 100,000 nested `[` took 98 s, 1,000 nested divs 14 s.
   */
  depth: 100,
  /**
   * Closing brackets `]` in one paragraph: the parser looks back over the paragraph at each
   * one, so its time grows with their square (60,000 `[a]` took 16 s, 200,000 `]` 458 s; 20,000 take
   * about 2 s). A paragraph of a real brief has a few dozen.
   */
  closings: 20_000,
  /** Footnotes the author defines, and inline notes `^[…]`. */
  notes: 10_000,
  /** Citations (`[@…]` groups and `@key` in the text). */
  citations: 20_000,
  /**
   * Bytes in one image file (src/brief/image-check.ts). A brief's figures are a few hundred
   * kilobytes; a photograph straight from a camera is 5 to 20 MB.
   */
  imageBytes: 50_000_000,
  /**
   * Pixels on an image's longer side, and in all: a 300 dpi A4 page is 2480 × 3508 pixels, a
   * 48-megapixel photograph 8000 × 6000. Past them Chromium printed a broken-image icon (a
   * PNG claiming 60000 × 60000 is 14 GB once decoded) and Word documents grew past use.
   */
  imageSide: 20_000,
  imagePixels: 50_000_000,
}

export interface LimitProblem {
  reason: string
  place: Point
  ruleId: 'too-large'
}

const voidElements = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr'])

export function checkLimits(text: string): LimitProblem | undefined {
  const at = (offset: number) => placeAt(text, offset)
  if (text.length > limits.size) {
    return { reason: `The brief is ${(text.length / 1e6).toFixed(1)} million characters long; the limit is ${limits.size / 1e6} million (an Issue Brief is usually under 50,000): split it, or move data out of it`, place: at(limits.size), ruleId: rule('too-large') }
  }
  // Block quotes and lists: levels from each line's markers and indentation.
  let offset = 0
  for (const line of text.split('\n')) {
    const quotes = /^(?:\s{0,3}>)+/.exec(line)?.[0].split('>').length ?? 1
    const indent = /^ */.exec(line)![0].length
    const listDepth = /^ *([-*+]|\d{1,9}[.)])\s/.test(line) ? Math.floor(indent / 2) + 1 : 0
    if (quotes - 1 > limits.depth || listDepth > limits.depth) {
      return { reason: `Block quotes or lists nest more than ${limits.depth} levels deep here; no brief needs so many: flatten them`, place: at(offset), ruleId: rule('too-large') }
    }
    offset += line.length + 1
  }
  // Fenced divs: an opening fence has a class or attributes, a closing one only colons (in a
  // block quote or a list item too).
  offset = 0
  let divs = 0
  for (const line of text.split('\n')) {
    const fence = /^[ \t>]*:{3,}(.*)$/.exec(line)
    if (fence) {
      divs += fence[1]!.replace(/:+\s*$/, '').trim() ? 1 : -1
      if (divs > limits.depth) return { reason: `Fenced divs (\`:::\`) nest more than ${limits.depth} levels deep here; no brief needs so many: flatten them`, place: at(offset), ruleId: rule('too-large') }
      if (divs < 0) divs = 0
    }
    offset += line.length + 1
  }
  // Raw HTML elements inside each other.
  let depth = 0
  for (const tag of text.matchAll(/<(\/?)([a-zA-Z][\w-]*)[^<>]*?(\/?)>/g)) {
    if (voidElements.has(tag[2]!.toLowerCase()) || tag[3]) continue
    depth += tag[1] ? -1 : 1
    if (depth > limits.depth) return { reason: `HTML elements nest more than ${limits.depth} levels deep here; no brief needs so many: flatten them`, place: at(tag.index), ruleId: rule('too-large') }
    if (depth < 0) depth = 0
  }
  const nth = (pattern: RegExp, n: number) => {
    let count = 0
    for (const match of text.matchAll(pattern)) if (++count > n) return match.index
    return undefined
  }
  // A definition `[^x]: …` or an inline note `^[…]` (counted at its opening, closed or not).
  const note = nth(/^ {0,3}\[\^[^\]\s]+\]:|\^\[/gm, limits.notes)
  if (note !== undefined) return { reason: `The brief defines more than ${limits.notes.toLocaleString('en')} footnotes; the limit is there to keep builds fast: split the brief`, place: at(note), ruleId: rule('too-large') }
  // A citation is a bracketed group (`[@a; @b, p. 3]` is one) or an `@key` in the running text.
  const group = /\[[^[\]]*?@[^[\]]*\]/g
  const groups = [...text.matchAll(group)]
  const blanked = text.replace(group, (match) => ' '.repeat(match.length))
  const bare = [...blanked.matchAll(/(?<![\w.+-])@[\p{L}\p{N}_]/gu)]
  const starts = [...groups, ...bare].map((m) => m.index).sort((a, b) => a - b)
  const citation = starts.length > limits.citations ? starts[limits.citations] : undefined
  if (citation !== undefined) return { reason: `The brief has more than ${limits.citations.toLocaleString('en')} citations; the limit is there to keep builds fast: split the brief`, place: at(citation), ruleId: rule('too-large') }
  // Brackets still open in one paragraph (links, citations, or none): `\[` is no bracket.
  let brackets = 0
  let closings = 0
  for (const mark of text.matchAll(/\\.|\[|\]|\n[ \t>\r]*(?=\r?\n)/g)) {
    const [found] = mark
    if (found === '[') brackets++
    else if (found === ']') {
      brackets = Math.max(0, brackets - 1)
      if (++closings > limits.closings) return { reason: `This paragraph has more than ${limits.closings.toLocaleString('en')} closing brackets (\`]\`); the parser's time grows with their square: split it with blank lines, or escape them (\\])`, place: at(mark.index), ruleId: rule('too-large') }
    } else if (found.startsWith('\n')) brackets = closings = 0
    if (brackets > limits.depth) return { reason: `Square brackets nest more than ${limits.depth} levels deep here (or as many are left open in one paragraph); no brief needs so many: close or escape them (\\[)`, place: at(mark.index), ruleId: rule('too-large') }
  }
  return undefined
}
