/**
 * Where a BibTeX file's braces go wrong. An unclosed `{` inside one field makes a parser read
 * on into the next entries and fail far below, at an entry that is fine; this finds the field
 * that opened it, so the message points at the entry that is broken.
 *
 * Each entry starts with `@type{` at the start of a line (as every reference manager writes
 * them). Inside an entry, a field (`name = …`) starts at brace depth 1; a field that starts
 * deeper means the one before it left a brace open.
 */
import type { Point } from 'unist'

export interface BraceProblem {
  place: Point
  /** The entry's key, when it has one. */
  key?: string
  /** The field whose value left a brace open, or undefined when the entry itself is unclosed. */
  field?: string
  kind: 'unclosed' | 'extra-close'
}

/** A line that starts an entry (`@type{key,` or `@type(key,`): its type and key. */
export const entryStart = /^@(\w+)\s*[{(]\s*([^,\s]*)/
/** A line that starts a field (`  name = …`): its indent and name; the match ends at the value. */
export const fieldStart = /^(\s*)([A-Za-z][\w-]*)\s*=\s*/

export function findBraceProblem(text: string): BraceProblem | undefined {
  const lines = text.split(/\r?\n/)
  let depth = 0
  let key: string | undefined
  let entryLine = 0
  let field: { name: string; line: number; column: number } | undefined
  for (const [index, line] of lines.entries()) {
    const entry = entryStart.exec(line)
    if (entry && entry[1]!.toLowerCase() !== 'comment') {
      if (depth > 0) return unclosed()
      key = entry[2] || undefined
      entryLine = index + 1
      field = undefined
    } else if (depth > 0) {
      const f = fieldStart.exec(line)
      if (f) {
        if (depth > 1 && field) return unclosed()
        if (depth === 1) field = { name: f[2]!, line: index + 1, column: f[1]!.length + 1 }
      }
    }
    for (let i = 0; i < line.length; i++) {
      const c = line[i]
      if (c === '\\') i++ // \{ and \} are characters, not braces
      else if (c === '{') depth++
      else if (c === '}') {
        depth--
        if (depth < 0) return { place: { line: index + 1, column: i + 1 }, key, kind: 'extra-close', ...(field ? { field: field.name } : {}) }
        if (depth === 0) field = undefined
      }
    }
  }
  return depth > 0 ? unclosed() : undefined

  function unclosed(): BraceProblem {
    if (field && depth > 1) return { place: { line: field.line, column: field.column }, key, field: field.name, kind: 'unclosed' }
    return { place: { line: entryLine, column: 1 }, key, kind: 'unclosed' }
  }
}

/** What is wrong, naming the entry and the field (the caller adds what to do). */
export function braceMessage(problem: BraceProblem): string {
  const entry = problem.key ? `entry \`${problem.key}\`` : 'an entry'
  if (problem.kind === 'extra-close') return `a \`}\` in ${entry} closes nothing`
  if (problem.field) return `the \`{\` opened in the \`${problem.field}\` field of ${entry} is never closed`
  return `${entry} is never closed by a \`}\``
}

/** The key of the entry that holds `line` (1-based), for a parser's message. */
export function entryAt(text: string, line: number): string | undefined {
  const lines = text.split(/\r?\n/).slice(0, line)
  for (let i = lines.length - 1; i >= 0; i--) {
    const entry = entryStart.exec(lines[i]!)
    if (entry) return entry[2] || undefined
  }
  return undefined
}
