/**
 * Appends the bibliography (rendered by remark-render-citations), after the notes: when the brief sets `reference-section-title` or the style is
 * author-date, unless `suppress-bibliography: true`. Entries are the cited sources plus the
 * `nocite` ones, in the style's order; each entry gets `id="ref-<key>"` for links.
 */
import type { ElementContent } from 'hast'
import type { Root } from 'mdast'
import type { Plugin } from 'unified'
import { citationToHast, linkTargets, sourceAnchor } from '../citations/to-hast.ts'
import type { BibliographyNode } from '../types/tree.ts'

/**
 * Numbered styles (IEEE) put the number and the entry in two blocks; as one line of text they
 * read "[1] A. Siddiqa, …" (copied, searched, spoken), and the stylesheet aligns them.
 */
function inlineMargin(node: ElementContent): ElementContent[] {
  if (node.type !== 'element' || node.tagName !== 'div') return [node]
  const classes = Array.isArray(node.properties.className) ? node.properties.className.map(String) : []
  if (classes.includes('csl-left-margin')) return [{ ...node, tagName: 'span' }, { type: 'text', value: ' ' }]
  if (classes.includes('csl-right-inline')) return [{ ...node, tagName: 'span' }]
  return [node]
}

export const remarkBibliography: Plugin<[], Root> = function () {
  return (tree, file) => {
    const { meta, style } = file.data
    if (!meta || !style || !file.data.bibliography || meta.suppressBibliography) return
    if (!meta.referenceSectionTitle && style.kind !== 'in-text') return
    const { entries } = file.data.bibliography
    if (!entries.length) return
    const links = linkTargets([...(file.data.sources?.values() ?? [])].map((s) => s.item))
    const children: ElementContent[] = entries.map((entry) => {
      // citeproc wraps each entry in its own div.csl-entry; keep its content, use our element.
      const parsed = citationToHast(entry.html, links)
      const inner = parsed.length === 1 && parsed[0]!.type === 'element' ? parsed[0]!.children : parsed
      const children = inner.flatMap(inlineMargin)
      const numbered = children.length !== inner.length
      return { type: 'element', tagName: 'div', properties: { id: sourceAnchor(entry.id), className: numbered ? ['csl-entry', 'numbered'] : ['csl-entry'], role: 'listitem' }, children }
    })
    if (meta.referenceSectionTitle) {
      tree.children.push({ type: 'heading', depth: 2, children: [{ type: 'text', value: meta.referenceSectionTitle }] })
    }
    const bibliography: BibliographyNode = {
      type: 'bibliography',
      value: '',
      data: {
        hName: 'div',
        hProperties: { id: 'refs', className: ['references', 'csl-bib-body'], role: 'list' },
        hChildren: children,
      },
    }
    tree.children.push(bibliography)
  }
}
