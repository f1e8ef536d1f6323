/**
 * Quarto's callouts, read the way Quarto reads them:
 *
 *     ::: {.callout-warning}
 *     ## Border closures
 *     Crossings may close at short notice.
 *     :::
 *
 * Glossary:
 * - callout: a fenced div with the class `callout-note`, `-tip`, `-warning`, `-important` or
 *   `-caution`, or `callout` alone (a note);
 * - type: which of the five it is; each output draws each type its own way (styles/*.css, the
 *   Word styles `Callout <Type>` and `Callout <Type> Title`);
 * - title: its first line. `title="…"` gives it (remark-fenced-divs has already made it a
 *   `box-title` paragraph); otherwise a heading that opens the callout is its title, as in
 *   Quarto, and no longer a heading: no section number, no bookmark, no entry in the EPUB's
 *   navigation, no Word heading; otherwise the type's name, "Note" … "Caution", as Quarto
 *   prints it. The title is one paragraph in the tree, so every output prints the same words.
 *
 * Runs on the `containerDirective` nodes remark-fenced-divs leaves, after its transformer, and
 * before remark-figures numbers the sections. Quarto's `collapse`, `icon` and `appearance`
 * are read by nobody: a brief's outputs have no folding and no icons (docs/writing.md).
 */
import type { Paragraph, Root } from 'mdast'
import type { ContainerDirective } from 'mdast-util-directive'
import type { Plugin } from 'unified'
import { visit } from 'unist-util-visit'

/** The five types and the name each prints when its callout has no title. */
export const calloutTypes = { note: 'Note', tip: 'Tip', warning: 'Warning', important: 'Important', caution: 'Caution' } as const
export type CalloutType = keyof typeof calloutTypes

/** The callout type a fenced div's classes name, if they name one; `.callout` alone is a note. */
export function calloutType(classes: readonly string[]): CalloutType | undefined {
  for (const name of classes) {
    const type = /^callout-(\w+)$/.exec(name)?.[1]
    if (type && type in calloutTypes) return type as CalloutType
  }
  return classes.includes('callout') ? 'note' : undefined
}

export const remarkCallouts: Plugin<[], Root> = function () {
  return (tree) => {
    visit(tree, 'containerDirective', (node: ContainerDirective) => {
      if (node.name !== 'div') return
      const classes = (node.attributes?.class ?? '').split(/\s+/).filter(Boolean)
      const type = calloutType(classes)
      if (!type) return
      const properties = node.data?.hProperties ?? {}
      // Every callout carries `callout` and its type's class, so a stylesheet or the Word writer
      // needs one rule per type; the author's other classes stay.
      const others = classes.filter((name) => name !== 'callout' && calloutType([name]) === undefined)
      node.data = {
        ...node.data,
        hName: 'div',
        // A note to the text, for assistive technology: not a section of the brief.
        hProperties: { ...properties, className: ['fenced-div', 'callout', `callout-${type}`, ...others], role: 'note' },
      }
      node.children.unshift(title(node, type))
    })
  }
}

/**
 * The callout's title paragraph, taken out of its children: the `title=` paragraph, else the
 * heading that opens it (with its words and id), else one with the type's name.
 */
function title(node: ContainerDirective, type: CalloutType): Paragraph {
  const className = ['box-title', 'callout-title']
  const first = node.children[0]
  const written = first?.type === 'paragraph' && node.attributes?.title && hasClass(first, 'box-title') ? first : first?.type === 'heading' ? first : undefined
  if (written) {
    node.children.shift()
    const id = written.data?.hProperties?.id
    return { type: 'paragraph', position: written.position, children: written.children, data: { hProperties: { className, ...(id ? { id } : {}) } } }
  }
  return { type: 'paragraph', children: [{ type: 'text', value: calloutTypes[type] }], data: { hProperties: { className } } }
}

function hasClass(node: Paragraph, name: string): boolean {
  const value = node.data?.hProperties?.className
  return Array.isArray(value) && value.includes(name)
}
