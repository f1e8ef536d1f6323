/**
 * Sources as read from each format, before any style sees them.
 */
import path from 'node:path'
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import { checkSource } from '../src/citations/source-check.ts'
import { loadSources } from '../src/citations/sources.ts'
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
