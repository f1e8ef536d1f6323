/**
 * One Markdown stage per brief, one tail per output: sources are read and citeproc runs once
 * whatever the formats, and every output carries the same notes in the same order.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Element, Nodes } from 'hast'
import { toHtml } from 'hast-util-to-html'
import { VFile } from 'vfile'
import { describe, expect, it, vi } from 'vitest'
import { CitationSession } from '../src/citations/engine.ts'
import { build } from '../src/core/build.ts'
import { defaultConfig } from '../src/config/schema.ts'
import { createMarkdownStage, createTail } from '../src/pipeline/processor.ts'
import { repo } from './helpers/cli.ts'
import { epubNotes } from './helpers/epub.ts'
import { extractNotes, normalise } from './helpers/extract.ts'
import { fixture } from './helpers/fixtures.ts'
import { sharedBrowser } from './helpers/browser.ts'
import { faults } from './helpers/fs-faults.ts'

const seed = path.join(repo, 'briefs/2025-04-07-pakistan-afghanistan-resetting-ties')

describe('the one-pass pipeline', () => {
  it('reads the sources and runs citeproc once for a brief built to pdf, html and epub', async () => {
    // Every file the build opens is noted (test/helpers/fs-faults.ts): the sources once.
    faults.opened = []
    const render = vi.spyOn(CitationSession.prototype, 'renderCitations')
    const out = mkdtempSync(path.join(tmpdir(), 'brief-once-'))
    const report = await build({ paths: [seed], out, formats: ['pdf', 'html', 'epub'], cwd: repo, browser: await sharedBrowser() })
    expect(report.ok).toBe(true)
    expect(report.briefs[0]!.outputs.map((o) => path.extname(o)).sort()).toEqual(['.epub', '.html', '.pdf'])
    expect(faults.opened.filter((file) => path.basename(file) === 'references.json')).toHaveLength(1)
    expect(render).toHaveBeenCalledTimes(1)
    render.mockRestore()
    // Each message once, though three outputs were made.
    const messages = report.briefs[0]!.messages.map((m) => `${m.line}:${m.column}:${m.reason}`)
    expect(new Set(messages).size).toBe(messages.length)
  })

  const fixtures = ['note-ibid-author-note', 'note-cite-in-author-note', 'note-author-in-text', 'book-everything', 'numeric-note-order', 'author-date-inline']
  for (const name of [...fixtures.map((f) => fixture(f)), seed]) {
    it(`gives every output the same notes in the same order: ${path.basename(name)}`, async () => {
      const file = new VFile({ path: path.join(name, 'brief.md'), value: readFileSync(path.join(name, 'brief.md'), 'utf8'), data: { config: defaultConfig, folder: name } })
      const stage = createMarkdownStage({ configDir: repo })
      const tree = await stage.run(stage.parse(file), file)
      expect(file.messages.filter((m) => m.fatal)).toEqual([])
      const output = async (notes: 'web' | 'print' | 'epub') => createTail({ notes, document: notes === 'epub' ? undefined : {} }).run(structuredClone(tree), file)
      const web = extractNotes(toHtml(await output('web')))
      const print = printNotes(await output('print'))
      const epub = asideNotes(await output('epub'))
      expect(print).toEqual(web)
      expect(epub).toEqual(web)
    })
  }

  it('reuses one citation engine across a batch without one brief’s sources leaking into another’s', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'brief-leak-'))
    const make = (name: string, title: string) => {
      mkdirSync(path.join(dir, name))
      writeFileSync(path.join(dir, name, 'brief.md'), `---\ntitle: ${name}\nbibliography: refs.json\n---\n\nText [@same].\n`)
      writeFileSync(path.join(dir, name, 'refs.json'), JSON.stringify([{ id: 'same', type: 'book', title, author: [{ family: title, given: 'A.' }], issued: { 'date-parts': [[2020]] } }]))
    }
    make('first', 'Alpha')
    make('second', 'Beta')
    const report = await build({ paths: [path.join(dir, 'first'), path.join(dir, 'second')], out: path.join(dir, 'out'), formats: ['html'], cwd: repo })
    expect(report.ok).toBe(true)
    const notes = (name: string) => extractNotes(readFileSync(path.join(dir, 'out', `${name}.html`), 'utf8'))
    expect(notes('first')).toEqual(['A. Alpha, Alpha (2020)'])
    expect(notes('second')).toEqual(['A. Beta, Beta (2020)'])
  })

  it('keeps the example brief’s EPUB notes equal to its web notes', async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'brief-same-'))
    await build({ paths: [seed], out, formats: ['html', 'epub'], cwd: repo })
    const slug = path.basename(seed)
    expect(epubNotes(path.join(out, `${slug}.epub`)).notes).toEqual(extractNotes(readFileSync(path.join(out, `${slug}.html`), 'utf8')))
  })
})

const classes = (e: Element) => (Array.isArray(e.properties.className) ? e.properties.className.map(String) : [])

function collect(node: Nodes, test: (e: Element) => boolean, out: Element[] = []): Element[] {
  if (node.type === 'element' && test(node)) {
    out.push(node)
    return out
  }
  if ('children' in node) for (const child of node.children) collect(child, test, out)
  return out
}

function text(node: Nodes, skip: (e: Element) => boolean): string {
  if (node.type === 'text') return node.value
  if (node.type === 'element' && skip(node)) return ''
  return 'children' in node ? node.children.map((c) => text(c, skip)).join('') : ''
}

/** Print: the `span.footnote`s next to their calls, in number order, without their markers. */
function printNotes(tree: Nodes): string[] {
  return collect(tree, (e) => classes(e).includes('footnote'))
    .sort((a, b) => Number(a.properties.dataFn) - Number(b.properties.dataFn))
    .map((e) => normalise(text(e, (c) => classes(c).includes('footnote-marker'))))
}

/** EPUB: the asides, in number order, without their back-link numbers. */
function asideNotes(tree: Nodes): string[] {
  return collect(tree, (e) => e.tagName === 'aside').map((e) => normalise(text(e, (c) => c.properties.role === 'doc-backlink')))
}
