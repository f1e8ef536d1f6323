/**
 * Puts each image into an output the way that output carries files: the web page inlines it
 * as a data: URL, the EPUB stores it in the book, the print page reads it from the brief's
 * folder. The verdicts come from the Markdown stage (remark-resources); this plugin only
 * applies them, so it reports nothing. An image without a usable source is replaced by its
 * alternative text; `<source>` elements and `srcset`s never reach an output.
 *
 * Each image is carried once, however often it is used: `embed` is asked once per image, and
 * with `share` an image the page would otherwise inline at every use is inlined once, in a
 * hidden SVG at the end of the body, and drawn from there at each use
 * (`<svg role="img"><use href="#…"/></svg>`). Inlined at every use, 800 uses of a 1 MB image
 * made a web page of a gigabyte, past what a string can hold: the build ended in an error.
 */
import type { Element, ElementContent, Properties, Root } from 'hast'
import type { Plugin } from 'unified'
import { SKIP, visit } from 'unist-util-visit'
import type { Resource } from '../brief/resource.ts'

export interface Options {
  /**
   * The `src` an image gets in this output, or undefined to drop it (required): e.g. a data:
   * URL for the web page, a path inside the book for the EPUB. `key` is the image's source as
   * the brief wrote it, its key in `file.data.resources`. Asked once per image.
   */
  embed: (resource: Resource, key: string) => string | undefined
  /**
   * Inline an image used more than once a single time, and draw each use from there (default:
   * `false`). For an output that inlines images (the web page); one that refers to a file
   * (the EPUB, the print page) already holds each image once.
   */
  share?: boolean
}

/** The size an SVG without one of its own is drawn at, as browsers draw it in an `<img>`. */
const defaultSize = { width: 300, height: 150 }

export const rehypeResources: Plugin<[Options], Root> = function (options) {
  if (typeof options?.embed !== 'function') throw new TypeError('rehype-resources needs an `embed` function')
  return (tree, file) => {
    const resources = file.data.resources ?? new Map<string, Resource>()
    // By resource, not by name: the Markdown stage gives every name of one file one resource.
    const sources = new Map<Resource, string | undefined>()
    const source = (resource: Resource, key: string) => {
      if (!sources.has(resource)) sources.set(resource, resource.kind === 'refused' ? undefined : options.embed(resource, key))
      return sources.get(resource)
    }
    const uses = new Map<Resource, Element[]>()
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
      const src = resource ? source(resource, written!) : undefined
      if (src === undefined) {
        parent.children[index] = placeholder(node)
        return
      }
      node.properties.src = src
      if (resource?.kind !== 'local') return
      const list = uses.get(resource)
      if (list) list.push(node)
      else uses.set(resource, [node])
    })
    if (!options.share) return
    const sprite: Element[] = []
    for (const [resource, images] of uses) {
      if (images.length < 2 || resource.kind !== 'local') continue
      const size = resource.width && resource.height ? { width: resource.width, height: resource.height } : defaultSize
      const id = `brief-image-${sprite.length + 1}`
      sprite.push(svg('image', { id, href: images[0]!.properties.src, width: size.width, height: size.height }))
      for (const image of images) drawFrom(image, id, size)
    }
    if (sprite.length) {
      tree.children.push(svg('svg', { className: ['brief-images'], ariaHidden: 'true', width: 0, height: 0 }, [svg('defs', {}, sprite)]))
    }
  }
}

const svg = (tagName: string, properties: Properties, children: Element[] = []): Element => ({ type: 'element', tagName, properties, children })

/**
 * Turns an `<img>` into an SVG drawing the shared image `id`, in place, keeping what the
 * image had for its readers and its layout: its description, classes and size.
 */
function drawFrom(image: Element, id: string, size: { width: number; height: number }): void {
  const { alt, className, dataWidth, dataHeight, dataLine } = image.properties
  const description = String(alt ?? '').trim()
  image.tagName = 'svg'
  image.properties = {
    className: ['image', ...(Array.isArray(className) ? className : [])],
    role: 'img',
    ...(description ? { ariaLabel: description } : { ariaHidden: 'true' }),
    viewBox: `0 0 ${size.width} ${size.height}`,
    width: size.width,
    height: size.height,
    ...(dataWidth === undefined ? {} : { dataWidth }),
    ...(dataHeight === undefined ? {} : { dataHeight }),
    ...(dataLine === undefined ? {} : { dataLine }),
  }
  image.children = [svg('use', { href: `#${id}` })]
}

/** The alternative text where an image could not go. */
function placeholder(image: Element): ElementContent {
  const alt = String(image.properties.alt ?? '').trim()
  return { type: 'element', tagName: 'span', properties: { className: ['image-unavailable'] }, children: alt ? [{ type: 'text', value: `[${alt}]` }] : [] }
}
