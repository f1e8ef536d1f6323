/**
 * The docx tail's HTML tree (src/pipeline/note-markup.ts) as Word content: blocks become
 * paragraphs in the named styles of src/render/docx/docx-styles.ts, tables and boxes become
 * tables, inline content becomes runs (docx-runs.ts), and notes Word footnotes
 * (docx-notes.ts), whose blocks are written here too: in Footnote Text, lists numbered as the
 * body's, quotes in Block Text, tables as tables.
 */
import type { Element, ElementContent } from 'hast'
import { toString } from 'hast-util-to-string'
import { AlignmentType, PageBreak, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx'
import type { VFile } from 'vfile'
import { calloutType } from '../../plugins/remark-callouts.ts'
import { calloutStyleIds, styleIds as S } from './docx-styles.ts'
import { imageRun } from './docx-images.ts'
import { WordNotes } from './docx-notes.ts'
import { classes, hasClass, isElement, runs, trimmed, type Format, type Run } from './docx-runs.ts'

export type Block = Paragraph | Table

/** Where a block is: the style its paragraphs take, the list it belongs to, whether it is in a note. */
export interface Place {
  style?: string
  /** The list item the block is in; only its first paragraph carries the bullet or number. */
  list?: { reference: string; level: number; instance: number; marked: { done: boolean } }
  /** In a note: paragraphs default to Footnote Text, and calls show Word's numbers. */
  note?: boolean
}

/** The numbering a numbered list takes: `numbers`, or `numbers-from-N` for one that starts at N. */
export const numberingReference = (start: number) => (start === 1 ? 'numbers' : `numbers-from-${start}`)

/** Turns the docx tail's HTML tree into Word paragraphs, tables and footnotes. */
export class DocxWriter {
  /** Where numbered lists start, other than 1: each needs a numbering of its own. */
  readonly listStarts = new Set<number>()
  private lists = 0
  private readonly notes: WordNotes

  constructor(
    body: ElementContent[],
    private readonly file: VFile,
  ) {
    this.notes = new WordNotes(body)
  }

  /** The running text, as Word blocks; its notes are then waiting in `footnotes()`. */
  text(): Block[] {
    return this.blocks(this.notes.text, {})
  }

  /** The footnotes, by Word id; after `text()`, which defines them. */
  footnotes(): Record<string, { children: Paragraph[] }> {
    return this.notes.footnotes((blocks) => this.blocks(blocks, { style: S.footnoteText, note: true }))
  }

  private blocks(nodes: ElementContent[], place: Place): Block[] {
    const out: Block[] = []
    let loose: ElementContent[] = []
    // Inline content at block level (a tight list item's text, a raw-HTML fragment) is one paragraph.
    const flush = () => {
      if (loose.some((n) => n.type !== 'text' || n.value.trim())) out.push(this.paragraph(loose, place))
      loose = []
    }
    for (const node of nodes) {
      if (isElement(node) && blockTags.has(node.tagName)) {
        flush()
        out.push(...this.block(node, place))
      } else loose.push(node)
    }
    flush()
    // Word joins tables that touch into one, and a table cell must end with a paragraph.
    const spacer = () => new Paragraph({ style: place.note ? S.footnoteText : S.normal, children: [] })
    return out.flatMap((block, i) => (block instanceof Table && (i === out.length - 1 || out[i + 1] instanceof Table) ? [block, spacer()] : [block]))
  }

  private block(node: Element, place: Place): Block[] {
    const tag = node.tagName
    // A heading in a note stays note text: Word's headings would enter the document's outline.
    if (/^h[1-6]$/.test(tag)) return [this.paragraph(node.children, place.note ? place : { style: [S.heading1, S.heading2, S.heading3][Math.min(Number(tag[1]) - 1, 2)] })]
    if (tag === 'p') return [this.paragraph(node.children, hasClass(node, 'box-title') ? { ...place, style: S.boxTitle } : place)]
    if (tag === 'blockquote') return this.blocks(node.children, { ...place, style: place.note ? S.blockText : (place.style ?? S.blockText) })
    if (tag === 'ul' || tag === 'ol') return this.list(node, place)
    if (tag === 'table') return [this.table(node, place)]
    if (tag === 'figure') return this.figure(node, place)
    if (tag === 'dl') {
      // In a note, terms and definitions stay note text.
      const style = (own: string): Place => ({ style: place.note ? place.style : own, note: place.note })
      return node.children.filter(isElement).flatMap((item) => (item.tagName === 'dt' ? [this.paragraph(item.children, style(S.definitionTerm))] : this.blocks(item.children, style(S.definition))))
    }
    if (tag === 'hr') return [new Paragraph({ ...(place.note ? { style: place.style } : {}), thematicBreak: true, children: [] })]
    // Tabs in code as spaces: Word reads a tab inside text as a space.
    if (tag === 'pre') return toString(node).replace(/\n$/, '').replace(/\t/g, '    ').split('\n').map((text) => new Paragraph({ style: place.style ?? S.normal, alignment: AlignmentType.LEFT, children: [new TextRun({ text, style: S.code })] }))
    if (tag === 'img') return [this.imageParagraph(node, place)]
    if (hasClass(node, 'page-break')) return [new Paragraph({ children: [new PageBreak()] })]
    if (hasClass(node, 'csl-entry')) return [this.paragraph(node.children, { style: S.bibliography })]
    if (hasClass(node, 'callout')) return [this.callout(node, place)]
    if (hasClass(node, 'fenced-div')) {
      const inside = this.blocks(node.children, { style: S.box, note: place.note })
      return [new Table({ style: S.boxTable, width: { size: 100, type: WidthType.PERCENTAGE }, rows: [new TableRow({ children: [new TableCell({ children: inside.length ? inside : [new Paragraph({})] })] })] })]
    }
    return this.blocks(node.children, place)
  }

  /**
   * A Quarto callout (src/plugins/remark-callouts.ts): a table in its type's style, its title
   * in the first row, which the style shades as a band, its content in the second.
   */
  private callout(node: Element, place: Place): Table {
    const own = calloutStyleIds(calloutType(classes(node)) ?? 'note')
    const title = node.children.find((c): c is Element => isElement(c) && hasClass(c, 'callout-title'))
    const inside = this.blocks(node.children.filter((c) => c !== title), { style: S.box, note: place.note })
    const cell = (blocks: Block[]) => new TableRow({ children: [new TableCell({ children: blocks.length ? blocks : [new Paragraph({})] })] })
    const rows = [...(title ? [cell([this.paragraph(title.children, { style: own.title, note: place.note })])] : []), cell(inside)]
    return new Table({ style: own.table, width: { size: 100, type: WidthType.PERCENTAGE }, tableLook: { firstRow: Boolean(title) }, rows })
  }

  private list(node: Element, place: Place): Block[] {
    // A numbered list that starts elsewhere than 1 (`3. …`) numbers from there.
    const start = node.tagName === 'ol' ? Number(node.properties.start ?? 1) || 1 : 1
    if (start !== 1) this.listStarts.add(start)
    const reference = node.tagName === 'ol' ? numberingReference(start) : 'bullets'
    const level = place.list ? place.list.level + 1 : 0
    // Each numbered list starts again at 1: its own instance of the numbering.
    const instance = place.list && level > 0 ? place.list.instance : ++this.lists
    // Inside a box, a quote or a note the items keep its style; otherwise each list takes its own.
    const listStyles: string[] = [S.listBullet, S.listNumber, S.listContinue]
    const style = place.style && !listStyles.includes(place.style) ? place.style : node.tagName === 'ul' ? S.listBullet : S.listNumber
    return node.children.filter(isElement).flatMap((item) => this.blocks(item.children, { style, list: { reference, level, instance, marked: { done: false } }, note: place.note }))
  }

  private table(node: Element, place: Place): Table {
    // A table in a note has its cells in Footnote Text; the body's take Normal.
    const inside: Place = place.note ? { style: place.style, note: true } : {}
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
            const blocks = cell.children.some((c) => isElement(c) && blockTags.has(c.tagName))
              ? this.blocks(cell.children, inside)
              : [new Paragraph({ ...(inside.style ? { style: inside.style } : {}), alignment, spacing: { after: 0 }, children: this.runs(cell.children, format, inside) })]
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
    const captionParagraph = caption ? [new Paragraph({ style: S.caption, keepNext: hasClass(node, 'table-figure'), children: this.runs(caption.children, {}, place) })] : []
    if (hasClass(node, 'table-figure')) {
      return [...captionParagraph, ...node.children.filter((c): c is Element => isElement(c) && c.tagName === 'table').map((t) => this.table(t, place))]
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
    const image = imageRun(node, this.file)
    return new Paragraph({ style: place.style === S.box ? S.box : S.figure, children: image ? [image] : [new TextRun({ text: String(node.properties.alt ?? ''), italics: true })] })
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
      children: this.runs(trimmed(children), {}, place),
    })
  }

  private runs(children: ElementContent[], format: Format, place: Place): Run[] {
    return runs(children, format, { call: (node) => this.notes.call(node, place.note === true), image: (node) => imageRun(node, this.file) })
  }
}

const blockTags = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'ul', 'ol', 'table', 'figure', 'dl', 'hr', 'pre', 'div', 'section', 'header', 'main', 'footer', 'aside', 'nav', 'article'])
