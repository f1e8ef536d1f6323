/**
 * The Markdown the parser reads: CommonMark, GFM and the pandoc syntax our extensions add, in
 * one list that both the Markdown stage (./processor.ts) and the parser's worker
 * (./parse-worker.ts) use, so the two can never read a brief differently. Only the parser's
 * settings live here; the plugins' transforms run in the Markdown stage.
 */
import remarkFrontmatter from 'remark-frontmatter'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import { remarkDefinitionList } from 'remark-definition-list'
import { unified, type PluggableList, type Processor } from 'unified'
import type { Root } from 'mdast'
import { remarkFencedDivs } from '../plugins/remark-fenced-divs.ts'
import { remarkInlineNotes } from '../plugins/remark-inline-notes.ts'

/** The syntax plugins, in order, after remark-parse. */
export const markdownSyntax: PluggableList = [
  // Pandoc's fenced divs `::: {.class}` and inline notes `^[…]`, read by the parser itself.
  remarkFencedDivs,
  remarkInlineNotes,
  // YAML only (closed by `---` or, as pandoc allows, `...`): TOML or other front matter is
  // not recognised, so it can't be executed either.
  [remarkFrontmatter, ['yaml', { type: 'yaml', fence: { open: '---', close: '...' } }]],
  // GFM before citations: footnote calls `[^x]` and autolinked e-mails must be parsed first
  // so `[^x]` and `jane@example.org` are never mistaken for citations.
  // Strikethrough only with `~~`: a single `~` is pandoc's subscript (`CO~2~`).
  [remarkGfm, { singleTilde: false }],
  remarkDefinitionList,
]

/** A processor that only parses: text in, the Markdown stage's first tree out. */
export function createParser(): Processor<Root> {
  return unified().use(remarkParse).use(markdownSyntax).freeze() as unknown as Processor<Root>
}
