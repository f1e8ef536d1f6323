/**
 * The markup each output's notes depend on — call and note ids, roles, back-links, the EPUB's
 * noteref/aside pairs, print's inline notes — pinned whole for one brief with citations, an
 * author's note and a citation inside it (the DOCX's footnote references and footnotes too).
 * test/expected/markup-* are written on the first run (read them before committing) and never
 * on CI.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { unzipSync } from 'fflate'
import type { Element } from 'hast'
import { toHtml } from 'hast-util-to-html'
import { describe, expect, it } from 'vitest'
import { locate } from '../src/brief/paths.ts'
import { defaultConfig } from '../src/config/schema.ts'
import { prepareBrief } from '../src/core/run.ts'
import { createMarkdownStage, createTail } from '../src/pipeline/processor.ts'
import type { BrowserSession } from '../src/render/print/browser.ts'
import { DocxRenderer } from '../src/render/docx/docx.ts'
import { EpubRenderer } from '../src/render/epub/epub.ts'
import { HtmlRenderer } from '../src/render/web/html.ts'
import { PdfRenderer } from '../src/render/print/pdf.ts'
import { runTail } from '../src/render/shared/tail.ts'
import { repo } from './helpers/cli.ts'
import { fixture as stagedFixture } from './helpers/fixtures.ts'

const fixture = path.join(stagedFixture('note-cite-in-author-note'), 'brief.md')
const expected = (name: string) => path.join(repo, 'test/expected', name)

function pin(name: string, actual: string): void {
  const file = expected(name)
  if (!existsSync(file)) {
    if (process.env.CI) throw new Error(`test/expected/${name} is missing: run the tests locally, read the file they write, and commit it`)
    writeFileSync(file, actual)
  }
  expect(actual).toBe(readFileSync(file, 'utf8'))
}

/** The body, one element a line, without the inlined stylesheet and fonts. */
const body = (html: string) => /<body[^>]*>([\s\S]*)<\/body>/.exec(html)![1]!.replace(/></g, '>\n<') + '\n'

describe('note markup, pinned per output', async () => {
  const { file, tree } = await prepareBrief({ config: defaultConfig, stage: async () => createMarkdownStage({ configDir: repo }) }, locate(fixture))
  expect(file.messages.filter((m) => m.fatal)).toEqual([])

  it('web page: numbered calls, a Notes list, back-links', async () => {
    pin('markup-web.html', body(await (await HtmlRenderer.create()).render(tree!, file)))
  })

  it('print: each note inline at its call, for the paginator', async () => {
    // The print page needs no browser to be written: only its printing does.
    const pdf = await PdfRenderer.create({} as BrowserSession)
    pin('markup-print.html', body(await pdf.printPage(tree!, file)))
  })

  it('DOCX: footnote references in the text, footnotes in their own part', async () => {
    const document = unzipSync(await (await DocxRenderer.create()).render(tree!, file, 'markup'))
    // One element a line: the paragraphs, runs and footnote references of the body and the notes.
    const lines = (xml: string) => xml.replace(/^<\?xml[^>]*>/, '').replace(/></g, '>\n<') + '\n'
    const text = (name: string) => new TextDecoder().decode(document[name])
    pin('markup-docx.xml', lines(/<w:body>[\s\S]*<\/w:body>/.exec(text('word/document.xml'))![0]) + lines(text('word/footnotes.xml').replace(/<w:footnotes [^>]*>/, '<w:footnotes>')))
  })

  it('EPUB: noteref links to aside notes', async () => {
    const book = unzipSync(await (await EpubRenderer.create()).render(tree!, file, 'markup'))
    pin('markup-epub.xhtml', body(new TextDecoder().decode(book['OEBPS/text/brief.xhtml'])))
  })

  it('print: a note holding a list, a quote and a table keeps them inside the note, one line each', async () => {
    const folder = path.join(mkdtempSync(path.join(tmpdir(), 'brief-note-blocks-')), 'blocks')
    mkdirSync(folder)
    writeFileSync(path.join(folder, 'brief.md'), '---\ntitle: Blocks in a note\n---\n\nText with a note.[^a] And more text.\n\n[^a]: A note with a list:\n\n    1. item one\n    2. item two\n\n    > a quoted line\n\n    | a | b |\n    |---|---|\n    | 1 | 2 |\n')
    const blocks = await prepareBrief({ config: defaultConfig, stage: async () => createMarkdownStage({ configDir: repo }) }, locate(path.join(folder, 'brief.md')))
    const page = body(await (await PdfRenderer.create({} as BrowserSession)).printPage(blocks.tree!, blocks.file))
    const note = /<span class="footnote" data-fn="1"[\s\S]*?<\/span>\n<\/span>/.exec(page)?.[0] ?? ''
    const lines = [...note.matchAll(/<span class="footnote-para">([\s\S]*?)<\/span>/g)].map((m) => m[1]!.replace(/\s+/g, ' ').trim())
    expect(lines).toEqual(['A note with a list:', '1. item one', '2. item two', 'a quoted line', 'a | b', '1 | 2'])
    // Nothing of the note is left in the text: the paragraph goes on after it.
    expect(page).toMatch(/<\/span>\n<\/span> And more text\.<\/p>/)
    expect(page).not.toMatch(/<li|<table|<blockquote/)
  })

  it('DOCX tail: calls carry their note’s number, notes are asides that keep their blocks, and nothing of print', async () => {
    expect(() => createTail({ notes: 'docx', hyphenate: true })).toThrow('The docx tail takes no `hyphenate` or `document`')
    const docxTail = createTail({ notes: 'docx' })
    const html = toHtml(await runTail(docxTail, tree!, file))
    expect(html).toContain('<sup data-note-call="1">1</sup>')
    // No URL break points, end marker or inline notes: those are the print page's.
    expect(html).not.toMatch(/<wbr|url-part|data-brief-end|class="footnote/)
    const blocks = await prepareBrief({ config: defaultConfig, stage: async () => createMarkdownStage({ configDir: repo }) }, locate(path.join(stagedFixture('note-blocks'), 'brief.md')))
    const root = await runTail(docxTail, blocks.tree!, blocks.file)
    const asides = root.children.filter((node): node is Element => node.type === 'element' && node.tagName === 'aside')
    expect(asides.map((aside) => aside.properties.dataNote)).toEqual(['1', '2'])
    expect(asides[0]!.children.flatMap((node) => (node.type === 'element' ? [node.tagName] : []))).toEqual(['p', 'ul', 'ol', 'table', 'blockquote', 'pre', 'p'])
    expect(toHtml(root)).toContain('holds blocks.<sup data-note-call="1">1</sup> Then a note of one paragraph.<sup data-note-call="2">2</sup></p>')
  })
})
