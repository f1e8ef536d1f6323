/**
 * Where note calls stand in the text, whatever made them (a citation, the author's `[^note]`,
 * an inline note), decided once on the numbered tree so every output prints the same:
 *
 * - **Never inside a link.** HTML cannot nest links, and a call is one: the parser that reads
 *   the tail's HTML would split the two and leave the call's number outside its superscript.
 *   A call in a link's text moves to right after the link.
 * - **Never side by side without a separator.** "decades.⁶⁷" reads as note 67, "sound.²⁰²¹"
 *   as a year; the house form is "decades.⁶,⁷". Side by side means in reading order with
 *   nothing printed between: empty text left where a citation's punctuation moved, or the
 *   edge of emphasis (`*the reform held[^a]*[^b]`). A space the author typed between two calls
 *   is printed, so those calls are not side by side.
 */
import type { Link, Parent, PhrasingContent, Root } from 'mdast'
import type { Plugin } from 'unified'
import { visit } from 'unist-util-visit'
import type { SubSuper } from '../types/tree.ts'

const separator = (): SubSuper => ({ type: 'superscript', data: { hName: 'sup', hProperties: { className: ['call-separator'], ariaHidden: 'true' } }, children: [{ type: 'text', value: ',' }] })

/** Takes every call out of a link's content, in order. */
function takeCalls(parent: Parent): PhrasingContent[] {
  const calls: PhrasingContent[] = []
  parent.children = parent.children.filter((child) => {
    if (child.type === 'footnoteReference') {
      calls.push(child)
      return false
    }
    if ('children' in child) calls.push(...takeCalls(child as Parent))
    return true
  })
  return calls
}

/** Moves the calls in each link's text to right after the link. */
function callsOutOfLinks(tree: Root): void {
  visit(tree, 'link', (link: Link, index, parent) => {
    if (!parent || index === undefined) return
    const calls = takeCalls(link)
    if (calls.length) parent.children.splice(index + 1, 0, ...(calls as never[]))
  })
}

/** Where a call stands: its parent and its index there. */
interface Place {
  parent: Parent
  index: number
}

/** The calls of one block's inline content that follow another call with nothing printed between, in reading order. */
function callsAfterCalls(block: Parent): Place[] {
  const found: Place[] = []
  let lastWasCall = false
  const walk = (parent: Parent) => {
    parent.children.forEach((child, index) => {
      if (child.type === 'footnoteReference') {
        if (lastWasCall) found.push({ parent, index })
        lastWasCall = true
      } else if (child.type === 'text') {
        if (child.value !== '') lastWasCall = false
      } else if ('children' in child && child.children.length) {
        // Emphasis and other spans: their content is read in line with the text around them.
        walk(child as Parent)
      } else {
        lastWasCall = false
      }
    })
  }
  walk(block)
  return found
}

export const remarkNoteCalls: Plugin<[], Root> = function () {
  return (tree) => {
    callsOutOfLinks(tree)
    const blocks: Parent[] = []
    visit(tree, (node) => {
      // The blocks that hold inline content; each paragraph of a note is a block of its own.
      if (node.type === 'paragraph' || node.type === 'heading' || node.type === 'tableCell') blocks.push(node as Parent)
    })
    for (const block of blocks) {
      // From the last, so the earlier places stay where they are.
      for (const { parent, index } of callsAfterCalls(block).reverse()) parent.children.splice(index, 0, separator() as never)
    }
  }
}
