/**
 * With a note style, every citation in the running text becomes a note of its own: the `cite`
 * node moves into a new footnote definition, and a footnote call takes its place, after any
 * punctuation that followed it ("text [@a]." reads "text.¹"; in US English a full stop or comma
 * also goes inside a closing quotation mark before it, "“in abeyance.”¹", as pandoc does).
 * Author-in-text citations leave the author's name in the text (an `authorOnly` cite) with the
 * call right after it ("Husain¹, argues"), and the rest in the note.
 *
 * Citations inside the author's own notes, and every citation of an author-date style, stay
 * where they are. Nothing is rendered or numbered here: remark-number-notes numbers all notes,
 * then remark-render-citations renders the citations with those numbers.
 */
import type { FootnoteDefinition, FootnoteReference, Parent, PhrasingContent, Root } from 'mdast'
import type { Plugin } from 'unified'
import { citationLang, punctuationInQuote } from '../citations/locales.ts'
import { closesQuote } from '../citations/quotes.ts'
import type { Cite } from '../types/tree.ts'

/** Punctuation that a note call moves behind, as in pandoc: "(see [@a])." reads "(see).¹". */
const movable = /^[.,;:!?)]+/

/** Text that ends a sentence already: a full stop, "?" or "!", perhaps inside a closing quote. */
const sentenceEnded = /[.?!][”’"')]?$/

export const remarkCiteNotes: Plugin<[], Root> = function () {
  return (tree, file) => {
    const { style, meta } = file.data
    if (style?.kind !== 'note') return
    const insideQuotes = punctuationInQuote(style, citationLang(meta, style))
    const definitions: FootnoteDefinition[] = []
    // Our notes' labels must not be ones the author already uses (`[^cite-2]` is legal).
    const taken = new Set<string>()
    const collect = (node: Root | Parent) => {
      for (const child of node.children) {
        if (child.type === 'footnoteDefinition') taken.add(child.identifier)
        else if ('children' in child) collect(child as Parent)
      }
    }
    collect(tree)
    const label = () => {
      let id = `cite-${definitions.length + 1}`
      while (taken.has(id)) id += '-x'
      return id
    }

    const visit = (parent: Parent) => {
      for (let i = 0; i < parent.children.length; i++) {
        const node = parent.children[i]!
        // Citations in the author's notes stay inline there.
        if (node.type === 'footnoteDefinition') continue
        if (node.type !== 'cite') {
          if ('children' in node) visit(node as Parent)
          continue
        }
        const identifier = label()
        definitions.push({
          type: 'footnoteDefinition',
          identifier,
          label: identifier,
          children: [{ type: 'paragraph', children: [node] }],
          data: { citation: true },
        })
        const before: PhrasingContent[] = node.mode === 'author-in-text' ? [{ ...node, data: { authorOnly: true } } as Cite] : []
        const call: FootnoteReference = { type: 'footnoteReference', identifier, label: identifier, position: node.position }
        i += placeCall(parent, i, before, call, insideQuotes)
      }
    }
    visit(tree)
    tree.children.push(...definitions)
  }
}

/**
 * Replaces the cite at `index` with `before` + the note call. A citation's call (not an
 * author's name) takes the punctuation that follows in front of it, and the space before it
 * goes; a full stop or comma goes inside a closing quotation mark when `insideQuotes`.
 * Returns how far the index moved.
 */
function placeCall(parent: Parent, index: number, before: PhrasingContent[], call: FootnoteReference, insideQuotes: boolean): number {
  const previous = parent.children[index - 1]
  if (previous?.type === 'text' && !before.length) previous.value = previous.value.replace(/\s+$/, '')
  const next = parent.children[index + 1]
  const inserted: PhrasingContent[] = [...before]
  if (next?.type === 'text' && !before.length) {
    let punctuation = movable.exec(next.value)?.[0]
    if (punctuation) {
      next.value = next.value.slice(punctuation.length)
      // A sentence that already ends in a full stop (an abbreviation's: "the U.S. [@a].") or a
      // question or exclamation mark, inside a closing quote or not, takes no second one.
      if (punctuation.startsWith('.') && previous?.type === 'text' && sentenceEnded.test(previous.value)) punctuation = punctuation.slice(1)
      // Inside the last closing mark only: “Ulster ‘troubles’,” — and never before an
      // apostrophe: the farmers’.¹
      const text = previous?.type === 'text' ? previous.value : ''
      if (insideQuotes && previous?.type === 'text' && /^[.,]/.test(punctuation) && closesQuote(text, text.length - 1)) {
        previous.value = text.slice(0, -1) + punctuation[0] + text.slice(-1)
        punctuation = punctuation.slice(1)
      }
      if (punctuation) inserted.push({ type: 'text', value: punctuation })
    }
  }
  inserted.push(call)
  parent.children.splice(index, 1, ...(inserted as never[]))
  return inserted.length - 1
}
