/**
 * Pandoc's fenced divs:
 *
 *     ::: {.key-points title="Key points"}
 *     - Trade and security go together.
 *     :::
 *
 * The parser reads them itself (../syntax/fenced-divs.ts), so every position in brief.md
 * stays exact. Each div becomes a `div` element with its id and classes; a few classes are the
 * styled blocks of a brief (see `boxes`), any other class is kept as a plain div.
 */
import type { Root } from 'mdast'
import type { ContainerDirective } from 'mdast-util-directive'
import type { Plugin, Processor } from 'unified'
import { visit } from 'unist-util-visit'
import { messages } from '../messages.ts'
import { rule } from '../rules.ts'
import { fencedDivs, fencedDivsFromMarkdown } from '../syntax/fenced-divs.ts'

/** Classes with a style of their own (styles/*.css), for the list in docs/writing.md. */
export const boxes = ['key-points', 'box', 'callout', 'callout-note', 'callout-tip', 'callout-important', 'callout-warning', 'callout-caution', 'summary', 'recommendations', 'page-break']

export const remarkFencedDivs: Plugin<[], Root> = function () {
  const data = (this as unknown as Processor).data()
  ;(data.micromarkExtensions ??= []).push(fencedDivs())
  ;(data.fromMarkdownExtensions ??= []).push(fencedDivsFromMarkdown())

  return (tree, file) => {
    visit(tree, 'containerDirective', (node: ContainerDirective) => {
      // A box left open runs to the end of the brief (pandoc prints its fence as text instead):
      // either way not what the author meant, so say where it starts.
      if (node.data?.unclosed) file.message(messages.unclosedDiv(), { place: node.position?.start, ruleId: rule('unclosed-div'), source: 'brief' })
      const attributes = node.attributes ?? {}
      const classes = (attributes.class ?? '').split(/\s+/).filter(Boolean)
      const title = attributes.title
      node.data = {
        ...node.data,
        hName: 'div',
        hProperties: { ...(attributes.id ? { id: attributes.id } : {}), className: ['fenced-div', ...classes], ...(title ? { dataTitle: title } : {}) },
      }
      // A box's title is printed as its first line.
      if (title) node.children.unshift({ type: 'paragraph', data: { hProperties: { className: ['box-title'] } }, children: [{ type: 'text', value: title }] })
    })
  }
}
