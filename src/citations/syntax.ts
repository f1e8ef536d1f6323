/**
 * Pandoc citation syntax, read from a run of plain text.
 *
 * Glossary:
 * - cluster: one citation as the author wrote it, `[see @a, p. 4; @b]` or `@a [p. 4]`;
 *   it becomes one note (note styles) or one parenthetical (author-date styles).
 * - item: one source inside a cluster, with its key.
 * - prefix / suffix: the author's words before the key and after the locator.
 * - locator + label: the pinpoint, `p. 12` → label `page`, locator `12`.
 * - suppress-author: `-@key`, the author is already named in the sentence.
 * - author-in-text: `@key` outside brackets, rendered as "Author" in the running text.
 *
 * This module only reads syntax; it knows nothing about Markdown trees or sources. Locators
 * are read by ./locator.ts.
 */
import { parseLocator, typeset, type Locator } from './locator.ts'

export interface CiteItemSyntax {
  key: string
  prefix: string
  suffix: string
  locator?: string
  /** CSL locator label (`page`, `chapter`, …); set whenever `locator` is. */
  label?: string
  suppressAuthor: boolean
  /** Offset of the `@` of the key, relative to the scanned text. */
  keyOffset: number
  /** A comma after the key with nothing after it (`[@key, ]`): left out, and worth a warning. */
  emptyLocator?: boolean
}

export interface ClusterSyntax {
  /** Offsets of the whole cluster in the scanned text, end exclusive. */
  start: number
  end: number
  mode: 'normal' | 'author-in-text'
  items: CiteItemSyntax[]
}

// Pandoc's rule: a key starts with a letter, digit or `_`; punctuation may appear inside a
// key only when a letter, digit or `_` follows, so "(@doe2020)." ends the key before ").".
const keyBody = String.raw`[\p{L}\p{N}_](?:[\p{L}\p{N}_]|[:.#$%&\-+?<>~/](?=[\p{L}\p{N}_]))*`
const keyPattern = new RegExp(String.raw`^(?:\{([^{}]+)\}|(${keyBody}))`, 'u')
const inTextPattern = new RegExp(String.raw`@(?:\{[^{}]+\}|${keyBody})`, 'gu')
const wordChar = /[\p{L}\p{N}_]/u

/** Splits `s` at `sep` outside braces and brackets. */
function splitTopLevel(s: string, sep: string): Array<{ text: string; offset: number }> {
  const parts: Array<{ text: string; offset: number }> = []
  let depth = 0
  let from = 0
  for (let i = 0; i < s.length; i++) {
    const c = s[i]
    if (c === '{' || c === '[') depth++
    else if ((c === '}' || c === ']') && depth > 0) depth--
    else if (c === sep && depth === 0) {
      parts.push({ text: s.slice(from, i), offset: from })
      from = i + 1
    }
  }
  parts.push({ text: s.slice(from), offset: from })
  return parts
}

/** Reads one `prefix -@key locator suffix` piece of a bracketed cluster, or undefined. */
function parseItem(piece: string, offset: number): CiteItemSyntax | undefined {
  const at = piece.search(/(?:^|(?<=\s))-?@/u)
  if (at < 0) return undefined
  const suppressAuthor = piece[at] === '-'
  const keyStart = at + (suppressAuthor ? 2 : 1)
  const match = keyPattern.exec(piece.slice(keyStart))
  if (!match) return undefined
  const key = match[1] ?? match[2]!
  const rest = piece.slice(keyStart + match[0].length)
  // A second key in the same piece means a missing ";": not pandoc syntax, leave it as text.
  if (/(?:^|\s)-?@[\p{L}\p{N}_{]/u.test(rest)) return undefined
  // `[@key, ]`: a locator the author meant to write and did not; the comma alone would print.
  const emptyLocator = /^\s*,\s*$/.test(rest)
  const { suffix, ...locator } = parseLocator(emptyLocator ? '' : rest.replace(/\s+$/, ''))
  return {
    key,
    prefix: typeset(piece.slice(0, at).replace(/^\s+/, '')),
    ...locator,
    suffix: typeset(suffix),
    suppressAuthor,
    keyOffset: offset + keyStart - 1,
    ...(emptyLocator ? { emptyLocator } : {}),
  }
}

/** Finds the `]` closing the `[` at `open`, allowing balanced brackets inside. */
function closingBracket(text: string, open: number): number {
  let depth = 0
  for (let i = open; i < text.length; i++) {
    if (text[i] === '[') depth++
    else if (text[i] === ']' && --depth === 0) return i
  }
  return -1
}

function bracketedAt(text: string, open: number): ClusterSyntax | undefined {
  const close = closingBracket(text, open)
  if (close < 0) return undefined
  const inner = text.slice(open + 1, close)
  const items: CiteItemSyntax[] = []
  for (const part of splitTopLevel(inner, ';')) {
    const item = parseItem(part.text, open + 1 + part.offset)
    if (!item) return undefined
    items.push(item)
  }
  return { start: open, end: close + 1, mode: 'normal', items }
}

function inTextAt(text: string, at: number, length: number): ClusterSyntax | undefined {
  // An `@` glued to a word is an e-mail address or a handle, not a citation.
  if (at > 0 && (wordChar.test(text[at - 1]!) || text[at - 1] === '@')) return undefined
  const match = keyPattern.exec(text.slice(at + 1, at + length))!
  const key = match[1] ?? match[2]!
  let end = at + length
  let rest: Locator = { suffix: '' }
  let emptyLocator = false
  // `@key [p. 33]`: a bracket right after the key holds its locator and suffix.
  // Spaces and at most one line break may stand between them, as in pandoc.
  const after = /^[ \t]*(?:\n[ \t]*)?\[/.exec(text.slice(end))
  if (after) {
    const open = end + after[0].length - 1
    const close = closingBracket(text, open)
    const inner = close < 0 ? '' : text.slice(open + 1, close)
    if (close >= 0 && !inner.includes('@')) {
      emptyLocator = /^\s*,?\s*$/.test(inner) && inner.includes(',')
      rest = parseLocator(emptyLocator ? '' : inner)
      rest.suffix = typeset(rest.suffix)
      end = close + 1
    }
  }
  return {
    start: at,
    end,
    mode: 'author-in-text',
    items: [{ key, prefix: '', ...rest, suppressAuthor: false, keyOffset: at, ...(emptyLocator ? { emptyLocator } : {}) }],
  }
}

/** All citation clusters in a piece of plain text, in order. */
export function findCitations(text: string): ClusterSyntax[] {
  const found: ClusterSyntax[] = []
  let i = 0
  while (i < text.length) {
    const open = text.indexOf('[', i)
    inTextPattern.lastIndex = i
    const inText = inTextPattern.exec(text)
    const at = inText?.index ?? -1
    if (open < 0 && at < 0) break
    if (open >= 0 && (at < 0 || open < at)) {
      const cluster = bracketedAt(text, open)
      if (cluster) {
        found.push(cluster)
        i = cluster.end
      } else i = open + 1
      continue
    }
    const cluster = inTextAt(text, at, inText![0].length)
    if (cluster) {
      found.push(cluster)
      i = cluster.end
    } else i = at + 1
  }
  return found
}
