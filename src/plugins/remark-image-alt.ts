/**
 * An image's description (its `alt`) as a reader hears it, not as it was typed. Every output
 * reads it from here: the web page's and the EPUB's `alt`, the PDF's `/Alt` (Chromium tags it
 * from the print page's `alt`), Word's `descr`.
 *
 * - A figure's image: its caption's words as printed, without "Figure 1." and without note
 *   calls. `![Exports by year. Source: PSEB [@known].](chart.png)` is described "Exports by
 *   year. Source: PSEB." with a note style, "Exports by year. Source: PSEB (PSEB 2024)." with
 *   an author-date style: what the caption prints.
 * - Any other image: its description without citation syntax. Such a citation was never
 *   printed (a description is not running text), so the author is told at the image.
 *
 * Runs after the citations are rendered, so a caption holds what the reader sees.
 */
import type { ElementContent } from 'hast'
import { toString as hastToString } from 'hast-util-to-string'
import type { Image, Nodes, PhrasingContent, Root } from 'mdast'
import type { Plugin } from 'unified'
import { SKIP, visit } from 'unist-util-visit'
import { findCitations } from '../citations/syntax.ts'
import { messages } from '../messages.ts'
import { rule } from '../rules.ts'
import type { FigureNode } from '../types/tree.ts'

export const remarkImageAlt: Plugin<[], Root> = function () {
  return (tree, file) => {
    visit(tree, (node) => {
      if (node.type === 'figure' && isImageFigure(node)) {
        const caption = node.children.find((child) => child.type === 'paragraph' && child.data?.hName === 'figcaption')
        const description = caption && 'children' in caption ? spoken(caption.children as PhrasingContent[]) : undefined
        if (description !== undefined) visit(node, 'image', (image: Image) => void (image.alt = description))
        return SKIP
      }
      if (node.type !== 'image' || !node.alt) return undefined
      const clusters = findCitations(node.alt)
      if (!clusters.length) return undefined
      file.message(messages.citationInImage(clusters.flatMap((c) => c.items.map((item) => item.key))), { place: node.position?.start, ruleId: rule('citation-in-image'), source: 'brief' })
      let alt = node.alt
      for (const { start, end } of clusters.reverse()) alt = alt.slice(0, start).trimEnd() + alt.slice(end)
      node.alt = tidy(alt)
      return undefined
    })
  }
}

/** A figure of remark-figures' that holds an image (a table's is a `table-figure`). */
function isImageFigure(node: FigureNode): boolean {
  const className = (node.data as { hProperties?: { className?: unknown } } | undefined)?.hProperties?.className
  return Array.isArray(className) && className.includes('figure')
}

/** Inline content as a reader hears it: the text, a rendered citation's text, no note call, no caption label. */
function spoken(nodes: PhrasingContent[]): string {
  const parts: string[] = []
  const walk = (node: Nodes) => {
    if (node.type === 'text') {
      if (!node.data?.captionLabel) parts.push(node.value)
    } else if (node.type === 'cite') {
      const rendered = node.data?.hChildren
      if (rendered) parts.push(hastToString({ type: 'root', children: rendered as ElementContent[] }))
    } else if (node.type === 'inlineCode') parts.push(node.value)
    else if (node.type === 'break') parts.push(' ')
    else if (node.type !== 'footnoteReference' && 'children' in node) node.children.forEach(walk)
  }
  nodes.forEach(walk)
  return tidy(parts.join(''))
}

/** One space between words, as a description is one line (a no-break space stays one). */
function tidy(text: string): string {
  return text.replace(/[ \t\r\n]+/g, ' ').trim()
}
