/**
 * Pandoc's inline notes `^[…]` are notes like `[^label]` ones in every output: the fixture
 * `inline-notes` (inline notes among the author's notes and citation notes, a citation inside
 * one, one in a box, one over two lines) built to PDF, web page, EPUB and Word, each read back
 * its own way, prints the notes of its expected.txt (which the oracle holds to pandoc's). Also:
 * what the parser does with `^[` that is no note, and the note limit counting inline notes.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { strFromU8, unzipSync } from 'fflate'
import type { FootnoteDefinition, FootnoteReference, Paragraph, Root } from 'mdast'
import { beforeAll, describe, expect, it } from 'vitest'
import { VFile } from 'vfile'
import { checkLimits, limits } from '../src/brief/limits.ts'
import { build } from '../src/core/build.ts'
import { createMarkdownStage } from '../src/pipeline/processor.ts'
import { epubNotes } from './helpers/epub.ts'
import { extractNotes, normalise } from './helpers/extract.ts'
import { fixture, fixtures } from './helpers/fixtures.ts'
import { internalLinks, namedDestinations, pageTexts } from './helpers/pdf.ts'
import { repo } from './helpers/cli.ts'
import { sharedBrowser } from './helpers/browser.ts'

const name = 'inline-notes'
const out = mkdtempSync(path.join(tmpdir(), 'brief-inline-notes-'))
const file = (extension: string) => path.join(out, `${name}.${extension}`)

/** The notes as the fixture pins them: "1. text" lines under "notes:". */
const expected = readFileSync(path.join(fixtures, name, 'expected.txt'), 'utf8')
  .split('\n')
  .flatMap((line) => /^\d+\. (.*)$/.exec(line)?.[1] ?? [])

beforeAll(async () => {
  const report = await build({ paths: [fixture(name)], out, formats: ['pdf', 'html', 'epub', 'docx'], cwd: repo, browser: await sharedBrowser() })
  expect(report.briefs[0]!.messages.map((m) => m.reason)).toEqual([])
}, 300_000)

describe('inline notes in every output', () => {
  it('pins eight notes, inline ones among them', () => {
    expect(expected).toHaveLength(8)
    expect(expected[0]).toBe('As the Minister put it, "we are not there yet"')
  })

  it('lists them with the other notes on the web page', () => {
    expect(extractNotes(readFileSync(file('html'), 'utf8'))).toEqual(expected)
  })

  it('prints each on the page of its call in the PDF', () => {
    const flat = (text: string) => normalise(text).replace(/[\s\u00ad-]+/g, '')
    const pages = pageTexts(file('pdf')).map(flat)
    const callPage = new Map(internalLinks(file('pdf')).map((link) => [link.dest, link.page]))
    const destinations = namedDestinations(file('pdf'))
    expected.forEach((note, i) => {
      const found = pages.flatMap((page, p) => (page.includes(flat(note)) ? [p + 1] : []))
      expect(found, `note ${i + 1}`).toHaveLength(1)
      expect(callPage.get(`fn-${i + 1}`), `note ${i + 1}`).toBe(found[0])
      expect(destinations.get(`fn-${i + 1}`), `note ${i + 1}`).toBe(found[0])
    })
  })

  it('makes each an EPUB footnote its call links to', () => {
    const { notes, unresolved, calls } = epubNotes(file('epub'))
    expect({ unresolved, calls }).toEqual({ unresolved: 0, calls: 8 })
    expect(notes).toEqual(expected)
  })

  it('makes each a Word footnote', () => {
    const parts = unzipSync(readFileSync(file('docx')))
    // Eight notes, plus Word's two separator entries.
    expect(strFromU8(parts['word/footnotes.xml']!).match(/<w:footnote\b/g)).toHaveLength(10)
    expect(strFromU8(parts['word/document.xml']!).match(/<w:footnoteReference w:id="\d+"\/>/g)).toHaveLength(8)
    const html = execFileSync('pandoc', [file('docx'), '-f', 'docx', '-t', 'html', '--wrap=none'], { encoding: 'utf8' })
    expect(extractNotes(html)).toEqual(expected)
  })
})

describe('the inline note syntax', () => {
  const stage = createMarkdownStage()
  async function parse(markdown: string): Promise<{ tree: Root; file: VFile }> {
    const file = new VFile({ value: `---\ntitle: T\n---\n\n${markdown}\n`, path: path.join(out, 'brief.md') })
    const tree = await stage.run(stage.parse(file), file)
    return { tree, file }
  }
  const notes = (tree: Root) => (tree.children.find((c) => c.type === 'notes') as { children: FootnoteDefinition[] } | undefined)?.children ?? []

  it('makes a call where the note stands and a note of one paragraph, both placed exactly', async () => {
    const { tree } = await parse('The question^[As *the* Minister\nput it.] is open.')
    const paragraph = tree.children.find((c) => c.type === 'paragraph') as Paragraph
    const call = paragraph.children[1] as FootnoteReference
    expect(call).toMatchObject({ type: 'footnoteReference', identifier: '^[1]', data: { noteNumber: 1 } })
    expect(call.position).toMatchObject({ start: { line: 5, column: 13 }, end: { line: 6, column: 9 } })
    const [note] = notes(tree)
    expect(note!.children.map((c) => c.type)).toEqual(['paragraph'])
    expect(note!.children[0]!.position).toMatchObject({ start: { line: 5, column: 15 }, end: { line: 6, column: 8 } })
  })

  it('numbers them with the author’s notes, in the order of the calls, and never clashes with a label', async () => {
    const { tree } = await parse('One[^1] two^[Inline.] three[^^\\[1].\n\n[^1]: First.\n\n[^^\\[1]: A label as near as a label gets.')
    expect(notes(tree).map((n) => [n.identifier, n.data?.noteNumber])).toEqual([
      ['1', 1],
      ['^[1]', 2],
      ['^\\[1', 3],
    ])
  })

  it('leaves `^[` that opens no note as text: never closed, empty, or escaped', async () => {
    const { tree, file } = await parse('Unclosed^[note.\n\nEmpty^[] and escaped \\^[x].')
    expect(notes(tree)).toEqual([])
    expect(file.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`)).toEqual(['5:9 unsupported-syntax', '7:6 unsupported-syntax'])
  })
})

describe('the note limit', () => {
  it('counts inline notes as notes', () => {
    const text = `---\ntitle: T\n---\n\n${'A claim.^[A note.] '.repeat(limits.notes + 1)}\n`
    const problem = checkLimits(text)
    expect(problem?.ruleId).toBe('too-large')
    expect(problem?.place).toMatchObject({ line: 5, column: 1 + 19 * limits.notes + 8 })
  })
})
