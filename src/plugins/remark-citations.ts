/**
 * Finds pandoc citations in the Markdown tree and turns them into `cite` nodes with the
 * place of every key, so later stages (and messages) never look at raw text again.
 *
 * A citation may span several inline nodes — `[see *this* @key, p. 3]` has an emphasis inside
 * its brackets — so each run of inline content is read as one string in which emphasis and
 * strong become `<i>`/`<b>` (citeproc renders those in prefixes and suffixes), and any other
 * node (a link, code, a footnote call, raw HTML) is a barrier no citation crosses.
 * `\@key` (escaped) is not a citation.
 */
import type { Nodes, Parent, PhrasingContent, Root, Text } from 'mdast'
import type { Plugin } from 'unified'
import { SKIP, visit } from 'unist-util-visit'
import { findCitations, type ClusterSyntax } from '../citations/syntax.ts'
import { pointsIn } from '../text/points.ts'
import { sourceOffsets } from '../text/source-offsets.ts'
import type { Point } from 'unist'
import { messages } from '../messages.ts'
import { rule } from '../rules.ts'
import type { Cite } from '../types/tree.ts'

/** Stands for a node a citation cannot run through. */
const barrier = '\uFFFC'

/** Nodes whose children are read as one run of inline content. */
const containers = new Set(['paragraph', 'heading', 'tableCell', 'emphasis', 'strong', 'delete'])

interface Segment {
  /** Where the child's text lies in the flattened run. */
  start: number
  end: number
  /** Index of the child in its parent. */
  index: number
  /** Plain text (a citation may start or end here) or an atomic piece. */
  kind: 'text' | 'atomic'
}

const tags: Record<string, string> = { emphasis: 'i', strong: 'b', delete: 's' }

/** Emphasis and strong as `<i>`/`<b>` markup; undefined when the node holds anything else. */
function markup(node: PhrasingContent): string | undefined {
  if (node.type === 'text') return node.value.replace(/[<>&]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;' })[c]!)
  const tag = tags[node.type]
  if (!tag || !('children' in node)) return undefined
  let inner = ''
  for (const child of node.children as PhrasingContent[]) {
    const part = markup(child)
    if (part === undefined) return undefined
    inner += part
  }
  return `<${tag}>${inner}</${tag}>`
}

function flatten(parent: Parent): { text: string; segments: Segment[] } {
  let text = ''
  const segments: Segment[] = []
  parent.children.forEach((child, index) => {
    const value = child.type === 'text' ? child.value : (markup(child as PhrasingContent) ?? barrier)
    segments.push({ start: text.length, end: text.length + value.length, index, kind: child.type === 'text' ? 'text' : 'atomic' })
    text += value
  })
  return { text, segments }
}

export const remarkCitations: Plugin<[], Root> = function () {
  return (tree, file) => {
    const source = String(file)
    // Line starts found once: placing each of thousands of citations from the top was quadratic.
    const place = pointsIn(source)
    visit(tree, (node: Nodes) => {
      // Link text is the link's, never a citation.
      if (node.type === 'link' || node.type === 'linkReference') return SKIP
      if (containers.has(node.type)) {
        for (const at of citeIn(node as Parent, source, place)) file.message(messages.emptyLocator(), { place: at, ruleId: rule('empty-locator'), source: 'brief' })
      }
    })
  }
}

type Place = ReturnType<typeof pointsIn>

/** Makes the cite nodes of one container's inline content; returns the places of keys followed by an empty locator. */
function citeIn(parent: Parent, source: string, place: Place): Point[] {
  const emptyLocators: Point[] = []
  const { text, segments } = flatten(parent)
  const clusters = findCitations(text)
  // Each text node's characters placed in the source once, from the node as parsed: a cite
  // splits it, and the text left before the cite is a prefix of it with the same places.
  const originals = [...parent.children]
  const offsetsCache = new Map<number, number[]>()
  const offsetsOf = (index: number): number[] => {
    let offsets = offsetsCache.get(index)
    if (!offsets) {
      const node = originals[index] as Text
      const { start, end } = node.position ?? {}
      offsets = start?.offset !== undefined && end?.offset !== undefined ? sourceOffsets(node.value, source, start.offset, end.offset) : []
      offsetsCache.set(index, offsets)
    }
    return offsets
  }
  // From the last to the first, so earlier child indexes stay valid.
  for (const cluster of clusters.reverse()) {
    const first = segments.find((s) => s.kind === 'text' && cluster.start >= s.start && cluster.start < s.end)
    const last = segments.find((s) => s.kind === 'text' && cluster.end > s.start && cluster.end <= s.end)
    if (!first || !last || text.slice(cluster.start, cluster.end).includes(barrier)) continue
    const cite = citeNode(cluster, text, parent.children[first.index] as Text, first, offsetsOf(first.index), source, place)
    if (!cite) continue
    cluster.items.forEach((item, i) => item.emptyLocator && emptyLocators.push(cite.items[i]!.place))
    const firstNode = parent.children[first.index] as Text
    const lastNode = parent.children[last.index] as Text
    const head = firstNode.value.slice(0, cluster.start - first.start)
    const tail = lastNode.value.slice(cluster.end - last.start)
    const replacement: PhrasingContent[] = []
    // The text before the cite keeps its place in the source: an earlier cite in the same text
    // is placed from it next (the clusters are taken from the last).
    if (head) replacement.push({ type: 'text', value: head, ...(firstNode.position && cite.position ? { position: { start: firstNode.position.start, end: cite.position.start } } : {}) })
    replacement.push(cite)
    if (tail) replacement.push({ type: 'text', value: tail, ...(lastNode.position && cite.position ? { position: { start: cite.position.end, end: lastNode.position.end } } : {}) })
    parent.children.splice(first.index, last.index - first.index + 1, ...(replacement as never[]))
  }
  return emptyLocators.reverse()
}

/** The cite node, with source places for its keys; undefined when a key's `@` is escaped. */
function citeNode(cluster: ClusterSyntax, text: string, node: Text, segment: Segment, offsets: number[], source: string, place: Place): Cite | undefined {
  // Each character of the text node's value has its own place in the source (escapes and
  // character references make the two drift apart, by more at each one).
  const nodeStart = node.position?.start.offset ?? 0
  const sourceAt = (textIndex: number): number | undefined => offsets[textIndex - segment.start]
  const from = sourceAt(cluster.start) ?? nodeStart + (cluster.start - segment.start)
  const items = []
  let cursor = from
  for (const { keyOffset, emptyLocator: _, ...item } of cluster.items) {
    // The key's `@` where the value says it is; else (a key in a later text node of the run)
    // the first one written after the previous key.
    const mapped = sourceAt(keyOffset)
    let at = mapped !== undefined && source[mapped] === '@' ? mapped : -1
    if (at < 0) {
      const written = /^[\p{L}\p{N}_]/u.test(item.key) && !/[{}\s]/.test(item.key) ? `@${item.key}` : `@{${item.key}}`
      at = source.indexOf(written, cursor)
      if (at < 0) at = source.indexOf(`@${item.key}`, cursor)
    }
    if (at > 0 && source[at - 1] === '\\') return undefined
    items.push({ ...item, place: place(at < 0 ? from : at) })
    if (at >= 0) cursor = at + 1
  }
  const value = text.slice(cluster.start, cluster.end)
  const opening = source.indexOf(value[0]!, from)
  const start = opening >= 0 && opening <= (items[0] ? items[0].place.offset! : Infinity) ? opening : from
  return {
    type: 'cite',
    mode: cluster.mode,
    value,
    items,
    position: { start: place(start), end: place(Math.max(cursor, start + 1)) },
  }
}
