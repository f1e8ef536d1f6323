/**
 * Pandoc's subscript and superscript: `CO~2~`, `10^3^`. As in pandoc the marked text has no
 * spaces (`H~2~O`, not `~two words~`; escape a space as `\ `), and strikethrough needs two
 * tildes (`~~gone~~`), which remark-gfm is told in the processor.
 */
import type { PhrasingContent, Root, Text } from 'mdast'
import type { Plugin } from 'unified'
import { SKIP, visit } from 'unist-util-visit'
import type { SubSuper } from '../types/tree.ts'

const marks = /~((?:[^~\s\\]|\\.)+)~|\^((?:[^^\s\\[\]]|\\.)+)\^/g

export const remarkSubSuper: Plugin<[], Root> = function () {
  return (tree) => {
    visit(tree, 'text', (node: Text, index, parent) => {
      if (!parent || index === undefined || !/[~^]/.test(node.value)) return
      const parts: PhrasingContent[] = []
      let last = 0
      for (const match of node.value.matchAll(marks)) {
        if (match.index > last) parts.push({ type: 'text', value: node.value.slice(last, match.index) })
        const sub = match[1] !== undefined
        const inner = (sub ? match[1] : match[2])!.replace(/\\(.)/g, '$1')
        const mark: SubSuper = { type: sub ? 'subscript' : 'superscript', data: { hName: sub ? 'sub' : 'sup' }, children: [{ type: 'text', value: inner }] }
        parts.push(mark as unknown as PhrasingContent)
        last = match.index + match[0].length
      }
      if (!parts.length) return
      if (last < node.value.length) parts.push({ type: 'text', value: node.value.slice(last) })
      parent.children.splice(index, 1, ...(parts as never[]))
      return [SKIP, index + parts.length]
    })
  }
}
