/**
 * Smart punctuation in everything the author wrote: paragraphs, headings, table cells, notes,
 * image captions (alt text), citation prefixes and suffixes. Never in code, raw HTML, URLs
 * shown as link text, citation keys or note calls: those are atoms in the text around them.
 * The rules and the quotation marks per language are in ../typeset/smart.ts.
 */
import type { Nodes, Parent, PhrasingContent, Root, Text } from 'mdast'
import type { Plugin } from 'unified'
import { visit } from 'unist-util-visit'
import { smartMarkup, smartPieces, smartText } from '../typeset/smart.ts'
import '../types/tree.ts'

/** Blocks whose inline content is read as one run of text. */
const runs = new Set(['paragraph', 'heading', 'tableCell'])

export const remarkSmartPunctuation: Plugin<[], Root> = function () {
  return (tree, file) => {
    const lang = file.data.meta?.lang ?? 'en-US'
    visit(tree, (node) => {
      if (runs.has(node.type)) {
        const pieces: Array<Text | string | null> = []
        collect((node as Parent).children as PhrasingContent[], pieces)
        const done = smartPieces(
          pieces.map((p) => (p === null || typeof p === 'string' ? p : p.value)),
          lang,
        )
        pieces.forEach((piece, i) => {
          if (piece !== null && typeof piece !== 'string') piece.value = done[i]!
        })
      }
      if (node.type === 'image' && node.alt) node.alt = smartText(node.alt, lang)
      if (node.type === 'cite') {
        for (const item of node.items) {
          if (item.prefix) item.prefix = smartMarkup(item.prefix, lang)
          if (item.suffix) item.suffix = smartMarkup(item.suffix, lang)
        }
      }
    })
  }
}

/** A link whose text is its address (an autolink, a pasted URL) is not prose. */
function showsAddress(node: Nodes): boolean {
  if (node.type !== 'link') return false
  const text = node.children.map((c) => (c.type === 'text' ? c.value : '')).join('')
  return text === node.url || /^(https?:\/\/|www\.|mailto:)/i.test(text) || text.includes('@')
}

/** Text nodes in reading order; `null` for an atom, a string for a separator that is not written back. */
function collect(nodes: PhrasingContent[], out: Array<Text | string | null>): void {
  for (const node of nodes) {
    if (node.type === 'text') out.push(node)
    else if (node.type === 'break') out.push(' ')
    else if ('children' in node && !showsAddress(node)) collect(node.children as PhrasingContent[], out)
    else out.push(null)
  }
}
