/**
 * Sources as read from each format, before any style sees them: EDTF dates and seasons, and
 * values of the wrong shape (any value in any field) repaired and named before citeproc-js
 * could crash on them; BibTeX crossref and @string circles named before the reader recurses.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import fc from 'fast-check'
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import type { CslItem } from '../src/citations/csl-item.ts'
import { CitationSession } from '../src/citations/engine.ts'
import { checkSource } from '../src/citations/source-check.ts'
import { stylePath } from '../src/citations/style-choice.ts'
import { loadStyle } from '../src/citations/styles.ts'
import { loadSources } from '../src/citations/sources.ts'
import { repo } from './helpers/cli.ts'
import { fixture } from './helpers/fixtures.ts'

async function read(name: string, bibliography: string) {
  const folder = fixture(name)
  const file = new VFile({ path: path.join(folder, 'brief.md') })
  const meta = { bibliography: [{ value: bibliography, place: { line: 1, column: 1 } }], references: [] } as never
  const sources = await loadSources(meta, folder, file)
  expect(file.messages.filter((m) => m.fatal)).toEqual([])
  return sources!
}

describe('sources', () => {
  it('composes LaTeX accents in BibTeX into single letters, so "García" can be found', async () => {
    const sources = await read('source-bibtex-short-titles', 'references.bib')
    const author = (sources.get('garcia2020')!.item.author as Array<{ family: string; given: string }>)[0]!
    expect(author.family).toBe('Garc\u00eda')
    expect(author.given).toBe('Jos\u00e9')
    expect(JSON.stringify(sources.get('garcia2020')!.item)).not.toMatch(/\u0131|\u0301/)
  })

  it('derives a BibTeX short title from the main title before its colon, and keeps shorttitle', async () => {
    const sources = await read('source-bibtex-short-titles', 'references.bib')
    expect(sources.get('jamal2022')!.item['title-short']).toBe('The Fence on the Durand Line')
    expect(sources.get('short2019')!.item['title-short']).toBe('Long Title')
    expect(sources.get('garcia2020')!.item['title-short']).toBeUndefined()
  })

  it('takes CSL-JSON as written: no short title is made up', async () => {
    const sources = await read('note-locator-legal', 'references-locators.json')
    expect(sources.get('unfccc2024decision')!.item['title-short']).toBeUndefined()
  })
})

describe('dates as EDTF strings and seasons (checkSource)', () => {
  const issued = (value: unknown) => checkSource({ id: 'x', type: 'book', title: 'T', issued: value } as never)
  it('reads dates, ranges, seasons and qualified dates', () => {
    expect(issued('2024-11-05').item.issued).toEqual({ 'date-parts': [[2024, 11, 5]] })
    expect(issued('2012/2015').item.issued).toEqual({ 'date-parts': [[2012], [2015]] })
    expect(issued('2023-22').item.issued).toEqual({ 'date-parts': [[2023, 22]] })
    expect(issued('2020~').item.issued).toEqual({ 'date-parts': [[2020]], circa: true })
    expect(issued({ 'date-parts': [[2025, 21]] }).problems).toEqual([])
  })
  it('keeps unknown parts as written and warns at impossible days, keeping the valid part', () => {
    expect(issued('202X').item.issued).toEqual({ literal: '202X' })
    const feb30 = issued('2023-02-30')
    expect(feb30.item.issued).toEqual({ 'date-parts': [[2023, 2]] })
    expect(feb30.problems.map((p) => p.field)).toEqual(['issued'])
    expect(issued('2021-04-31/2021-05-02').item.issued).toEqual({ 'date-parts': [[2021, 4], [2021, 5]] })
  })
})

describe('values of the wrong shape (checkSource), before citeproc-js sees them', () => {
  const check = (fields: Record<string, unknown>) => checkSource({ id: 'x', type: 'book', title: 'T', ...fields } as never)
  const style = loadStyle(stylePath('issi', repo))
  const render = async (item: CslItem) => {
    const session = new CitationSession(await style, 'en-US', [item])
    return [...session.renderCitations([{ citationID: 'c', citationItems: [{ id: item.id }], properties: { noteIndex: 1 } }]).values()][0]
  }

  it('names each problem by its field and keeps what can be printed', () => {
    const names = check({ author: [{ family: 42, given: 'Sana' }, null, 'UNDP', { given: { x: 1 } }, { family: 'Khan', given: ['A'] }] })
    expect(names.item.author).toEqual([{ family: '42', given: 'Sana' }, { literal: 'UNDP' }, { family: 'Khan' }])
    expect(names.problems.map((p) => p.reason.split(/ is | has /)[0])).toEqual(['`author[1]`', '`author[2]`', '`author[3].given`', '`author[3]`', '`author[4].given`'])
    expect(check({ editor: 7 }).problems[0]!.reason).toBe('`editor` is a number (7), not a list of names; it is left out')
    const title = check({ title: ['Pakistan', 'after 2024'], publisher: 7, note: { a: 1 } })
    expect(title.item).toMatchObject({ title: 'Pakistan, after 2024', publisher: '7' })
    expect(title.item.note).toBeUndefined()
    expect(title.problems.map((p) => p.field)).toEqual(['title', 'note'])
  })

  it('takes a placeholder date for no date, reads `raw`, and names a type CSL lacks with the nearest', () => {
    for (const issued of ['0000-00-00', { raw: '0000-00-00' }, { 'date-parts': [[0, 0, 0]] }]) {
      const { item, problems } = check({ issued })
      expect(item.issued).toBeUndefined()
      expect(problems[0]!.reason).toMatch(/a placeholder, not a date/)
    }
    expect(check({ issued: { raw: '2024-11-05' } }).item.issued).toEqual({ 'date-parts': [[2024, 11, 5]] })
    const crossref = check({ type: 'journal-article' })
    expect(crossref.item.type).toBe('article-journal')
    expect(crossref.problems[0]!.reason).toMatch(/read as `article-journal`/)
    expect(check({ type: 'artcle-journal' }).problems[0]!.reason).toMatch(/did you mean `article-journal`\?/)
    for (const issued of [null, true, ['2020']]) expect(check({ issued }).item.issued).toBeUndefined()
  })

  it('leaves citeproc-js nothing to crash on: any value in any field renders', async () => {
    const fields = ['title', 'author', 'editor', 'issued', 'accessed', 'publisher', 'page', 'volume', 'container-title', 'URL', 'DOI', 'type', 'number', 'edition', 'language']
    await fc.assert(
      fc.asyncProperty(fc.dictionary(fc.constantFrom(...fields), fc.anything({ maxDepth: 3 }), { maxKeys: 5 }), async (fields) => {
        const { item } = checkSource({ id: 'x', ...fields } as never)
        expect(typeof (await render(item))).toBe('string')
      }),
      { numRuns: 300, seed: 20261205 },
    )
  })
})

describe('BibTeX references that never end (crossref and @string cycles)', () => {
  const folder = mkdtempSync(path.join(tmpdir(), 'brief-cycles-'))
  async function refused(bib: string) {
    writeFileSync(path.join(folder, 'refs.bib'), bib)
    const file = new VFile({ path: path.join(folder, 'brief.md') })
    const meta = { bibliography: [{ value: 'refs.bib', place: { line: 1, column: 1 } }], references: [] } as never
    await loadSources(meta, folder, file)
    return file.messages.filter((m) => m.fatal).map((m) => `${m.line}:${m.column} ${m.reason}`)
  }

  it('names the crossref circle at the field that opens it, however long, on one line or several', async () => {
    expect(await refused('@book{a, title = {A}, crossref = {b}, year = 2020}\n@book{b, title = {B},\n  crossref = {a}, year = 2021}\n')).toEqual([
      "1:23 Malformed BibTeX: the entries' `crossref` fields name each other (`a` → `b` → `a`), so none of them can be completed: remove the crossref that closes the circle; fix the entry or export the file again",
    ])
    expect((await refused('@book{a, crossref = "b"}\n@book{b, crossref = {c}}\n@book{c, CrossRef = {A}}\n'))[0]).toContain('(`a` → `b` → `c` → `a`)')
    expect((await refused('@book{self, title = {S}, crossref = {self}}\n'))[0]).toContain('(`self` → `self`)')
  })

  it('names a macro defined by itself or by another in a circle', async () => {
    expect(await refused('@string{loop = loop # " x"}\n@book{c, title = loop, year = 2019}\n')).toEqual([
      '1:1 Malformed BibTeX: the macro `loop` is defined by itself, so it has no value: write its value in braces, {…}; fix the entry or export the file again',
    ])
    expect((await refused('@string{x = y}\n@string{y = "a" # x}\n@book{c, title = x}\n'))[0]).toContain('the macros `x` → `y` → `x` are defined by each other')
  })

  it('reads a chapter that takes its book from a crossref, the book edited, with no author (citation-js refused the file)', async () => {
    expect(await refused('@inbook{a, title = {A Chapter}, author = {Doe, Jane}, crossref = {b}, pages = {3--9}}\n@book{b, title = {The Book}, editor = {Roe, Richard}, year = 2020}\n@inbook{c, title = {Another}, crossref = {b}}\n')).toEqual([])
  })

  it('reads a crossref chain and macros that end', async () => {
    expect(await refused('@string{pub = "OUP"}\n@string{pubs = pub # " and CUP"}\n@incollection{a, title = {A}, crossref = {b}, publisher = pubs}\n@collection{b, title = {B}, crossref = {c}}\n@collection{c, title = {C}, year = 2020}\n')).toEqual([])
  })
})

describe('where a source’s field is written (messages about its data point there)', () => {
  const folder = mkdtempSync(path.join(tmpdir(), 'brief-fields-'))
  async function places(name: string, text: string) {
    writeFileSync(path.join(folder, name), text)
    const file = new VFile({ path: path.join(folder, 'brief.md') })
    const meta = { bibliography: [{ value: name, place: { line: 1, column: 1 } }], references: [] } as never
    return (await loadSources(meta, folder, file))!
  }

  it('in CSL-JSON, at the field’s name inside its own entry', async () => {
    const sources = await places('refs.json', '[\n  {"id": "a", "title": "A",\n   "issued": "2023-02-30"},\n  {"id": "b",\n   "issued": {"date-parts": [[2020]]}, "title": "B"}\n]\n')
    expect(sources.get('a')!.fieldPlace!('issued')).toMatchObject({ line: 3, column: 4 })
    expect(sources.get('b')!.fieldPlace!('title')).toMatchObject({ line: 5, column: 40 })
    expect(sources.get('b')!.fieldPlace!('DOI')).toBeUndefined()
  })

  it('in CSL-YAML, at the field’s key', async () => {
    const sources = await places('refs.yaml', 'references:\n- id: a\n  title: A\n  issued: 2023-02-30\n- id: b\n  author: Jane Doe\n')
    expect(sources.get('a')!.fieldPlace!('issued')).toEqual({ line: 4, column: 3 })
    expect(sources.get('b')!.fieldPlace!('author')).toEqual({ line: 6, column: 3 })
  })
})
