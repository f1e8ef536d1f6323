/**
 * Each output's note markup, written by remark-rehype handlers from the one numbered tree
 * (remark-number-notes): the number on a call and on its note is `noteNumber`, read, never
 * counted again.
 *
 * Glossary: call = the superscript number in the text; note = what the call refers to; the
 * `notes` node = every note, in number order, at the end of the body.
 * - web: calls link to a numbered list under a visible "Notes" heading, which links back;
 * - print: each note's text sits right after its first call, for the paginator to float to
 *   the foot of the call's page; the list itself prints nothing;
 * - epub: calls are `noteref` links to `aside` footnotes, which reading systems show as pop-ups;
 * - docx: for the Word writer (src/render/docx), which makes each note a Word footnote. A call
 *   is `<sup data-note-call="N">N</sup>`, every call alike; each note is an
 *   `<aside data-note="N">` holding its blocks as they are (`p`, `ul`/`ol`, `table`,
 *   `blockquote`, `pre`…), all of them at the root where the `notes` node stands. Not at the
 *   call: the HTML parser that runs next (rehype-raw) would close the call's paragraph at the
 *   first block. Word keeps footnotes in a part of their own anyway; the writer defines each at
 *   its call and gives it Word's number there.
 */
import type { Element, ElementContent } from 'hast'
import type { FootnoteDefinition, FootnoteReference } from 'mdast'
import type { Handler, Handlers, State } from 'mdast-util-to-hast'
import type { NotesNode } from '../types/tree.ts'

export type NoteMarkup = 'web' | 'print' | 'epub' | 'docx'

export const notesHeadingId = 'footnote-label'

const el = (tagName: string, properties: Element['properties'], children: ElementContent[] = []): Element => ({ type: 'element', tagName, properties, children })
const text = (value: string): ElementContent => ({ type: 'text', value })

const noteId = (n: number) => `fn-${n}`
const callId = (n: number, k: number) => (k > 1 ? `fnref-${n}-${k}` : `fnref-${n}`)

/** The numbered call; undefined for a call the numbering did not reach (it has no note). */
function callLink(node: FootnoteReference, properties: Element['properties']): { n: number; k: number; sup: Element } | undefined {
  const n = node.data?.noteNumber
  if (!n) return undefined
  const k = node.data?.callIndex ?? 1
  const link = el('a', { href: `#${noteId(n)}`, id: callId(n, k), ...properties }, [text(String(n))])
  return { n, k, sup: el('sup', {}, [link]) }
}

/** The note's blocks; `lead` goes in front of the first paragraph's text. */
function noteBlocks(state: State, note: FootnoteDefinition, lead: ElementContent[] = []): ElementContent[] {
  const blocks = state.all(note) as ElementContent[]
  const first = blocks.find((b): b is Element => b.type === 'element' && b.tagName === 'p')
  if (first) first.children.unshift(...lead)
  else if (lead.length) blocks.unshift(el('p', {}, lead))
  return state.wrap(blocks, true)
}

// The data attributes that mark calls, notes and back links are given the empty value, as
// HTML's parser gives an attribute written without one: a tree parsed for raw HTML
// (src/plugins/rehype-raw-where-needed.ts) and one that was not come out the same.
const web: Handlers = {
  footnoteReference(state, node: FootnoteReference) {
    const call = callLink(node, { dataFootnoteRef: '', role: 'doc-noteref', ariaDescribedBy: [notesHeadingId] })
    if (!call) return undefined
    state.patch(node, call.sup)
    return call.sup
  },
  notes: ((state: State, node: NotesNode) => {
    const items = node.children.map((note) => {
      const n = note.data!.noteNumber!
      const blocks = noteBlocks(state, note)
      const back: ElementContent[] = []
      for (let k = 1; k <= (note.data?.calls ?? 1); k++) {
        back.push(text(' '), el('a', { href: `#${callId(n, k)}`, dataFootnoteBackref: '', role: 'doc-backlink', ariaLabel: `Back to call ${n}${k > 1 ? ` (${k})` : ''}` }, [text('↩')]))
      }
      const last = blocks.filter((b): b is Element => b.type === 'element').at(-1)
      if (last?.tagName === 'p') last.children.push(...back)
      else blocks.push(el('p', {}, back))
      return el('li', { id: noteId(n) }, blocks)
    })
    return el('section', { className: ['footnotes'], dataFootnotes: '', ariaLabelledBy: [notesHeadingId] }, [
      el('h2', { id: notesHeadingId }, [text('Notes')]),
      el('ol', {}, state.wrap(items, true)),
    ])
  }) as Handler,
}

const para = (children: ElementContent[]) => el('span', { className: ['footnote-para'] }, children)
const containers = new Set(['blockquote', 'div', 'section', 'figure', 'aside', 'dl', 'thead', 'tbody', 'tfoot'])

/**
 * Print notes are inline, inside the paragraph of their call: each block of a note becomes a
 * `span.footnote-para`, and no block element may stay inside (the HTML parser would close the
 * paragraph at a list or a table and push the rest of the note into the text). Lists become
 * one line an item, with its bullet or number; tables one line a row, cells between bars.
 */
function inlineBlocks(blocks: ElementContent[]): ElementContent[] {
  return blocks.flatMap((block): ElementContent[] => {
    if (block.type === 'text') return block.value.trim() ? [block] : []
    if (block.type !== 'element') return [block]
    const tag = block.tagName
    if (tag === 'ul' || tag === 'ol') {
      const start = Number(block.properties.start ?? 1)
      return block.children
        .filter((item): item is Element => item.type === 'element' && item.tagName === 'li')
        .flatMap((item, k) => {
          const nested = item.children.filter((c): c is Element => c.type === 'element' && (c.tagName === 'ul' || c.tagName === 'ol'))
          const own = item.children.filter((c) => !nested.includes(c as Element)).flatMap((c) => (c.type === 'element' && c.tagName === 'p' ? [...c.children, text(' ')] : [c]))
          return [para([text(tag === 'ol' ? `${start + k}. ` : '• '), ...phrasing(own)]), ...inlineBlocks(nested)]
        })
    }
    if (tag === 'table' || tag === 'tr') {
      if (tag === 'tr') return [para(block.children.filter((c): c is Element => c.type === 'element').flatMap((cell, k) => [...(k ? [text(' | ')] : []), ...phrasing(cell.children)]))]
      return inlineBlocks(block.children)
    }
    if (containers.has(tag)) return inlineBlocks(block.children)
    if (tag === 'hr') return []
    return [para(phrasing(block.children))]
  })
}

/** Inline content only: anything block-level inside is flattened to its text's elements. */
function phrasing(nodes: ElementContent[]): ElementContent[] {
  return nodes.flatMap((node): ElementContent[] => {
    if (node.type !== 'element') return [node]
    if (node.tagName === 'p' || node.tagName === 'div' || node.tagName === 'li' || /^h[1-6]$/.test(node.tagName)) return phrasing(node.children)
    return [node]
  })
}

/** Notes called from inside another note wait until that note is written, then follow it. */
const waiting = new WeakMap<State, { depth: number; queue: Element[] }>()

const print: Handlers = {
  footnoteReference(state, node: FootnoteReference) {
    const line = node.position?.start.line
    const call = callLink(node, { dataFootnoteRef: '' })
    if (!call) return undefined
    call.sup.properties = { className: ['footnote-call'], dataFn: String(call.n), ...(line ? { dataLine: String(line) } : {}) }
    state.patch(node, call.sup)
    if (call.k > 1) return call.sup
    const definition = state.footnoteById.get(node.identifier.toUpperCase())
    if (!definition) return call.sup
    const nesting = waiting.get(state) ?? { depth: 0, queue: [] }
    waiting.set(state, nesting)
    nesting.depth++
    const note = el('span', { className: ['footnote'], dataFn: String(call.n), role: 'note' }, [
      // The id sits on an inner span, which stays whole when the paginator cuts a long note
      // over two pages (the pieces' own ids are dropped but the first's).
      el('span', { id: noteId(call.n), className: ['footnote-anchor'] }),
      el('span', { className: ['footnote-marker'], ariaHidden: 'true' }, [text(String(call.n))]),
      ...inlineBlocks(state.all(definition) as ElementContent[]),
    ])
    nesting.depth--
    if (nesting.depth > 0) {
      nesting.queue.push(note)
      return call.sup
    }
    return [call.sup, note, ...nesting.queue.splice(0)]
  },
  notes: (() => undefined) as Handler,
}

const epub: Handlers = {
  footnoteReference(state, node: FootnoteReference) {
    const call = callLink(node, { 'epub:type': 'noteref', role: 'doc-noteref' })
    if (!call) return undefined
    state.patch(node, call.sup)
    return call.sup
  },
  notes: ((state: State, node: NotesNode) => {
    const asides = node.children.map((note) => {
      const n = note.data!.noteNumber!
      const back = el('a', { href: `#${callId(n, 1)}`, role: 'doc-backlink', className: ['note-number'] }, [text(`${n}.`)])
      return el('aside', { id: noteId(n), 'epub:type': 'footnote', role: 'doc-footnote' }, noteBlocks(state, note, [back, text(' ')]))
    })
    return el('section', { className: ['footnotes'], ariaLabelledBy: [notesHeadingId] }, [el('h2', { id: notesHeadingId }, [text('Notes')]), ...state.wrap(asides, true)])
  }) as Handler,
}

const docx: Handlers = {
  footnoteReference(state, node: FootnoteReference) {
    const n = node.data?.noteNumber
    if (!n) return undefined
    const sup = el('sup', { dataNoteCall: String(n) }, [text(String(n))])
    state.patch(node, sup)
    return sup
  },
  notes: ((state: State, node: NotesNode) => state.wrap(node.children.map((note) => el('aside', { dataNote: String(note.data!.noteNumber!) }, noteBlocks(state, note))), true)) as Handler,
}

export const noteHandlers: Record<NoteMarkup, Handlers> = { web, print, epub, docx }
