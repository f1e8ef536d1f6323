/**
 * Marks the print page needs around the notes pipeline/note-markup.ts placed: table rows
 * holding notes kept whole, the lines in brief.md of paragraphs and other blocks (for layout
 * warnings), and an end marker that proves the layout reached the end.
 */
import type { ElementContent, Root } from 'hast'
import type { Plugin } from 'unified'
import { SKIP, visit } from 'unist-util-visit'

export const rehypePrintMarks: Plugin<[], Root> = function () {
  return (tree) => {
    keepShortNoteRowsTogether(tree)
    // Paragraphs and the blocks a page can start with carry their line in brief.md, so a layout
    // warning about one can point there (a widow, a hole left by a figure that did not fit).
    visit(tree, 'element', (node) => {
      const box = node.tagName === 'div' && Array.isArray(node.properties.className) && node.properties.className.includes('fenced-div')
      if ((markedBlocks.has(node.tagName) || box) && node.position) node.properties.dataLine = String(node.position.start.line)
    })
    // Paged.js reports completion even when it gave up half-way; this marker, the last thing
    // in the document, shows the layout really reached the end.
    // A data attribute, which the sanitiser removes from author HTML: a brief cannot fake it.
    tree.children.push({ type: 'element', tagName: 'span', properties: { dataBriefEnd: '' }, children: [] })
  }
}

const markedBlocks = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'figure', 'table', 'ul', 'ol', 'dl', 'blockquote', 'pre'])

/** Longest total note text in a table row that may be kept from splitting (characters). */
const maxRowNoteText = 1500

/**
 * Paged.js does not float a note in a table row that splits across pages (the note stays in
 * the cell and every later number is off by one). Such rows are kept whole; but not rows whose
 * notes are longer than a page could hold, for which Paged.js would abandon the layout.
 */
function keepShortNoteRowsTogether(tree: Root): void {
  visit(tree, 'element', (row) => {
    if (row.tagName !== 'tr') return
    let length = 0
    let notes = 0
    visit(row, 'element', (node) => {
      const className = node.properties.className
      if (Array.isArray(className) && className.includes('footnote')) {
        notes++
        length += textLength(node)
      }
    })
    if (notes && length <= maxRowNoteText) {
      const className = Array.isArray(row.properties.className) ? row.properties.className : []
      row.properties.className = [...className, 'keep-notes']
    }
    return SKIP
  })
}

function textLength(node: ElementContent): number {
  if (node.type === 'text') return node.value.length
  return node.type === 'element' ? node.children.reduce((sum, child) => sum + textLength(child), 0) : 0
}
