/**
 * Turns resolved `cite` nodes into what the reader sees, still in the Markdown tree:
 * - note style, in the running text: a footnote call plus a footnote definition holding the
 *   citation, so mdast-util-to-hast numbers and links it together with the author's notes;
 * - note style, inside an author note: the citation inline, in parentheses (as pandoc does);
 * - author-date style: the citation inline.
 * Author-in-text citations keep the author's name in the running text.
 */
import type { ElementContent } from 'hast'
import type { FootnoteDefinition, FootnoteReference, Parent, PhrasingContent, Root } from 'mdast'
import type { Plugin } from 'unified'
import { capitalizeFirst, citationToHast } from '../citations/to-hast.ts'
import type { Cite } from '../types/tree.ts'

/** Punctuation that a note call moves behind, so "text [@a]." reads "text.¹". */
const movable = /^[.,;:!?]+/

export const remarkCiteNotes: Plugin<[], Root> = function () {
  return (tree, file) => {
    const style = file.data.style
    if (!style) return
    const definitions: FootnoteDefinition[] = []
    // Our notes' labels must not be ones the author already uses (`[^cite-2]` is legal).
    const taken = new Set(tree.children.flatMap((n) => (n.type === 'footnoteDefinition' ? [n.identifier] : [])))
    const label = (n: number) => {
      let id = `cite-${n}`
      while (taken.has(id)) id += '-x'
      return id
    }
    const linkTo = file.data.meta?.linkCitations && style.kind === 'in-text' ? (key: string) => `#ref-${key}` : undefined

    const visit = (parent: Parent) => {
      for (let i = 0; i < parent.children.length; i++) {
        const node = parent.children[i]!
        if (node.type !== 'cite') {
          if ('children' in node) visit(node as Parent)
          continue
        }
        const cite = node as Cite
        const data = cite.data ?? {}
        if (style.kind === 'note' && !data.inNote) {
          const replacement: PhrasingContent[] = []
          if (data.authorHtml !== undefined) replacement.push(span('citation-author', citationToHast(data.authorHtml), cite))
          const identifier = label(data.noteIndex ?? 0)
          const body = citationToHast(data.html ?? '')
          capitalizeFirst(body)
          definitions.push({
            type: 'footnoteDefinition',
            identifier,
            label: identifier,
            children: [{ type: 'paragraph', children: [span('citation', body, cite)] }],
          })
          const call: FootnoteReference = { type: 'footnoteReference', identifier, label: identifier, position: cite.position }
          i += placeCall(parent, i, replacement, call)
          continue
        }
        let body = citationToHast(data.html ?? '')
        if (style.kind === 'note' && cite.mode === 'normal') body = [{ type: 'text', value: '(' }, ...body, { type: 'text', value: ')' }]
        if (linkTo && cite.items[0]) body = [{ type: 'element', tagName: 'a', properties: { href: linkTo(cite.items[0].key) }, children: body }]
        // "Roe (2021)": the author and the parenthesis are one citation to the reader.
        if (data.authorHtml !== undefined) body = [...citationToHast(data.authorHtml), { type: 'text', value: ' ' }, ...body]
        parent.children.splice(i, 1, span('citation', body, cite) as never)
      }
    }
    visit(tree)
    tree.children.push(...definitions)
  }
}

/**
 * Replaces the cite at `index` with `before` + the note call, pulls following punctuation in
 * front of the call and drops the space before it. Returns how far the index moved.
 */
function placeCall(parent: Parent, index: number, before: PhrasingContent[], call: FootnoteReference): number {
  const previous = parent.children[index - 1]
  if (previous?.type === 'text' && !before.length) previous.value = previous.value.replace(/\s+$/, '')
  const next = parent.children[index + 1]
  const inserted: PhrasingContent[] = [...before]
  if (next?.type === 'text') {
    const punctuation = movable.exec(next.value)?.[0]
    if (punctuation) {
      next.value = next.value.slice(punctuation.length)
      inserted.push({ type: 'text', value: punctuation })
    }
  }
  inserted.push(call)
  parent.children.splice(index, 1, ...(inserted as never[]))
  return inserted.length - 1
}

function span(className: string, children: ElementContent[], cite: Cite): PhrasingContent {
  return {
    type: 'cite',
    mode: cite.mode,
    items: cite.items,
    value: cite.value,
    data: {
      hName: 'span',
      hProperties: { className: [className], dataCites: cite.items.map((item) => item.key).join(' ') },
      hChildren: children,
    },
  } as Cite
}
