/**
 * An image's `width`/`height` from its attribute block (`{width=60%}`) as a style: HTML's own
 * attributes take only pixels and XHTML none of `%`. Runs after sanitising, which removes any
 * style an author wrote; this one is ours, built from a checked size.
 */
import type { Root } from 'hast'
import type { Plugin } from 'unified'
import { visit } from 'unist-util-visit'

const size = /^\d+(\.\d+)?(%|px|em|rem|cm|mm|in)$/

export const rehypeImageSize: Plugin<[], Root> = function () {
  return (tree) => {
    visit(tree, 'element', (node) => {
      // An image drawn from the web page's one copy of it is an <svg role=img> (rehype-resources).
      if (node.tagName !== 'img' && !(node.tagName === 'svg' && node.properties.role === 'img')) return
      const { dataWidth, dataHeight, ...rest } = node.properties
      const rules = [
        typeof dataWidth === 'string' && size.test(dataWidth) ? `width: ${dataWidth}` : '',
        typeof dataHeight === 'string' && size.test(dataHeight) ? `height: ${dataHeight}` : '',
      ].filter(Boolean)
      node.properties = rules.length ? { ...rest, style: rules.join('; ') } : rest
    })
  }
}
