/**
 * Column alignment (`| --: |`) as classes: GFM writes an `align` attribute, which XHTML (the
 * EPUB) does not allow and our stylesheets would override. `align-left|center|right` classes
 * work in every output's stylesheet.
 */
import type { Root } from 'hast'
import type { Plugin } from 'unified'
import { visit } from 'unist-util-visit'

const alignments = new Set(['left', 'center', 'right', 'justify'])

export const rehypeTableAlign: Plugin<[], Root> = function () {
  return (tree) => {
    visit(tree, 'element', (node) => {
      const align = node.properties.align
      if (align === undefined) return
      delete node.properties.align
      const value = String(align).toLowerCase()
      if (!alignments.has(value)) return
      const className = Array.isArray(node.properties.className) ? node.properties.className : []
      node.properties.className = [...className, `align-${value}`]
    })
  }
}
