/**
 * Inline content as Word runs: text with the formatting of the elements around it, links,
 * line breaks, pictures; a note call is left to the footnotes (src/render/docx/docx-notes.ts).
 */
import type { Element, ElementContent } from 'hast'
import { ExternalHyperlink, TextRun, type IRunOptions, type ParagraphChild } from 'docx'
import { styleIds as S } from './docx-styles.ts'

export type Run = ParagraphChild

/** What a run inherits from the elements around it. */
export type Format = Pick<IRunOptions, 'italics' | 'bold' | 'superScript' | 'subScript' | 'strike' | 'style' | 'smallCaps'> & { underline?: boolean }

/** What the runs need from the rest of the document. */
export interface RunContext {
  /** The runs for a note call (`sup[data-note-call]`, src/pipeline/note-markup.ts). */
  call(node: Element): Run[]
  /** The picture for an `img`; undefined when Word cannot take it. */
  image(node: Element): Run | undefined
}

export const isElement = (node: ElementContent | undefined): node is Element => node?.type === 'element'
export const classes = (node: Element): string[] => (Array.isArray(node.properties.className) ? node.properties.className.map(String) : [])
export const hasClass = (node: Element, name: string) => classes(node).includes(name)

/** Runs for inline content. */
export function runs(children: ElementContent[], format: Format, context: RunContext): Run[] {
  const out: Run[] = []
  for (const node of joinText(children)) {
    if (node.type === 'text') {
      const text = node.value.replace(/[\t\n\r ]+/g, ' ')
      if (text) out.push(new TextRun({ text, ...runOptions(format) }))
      continue
    }
    if (!isElement(node)) continue
    const tag = node.tagName
    if (tag === 'sup' && node.properties.dataNoteCall !== undefined) out.push(...context.call(node))
    else if (tag === 'br') out.push(new TextRun({ break: 1 }))
    else if (tag === 'img') {
      const image = context.image(node)
      if (image) out.push(image)
    } else if (tag === 'a') {
      const href = String(node.properties.href ?? '')
      // Links out stay links; links inside the brief (cross-references) are their text.
      const external = /^(https?|mailto):/i.test(href)
      const inside = runs(node.children, { ...format, ...(external ? { style: S.hyperlink } : {}) }, context)
      if (external) out.push(new ExternalHyperlink({ link: href, children: inside }))
      else out.push(...inside)
    } else out.push(...runs(node.children, { ...format, ...formatOf(node) }, context))
  }
  return out
}

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
 * Text as one run where it is one text: an author's `<wbr>` is a break opportunity, and Word
 * breaks lines itself.
 */
function joinText(nodes: ElementContent[]): ElementContent[] {
  const out: ElementContent[] = []
  for (const node of nodes) {
    if (isElement(node) && node.tagName === 'wbr') continue
    const last = out.at(-1)
    if (node.type === 'text' && last?.type === 'text') out[out.length - 1] = { type: 'text', value: last.value + node.value }
    else out.push(node)
  }
  return out
}

/** A paragraph's content without the spaces HTML would not show at its start and end. */
export function trimmed(children: ElementContent[]): ElementContent[] {
  const out = [...children]
  const first = out[0]
  if (first?.type === 'text') out[0] = { ...first, value: first.value.replace(/^[\t\n\r ]+/, '') }
  const last = out.at(-1)
  if (last?.type === 'text') out[out.length - 1] = { ...last, value: last.value.replace(/[\t\n\r ]+$/, '') }
  return out
}
