/**
 * BibTeX string macros that nothing defines. `publisher = oup` names a macro; when no
 * `@string{oup = …}` defines it, the parser drops the field without a word (pandoc prints
 * "oup"), so a typo in a macro name would silently lose a publisher or journal.
 */
import type { Point } from 'unist'
import { predefinedMacros } from './bibtex-internals.ts'
import { nearest } from '../text/nearest.ts'
import { entryStart, fieldStart } from './bibtex-braces.ts'

export interface MacroProblem {
  place: Point
  macro: string
  field: string
  key?: string
  near: string[]
}

// The macros the BibTeX reader itself defines: the months, and the journal abbreviations of
// BibTeX's standard styles (`cacm`, `jacm`, …), which it resolves like any @string.
const predefined = Object.keys(predefinedMacros)

const stringDefinition = /^\s*@string\s*[{(]\s*([A-Za-z][\w:.+/-]*)\s*=/gim

export function findUndefinedMacro(text: string): MacroProblem | undefined {
  const own = [...text.matchAll(stringDefinition)].map((m) => m[1]!.toLowerCase())
  const defined = new Set([...predefined, ...own])
  let key: string | undefined
  // Brace depth and an open quote at each line's start: a line inside a value ("effect = large"
  // in an abstract) is text, not a field.
  let depth = 0
  let quoted = false
  for (const [index, line] of text.split(/\r?\n/).entries()) {
    const atEntryLevel = depth === 1 && !quoted
    for (let i = 0; i < line.length; i++) {
      const c = line[i]
      if (c === '\\') i++
      else if (c === '{') depth++
      else if (c === '}') depth = Math.max(0, depth - 1)
      else if (c === '"' && depth === 1) quoted = !quoted
    }
    const entry = entryStart.exec(line)
    if (entry) {
      key = ['string', 'comment', 'preamble'].includes(entry[1]!.toLowerCase()) ? undefined : entry[2] || undefined
      continue
    }
    const field = atEntryLevel ? fieldStart.exec(line) : null
    if (!field || !key) continue
    // The value's parts joined by `#`, up to the first brace or quote (whose text is literal).
    let column = field[0].length
    for (const part of line.slice(column).split('#')) {
      const token = /^\s*([A-Za-z][\w:.+/-]*)\s*,?\s*$/.exec(part) ?? /^\s*([A-Za-z][\w:.+/-]*)\s*$/.exec(part)
      if (token && !defined.has(token[1]!.toLowerCase())) {
        const at = column + part.indexOf(token[1]!)
        return { place: { line: index + 1, column: at + 1 }, macro: token[1]!, field: field[2]!, key, near: nearest(token[1]!, own) }
      }
      if (/[{"]/.test(part)) break
      column += part.length + 1
    }
  }
  return undefined
}

export function macroMessage(problem: MacroProblem): string {
  const near = problem.near.length ? ` (did you mean \`${problem.near[0]}\`?)` : ''
  return `the \`${problem.field}\` field of entry \`${problem.key}\` uses \`${problem.macro}\`, a macro no @string defines${near}: write the value in braces, {…}, or define the macro`
}
