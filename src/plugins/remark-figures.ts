/**
 * Figures and tables, numbered, as pandoc and Quarto make them:
 * - an image alone in its paragraph, with alt text, is a figure captioned "Figure 1. <alt>";
 * - a table with a caption paragraph right before or after it (`Table: …` or `: …`, optionally
 *   ending in `{#tbl-id}`) is a table captioned "Table 1. …".
 * Both become `figure` + `figcaption`. Each gets an id (its `#fig-…`/`#tbl-…` or a made one),
 * and every target, headings included, is listed in `file.data.targets` for cross-references
 * (`@fig-id`, remark-crossrefs); with `number-sections: true` the headings get their numbers.
 */
import type { Heading, Paragraph, Parent, PhrasingContent, Root, RootContent, Table, Text } from 'mdast'
import type { Plugin } from 'unified'
import { toString } from 'mdast-util-to-string'
import { SKIP, visit } from 'unist-util-visit'
import { trailingAttributes } from '../typeset/attributes.ts'
import type { CrossTarget, FigureNode } from '../types/tree.ts'

const captionStart = /^(?:Table)?:\s+/

export const remarkFigures: Plugin<[], Root> = function () {
  return (tree, file) => {
    const targets = new Map<string, CrossTarget>()
    let figures = 0
    let tables = 0
    visit(tree, (node, index, parent) => {
      if (!parent || index === undefined) return
      if (node.type === 'paragraph' && lonelyImage(node)) {
        const image = lonelyImage(node)!
        const number = ++figures
        const id = String(image.data?.hProperties?.id ?? `figure-${number}`)
        if (image.data?.hProperties) delete image.data.hProperties.id
        targets.set(id, { kind: 'figure', label: `Figure ${number}`, place: node.position?.start })
        // The image's paragraph holds it in the figure, as a block that is not a text paragraph.
        node.data = { ...node.data, hName: 'div', hProperties: { className: ['figure-image'] } }
        parent.children[index] = container('figure', id, [node], caption(`Figure ${number}.`, [{ type: 'text', value: image.alt ?? '' }]), node)
        return SKIP
      }
      if (node.type === 'table') {
        const found = captionOf(parent, index)
        if (!found) return
        const { paragraph, at } = found
        const number = ++tables
        const [children, id] = captionText(paragraph, number)
        targets.set(id, { kind: 'table', label: `Table ${number}`, place: paragraph.position?.start })
        const figure = container('table-figure', id, [node as Table], caption(`Table ${number}.`, children), node)
        parent.children.splice(Math.min(index, at), 2, figure as RootContent)
        return [SKIP, Math.min(index, at) + 1]
      }
    })
    numberSections(tree, targets, file.data.meta?.numberSections ?? false)
    file.data.targets = targets
  }
}

function lonelyImage(paragraph: Paragraph) {
  const content = paragraph.children.filter((c) => !(c.type === 'text' && !c.value.trim()))
  const image = content[0]
  return content.length === 1 && image?.type === 'image' && image.alt?.trim() ? image : undefined
}

/** The caption paragraph next to a table: after it first, as pandoc looks. */
function captionOf(parent: Parent, index: number): { paragraph: Paragraph; at: number } | undefined {
  for (const at of [index + 1, index - 1]) {
    const sibling = parent.children[at]
    const first = sibling?.type === 'paragraph' ? sibling.children[0] : undefined
    if (sibling?.type === 'paragraph' && first?.type === 'text' && captionStart.test(first.value)) return { paragraph: sibling, at }
  }
  return undefined
}

/** The caption's words, without `Table:` and without a trailing `{#tbl-id}` (which gives the id). */
function captionText(paragraph: Paragraph, number: number): [PhrasingContent[], string] {
  const children = structuredClone(paragraph.children)
  const first = children[0] as Text
  first.value = first.value.replace(captionStart, '')
  let id = `table-${number}`
  const last = children.at(-1)
  if (last?.type === 'text') {
    const split = trailingAttributes(last.value)
    if (split) {
      last.value = split[0].replace(/\s+$/, '')
      if (split[1].id) id = split[1].id
    }
  }
  return [children, id]
}

function caption(label: string, children: PhrasingContent[]) {
  return {
    type: 'paragraph',
    data: { hName: 'figcaption' },
    children: [{ type: 'text', value: `${label} `, data: { captionLabel: true } }, ...children] as PhrasingContent[],
  }
}

function container(kind: 'figure' | 'table-figure', id: string, body: RootContent[], figcaption: ReturnType<typeof caption>, from: { position?: RootContent['position'] }) {
  // A table's caption goes above it, a figure's below, as in print.
  const children = kind === 'figure' ? [...body, figcaption] : [figcaption, ...body]
  const figure: FigureNode = { type: 'figure', position: from.position, data: { hName: 'figure', hProperties: { id, className: [kind] } }, children: children as FigureNode['children'] }
  return figure as RootContent
}

/**
 * Sections, the targets of `@sec-x`. The Issue Brief's headings have no numbers, so a
 * reference to one prints its words (remark-crossrefs). With `number-sections: true`
 * (Quarto's key) every heading but an `.unnumbered` one carries its number, "2.1", counted
 * from the brief's top heading level, and a reference prints "Section 2.1". The number is
 * part of the heading, so every output (and the PDF's bookmarks, the EPUB's navigation, Word's
 * headings) shows it. Headings in the author's notes are not sections.
 */
function numberSections(tree: Root, targets: Map<string, CrossTarget>, numbered: boolean): void {
  const headings: Heading[] = []
  visit(tree, (node) => {
    if (node.type === 'footnoteDefinition') return SKIP
    if (node.type === 'heading') headings.push(node)
    return undefined
  })
  const top = Math.min(...headings.map((h) => h.depth))
  const counters: number[] = []
  for (const heading of headings) {
    const id = heading.data?.hProperties?.id
    const className = heading.data?.hProperties?.className
    if (!numbered || (Array.isArray(className) && className.includes('unnumbered'))) {
      if (typeof id === 'string') targets.set(id, { kind: 'section', label: toString(heading), place: heading.position?.start, heading })
      continue
    }
    const level = heading.depth - top
    counters.length = level + 1
    counters[level] = (counters[level] ?? 0) + 1
    for (let i = 0; i < level; i++) counters[i] ??= 1
    const number = counters.join('.')
    heading.children.unshift({ type: 'text', value: number, data: { hName: 'span', hProperties: { className: ['header-section-number'] } } }, { type: 'text', value: ' ' })
    if (typeof id === 'string') targets.set(id, { kind: 'section', label: `Section ${number}`, place: heading.position?.start })
  }
}
