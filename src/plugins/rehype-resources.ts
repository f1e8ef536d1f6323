/**
 * Puts each image into an output the way that output carries files: the web page inlines it
 * as a data: URL, the EPUB stores it in the book, the print page reads it from the brief's
 * folder. The verdicts come from the Markdown stage (remark-resources); this plugin only
 * applies them, so it reports nothing. An image without a usable source is replaced by its
 * alternative text; `<source>` elements and `srcset`s never reach an output.
 */
import type { Element, ElementContent, Root } from 'hast'
import type { Plugin } from 'unified'
import { SKIP, visit } from 'unist-util-visit'
import type { Resource } from '../brief/resource.ts'

export interface Options {
  /**
   * The `src` an image gets in this output, or undefined to drop it (required): e.g. a data:
   * URL for the web page, a path inside the book for the EPUB. `key` is the image's source as
   * the brief wrote it, its key in `file.data.resources`.
   */
  embed: (resource: Resource, key: string) => string | undefined
}

export const rehypeResources: Plugin<[Options], Root> = function (options) {
  if (typeof options?.embed !== 'function') throw new TypeError('rehype-resources needs an `embed` function')
  return (tree, file) => {
    const resources = file.data.resources ?? new Map<string, Resource>()
    visit(tree, 'element', (node, index, parent) => {
      if (!parent || index === undefined) return
      if (node.tagName === 'source') {
        parent.children.splice(index, 1)
        return [SKIP, index]
      }
      if (node.tagName !== 'img') return
      delete node.properties.srcSet
      const written = typeof node.properties.src === 'string' ? node.properties.src : undefined
      const resource = written === undefined ? undefined : resources.get(written)
      const src = written !== undefined && resource && resource.kind !== 'refused' ? options.embed(resource, written) : undefined
      if (src !== undefined) {
        node.properties.src = src
        return
      }
      parent.children[index] = placeholder(node)
    })
  }
}

/** The alternative text where an image could not go. */
function placeholder(image: Element): ElementContent {
  const alt = String(image.properties.alt ?? '').trim()
  return { type: 'element', tagName: 'span', properties: { className: ['image-unavailable'] }, children: alt ? [{ type: 'text', value: `[${alt}]` }] : [] }
}
