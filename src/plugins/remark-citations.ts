/**
 * Finds pandoc citations in the Markdown tree and turns them into `cite` nodes with the
 * place of every key, so later stages (and messages) never look at raw text again.
 * Citations are not looked for inside links, code or raw HTML.
 */
import type { PhrasingContent, Root, Text } from 'mdast'
import type { Plugin } from 'unified'
import { SKIP, visit } from 'unist-util-visit'
import { findCitations } from '../citations/syntax.ts'
import { placeAt } from '../errors.ts'
import type { Cite } from '../types/tree.ts'

export const remarkCitations: Plugin<[], Root> = function () {
  return (tree, file) => {
    const source = String(file)
    visit(tree, (node, index, parent) => {
      if (node.type === 'link' || node.type === 'linkReference' || node.type === 'yaml') return SKIP
      if (node.type !== 'text' || !parent || index === undefined) return
      const replaced = splitText(node, source)
      if (!replaced) return
      parent.children.splice(index, 1, ...(replaced as never[]))
      return index + replaced.length
    })
  }
}

/** The text node split into text and cite nodes, or undefined when it holds no citation. */
function splitText(node: Text, source: string): PhrasingContent[] | undefined {
  const clusters = findCitations(node.value)
  if (!clusters.length) return undefined
  const start = node.position?.start.offset
  const end = node.position?.end.offset
  const raw = start !== undefined && end !== undefined ? source.slice(start, end) : undefined
  // Text values lose escapes and blockquote markers; find each cluster in the source instead of
  // trusting value offsets, falling back to the node's own start.
  let cursor = start ?? 0
  const sourceOffset = (text: string, fallback: number) => {
    if (raw === undefined || start === undefined) return fallback
    if (raw === node.value) return start + fallback
    const at = source.indexOf(text, cursor)
    return at >= 0 && at < (end ?? Infinity) ? at : start
  }
  const out: PhrasingContent[] = []
  let last = 0
  for (const cluster of clusters) {
    if (cluster.start > last) out.push({ type: 'text', value: node.value.slice(last, cluster.start) })
    const value = node.value.slice(cluster.start, cluster.end)
    const at = sourceOffset(value, cluster.start)
    cursor = at + value.length
    const cite: Cite = {
      type: 'cite',
      mode: cluster.mode,
      value,
      items: cluster.items.map(({ keyOffset, ...item }) => ({
        ...item,
        place: placeAt(source, at + (keyOffset - cluster.start)),
      })),
      position: { start: placeAt(source, at), end: placeAt(source, at + value.length) },
    }
    out.push(cite)
    last = cluster.end
  }
  if (last < node.value.length) out.push({ type: 'text', value: node.value.slice(last) })
  return out
}
