/**
 * A value from a fixed list (`--format pdf`, `bib --to bibtex`, `new --template issue-brief`),
 * read case-insensitively. Anything else is refused with "did you mean": the nearest by edit
 * distance (`pfd` → `pdf`), or the value other tools give the same thing (`word` → `docx`).
 * Such a synonym is only suggested, never taken: a command in a script should say one thing.
 */
import { UsageError } from '../errors.ts'
import { messages } from '../messages.ts'
import { nearest } from './nearest.ts'

export interface ChoiceOptions {
  /** What the value is, for the message: "format", "bibliography format", "template". */
  what: string
  /** Words other tools use for an allowed value, each with that value: `{ word: 'docx' }`. */
  synonyms?: Readonly<Record<string, string>>
  /** An example of the right use, for the hint: "--format pdf,html". */
  example?: string
}

/** `written` when it is one of `allowed` (ignoring case), else a UsageError with "did you mean". */
export function choose<T extends string>(written: string, allowed: readonly T[], options: ChoiceOptions): T {
  const value = written.trim().toLowerCase()
  const found = allowed.find((a) => a === value)
  if (found) return found
  const synonym = options.synonyms && Object.hasOwn(options.synonyms, value) ? options.synonyms[value] : undefined
  const suggestion = synonym ?? nearest(value, allowed)[0]
  throw new UsageError(messages.unknownChoice(options.what, written, suggestion), {
    hint: allowed.length > 1 ? `Use one of ${allowed.join(', ')}${options.example ? `, e.g. ${options.example}` : ''}` : `The only one is ${allowed[0]}`,
  })
}
