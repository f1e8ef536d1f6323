/**
 * Pandoc syntax this toolkit does not support is reported where it is written, never printed
 * as if it were text the author meant: bracketed spans `[text]{.class}`, attribute blocks
 * where none can go, raw blocks `{=latex}`, LaTeX commands, example lists `(@)`, a `:::` that
 * closes nothing, and an inline note `^[` the parser could not read (never closed, or empty).
 * Each message says what to write instead.
 */
import type { Root, Text } from 'mdast'
import type { Plugin } from 'unified'
import { visit } from 'unist-util-visit'
import { placeAt } from '../text/points.ts'
import { rule } from '../rules.ts'

const checks: Array<[RegExp, string]> = [
  [/\^\[/, 'An inline note `^[` that is never closed (or holds nothing) prints as written; end the note with `]`, or write `\\^[` for the characters themselves'],
  [/\[[^\]]*\]\{[^}]*\}/, 'Bracketed spans `[text]{.class}` are not supported; the braces would print as text'],
  [/`?\{=\w+\}/, 'Raw blocks `{=format}` are not supported; raw HTML can be written directly'],
  [/(^|\s)\\[a-zA-Z]+(\{|\s|$)/, 'LaTeX commands are not supported (only `\\newpage` on a line of its own); they would print as text'],
  [/^\(@\w*\)\s/, 'Example lists `(@)` are not supported; use a numbered list'],
  [/(^|[^\w\]])\{(#[\w-]+|\.[\w-]+)[^}]*\}/, 'An attribute block `{#id .class}` is only read after a heading or an image; here it would print as text'],
  [/^:{3,}\s*$/m, 'A fence `:::` that closes no fenced div; open one with `::: {.class}` or remove the line'],
]

export const remarkPandocWarnings: Plugin<[], Root> = function () {
  return (tree, file) => {
    const source = String(file)
    visit(tree, 'text', (node: Text) => {
      for (const [pattern, reason] of checks) {
        const match = pattern.exec(node.value)
        if (!match) continue
        const offset = (node.position?.start.offset ?? -1) >= 0 ? source.indexOf(match[0].trim(), node.position!.start.offset) : -1
        // Escaped, the characters are what the author meant.
        if (offset > 0 && source[offset - 1] === '\\') continue
        file.message(reason, { place: offset >= 0 ? placeAt(source, offset) : node.position?.start, ruleId: rule('unsupported-syntax'), source: 'brief' })
      }
    })
  }
}
