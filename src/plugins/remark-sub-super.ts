/**
 * Pandoc's subscript and superscript: `CO~2~`, `10^3^`. The parser reads them itself
 * (../syntax/sub-super.ts), so the text around them keeps its exact place in brief.md. As in
 * pandoc the marked text has no spaces (`H~2~O`, not `~two words~`; escape a space as `\ `),
 * and strikethrough needs two tildes (`~~gone~~`), which remark-gfm is told in the processor.
 */
import type { Root } from 'mdast'
import type { Plugin, Processor } from 'unified'
import { subSuper, subSuperFromMarkdown } from '../syntax/sub-super.ts'

export const remarkSubSuper: Plugin<[], Root> = function () {
  const data = (this as unknown as Processor).data()
  ;(data.micromarkExtensions ??= []).push(subSuper())
  ;(data.fromMarkdownExtensions ??= []).push(subSuperFromMarkdown())
}
