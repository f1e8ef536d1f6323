/**
 * citeproc-js speaks HTML strings; the tree speaks hast. Convert once, here, and turn the
 * inline styles citeproc uses into classes, so no `style` attribute from data ever reaches
 * the page (the stylesheet decides what small caps look like).
 */
import type { ElementContent, Element, Text } from 'hast'
import { fromHtml } from 'hast-util-from-html'

const styleClasses: Array<[RegExp, string]> = [
  [/font-variant:\s*small-caps/, 'csl-small-caps'],
  [/font-style:\s*italic/, 'csl-italic'],
  [/font-style:\s*normal/, 'csl-normal'],
  [/font-weight:\s*bold/, 'csl-bold'],
  [/font-weight:\s*normal/, 'csl-normal'],
  [/text-decoration:\s*underline/, 'csl-underline'],
  [/vertical-align:\s*sup/, 'csl-sup'],
  [/vertical-align:\s*sub/, 'csl-sub'],
]

function clean(node: ElementContent): ElementContent {
  if (node.type !== 'element') return node
  const { style, ...properties } = node.properties
  const classes = typeof style === 'string' ? styleClasses.filter(([re]) => re.test(style)).map(([, c]) => c) : []
  const element: Element = {
    ...node,
    properties: classes.length ? { ...properties, className: classes } : properties,
    children: node.children.map(clean),
  }
  return element
}

// A URL in a note ends before trailing punctuation that belongs to the sentence.
const urlPattern = /\bhttps?:\/\/[^\s<>"]*[^\s<>".,;:!?)\]'’”]/g

/** Makes URLs in rendered citations live links, as pandoc does. */
function linkUrls(nodes: ElementContent[]): ElementContent[] {
  return nodes.flatMap((node): ElementContent[] => {
    if (node.type === 'element') return node.tagName === 'a' ? [node] : [{ ...node, children: linkUrls(node.children) }]
    if (node.type !== 'text') return [node]
    const out: ElementContent[] = []
    let last = 0
    for (const match of node.value.matchAll(urlPattern)) {
      if (match.index > last) out.push({ type: 'text', value: node.value.slice(last, match.index) })
      out.push({ type: 'element', tagName: 'a', properties: { href: match[0], className: ['url'] }, children: [{ type: 'text', value: match[0] }] })
      last = match.index + match[0].length
    }
    if (last < node.value.length) out.push({ type: 'text', value: node.value.slice(last) })
    return out
  })
}

export function citationToHast(html: string): ElementContent[] {
  const root = fromHtml(html, { fragment: true })
  return linkUrls(root.children.filter((n): n is ElementContent => n.type !== 'doctype' && n.type !== 'comment').map(clean))
}

/**
 * Upper-cases the first letter of a rendered note ("ibid." → "Ibid.", "see …" → "See …"), as
 * pandoc does. Returns true once the first visible character has been seen.
 */
export function capitalizeFirst(nodes: ElementContent[]): boolean {
  for (const node of nodes) {
    if (node.type === 'element' && capitalizeFirst(node.children)) return true
    if (node.type !== 'text' || !node.value.trim()) continue
    const text = node as Text
    const at = text.value.search(/\S/u)
    text.value = text.value.slice(0, at) + text.value.charAt(at).toUpperCase() + text.value.slice(at + 1)
    return true
  }
  return false
}
