/**
 * Two note calls side by side read as one number ("decades.⁶⁷", "sound.²⁰²¹" looks like a
 * year). The house form separates them with a superscript comma: "decades.⁶,⁷". Done on the
 * numbered tree, so every output prints it.
 */
import type { Parent, Root } from 'mdast'
import type { Plugin } from 'unified'
import { visit } from 'unist-util-visit'
import type { SubSuper } from '../types/tree.ts'

export const remarkCallSeparators: Plugin<[], Root> = function () {
  return (tree) => {
    visit(tree, (node) => {
      if (!('children' in node)) return
      const parent = node as Parent
      for (let i = parent.children.length - 1; i > 0; i--) {
        if (parent.children[i]!.type !== 'footnoteReference' || parent.children[i - 1]!.type !== 'footnoteReference') continue
        const separator: SubSuper = { type: 'superscript', data: { hName: 'sup', hProperties: { className: ['call-separator'], ariaHidden: 'true' } }, children: [{ type: 'text', value: ',' }] }
        parent.children.splice(i, 0, separator as never)
      }
    })
  }
}
