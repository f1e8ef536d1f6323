/**
 * Reads what a reader sees out of an HTML page (ours or pandoc's): the notes, the inline
 * citations and the bibliography, as normalised text, the way ../shared/checks/notes.py does.
 * That folds en and em dashes into hyphens; the oracle keeps them (`dashes: 'exact'`), since a
 * range's dash is part of what a style prints ("figs 2–3").
 */
import type { Element, Nodes, Root } from 'hast'
import { fromHtml } from 'hast-util-from-html'

export interface Reading {
  /** `folded` (the default, as notes.py reads): "–" and "—" read as "-". */
  dashes?: 'folded' | 'exact'
}

/** Text as notes.py compares it (dashes folded). */
export function normalise(text: string): string {
  return normaliseAs(text, {})
}

function normaliseAs(text: string, { dashes = 'folded' }: Reading): string {
  return text
    .normalize('NFC')
    .replace(/[↩\u21a9\ufe0e\ufe0f]+/g, '')
    .replace(/[“”]/g, '"')
    .replace(/[‘’]/g, "'")
    .replace(/[–—]/g, (dash) => (dashes === 'exact' ? dash : '-'))
    .replace(/[\u00a0\u202f\u2009]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/\.$/, '')
}

/**
 * The page's tree, parsed once for the readings a test takes of one page in a row (the oracle
 * reads notes, citations, bibliography and paragraphs of ours, then of pandoc's): the last two
 * pages are kept. The readings never change a tree. The stylesheets' text is left out: on our
 * web page it holds the fonts as data: URLs, nine tenths of its bytes, and no reading looks
 * into a stylesheet.
 */
const parsed = new Map<string, Root>()
function parse(html: string): Root {
  let tree = parsed.get(html)
  if (!tree) {
    tree = fromHtml(html.replace(/(<style\b[^>]*>)[^]*?(<\/style>)/gi, '$1$2'))
    parsed.set(html, tree)
    if (parsed.size > 2) parsed.delete(parsed.keys().next().value!)
  }
  return tree
}

const classes = (node: Element) => {
  const value: unknown = node.properties.className
  return Array.isArray(value) ? value.map(String) : typeof value === 'string' ? value.split(' ') : []
}

const isBackref = (node: Element) =>
  'dataFootnoteBackref' in node.properties || classes(node).some((c: string) => c === 'footnote-back' || c === 'footnote-backref') || node.properties.role === 'doc-backlink'

const isNoteCall = (node: Element) => 'dataFootnoteRef' in node.properties || classes(node).includes('footnote-ref') || node.properties.role === 'doc-noteref'

/**
 * A node's text without note calls and back links: every `sup` is taken for a call, unless
 * `withSup` (a citation, which a superscript style prints raised; its note calls are links).
 */
function text(node: Nodes, withSup = false): string {
  if (node.type === 'text') return node.value
  if (node.type === 'element' && (isBackref(node) || isNoteCall(node) || (node.tagName === 'sup' && !withSup))) return ''
  return 'children' in node ? node.children.map((child) => text(child, withSup)).join('') : ''
}

function find(node: Nodes, test: (e: Element) => boolean, out: Element[] = [], stopInside = false): Element[] {
  if (node.type === 'element' && test(node)) {
    out.push(node)
    if (stopInside) return out
  }
  if ('children' in node) for (const child of node.children) find(child, test, out, stopInside)
  return out
}

export function extractNotes(html: string, reading: Reading = {}): string[] {
  const tree = parse(html)
  const section = find(tree, (e) => classes(e).includes('footnotes') || 'dataFootnotes' in e.properties, [], true)[0]
  if (!section) return []
  const list = find(section, (e) => e.tagName === 'ol', [], true)[0]
  if (!list) return []
  return list.children.filter((c): c is Element => c.type === 'element' && c.tagName === 'li').map((li) => normaliseAs(text(li), reading))
}

/** Inline citations in the running text (author-date styles), in order. */
export function extractCitations(html: string, reading: Reading = {}): string[] {
  const tree = parse(html)
  const notes = find(tree, (e) => classes(e).includes('footnotes'), [], true)
  const inNotes = new Set(notes.flatMap((n) => find(n, () => true)))
  return find(tree, (e) => e.tagName === 'span' && (classes(e).includes('citation') || classes(e).includes('citation-author')), [], true)
    .filter((e) => !inNotes.has(e))
    .map((e) => normaliseAs(text(e, true), reading))
    .filter(Boolean)
}

export function extractBibliography(html: string, reading: Reading = {}): string[] {
  const tree = parse(html)
  return find(tree, (e) => classes(e).includes('csl-entry')).map((e) => normaliseAs(text(e), reading))
}

export function extractBodyText(html: string): string {
  const tree = parse(html)
  const main = find(tree, (e) => e.tagName === 'main', [], true)[0]
  if (!main) return ''
  const body = { ...main, children: main.children.filter((c) => !(c.type === 'element' && classes(c).includes('footnotes'))) }
  return normalise(text(body))
}

/**
 * The running text's paragraphs as a reader sees them, note calls as `[n]` and quotation
 * marks kept: where a call stands against the punctuation and the quotes. Paragraphs inside
 * the notes, the bibliography and the page's header are left out; works on pandoc's page too.
 */
export function extractParagraphs(html: string): string[] {
  const tree = parse(html)
  const skip = new Set(
    find(tree, (e) => classes(e).includes('footnotes') || 'dataFootnotes' in e.properties || e.properties.id === 'refs' || classes(e).includes('references') || e.tagName === 'header', [], true).flatMap((n) => find(n, () => true)),
  )
  const withCalls = (node: Nodes): string => {
    if (node.type === 'text') return node.value
    if (node.type === 'element' && node.tagName === 'sup') return `[${toPlain(node)}]`
    return 'children' in node ? node.children.map(withCalls).join('') : ''
  }
  const toPlain = (node: Nodes): string => (node.type === 'text' ? node.value : 'children' in node ? node.children.map(toPlain).join('') : '')
  return find(tree, (e) => e.tagName === 'p' && !skip.has(e)).map((p) => withCalls(p).replace(/\s+/g, ' ').trim()).filter(Boolean)
}
