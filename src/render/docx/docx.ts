/**
 * The Word document, for editors who review with track changes: the masthead and title block,
 * the body in named styles (src/render/docx/docx-styles.ts), every note a real Word footnote at
 * its call, the bibliography with hanging indents, the footer "N | Page". Built from a tail of
 * its own, the docx note markup (src/pipeline/note-markup.ts): calls that carry their note's
 * number and notes that keep their blocks, which the writer (src/render/docx/docx-writer.ts)
 * makes into footnotes. Reproducible: the same brief gives the same bytes
 * (src/render/docx/docx-package.ts).
 */
import type { ElementContent } from 'hast'
import type { Root } from 'mdast'
import { AlignmentType, Document, Footer, LevelFormat, Packer, PageNumber, Paragraph, TextRun } from 'docx'
import type { VFile } from 'vfile'
import type { TitleBlock } from '../../brief/title-block.ts'
import { messages } from '../../messages.ts'
import { defaultConfig } from '../../config/schema.ts'
import { createTail, type Tail } from '../../pipeline/processor.ts'
import { generator } from '../../version.ts'
import { reproducible } from './docx-package.ts'
import { page, styleIds as S, stylesXml } from './docx-styles.ts'
import { embedByKey, picture } from './docx-images.ts'
import { DocxWriter, numberingReference } from './docx-writer.ts'
import { bookIdentifier } from '../shared/packaging.ts'
import { runTail } from '../shared/tail.ts'
import { rule } from '../../rules.ts'

export class DocxRenderer {
  private constructor(private readonly tail: Tail) {}

  static async create(): Promise<DocxRenderer> {
    return new DocxRenderer(createTail({ notes: 'docx', embed: embedByKey }))
  }

  /** The document for a brief the Markdown stage has made into `tree`. */
  async render(tree: Root, file: VFile, slug: string): Promise<Uint8Array> {
    const meta = file.data.meta!
    const config = file.data.config ?? defaultConfig
    const body = await runTail(this.tail, tree, file)
    // Remote images are kept only with --allow-remote, and never inside the document.
    for (const [url, resource] of file.data.resources ?? []) {
      if (resource.kind === 'remote') file.message(messages.remoteImageNotForWord(url), { ruleId: rule('remote-image'), source: 'docx' })
    }
    const writer = new DocxWriter(body.children as ElementContent[], file)
    const children = [...masthead(file.data.titleBlock!, file), ...writer.text()]
    // After the text: it defines the notes, and their lists may need numberings of their own.
    const footnotes = writer.footnotes()
    const document = new Document({
      title: meta.title,
      ...(meta.subtitle ? { subject: meta.subtitle } : {}),
      creator: meta.authors.map((a) => a.name).join('; ') || config.name,
      keywords: meta.keywords.join(', '),
      ...(meta.abstract ? { description: meta.abstract } : {}),
      lastModifiedBy: generator,
      revision: 1,
      externalStyles: stylesXml(meta.lang),
      footnotes,
      numbering: { config: [listNumbering('bullets'), listNumbering('numbers'), ...[...writer.listStarts].sort((a, b) => a - b).map((start) => listNumbering('numbers', start))] },
      sections: [
        {
          properties: { page: { size: { width: page.width, height: page.height }, margin: page.margin } },
          footers: { default: new Footer({ children: [new Paragraph({ style: S.footer, children: [new TextRun({ children: [PageNumber.CURRENT, ' | Page'] })] })] }) },
          children,
        },
      ],
    })
    return reproducible(await Packer.toBuffer(document), meta, bookIdentifier(config, slug))
  }
}

/** Bullets or numbers on nine levels, indented as the print edition's lists; numbers from `start`. */
function listNumbering(kind: 'bullets' | 'numbers', start = 1) {
  const bullets = ['•', '–', '◦']
  return {
    reference: kind === 'bullets' ? 'bullets' : numberingReference(start),
    levels: Array.from({ length: 9 }, (_, level) => ({
      level,
      start: level === 0 ? start : 1,
      format: kind === 'bullets' ? LevelFormat.BULLET : [LevelFormat.DECIMAL, LevelFormat.LOWER_LETTER, LevelFormat.LOWER_ROMAN][level % 3]!,
      text: kind === 'bullets' ? bullets[level % 3]! : `%${level + 1}.`,
      alignment: AlignmentType.LEFT,
      style: { paragraph: { indent: { left: 360 * (level + 1), hanging: 260 } } },
    })),
  }
}

/** The title block (src/brief/title-block.ts) in the masthead's named styles, then the abstract. */
function masthead(block: TitleBlock, file: VFile): Paragraph[] {
  const line = (style: string, text: string) => new Paragraph({ style, children: [new TextRun(text)] })
  const out: Paragraph[] = []
  if (block.logo) {
    // As tall as the print edition's logo (3.5 rem).
    const run = picture(block.logo.data, block.logo.alt, (size) => 56 / size.height)
    if (run) out.push(new Paragraph({ style: S.figure, children: [run] }))
    else file.message(messages.logoNotForWord(block.logo.name), { ruleId: rule('image-type'), source: 'docx' })
  }
  out.push(line(S.series, block.series), line(S.institute, block.institute))
  if (block.contact.length) out.push(line(S.contact, block.contact.map((part) => `${part.label}: ${part.text}`).join('    ')))
  out.push(line(S.title, block.title))
  if (block.subtitle) out.push(line(S.subtitle, block.subtitle))
  if (block.authors.length) out.push(line(S.authorDetail, 'By'))
  for (const author of block.authors) {
    out.push(line(S.author, author.name))
    for (const detail of [author.role, author.affiliation, author.email && `Email: ${author.email}`]) if (detail) out.push(line(S.authorDetail, detail))
  }
  if (block.date) out.push(line(S.date, block.date.text))
  // Word's Date style for both days: the correction's line reads as the date's second line.
  if (block.revised) out.push(line(S.date, `${block.revised.label} ${block.revised.text}`))
  if (block.disclaimer) out.push(line(S.disclaimer, block.disclaimer))
  if (block.abstract) out.push(line(S.abstract, block.abstract))
  return out
}
