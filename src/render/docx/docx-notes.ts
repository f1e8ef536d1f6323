/**
 * Word footnotes for the docx tail's notes (src/pipeline/note-markup.ts).
 *
 * Glossary: call = `sup[data-note-call=N]`; note = `aside[data-note=N]`, holding the note's
 * blocks; N = our number for the note (the numbered tree's); Word id = the footnote's id in
 * word/footnotes.xml, given in the order the references stand in the document, so it is also
 * the number Word shows.
 *
 * A note is defined at its first call in the running text. Word has no notes in notes: a note
 * called only from inside notes becomes the next footnote, referenced right after the note
 * that calls it. A call inside a note, and a note's second call in the text, show the note's
 * Word number as a superscript. The notes' blocks are written last, when every Word number is
 * known: a note may call one that the text defines further on.
 */
import type { Element, ElementContent } from 'hast'
import { FootnoteReferenceRun, Paragraph, TextRun, type Table } from 'docx'
import { visit } from 'unist-util-visit'
import { styleIds as S } from './docx-styles.ts'
import { isElement, type Run } from './docx-runs.ts'

const isNote = (node: ElementContent): node is Element => isElement(node) && node.tagName === 'aside' && node.properties.dataNote !== undefined
const isCall = (node: Element) => node.tagName === 'sup' && node.properties.dataNoteCall !== undefined

/** Every call in `nodes`, in document order: our note numbers. */
function callsIn(nodes: ElementContent[]): string[] {
  const out: string[] = []
  visit({ type: 'root', children: nodes }, 'element', (node) => {
    if (isCall(node)) out.push(String(node.properties.dataNoteCall))
  })
  return out
}

export class WordNotes {
  /** The running text: the body without its notes. */
  readonly text: ElementContent[]
  private readonly notes = new Map<string, Element>()
  /** Notes called from the running text: each is defined at its first call there. */
  private readonly calledFromText: Set<string>
  /** Our number → Word id, in the order Word numbers the notes. */
  private readonly ids = new Map<string, number>()

  constructor(body: ElementContent[]) {
    this.text = body.filter((node) => {
      if (!isNote(node)) return true
      this.notes.set(String(node.properties.dataNote), node)
      return false
    })
    this.calledFromText = new Set(callsIn(this.text))
  }

  /** The runs for a call in the running text (`inNote` false) or inside a note. */
  call(node: Element, inNote: boolean): Run[] {
    const n = String(node.properties.dataNoteCall)
    if (inNote || this.ids.has(n) || !this.notes.has(n)) return [new TextRun({ text: String(this.ids.get(n) ?? n), superScript: true })]
    // This note, then the notes called only from inside it (at any depth), each referenced
    // here in turn.
    const defined = [this.define(n)]
    for (let i = 0; i < defined.length; i++) {
      for (const m of callsIn(this.notes.get(defined[i]!)!.children)) {
        if (!this.calledFromText.has(m) && !this.ids.has(m) && this.notes.has(m)) defined.push(this.define(m))
      }
    }
    return defined.map((m) => new FootnoteReferenceRun(this.ids.get(m)!))
  }

  private define(n: string): string {
    this.ids.set(n, this.ids.size + 1)
    return n
  }

  /** The footnotes, by Word id, their blocks written by `write`; call it once the running text is written. */
  footnotes(write: (blocks: ElementContent[]) => Array<Paragraph | Table>): Record<string, { children: Paragraph[] }> {
    const out: Record<string, { children: Paragraph[] }> = {}
    for (const [n, id] of this.ids) {
      const blocks = write(this.notes.get(n)!.children)
      // Word writes the note's number in front of its first paragraph, a space after it.
      const first = blocks[0]
      if (first instanceof Paragraph) first.addRunToFront(new TextRun(' '))
      else blocks.unshift(new Paragraph({ style: S.footnoteText, children: [new TextRun(' ')] }))
      // @ts-expect-error docx types a footnote as paragraphs only; a table is as valid in one (EG_BlockLevelElts) and docx writes it as given.
      out[String(id)] = { children: blocks }
    }
    return out
  }
}
