/**
 * A page break where the author asks for one: a paragraph that is only `\newpage` (or
 * `\pagebreak`, `\clearpage`), as pandoc authors write for LaTeX, or a `::: {.page-break}` div.
 * Print starts a new page there; the web page and the EPUB ignore it.
 */
import type { Root } from 'mdast'
import type { Plugin } from 'unified'
import { visit } from 'unist-util-visit'

const command = /^\\(newpage|pagebreak|clearpage)\s*$/

export const remarkPageBreaks: Plugin<[], Root> = function () {
  return (tree) => {
    visit(tree, 'paragraph', (node, index, parent) => {
      if (!parent || index === undefined || node.children.length !== 1) return
      const only = node.children[0]
      if (only?.type !== 'text' || !command.test(only.value.trim())) return
      parent.children[index] = {
        type: 'thematicBreak',
        position: node.position,
        data: { hName: 'div', hProperties: { className: ['page-break'], ariaHidden: 'true' } },
      }
    })
  }
}
