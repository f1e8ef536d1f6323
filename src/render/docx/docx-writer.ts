/**
 * The print tail's HTML tree as Word content: blocks become paragraphs in the named styles of
 * src/render/docx/docx-styles.ts, tables and boxes become tables, a note call followed by its note
 * (print markup, src/pipeline/note-markup.ts) becomes a footnote reference and a Word footnote.
 */
import type { Element, ElementContent } from 'hast'
import { toString } from 'hast-util-to-string'
import { pathToFileURL } from 'node:url'
import {
  AlignmentType,
  ExternalHyperlink,
  FootnoteReferenceRun,
  ImageRun,
  PageBreak,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type IRunOptions,
  type ParagraphChild,
} from 'docx'
import type { VFile } from 'vfile'
import { messages } from '../../errors.ts'
import { styleIds as S, textHeightPx, textWidthPx } from './docx-styles.ts'
import { imageSize, sniffImageType, type PixelSize } from '../shared/image-size.ts'

export type Block = Paragraph | Table
type Run = ParagraphChild

/** What a run inherits from the elements around it. */
type Format = Pick<IRunOptions, 'italics' | 'bold' | 'superScript' | 'subScript' | 'strike' | 'style' | 'smallCaps'> & { underline?: boolean }

/** Where a block is: the style its paragraphs take, and the list it belongs to. */
export interface Place {
  style?: string
  /** The list item the block is in; only its first paragraph carries the bullet or number. */
  list?: { reference: string; level: number; instance: number; marked: { done: boolean } }
}

/** Word takes PNG, JPEG and GIF as they are; SVG and WebP would need a raster copy. */
const wordImageTypes: Record<string, 'png' | 'jpg' | 'gif'> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/gif': 'gif' }

/**
 * A picture at its natural size times `scale(size)`; undefined when Word cannot take it. The
 * bytes decide the type, not the name: a JPEG saved as .png is still a JPEG to Word.
 */
export function picture(data: Uint8Array, alt: string, scale: (size: PixelSize) => number): ImageRun | undefined {
  const type = wordImageTypes[sniffImageType(data) ?? '']
  const size = type ? imageSize(data) : undefined
  if (!type || !size) return undefined
  const k = scale(size)
  return new ImageRun({ type, data, transformation: { width: Math.round(size.width * k), height: Math.round(size.height * k) }, altText: { name: alt || 'image', title: alt, description: alt } })
}

/** The numbering a numbered list takes: `numbers`, or `numbers-from-N` for one that starts at N. */
export const numberingReference = (start: number) => (start === 1 ? 'numbers' : `numbers-from-${start}`)

const isElement = (node: ElementContent | undefined): node is Element => node?.type === 'element'
const classes = (node: Element): string[] => (Array.isArray(node.properties.className) ? node.properties.className.map(String) : [])
const hasClass = (node: Element, name: string) => classes(node).includes(name)

/** Turns the print tail's HTML tree into Word paragraphs, tables and footnotes. */
export class DocxWriter {
  readonly footnotes: Record<string, { children: Paragraph[] }> = {}
  private nextNote = 1
  /** Where numbered lists start, other than 1: each needs a numbering of its own. */
  readonly listStarts = new Set<number>()
  /** Our note number (`data-fn`) → the number Word shows for it. */
  private readonly wordNumbers = new Map<string, number>()
  private lists = 0

  constructor(private readonly file: VFile) {}

  blocks(nodes: ElementContent[], place: Place): Block[] {
    const out: Block[] = []
    let loose: ElementContent[] = []
    // Inline content at block level (a tight list item's text, a raw-HTML fragment) is one paragraph.
    const flush = () => {
      if (loose.some((n) => n.type !== 'text' || n.value.trim())) out.push(this.paragraph(loose, place))
      loose = []
    }
    for (const node of nodes) {
      if (isElement(node) && isBlock(node)) {
        flush()
        out.push(...this.block(node, place))
      } else loose.push(node)
    }
    flush()
    // Word joins tables that touch into one, and a table cell must end with a paragraph.
    return out.flatMap((block, i) => (block instanceof Table && (i === out.length - 1 || out[i + 1] instanceof Table) ? [block, new Paragraph({ style: S.normal, children: [] })] : [block]))
  }

  private block(node: Element, place: Place): Block[] {
    const tag = node.tagName
    if (/^h[1-6]$/.test(tag)) return [this.paragraph(node.children, { style: [S.heading1, S.heading2, S.heading3][Math.min(Number(tag[1]) - 1, 2)] })]
    if (tag === 'p') return [this.paragraph(node.children, hasClass(node, 'box-title') ? { ...place, style: S.boxTitle } : place)]
    if (tag === 'blockquote') return this.blocks(node.children, { ...place, style: place.style ?? S.blockText })
    if (tag === 'ul' || tag === 'ol') return this.list(node, place)
    if (tag === 'table') return [this.table(node)]
    if (tag === 'figure') return this.figure(node, place)
    if (tag === 'dl') {
      return node.children.filter(isElement).flatMap((item) => (item.tagName === 'dt' ? [this.paragraph(item.children, { style: S.definitionTerm })] : this.blocks(item.children, { style: S.definition })))
    }
    if (tag === 'hr') return [new Paragraph({ thematicBreak: true, children: [] })]
    // Tabs in code as spaces: Word reads a tab inside text as a space.
    if (tag === 'pre') return toString(node).replace(/\n$/, '').replace(/\t/g, '    ').split('\n').map((text) => new Paragraph({ style: place.style ?? S.normal, alignment: AlignmentType.LEFT, children: [new TextRun({ text, style: S.code })] }))
    if (tag === 'img') return [this.imageParagraph(node, place)]
    if (hasClass(node, 'page-break')) return [new Paragraph({ children: [new PageBreak()] })]
    if (hasClass(node, 'csl-entry')) return [this.paragraph(node.children, { style: S.bibliography })]
    if (hasClass(node, 'fenced-div')) {
      const inside = this.blocks(node.children, { style: S.box })
      return [new Table({ style: S.boxTable, width: { size: 100, type: WidthType.PERCENTAGE }, rows: [new TableRow({ children: [new TableCell({ children: inside.length ? inside : [new Paragraph({})] })] })] })]
    }
    if (node.properties.dataBriefEnd !== undefined) return []
    return this.blocks(node.children, place)
  }

  private list(node: Element, place: Place): Block[] {
    // A numbered list that starts elsewhere than 1 (`3. …`) numbers from there.
    const start = node.tagName === 'ol' ? Number(node.properties.start ?? 1) || 1 : 1
    if (start !== 1) this.listStarts.add(start)
    const reference = node.tagName === 'ol' ? numberingReference(start) : 'bullets'
    const level = place.list ? place.list.level + 1 : 0
    // Each numbered list starts again at 1: its own instance of the numbering.
    const instance = place.list && level > 0 ? place.list.instance : ++this.lists
    // Inside a box or a quote the items keep its style; otherwise each list takes its own.
    const listStyles: string[] = [S.listBullet, S.listNumber, S.listContinue]
    const style = place.style && !listStyles.includes(place.style) ? place.style : node.tagName === 'ul' ? S.listBullet : S.listNumber
    return node.children.filter(isElement).flatMap((item) => this.blocks(item.children, { style, list: { reference, level, instance, marked: { done: false } } }))
  }

  private table(node: Element): Table {
    const rows: TableRow[] = []
    const walk = (parent: Element, header: boolean) => {
      for (const child of parent.children.filter(isElement)) {
        if (child.tagName === 'thead') walk(child, true)
        else if (child.tagName === 'tbody' || child.tagName === 'tfoot') walk(child, false)
        else if (child.tagName === 'tr') {
          const cells = child.children.filter(isElement).map((cell) => {
            const align = classes(cell).find((c) => c.startsWith('align-'))?.slice(6)
            const alignment = align === 'right' ? AlignmentType.RIGHT : align === 'center' ? AlignmentType.CENTER : AlignmentType.LEFT
            const format: Format = cell.tagName === 'th' ? { bold: true } : {}
            const blocks = cell.children.some((c) => isElement(c) && isBlock(c)) ? this.blocks(cell.children, {}) : [new Paragraph({ alignment, spacing: { after: 0 }, children: this.inlines(cell.children, format) })]
            return new TableCell({ children: blocks.length ? blocks : [new Paragraph({})] })
          })
          rows.push(new TableRow({ children: cells, tableHeader: header }))
        }
      }
    }
    walk(node, false)
    return new Table({ style: S.tableGrid, width: { size: 100, type: WidthType.PERCENTAGE }, rows })
  }

  /** A figure's image and caption; a table figure's caption above its table. */
  private figure(node: Element, place: Place): Block[] {
    const caption = node.children.find((c): c is Element => isElement(c) && c.tagName === 'figcaption')
    const captionParagraph = caption ? [new Paragraph({ style: S.caption, keepNext: hasClass(node, 'table-figure'), children: this.inlines(caption.children, {}) })] : []
    if (hasClass(node, 'table-figure')) {
      return [...captionParagraph, ...node.children.filter((c): c is Element => isElement(c) && c.tagName === 'table').map((t) => this.table(t))]
    }
    const images: Block[] = []
    const visitImages = (parent: Element) => {
      for (const child of parent.children.filter(isElement)) {
        if (child.tagName === 'img') images.push(this.imageParagraph(child, place))
        else if (child.tagName !== 'figcaption') visitImages(child)
      }
    }
    visitImages(node)
    return [...images, ...captionParagraph]
  }

  private imageParagraph(node: Element, place: Place): Paragraph {
    const image = this.image(node)
    return new Paragraph({ style: place.style === S.box ? S.box : S.figure, children: image ? [image] : [new TextRun({ text: String(node.properties.alt ?? ''), italics: true })] })
  }

  /** The image at its natural size, scaled down to the text width (or to the width the author gave as a percentage). */
  private image(node: Element): Run | undefined {
    const src = String(node.properties.src ?? '')
    const resource = [...(this.file.data.resources?.values() ?? [])].find((r) => r.kind === 'local' && pathToFileURL(r.path).href === src)
    if (!resource || resource.kind !== 'local') return undefined
    const percent = /width:\s*(\d+(?:\.\d+)?)%/.exec(String(node.properties.style ?? ''))?.[1]
    const maxWidth = percent ? (textWidthPx * Number(percent)) / 100 : textWidthPx
    // No taller than most of the page, so that it and its caption fit on one.
    const run = picture(resource.data, String(node.properties.alt ?? ''), (size) => Math.min(1, maxWidth / size.width, (textHeightPx * 0.8) / size.height))
    if (!run) this.file.message(messages.imageNotForWord(resource.path.split(/[\\/]/).pop()!), { ruleId: 'image-type', source: 'docx' })
    return run
  }

  private paragraph(children: ElementContent[], place: Place): Paragraph {
    const list = place.list
    const marked = list && !list.marked.done
    if (list) list.marked.done = true
    // A list item's later paragraphs continue it, indented, without a bullet of their own.
    const style = list && !marked && (place.style === S.listBullet || place.style === S.listNumber) ? S.listContinue : (place.style ?? S.normal)
    return new Paragraph({
      style,
      ...(list && marked ? { numbering: { reference: list.reference, level: list.level, instance: list.instance } } : {}),
      children: this.inlines(trimmed(children), {}),
    })
  }

  /** Runs for inline content; note calls become Word footnote references, their notes Word footnotes. */
  inlines(children: ElementContent[], format: Format, inNote = false): Run[] {
    const nodes = joinText(children)
    const out: Run[] = []
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes[i]!
      if (node.type === 'text') {
        const text = node.value.replace(/[\t\n\r ]+/g, ' ')
        if (text) out.push(new TextRun({ text, ...runOptions(format) }))
        continue
      }
      if (!isElement(node)) continue
      const tag = node.tagName
      if (tag === 'sup' && hasClass(node, 'footnote-call')) {
        const note = nodes[i + 1]
        if (!inNote && isElement(note) && hasClass(note, 'footnote') && note.properties.dataFn === node.properties.dataFn) {
          // Word numbers this note and the ones queued after it (those called from inside it,
          // at any depth) in the order they are referenced here: their calls in the notes show it.
          for (let k = i + 1; isElement(nodes[k]) && hasClass(nodes[k] as Element, 'footnote'); k++) {
            this.wordNumbers.set(String((nodes[k] as Element).properties.dataFn), this.nextNote + k - i - 1)
          }
          out.push(this.footnote(note))
          i++
          // Notes called from inside this one follow it (print markup): Word has no notes in
          // notes, so each becomes a footnote called here, right after this one.
          while (isElement(nodes[i + 1]) && hasClass(nodes[i + 1] as Element, 'footnote')) out.push(this.footnote(nodes[++i] as Element))
        } else {
          // A call inside a note, or a second call of a note: the number Word gives that note.
          out.push(new TextRun({ text: String(this.wordNumbers.get(String(node.properties.dataFn)) ?? toString(node)), superScript: true }))
        }
        continue
      }
      if (tag === 'span' && hasClass(node, 'footnote')) {
        out.push(this.footnote(node))
        continue
      }
      if (tag === 'br') out.push(new TextRun({ break: 1 }))
      else if (tag === 'img') {
        const image = this.image(node)
        if (image) out.push(image)
      } else if (tag === 'a') {
        const href = String(node.properties.href ?? '')
        // Links out stay links; links inside the brief (cross-references) are their text.
        const external = /^(https?|mailto):/i.test(href)
        const runs = this.inlines(node.children, { ...format, ...(external ? { style: S.hyperlink } : {}) }, inNote)
        if (external) out.push(new ExternalHyperlink({ link: href, children: runs }))
        else out.push(...runs)
      } else out.push(...this.inlines(node.children, { ...format, ...formatOf(node) }, inNote))
    }
    return out
  }

  /** A Word footnote for a print note (`span.footnote`), numbered by Word in call order. */
  private footnote(note: Element): Run {
    const id = this.nextNote++
    this.wordNumbers.set(String(note.properties.dataFn), id)
    const parts = note.children.filter((c): c is Element => isElement(c) && hasClass(c, 'footnote-para'))
    const paragraphs = (parts.length ? parts : [note]).map((part, k) => {
      const runs = this.inlines(trimmed(part.children.filter((c) => !(isElement(c) && (hasClass(c, 'footnote-anchor') || hasClass(c, 'footnote-marker'))))), {}, true)
      // Word writes the note's number in front of its first paragraph; a space follows it.
      return new Paragraph({ style: S.footnoteText, children: k === 0 ? [new TextRun(' '), ...runs] : runs })
    })
    this.footnotes[String(id)] = { children: paragraphs }
    return new FootnoteReferenceRun(id)
  }
}

const blockTags = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'ul', 'ol', 'table', 'figure', 'dl', 'hr', 'pre', 'div', 'section', 'header', 'main', 'footer', 'aside', 'nav', 'article'])
const isBlock = (node: Element) => blockTags.has(node.tagName) || (node.tagName === 'span' && node.properties.dataBriefEnd !== undefined)

function formatOf(node: Element): Format {
  switch (node.tagName) {
    case 'em':
    case 'i':
    case 'cite':
    case 'var':
      return { italics: true }
    case 'strong':
    case 'b':
      return { bold: true }
    case 'sup':
      return { superScript: true }
    case 'sub':
      return { subScript: true }
    case 's':
    case 'del':
    case 'strike':
      return { strike: true }
    case 'u':
    case 'ins':
      return { underline: true }
    case 'code':
    case 'kbd':
    case 'samp':
      return { style: S.code }
    default:
      return hasClass(node, 'smallcaps') ? { smallCaps: true } : {}
  }
}

function runOptions({ underline, ...format }: Format): IRunOptions {
  return { ...format, ...(underline ? { underline: {} } : {}) }
}

/**
 * Text as one piece where the print edition may break it (URLs): Word breaks lines
 * itself, and an editor should not meet a link cut into a dozen runs.
 */
function joinText(nodes: ElementContent[]): ElementContent[] {
  const out: ElementContent[] = []
  for (const node of nodes) {
    if (isElement(node) && node.tagName === 'wbr') continue
    // A piece of a URL kept on one line in print (`span.url-part`) is plain text here.
    const piece = isElement(node) && hasClass(node, 'url-part') ? ({ type: 'text', value: toString(node) } as const) : node
    const last = out.at(-1)
    if (piece.type === 'text' && last?.type === 'text') out[out.length - 1] = { type: 'text', value: last.value + piece.value }
    else out.push(piece)
  }
  return out
}

/** A paragraph's content without the spaces HTML would not show at its start and end. */
function trimmed(children: ElementContent[]): ElementContent[] {
  const out = [...children]
  const first = out[0]
  if (first?.type === 'text') out[0] = { ...first, value: first.value.replace(/^[\t\n\r ]+/, '') }
  const last = out.at(-1)
  if (last?.type === 'text') out[out.length - 1] = { ...last, value: last.value.replace(/[\t\n\r ]+$/, '') }
  return out
}
