/**
 * Drops from an output every link the one link rule (src/brief/links.ts) does not keep, and
 * every `#place` link to an id this output does not have: the link becomes its content; and
 * every id but the first of its name. The Markdown stage has already said why at each link the author
 * wrote (remark-links), so this plugin reports nothing; it is the guard that holds the rule
 * in every output whatever wrote the link (raw HTML, a plugin), so no output ever points at a
 * file on the build machine (a relative link in the PDF became a `file:` link into the
 * build's temporary folder).
 */
import type { Root } from 'hast'
import type { Plugin } from 'unified'
import { SKIP, visit } from 'unist-util-visit'
import { normalizeUri } from 'micromark-util-sanitize-uri'
import { keepsLink } from '../brief/links.ts'

export const rehypeLinks: Plugin<[], Root> = function () {
  return (tree) => {
    const ids = new Set<string>()
    // One element per id: a second keeps its content and loses its id (the Markdown stage
    // renamed an author's id that clashed and warned of raw HTML's, remark-links).
    visit(tree, 'element', (node) => {
      if (typeof node.properties.id !== 'string') return
      if (ids.has(node.properties.id)) delete node.properties.id
      else ids.add(node.properties.id)
    })
    visit(tree, 'element', (node, index, parent) => {
      if (node.tagName !== 'a' || !parent || index === undefined) return
      const href = node.properties.href
      if (href === undefined || href === null) return
      if (typeof href === 'string' && keepsLink(href) && (!href.trim().startsWith('#') || ids.has(fragmentId(href)))) {
        // As Markdown's links are: a space, `<`, `>` or a quote in raw HTML's href (a SICI DOI,
        // an address typed with a space) is percent-encoded, so every output holds a valid URL.
        node.properties.href = normalizeUri(href.trim())
        return
      }
      parent.children.splice(index, 1, ...node.children)
      return [SKIP, index]
    })
  }
}

/** The id a `#place` link names, as the element's `id` holds it. */
function fragmentId(href: string): string {
  const id = href.trim().slice(1)
  try {
    return decodeURIComponent(id)
  } catch {
    return id
  }
}
