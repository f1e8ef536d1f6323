/**
 * Pandoc attribute blocks on headings and images:
 *
 *     ## Trade and security {#sec-trade .unnumbered}
 *     ![Crossings in 2024](chart.png){#fig-crossings width=60%}
 *
 * The block is taken out of the text and becomes the element's id, classes and, for images,
 * `width`/`height` (kept as data attributes until the output's stylesheet rules are written,
 * rehype-image-size). The text it leaves keeps its exact place in brief.md. An attribute block
 * anywhere else is left as text by Markdown, so it is reported (remark-pandoc-warnings).
 */
import type { Heading, Image, Root, Text } from 'mdast'
import type { Plugin } from 'unified'
import { visit } from 'unist-util-visit'
import { pointsIn } from '../text/points.ts'
import { parseAttributes, trailingAttributes, type Attributes } from '../typeset/attributes.ts'

const sizes = /^\d+(\.\d+)?(%|px|em|rem|cm|mm|in)?$/

export const remarkAttributes: Plugin<[], Root> = function () {
  return (tree, file) => {
    const source = String(file)
    let place: ReturnType<typeof pointsIn> | undefined
    const at = (offset: number) => (place ??= pointsIn(source))(offset)
    visit(tree, 'heading', (heading: Heading) => {
      const last = heading.children.at(-1)
      if (last?.type !== 'text') return
      const split = trailingAttributes(last.value)
      if (!split) return
      last.value = split[0].replace(/\s+$/, '')
      // The text now ends where the block began (and the spaces before it).
      const end = last.position?.end.offset
      let open = end === undefined ? -1 : source.lastIndexOf('{', end)
      if (last.position && open >= 0) {
        while (open > last.position.start.offset! && /\s/.test(source[open - 1]!)) open--
        last.position.end = at(open)
      }
      apply(heading, split[1])
    })
    visit(tree, 'image', (image: Image, index, parent) => {
      const next = parent && index !== undefined ? parent.children[index + 1] : undefined
      if (next?.type !== 'text') return
      const block = /^\{[^{}]*\}/.exec(next.value)?.[0]
      const attributes = block && parseAttributes(block)
      if (!attributes) return
      ;(next as Text).value = next.value.slice(block.length)
      // The text now starts after the block, found in the source: its value may differ (`&amp;`).
      const start = next.position?.start.offset
      const close = start === undefined ? -1 : source.indexOf('}', start)
      if (next.position && close >= 0) next.position.start = at(close + 1)
      apply(image, attributes)
      const size: Record<string, string> = {}
      for (const key of ['width', 'height'] as const) {
        const value = attributes.values[key]
        if (value && sizes.test(value)) size[key === 'width' ? 'dataWidth' : 'dataHeight'] = /\d$/.test(value) ? `${value}px` : value
      }
      image.data!.hProperties = { ...image.data!.hProperties, ...size }
    })
  }
}

function apply(node: Heading | Image, attributes: Attributes): void {
  node.data = {
    ...node.data,
    hProperties: {
      ...node.data?.hProperties,
      ...(attributes.id ? { id: attributes.id } : {}),
      ...(attributes.classes.length ? { className: attributes.classes } : {}),
    },
  }
}
