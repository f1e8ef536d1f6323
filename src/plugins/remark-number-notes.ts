/**
 * Numbers every note once, on the final Markdown tree; everything after reads these numbers
 * (citeproc's note index, every output's note markup), nothing counts again.
 *
 * Glossary: call = a `footnoteReference` in the text; note = the `footnoteDefinition` it calls.
 * Notes are numbered in the order their first calls are read: calls in the running text first,
 * then calls made from inside notes (a note's own notes), in the order those notes are read.
 * A note called twice keeps its number; the second call gets `callIndex` 2. Called notes move,
 * in number order, into one `notes` node at the end of the body; uncalled ones are dropped
 * (remark-footnote-check has warned about them).
 */
import type { FootnoteDefinition, Nodes, Root } from 'mdast'
import type { Plugin } from 'unified'
import { SKIP, visit } from 'unist-util-visit'
import '../types/tree.ts'

export const remarkNumberNotes: Plugin<[], Root> = function () {
  return (tree) => {
    const definitions = new Map<string, FootnoteDefinition>()
    visit(tree, 'footnoteDefinition', (node) => {
      if (!definitions.has(node.identifier)) definitions.set(node.identifier, node)
    })
    const notes: FootnoteDefinition[] = []
    const calls = new Map<string, number>()
    const readCalls = (scope: Nodes) => {
      visit(scope, (node) => {
        if (node.type === 'footnoteDefinition' && node !== scope) return SKIP
        if (node.type !== 'footnoteReference') return
        const note = definitions.get(node.identifier)
        if (!note) return
        const callIndex = (calls.get(node.identifier) ?? 0) + 1
        calls.set(node.identifier, callIndex)
        if (callIndex === 1) {
          notes.push(note)
          note.data = { ...note.data, noteNumber: notes.length }
        }
        note.data!.calls = callIndex
        node.data = { ...node.data, noteNumber: note.data!.noteNumber, callIndex }
      })
    }
    readCalls(tree)
    for (let i = 0; i < notes.length; i++) readCalls(notes[i]!)

    visit(tree, 'footnoteDefinition', (_, index, parent) => {
      if (!parent || index === undefined) return
      parent.children.splice(index, 1)
      return [SKIP, index]
    })
    if (notes.length) tree.children.push({ type: 'notes', children: notes })
  }
}
