/**
 * An SVG image, parsed as XML (@rgrove/parse-xml: strict, and it expands no entity a DOCTYPE
 * declares) and held to what an image may be: nothing that runs, nothing that loads. The web
 * page and the EPUB carry the file as it is, and an SVG opened on its own, or by a reading
 * system that shows it as a document, runs its scripts and loads what it names; so one
 * that breaks a rule is left out of every output with a warning naming the rule and its line.
 *
 * Refused: `<script>`, `<foreignObject>` (HTML inside the image), frames, objects, media,
 * elements in the XHTML namespace, event-handler attributes (`onload`), a reference (`href`,
 * `xlink:href`, CSS `url()`) to anything but a `#place` in the file or a `data:` PNG, JPEG,
 * GIF or WebP, an animation that sets a reference, CSS `@import` or escapes, a stylesheet
 * processing instruction (`<?xml-stylesheet?>`) and a DOCTYPE that declares anything.
 * Comments and Inkscape's or Illustrator's own metadata are kept: they neither run nor load.
 */
import { parseXml, XmlCdata, XmlDocumentType, XmlElement, XmlError, XmlProcessingInstruction, XmlText, type XmlNode } from '@rgrove/parse-xml'

export type SvgProblem =
  /** Not UTF-8, or not well-formed XML (at `line`), or not in the SVG namespace: no browser shows it. */
  | { kind: 'svg-syntax'; detail: string; line?: number }
  /** Well-formed, but it runs or loads something (`what`, at `line` of the SVG file). */
  | { kind: 'unsafe-svg'; what: string; line: number }

/** `data`: the file as every output carries it, less its DOCTYPE when it has one. */
export type SvgVerdict = { ok: true; data: Uint8Array; size?: { width: number; height: number } } | { ok: false; problem: SvgProblem }

const svgNamespace = 'http://www.w3.org/2000/svg'
const xhtmlNamespace = 'http://www.w3.org/1999/xhtml'
const refusedElements = new Set(['script', 'foreignobject', 'iframe', 'frame', 'object', 'embed', 'applet', 'audio', 'video', 'canvas', 'handler', 'listener'])
const animations = new Set(['set', 'animate', 'animatetransform', 'animatemotion', 'animatecolor'])
/** A `data:` image a browser decodes as pixels; another SVG in a data: URL would go unchecked. */
const dataImage = /^data:image\/(png|jpeg|gif|webp)[;,]/i

class Unsafe extends Error {
  constructor(
    readonly what: string,
    readonly line: number,
  ) {
    super(what)
  }
}

export function checkSvg(data_: Uint8Array): SvgVerdict {
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(data_)
  } catch {
    return { ok: false, problem: { kind: 'svg-syntax', detail: 'it is not UTF-8 text' } }
  }
  let document
  try {
    document = parseXml(text.replace(/^\uFEFF/, ''), { includeOffsets: true, preserveComments: false, preserveDocumentType: true })
  } catch (error) {
    if (!(error instanceof XmlError)) throw error
    return { ok: false, problem: { kind: 'svg-syntax', detail: error.message.split('\n')[0]!.replace(/ \(line \d+, column \d+\)$/, ''), line: error.line } }
  }
  const lineOf = (offset: number) => text.slice(0, offset).split('\n').length
  const root = document.root
  if (!root || localName(root.name) !== 'svg' || namespaceOf(root, new Map()) !== svgNamespace) {
    return { ok: false, problem: { kind: 'svg-syntax', detail: `its root element is not <svg xmlns="${svgNamespace}">` } }
  }
  let doctype: XmlDocumentType | undefined
  try {
    for (const node of document.children) {
      if (node instanceof XmlProcessingInstruction) throw new Unsafe(`a processing instruction \`<?${node.name} …?>\`${node.name === 'xml-stylesheet' ? ' (an outside stylesheet)' : ''}`, lineOf(node.start))
      if (!(node instanceof XmlDocumentType)) continue
      if (/\[/.test(text.slice(node.start, node.end))) throw new Unsafe('a DOCTYPE that declares entities or attributes', lineOf(node.start))
      doctype = node
    }
    checkElement(root, new Map(), lineOf)
  } catch (error) {
    if (error instanceof Unsafe) return { ok: false, problem: { kind: 'unsafe-svg', what: error.what, line: error.line } }
    throw error
  }
  // A DOCTYPE naming the SVG 1.1 DTD (as Illustrator writes) changes nothing a browser draws,
  // but EPUB forbids external identifiers (EPUBCheck OPF-073): it is cut out, and nothing else.
  const data = doctype ? new TextEncoder().encode(text.slice(0, doctype.start) + text.slice(doctype.end)) : data_
  return { ok: true, data, size: sizeOf(root) }
}

const localName = (name: string) => name.slice(name.indexOf(':') + 1)

/** The element's namespace, from its own and its ancestors' `xmlns` declarations (`scope`). */
function namespaceOf(element: XmlElement, scope: Map<string, string>): string | undefined {
  const prefix = element.name.includes(':') ? element.name.slice(0, element.name.indexOf(':')) : ''
  const declared = prefix ? element.attributes[`xmlns:${prefix}`] : element.attributes.xmlns
  return declared ?? scope.get(prefix)
}

function checkElement(element: XmlElement, inherited: Map<string, string>, lineOf: (offset: number) => number): void {
  const line = lineOf(element.start)
  const scope = new Map(inherited)
  for (const [name, value] of Object.entries(element.attributes)) {
    if (name === 'xmlns') scope.set('', value)
    else if (name.startsWith('xmlns:')) scope.set(name.slice(6), value)
  }
  const name = localName(element.name).toLowerCase()
  if (namespaceOf(element, inherited) === xhtmlNamespace) throw new Unsafe(`an HTML element \`<${element.name}>\``, line)
  if (refusedElements.has(name)) throw new Unsafe(`a \`<${element.name}>\` element`, line)
  for (const [attribute, value] of Object.entries(element.attributes)) {
    const local = localName(attribute).toLowerCase()
    if (local.startsWith('on')) throw new Unsafe(`an event handler \`${attribute}\``, line)
    if (local === 'href' || local === 'src') checkReference(value.trim(), `${attribute}="${value.trim()}"`, line)
    if (animations.has(name) && local === 'attributename' && /(^|:)href$/i.test(value.trim())) throw new Unsafe(`an animation that sets a reference \`<${element.name} attributeName="${value}">\``, line)
    if (local === 'style' || /url\(|image-set\(/i.test(value)) checkCss(value, line)
  }
  if (name === 'style') checkCss(element.children.map((c) => (c instanceof XmlText || c instanceof XmlCdata ? c.text : '')).join(''), line)
  for (const child of element.children as XmlNode[]) {
    if (child instanceof XmlElement) checkElement(child, scope, lineOf)
    else if (child instanceof XmlProcessingInstruction) throw new Unsafe(`a processing instruction \`<?${child.name} …?>\``, lineOf(child.start))
  }
}

function checkReference(target: string, written: string, line: number): void {
  if (target.startsWith('#') || dataImage.test(target)) return
  throw new Unsafe(`a reference to a file or address \`${written.length > 80 ? written.slice(0, 77) + '…' : written}\``, line)
}

/** CSS in a `<style>` element or a `style` or presentation attribute: no @import, no outside url(). */
function checkCss(css: string, line: number): void {
  const plain = css.replace(/\/\*[\s\S]*?\*\//g, '')
  if (plain.includes('\\')) throw new Unsafe('CSS with escapes (`\\`), which could hide a reference', line)
  if (/@import/i.test(plain)) throw new Unsafe('a CSS `@import` (an outside stylesheet)', line)
  if (/(^|[^\w-])(-webkit-)?(image-set|image|cross-fade|src)\(/i.test(plain)) throw new Unsafe('a CSS image function that loads a file', line)
  for (const match of plain.matchAll(/url\(\s*(?:"([^"]*)"|'([^']*)'|([^)]*))/gi)) {
    checkReference((match[1] ?? match[2] ?? match[3] ?? '').trim(), match[0] + ')', line)
  }
}

/** The size the SVG gives itself, in CSS pixels: its width and height, else its viewBox. */
function sizeOf(root: XmlElement): { width: number; height: number } | undefined {
  const pixels = (value: string | undefined) => (value && /^\s*\d+(\.\d+)?\s*(px)?\s*$/.test(value) ? Number.parseFloat(value) : undefined)
  const box = (root.attributes.viewBox ?? '').trim().split(/[\s,]+/).map(Number)
  const [boxWidth, boxHeight] = box.length === 4 && box.every(Number.isFinite) ? [box[2]!, box[3]!] : [undefined, undefined]
  const width = pixels(root.attributes.width) ?? boxWidth
  const height = pixels(root.attributes.height) ?? boxHeight
  return width && height ? { width, height } : undefined
}
