/**
 * Print markup for notes: each note body moves from the notes list to just after its call,
 * as an inline `span.footnote` that the paginator floats to the foot of the call's page.
 *
 * Glossary: call = the superscript number in the text (`sup > a[data-footnote-ref]`);
 * note body = what the note says; note area = the foot of a page where bodies are set.
 * Numbers and ids are the ones mdast-util-to-hast gave; nothing is renumbered here.
 */
import type { Element, ElementContent, Root } from 'hast'
import type { Plugin } from 'unified'
import { EXIT, SKIP, visit } from 'unist-util-visit'

const isElement = (node: unknown, tag?: string): node is Element =>
  typeof node === 'object' && node !== null && (node as Element).type === 'element' && (!tag || (node as Element).tagName === tag)

/** Block children of a list item as inline spans, without the back-link. */
function inlineBody(li: Element): ElementContent[] {
  const out: ElementContent[] = []
  for (const child of li.children) {
    if (!isElement(child)) {
      if (child.type === 'text' && !child.value.trim()) continue
      out.push(child)
      continue
    }
    const children = child.children.filter((c) => !(isElement(c, 'a') && 'dataFootnoteBackref' in c.properties))
    // Trim the space that stood before the removed back-link.
    const last = children.at(-1)
    if (last?.type === 'text') last.value = last.value.replace(/\s+$/, '')
    out.push({ type: 'element', tagName: 'span', properties: { className: ['footnote-para'] }, children })
  }
  return out
}

export const rehypePrintNotes: Plugin<[], Root> = function () {
  return (tree) => {
    const bodies = new Map<string, Element>()
    visit(tree, 'element', (node, index, parent) => {
      if (node.tagName !== 'section' || !('dataFootnotes' in node.properties) || !parent || index === undefined) return
      visit(node, 'element', (li) => {
        if (li.tagName === 'li' && typeof li.properties.id === 'string') bodies.set(li.properties.id, li)
      })
      parent.children.splice(index, 1)
      return [SKIP, index]
    })
    visit(tree, 'element', (sup, index, parent) => {
      if (!bodies.size) return EXIT
      if (sup.tagName !== 'sup' || !parent || index === undefined) return
      const call = sup.children.find((c): c is Element => isElement(c, 'a') && 'dataFootnoteRef' in c.properties)
      if (!call) return
      const target = String(call.properties.href ?? '').slice(1)
      const li = bodies.get(target)
      if (!li) return SKIP // a second call of the same note: its body is already placed
      bodies.delete(target)
      const number = call.children.map((c) => (c.type === 'text' ? c.value : '')).join('')
      const line = sup.position?.start.line
      sup.properties = { ...sup.properties, className: ['footnote-call'], dataFn: number, ...(line ? { dataLine: String(line) } : {}) }
      const note: Element = {
        type: 'element',
        tagName: 'span',
        // The id sits on an inner span: Paged.js renames the floated element itself, which
        // would leave every call pointing nowhere in the PDF.
        properties: { className: ['footnote'], dataFn: number, role: 'note' },
        children: [
          { type: 'element', tagName: 'span', properties: { id: target, className: ['footnote-anchor'] }, children: [] },
          { type: 'element', tagName: 'span', properties: { className: ['footnote-marker'], ariaHidden: 'true' }, children: [{ type: 'text', value: number }] },
          ...inlineBody(li),
        ],
      }
      parent.children.splice(index + 1, 0, note)
      return [SKIP, index + 2]
    })
    keepShortNoteRowsTogether(tree)
    // Paged.js reports completion even when it gave up half-way; this marker, the last thing
    // in the document, shows the layout really reached the end.
    // A data attribute, which the sanitiser removes from author HTML: a brief cannot fake it.
    tree.children.push({ type: 'element', tagName: 'span', properties: { dataBriefEnd: '' }, children: [] })
  }
}

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
