/**
 * citeproc-js speaks HTML strings; the tree speaks hast. Convert once, here, and turn the
 * inline styles citeproc uses into classes, so no `style` attribute from data ever reaches
 * the page (the stylesheet decides what small caps look like).
 */
import type { ElementContent, Element, Text } from 'hast'
import { fromHtml } from 'hast-util-from-html'
import { identifierHyphen } from './source-check.ts'

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
  // Identifier hyphens were hidden from citeproc-js behind a marker (source-check.ts); print them plain.
  if (node.type === 'text') return { ...node, value: node.value.replaceAll(identifierHyphen, '-') }
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

/**
 * The id of a source's bibliography entry, and the fragment citations link to: `ref-` and its
 * key, as pandoc names it. A key may hold what an id or a link cannot (CSL-JSON allows any
 * text: `doe 2020`, `"quoted"`); those characters are written as `_hex_`, so every id is
 * valid and every link resolves.
 */
export function sourceAnchor(key: string): string {
  return `ref-${key.replace(/[\s"'<>`{}|\\^%#\p{Cc}\p{Cf}]/gu, (c) => `_${c.codePointAt(0)!.toString(16)}_`)}`
}

/**
 * Where rendered citations may link: each source's URL and DOI, exactly as in its data. Only
 * these strings become links, so text that follows a URL in a note (a locator, a suffix) can
 * never run into the link.
 */
export function linkTargets(items: Iterable<Record<string, unknown>>): string[] {
  const targets = new Set<string>()
  for (const item of items) {
    if (typeof item.URL === 'string' && item.URL.trim()) targets.add(item.URL.trim())
    if (typeof item.DOI === 'string' && item.DOI.trim()) {
      const doi = item.DOI.trim().replace(/^https?:\/\/(dx\.)?doi\.org\//i, '')
      for (const base of ['https://doi.org/', 'http://doi.org/', 'https://dx.doi.org/', 'http://dx.doi.org/']) targets.add(base + doi)
    }
  }
  // Longest first, so a URL that extends another is matched whole.
  return [...targets].filter((t) => /^https?:\/\//i.test(t)).sort((a, b) => b.length - a.length)
}

/** Makes the sources' URLs in rendered citations live links, as pandoc does. */
function linkUrls(nodes: ElementContent[], targets: readonly string[]): ElementContent[] {
  if (!targets.length) return nodes
  return nodes.flatMap((node): ElementContent[] => {
    if (node.type === 'element') return node.tagName === 'a' ? [node] : [{ ...node, children: linkUrls(node.children, targets) }]
    if (node.type !== 'text') return [node]
    const out: ElementContent[] = []
    let rest = node.value
    for (;;) {
      let at = -1
      let found = ''
      for (const target of targets) {
        const i = rest.indexOf(target)
        if (i >= 0 && (at < 0 || i < at)) {
          at = i
          found = target
        }
      }
      if (at < 0) break
      if (at > 0) out.push({ type: 'text', value: rest.slice(0, at) })
      out.push({ type: 'element', tagName: 'a', properties: { href: found, className: ['url'] }, children: [{ type: 'text', value: found }] })
      rest = rest.slice(at + found.length)
    }
    if (rest) out.push({ type: 'text', value: rest })
    return out
  })
}

export function citationToHast(html: string, links: readonly string[] = []): ElementContent[] {
  const root = fromHtml(html, { fragment: true })
  return linkUrls(root.children.filter((n): n is ElementContent => n.type !== 'doctype' && n.type !== 'comment').map(clean), links)
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
