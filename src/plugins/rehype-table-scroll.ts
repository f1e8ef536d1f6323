/**
 * Web page only: a table wider than a phone's screen scrolls sideways inside its own box, and
 * the box shows it (a shadow at the edge that hides more columns). The box can take keyboard
 * focus and has a name, so it can be scrolled without a mouse (axe: scrollable-region-focusable).
 */
import type { Element, Root } from 'hast'
import { toString } from 'hast-util-to-string'
import type { Plugin } from 'unified'
import { SKIP, visit } from 'unist-util-visit'

export const rehypeTableScroll: Plugin<[], Root> = function () {
  return (tree) => {
    let count = 0
    visit(tree, 'element', (node, index, parent) => {
      if (node.tagName !== 'table' || !parent || index === undefined) return
      // Each region needs a name of its own (axe: landmark-unique): its caption, else its place.
      count++
      const caption = parent.type === 'element' && parent.tagName === 'figure' ? parent.children.find((c): c is Element => c.type === 'element' && c.tagName === 'figcaption') : undefined
      const name = caption ? toString(caption).trim() : `Table ${count} (no caption)`
      parent.children[index] = {
        type: 'element',
        tagName: 'div',
        properties: { className: ['table-scroll'], tabIndex: 0, role: 'region', ariaLabel: name },
        children: [node],
      }
      return SKIP
    })
  }
}
