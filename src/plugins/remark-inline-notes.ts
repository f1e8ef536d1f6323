/**
 * Pandoc's inline notes, `text^[The note's own words.]`: the parser reads them itself
 * (../syntax/inline-notes.ts) into a call and a note, as if the author had written `[^label]`
 * and its definition. From there on they are notes like any other: numbered with the others
 * (remark-number-notes), citations inside written as in the author's notes, printed by every
 * output.
 */
import type { Root } from 'mdast'
import type { Plugin, Processor } from 'unified'
import { inlineNotes, inlineNotesFromMarkdown } from '../syntax/inline-notes.ts'

export const remarkInlineNotes: Plugin<[], Root> = function () {
  const data = (this as unknown as Processor).data()
  ;(data.micromarkExtensions ??= []).push(inlineNotes())
  ;(data.fromMarkdownExtensions ??= []).push(inlineNotesFromMarkdown())
}
