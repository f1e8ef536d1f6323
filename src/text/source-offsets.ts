/**
 * Where each character of a Markdown text node's value stands in the source. The value is the
 * text as read: backslash escapes and character references (`&amp;`, `&#x2014;`) decoded, the
 * indentation of continuation lines left out. Its indexes therefore drift from the source's,
 * by a different amount at each character; walking the value and its stretch of source together
 * gives every character its own offset, so a message about a word points at that word.
 */
import { decodeNamedCharacterReference } from 'decode-named-character-reference'

/** `&name;`, `&#123;` or `&#x1F;` at `at` in `source`: its length and what it stands for. */
function reference(source: string, at: number): { length: number; text: string } | undefined {
  const match = /^&(?:#[xX]([\da-fA-F]{1,6})|#(\d{1,7})|([A-Za-z][A-Za-z\d]{0,31}));/.exec(source.slice(at, at + 40))
  if (!match) return undefined
  const [whole, hex, decimal, name] = match
  if (name !== undefined) {
    const text = decodeNamedCharacterReference(name)
    return text === false ? undefined : { length: whole.length, text }
  }
  const code = Number.parseInt((hex ?? decimal)!, hex ? 16 : 10)
  // Invalid code points are read as U+FFFD by the parser.
  const text = code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff) || code === 0 ? '\uFFFD' : String.fromCodePoint(code)
  return { length: whole.length, text }
}

/**
 * The source offset of each character of `value`, which the parser read from
 * `source.slice(start, end)`. A character the walk cannot match (the parser changed more than
 * it is known to) takes the offset after the last one matched.
 */
export function sourceOffsets(value: string, source: string, start: number, end: number): number[] {
  const offsets: number[] = []
  let j = start
  for (let i = 0; i < value.length; ) {
    const char = value[i]!
    if (j >= end) {
      offsets.push(Math.min(j, source.length))
      i++
      continue
    }
    if (source[j] === char) {
      offsets.push(j++)
      i++
      continue
    }
    if (source[j] === '\\' && source[j + 1] === char) {
      offsets.push(j)
      j += 2
      i++
      continue
    }
    const ref = source[j] === '&' ? reference(source, j) : undefined
    if (ref && value.startsWith(ref.text, i)) {
      for (let k = 0; k < ref.text.length; k++) offsets.push(j)
      i += ref.text.length
      j += ref.length
      continue
    }
    // Indentation and markers the parser left out of the value (continuation lines, `>`).
    j++
  }
  return offsets
}
