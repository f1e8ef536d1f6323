/**
 * The author's own footnotes: a call with no definition (GFM leaves `[^x]` as literal text,
 * which would print) is an error; a definition nobody calls is a warning, since it is dropped.
 */
import type { Root } from 'mdast'
import type { Plugin } from 'unified'
import { visit } from 'unist-util-visit'
import { messages, nearest, placeAt } from '../errors.ts'

export const remarkFootnoteCheck: Plugin<[], Root> = function () {
  return (tree, file) => {
    const source = String(file)
    const called = new Set<string>()
    const defined = tree.children.flatMap((n) => (n.type === 'footnoteDefinition' ? [n.label ?? n.identifier] : []))
    visit(tree, 'footnoteReference', (node) => {
      called.add(node.identifier)
    })
    visit(tree, (node) => {
      if (node.type === 'link' || node.type === 'linkReference' || node.type === 'inlineCode' || node.type === 'code') return 'skip'
      if (node.type !== 'text') return
      const from = node.position?.start.offset ?? 0
      for (const match of node.value.matchAll(/\[\^([^\]\s]+)\]/g)) {
        const at = source.indexOf(match[0], from)
        file.message(messages.undefinedFootnote(match[1]!, nearest(match[1]!, defined)), {
          place: at >= 0 ? placeAt(source, at) : node.position?.start,
          ruleId: 'undefined-footnote',
          source: 'brief',
        }).fatal = true
      }
    })
    for (const node of tree.children) {
      if (node.type === 'footnoteDefinition' && !called.has(node.identifier)) {
        file.message(messages.unusedFootnote(node.label ?? node.identifier), { place: node.position?.start, ruleId: 'unused-footnote', source: 'brief' })
      }
    }
  }
}
