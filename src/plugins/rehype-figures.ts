/**
 * Pandoc's implicit figures: an image alone in its paragraph, with alt text, becomes a figure
 * whose caption is that text. `![Map of the Torkham crossing](map.png)` → figure + caption.
 */
import type { Element, Root } from 'hast'
import type { Plugin } from 'unified'
import { visit } from 'unist-util-visit'

export const rehypeFigures: Plugin<[], Root> = function () {
  return (tree) => {
    visit(tree, 'element', (node, index, parent) => {
      if (node.tagName !== 'p' || !parent || index === undefined) return
      const content = node.children.filter((c) => !(c.type === 'text' && !c.value.trim()))
      const image = content[0]
      if (content.length !== 1 || image?.type !== 'element' || image.tagName !== 'img') return
      const caption = String(image.properties.alt ?? '').trim()
      if (!caption) return
      const figure: Element = {
        type: 'element',
        tagName: 'figure',
        properties: {},
        children: [image, { type: 'element', tagName: 'figcaption', properties: {}, children: [{ type: 'text', value: caption }] }],
        position: node.position,
      }
      parent.children[index] = figure
    })
  }
}
