/**
 * Marks the print page needs around the notes pipeline/note-markup.ts placed: the lines in
 * brief.md of paragraphs and other blocks (for layout warnings), and an end marker that proves
 * the layout reached the end.
 */
import type { Root } from 'hast'
import type { Plugin } from 'unified'
import { visit } from 'unist-util-visit'

export const rehypePrintMarks: Plugin<[], Root> = function () {
  return (tree) => {
    // Paragraphs and the blocks a page can start with carry their line in brief.md, so a layout
    // warning about one can point there (a widow, a hole left by a figure that did not fit).
    visit(tree, 'element', (node) => {
      const box = node.tagName === 'div' && Array.isArray(node.properties.className) && node.properties.className.includes('fenced-div')
      if ((markedBlocks.has(node.tagName) || box) && node.position) node.properties.dataLine = String(node.position.start.line)
    })
    // This marker, the last thing in the document, shows the layout really reached the end
    // (a paginator that gives up half-way can still say it is done).
    // A data attribute, which the sanitiser removes from author HTML: a brief cannot fake it.
    tree.children.push({ type: 'element', tagName: 'span', properties: { dataBriefEnd: '' }, children: [] })
  }
}

const markedBlocks = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'figure', 'table', 'ul', 'ol', 'dl', 'blockquote', 'pre'])
