/**
 * The author's own footnotes: a call with no definition (GFM leaves `[^x]` as literal text,
 * which would print) is an error; a definition nobody calls is a warning, since it is dropped,
 * and so is a second definition of a label (the last is printed, as pandoc prints it).
 */
import type { FootnoteDefinition, Parent, Root } from 'mdast'
import type { Plugin } from 'unified'
import { visit } from 'unist-util-visit'
import { messages } from '../messages.ts'
import { nearest } from '../text/nearest.ts'
import { placeAt } from '../text/points.ts'
import { rule } from '../rules.ts'

export const remarkFootnoteCheck: Plugin<[], Root> = function () {
  return (tree, file) => {
    const source = String(file)
    const called = new Set<string>()
    // Definitions anywhere: inside a box or a quote as well as at the top level.
    const definitions: Array<{ node: FootnoteDefinition; parent: Parent }> = []
    visit(tree, 'footnoteDefinition', (node, _index, parent) => {
      if (parent) definitions.push({ node, parent })
    })
    const defined = definitions.map(({ node }) => node.label ?? node.identifier)
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
          ruleId: rule('undefined-footnote'),
          source: 'brief',
        }).fatal = true
      }
    })
    // As pandoc does, the last definition of a label is the one printed.
    const last = new Map<string, FootnoteDefinition>()
    for (const { node } of definitions) last.set(node.identifier, node)
    const seen = new Map<string, number>()
    for (const { node, parent } of definitions) {
      const earlier = seen.get(node.identifier)
      if (earlier !== undefined) {
        file.message(messages.duplicateFootnote(node.label ?? node.identifier, `line ${earlier}`), { place: node.position?.start, ruleId: rule('duplicate-footnote'), source: 'brief' })
      } else if (!called.has(node.identifier)) {
        file.message(messages.unusedFootnote(node.label ?? node.identifier), { place: node.position?.start, ruleId: rule('unused-footnote'), source: 'brief' })
      }
      seen.set(node.identifier, node.position?.start.line ?? 1)
      if (last.get(node.identifier) !== node) parent.children.splice(parent.children.indexOf(node as never), 1)
    }
  }
}
