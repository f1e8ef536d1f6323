/**
 * CSL → RIS → CSL: every CSL type the RIS writer has a record type for, written by
 * `brief bib --to ris` and read back by our RIS reader, compared field by field with the
 * source. A field that does not come back must be one docs/writing.md ("RIS") lists, with its
 * reason; everything else must come back exactly.
 *
 * Each type's source holds what Zotero's CSL-JSON export of the matching Zotero item holds
 * (zotero-schema `schema.json`: the item type's fields and creators through its `csl`
 * mapping), plus every variable our tag maps give the type.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { formatBibliography } from '../src/core/bib.ts'
import { readRis, writeRis } from '../src/citations/ris.ts'
import { cslItemTypes, dateVariables, nameVariables } from '../src/citations/csl-item.ts'
import { cslTypes, tagMaps } from '../src/citations/ris-types.ts'
import { fixtures } from './helpers/fixtures.ts'

/** The CSL variables of Zotero's CSL-JSON export, per CSL type (`pamphlet` has no Zotero type: a document's). */
const zoteroFields: Record<string, string> = {
  'article-journal': 'author contributor editor translator reviewed-author title-short title abstract container-title publisher publisher-place issued volume issue section part-number part-title page collection-title DOI URL accessed PMID PMCID ISSN archive archive_location language source call-number note container-title-short',
  'article-magazine': 'author contributor translator reviewed-author title-short title abstract container-title publisher publisher-place issued volume issue page ISSN DOI URL accessed archive archive_location language source call-number note',
  'article-newspaper': 'author contributor translator reviewed-author title-short title abstract container-title publisher publisher-place issued volume issue edition section page ISSN DOI URL accessed archive archive_location language source call-number note',
  book: 'author contributor editor translator collection-editor title-short title abstract collection-title collection-number volume number-of-volumes edition issued publisher publisher-place original-date original-publisher original-publisher-place medium number-of-pages ISBN DOI URL accessed ISSN archive archive_location language source call-number note',
  chapter: 'author contributor editor container-author translator collection-editor title-short title abstract container-title collection-title collection-number volume number-of-volumes edition issued publisher publisher-place original-date original-publisher original-publisher-place medium page ISBN DOI URL accessed ISSN archive archive_location language source call-number note',
  report: 'author editor contributor translator collection-editor title-short title abstract number genre publisher publisher-place issued collection-title collection-number page DOI ISBN URL accessed ISSN archive archive_location language source call-number note',
  thesis: 'author contributor title-short title abstract genre publisher publisher-place issued collection-title collection-number number-of-pages DOI ISBN URL accessed ISSN archive archive_location language source call-number note',
  'paper-conference': 'author contributor editor translator collection-editor title-short title abstract container-title event-title publisher publisher-place issued event-place volume issue number-of-volumes page collection-title collection-number DOI ISBN URL accessed ISSN archive archive_location language source call-number note',
  webpage: 'author contributor translator title-short title abstract container-title genre issued publisher publisher-place DOI URL accessed language note',
  'post-weblog': 'author translator contributor title-short title abstract container-title genre issued DOI URL accessed ISSN language note',
  legislation: 'author contributor title-short title abstract container-title volume number issued page section chapter-number references DOI URL accessed language note',
  bill: 'author contributor title-short title abstract number container-title volume section page authority chapter-number references issued DOI URL accessed language note',
  legal_case: 'author contributor title-short title abstract authority issued number container-title volume page references DOI URL accessed language note',
  hearing: 'author contributor title-short title abstract section publisher number-of-volumes number page authority chapter-number references issued publisher-place DOI URL accessed language note',
  patent: 'author contributor title-short title abstract publisher-place authority number submitted page call-number issue issued original-date references status DOI URL accessed language note',
  map: 'author contributor collection-editor title-short title abstract genre scale collection-title edition publisher publisher-place issued DOI ISBN URL accessed archive archive_location language source call-number note',
  dataset: 'author contributor title-short title abstract number genre version issued publisher publisher-place medium DOI URL accessed archive archive_location language source call-number note',
  software: 'author contributor title-short title abstract collection-title version issued medium publisher publisher-place genre URL accessed DOI ISBN archive archive_location source call-number note',
  personal_communication: 'author recipient contributor translator title-short title abstract genre issued event-place DOI URL accessed archive archive_location language source call-number note',
  manuscript: 'author contributor translator title-short title abstract genre publisher publisher-place issued number-of-pages number DOI URL accessed archive archive_location language source call-number note',
  motion_picture: 'author director producer script-writer performer host guest narrator translator contributor title-short title abstract publisher publisher-place issued genre medium dimensions DOI URL accessed archive archive_location language source call-number note',
  song: 'author original-author composer translator contributor title-short title abstract medium collection-title volume number-of-volumes publisher publisher-place issued dimensions ISBN DOI URL accessed archive archive_location language source call-number note',
  speech: 'author chair organizer contributor translator title-short title abstract genre issued event-title publisher-place collection-title container-title DOI URL accessed language note',
  graphic: 'author contributor title-short title abstract medium dimensions issued event-place DOI URL accessed archive archive_location language source call-number note',
  'entry-encyclopedia': 'author contributor editor translator collection-editor title-short title abstract container-title collection-title collection-number volume number-of-volumes edition issued publisher publisher-place page ISBN DOI URL accessed archive archive_location language source call-number note',
  'entry-dictionary': 'author contributor editor translator collection-editor title-short title abstract container-title collection-title collection-number volume number-of-volumes edition issued publisher publisher-place page ISBN DOI URL accessed archive archive_location language source call-number note',
  standard: 'author editor contributor title-short title abstract authority section genre number version edition status issued publisher publisher-place part-number part-title ISBN DOI URL accessed archive archive_location number-of-pages language source call-number note',
  document: 'author contributor editor translator reviewed-author title-short title abstract genre issued publisher publisher-place DOI URL accessed archive archive_location language source call-number note',
}
zoteroFields.pamphlet = zoteroFields.document!

/**
 * What RIS cannot hold, per type (docs/writing.md, "RIS", gives each reason): names without a
 * tag, a second identifier where SN holds one, Zotero fields its RIS translator drops too.
 */
const losses: Record<string, string[]> = {
  'article-journal': ['contributor', 'reviewed-author', 'part-number', 'part-title', 'PMID'],
  'article-magazine': ['contributor', 'reviewed-author'],
  'article-newspaper': ['contributor', 'reviewed-author'],
  book: ['contributor', 'original-date', 'original-publisher', 'original-publisher-place', 'medium', 'ISSN'],
  chapter: ['contributor', 'original-date', 'original-publisher', 'original-publisher-place', 'medium', 'ISSN'],
  report: ['contributor', 'ISBN', 'ISSN'],
  thesis: ['ISSN'],
  'paper-conference': ['translator', 'ISSN'],
  webpage: ['contributor'],
  'post-weblog': ['contributor', 'ISSN'],
  legislation: ['contributor'],
  bill: [],
  legal_case: ['contributor'],
  hearing: ['contributor'],
  patent: ['contributor', 'original-date'],
  map: ['contributor'],
  dataset: ['medium'],
  software: ['contributor'],
  personal_communication: ['contributor', 'event-place'],
  manuscript: ['contributor', 'number'],
  motion_picture: ['director', 'script-writer', 'performer', 'host', 'guest', 'narrator', 'translator'],
  song: ['original-author', 'contributor', 'dimensions'],
  speech: ['chair', 'organizer', 'contributor'],
  graphic: ['contributor', 'medium', 'event-place'],
  'entry-encyclopedia': ['contributor'],
  'entry-dictionary': ['contributor'],
  standard: ['contributor', 'authority', 'section', 'version', 'status', 'part-number', 'part-title', 'ISBN', 'number-of-pages'],
  document: ['contributor', 'reviewed-author'],
  pamphlet: ['contributor', 'reviewed-author'],
}

function sample(field: string, type: string): unknown {
  if (nameVariables.includes(field)) return [{ family: `Family ${field}`, given: 'Given' }, { literal: `Organisation ${field}` }]
  if (dateVariables.includes(field)) return { 'date-parts': [[2020, 5, 17]] }
  const samples: Record<string, string> = { page: '10-18', 'number-of-pages': '320', ISBN: '978-3-16-148410-0', ISSN: '2049-3630', DOI: '10.1000/182', URL: 'https://example.org/source', keyword: 'trade, borders' }
  return samples[field] ?? `${field} of the ${type}`
}

/** A source of `type` holding every field Zotero's export and our tag maps give it. */
function source(type: string): Record<string, unknown> & { id: string } {
  const { main, also } = tagMaps(type)
  const ours = [...Object.values(main), ...Object.entries(also).filter(([tag]) => !main[tag]).map(([, field]) => field)]
  const item: Record<string, unknown> & { id: string } = { id: `source-${type}`, type }
  for (const field of new Set([...zoteroFields[type]!.split(' '), ...ours, 'keyword'])) if (field) item[field] = sample(field, type)
  return item
}

/** The fields of `item` that `back` does not hold as they were. */
function lost(item: Record<string, unknown>, back: Record<string, unknown>): string[] {
  return Object.keys(item).filter((field) => JSON.stringify(item[field]) !== JSON.stringify(back[field]))
}

const types = Object.keys(cslTypes)

describe('CSL → RIS → CSL keeps every field RIS can hold', () => {
  it('covers every CSL type the RIS writer has a record type for', () => {
    expect(Object.keys(zoteroFields).sort()).toEqual([...types].sort())
    expect(types.filter((type) => !cslItemTypes.includes(type))).toEqual([])
  })

  for (const type of types) {
    it(`keeps every field of a ${type} but the ones listed in the docs`, () => {
      const item = source(type)
      const [back] = readRis(writeRis([item])).map((e) => e.item)
      expect(lost(item, back!)).toEqual(losses[type])
      // Nothing comes back that was not there.
      expect(Object.keys(back!).filter((field) => item[field] === undefined)).toEqual([])
    })
  }

  it('keeps names with particles, a family name alone, organisations and suffixes', () => {
    const author = [{ family: 'Ploeg', given: 'Frederick', 'non-dropping-particle': 'van der' }, { family: 'Plato' }, { literal: 'Pakistan Institute for Peace Studies' }, { family: 'King', given: 'Martin Luther', suffix: 'Jr.' }]
    const [back] = readRis(writeRis([{ id: 'a', type: 'book', title: 'T', author }]))
    // The particle joins the family name, where citeproc-js finds it again.
    expect(back!.item.author).toEqual([{ family: 'van der Ploeg', given: 'Frederick' }, { family: 'Plato' }, { literal: 'Pakistan Institute for Peace Studies' }, { family: 'King', given: 'Martin Luther', suffix: 'Jr.' }])
  })

  it('keeps dates to the day, month or year, seasons and dates given as text; a range keeps its start', () => {
    const dates = [[[2025, 3, 24]], [[2025, 3]], [[2025]], [[2025, 21]]].map((parts) => ({ 'date-parts': parts }))
    const items = [...dates, { literal: 'Spring 1998' }, { 'date-parts': [[2012], [2015]] }].map((issued, i) => ({ id: `d${i}`, type: 'report', title: 'T', issued, accessed: { 'date-parts': [[2025, 4, 2]] } }))
    const back = readRis(writeRis(items)).map((e) => e.item)
    expect(back.map((i) => i.issued)).toEqual([...dates, { literal: 'Spring 1998' }, { 'date-parts': [[2012]] }])
    expect(back.every((i) => JSON.stringify(i.accessed) === '{"date-parts":[[2025,4,2]]}')).toBe(true)
  })

  it('keeps page ranges, lists of pages and one-line text; an en dash in a range comes back as a hyphen', () => {
    const items = [
      { id: 'p1', type: 'article-journal', title: 'T', page: '533–560' },
      { id: 'p2', type: 'article-journal', title: 'T', page: '12, 15-17' },
      { id: 'p3', type: 'book', title: 'T', page: '115-131' },
      { id: 'p4', type: 'article-journal', title: 'A title', abstract: 'First paragraph.\n\nSecond paragraph.' },
    ]
    const back = readRis(writeRis(items)).map((e) => e.item)
    expect(back.map((i) => i.page)).toEqual(['533-560', '12, 15-17', '115-131', undefined])
    expect(back[3]!.abstract).toBe('First paragraph. Second paragraph.')
  })

  it('loses only what the docs say of circa dates, organisations with a comma, single pages of a book and types without an RIS type', () => {
    const items = [
      { id: 'c', type: 'book', title: 'T', issued: { 'date-parts': [[2020]], circa: true } },
      { id: 'o', type: 'book', title: 'T', author: [{ literal: 'Ministry of Foreign Affairs, Pakistan' }] },
      { id: 'p', type: 'book', title: 'T', page: '12' },
      { id: 'i', type: 'interview', title: 'T' },
    ]
    expect(readRis(writeRis(items)).map((e) => e.item)).toEqual([
      { id: 'c', type: 'book', title: 'T', issued: { 'date-parts': [[2020]] } },
      { id: 'o', type: 'book', title: 'T', author: [{ family: 'Ministry of Foreign Affairs', given: 'Pakistan' }] },
      { id: 'p', type: 'book', title: 'T', 'number-of-pages': '12' },
      { id: 'i', type: 'document', title: 'T' },
    ])
  })

  it('writes each record with the tags Zotero writes for its type', () => {
    // Zotero's export of eleven types (the fixture), read and written again: the same lines,
    // but for the key (ID), the time of day of the access date and DA for a year alone.
    const zotero = readFileSync(path.join(fixtures, 'source-ris-zotero-types', 'references.ris'), 'utf8')
    const lines = (text: string) =>
      text
        .split('\n\n')
        .filter((record) => record.trim())
        .map((record) =>
          record
            .split('\n')
            .filter((line) => line && !/^(ID  - |DA  - \d{4}\/\/\/$)/.test(line))
            .map((line) => line.replace(/^(Y2  - [\d/]+)\d\d:\d\d:\d\d$/, '$1'))
            .sort(),
        )
    expect(lines(writeRis(readRis(zotero).map((e) => e.item)))).toEqual(lines(zotero))
  })

  it('reads back through `brief bib --to ris` from CSL-JSON', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'brief-ris-roundtrip-'))
    mkdirSync(path.join(dir, 'briefs', 'all'), { recursive: true })
    const items = types.map(source)
    writeFileSync(path.join(dir, 'briefs', 'all', 'references.json'), JSON.stringify(items))
    writeFileSync(path.join(dir, 'briefs', 'all', 'brief.md'), '---\ntitle: Every type\nbibliography: references.json\n---\n\nText.\n')
    const { text, count } = await formatBibliography({ cwd: dir, to: 'ris', all: true })
    expect(count).toBe(types.length)
    const back = new Map(readRis(text).map((e) => [e.item.id, e.item]))
    for (const item of items) expect([item.type, lost(item, back.get(item.id)!)]).toEqual([item.type, losses[String(item.type)]])
  })
})
