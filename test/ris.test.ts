/**
 * RIS as Zotero, EndNote and Mendeley export it: every common record type with the tags those
 * tools write, read into the CSL data a citation needs.
 */
import { describe, expect, it } from 'vitest'
import { readRis } from '../src/citations/ris.ts'

const read = (text: string) => readRis(text).map((e) => e.item)

describe('RIS', () => {
  it('reads a Zotero newspaper article: authors, DA date, accessed date', () => {
    const [item] = read(`TY  - NEWS
TI  - Envoy wraps up fruitful Kabul trip
AU  - Yousaf, Kamran
T2  - The Express Tribune
DA  - 2025/03/24/
PY  - 2025
UR  - https://tribune.com.pk/story/2536087/envoy-wraps-up-fruitful-kabul-trip
Y2  - 2025/04/01/10:22:31
LA  - en
ER  - 
`)
    expect(item).toEqual({
      id: 'yousaf2025envoy',
      type: 'article-newspaper',
      title: 'Envoy wraps up fruitful Kabul trip',
      author: [{ family: 'Yousaf', given: 'Kamran' }],
      'container-title': 'The Express Tribune',
      issued: { 'date-parts': [[2025, 3, 24]] },
      accessed: { 'date-parts': [[2025, 4, 1]] },
      URL: 'https://tribune.com.pk/story/2536087/envoy-wraps-up-fruitful-kabul-trip',
      language: 'en',
    })
  })

  it('reads a full date in PY without inventing a range (2024/11/01/)', () => {
    const [item] = read('TY  - RPRT\nTI  - Security report\nAU  - Pakistan Institute for Peace Studies\nPY  - 2024/11/01/\nER  - \n')
    expect(item!.issued).toEqual({ 'date-parts': [[2024, 11, 1]] })
    expect(item!.author).toEqual([{ literal: 'Pakistan Institute for Peace Studies' }])
  })

  it('reads a web page with its access date (ELEC, Y2)', () => {
    const [item] = read('TY  - ELEC\nTI  - Pakistan Security Report 2024\nAU  - PIPS\nT2  - Pakistan Institute for Peace Studies\nPY  - 2025\nDA  - 2025/01/05/\nUR  - https://www.pakpips.com/\nY2  - 2025-04-02\nER  - \n')
    expect(item).toMatchObject({ type: 'webpage', accessed: { 'date-parts': [[2025, 4, 2]] }, issued: { 'date-parts': [[2025, 1, 5]] }, 'container-title': 'Pakistan Institute for Peace Studies' })
  })

  it('reads an EndNote journal article: month from DA, pages from SP/EP, DOI', () => {
    const [item] = read(`TY  - JOUR
AU  - Rashid, Ahmed
AU  - Khan, Sana
PY  - 2021
DA  - Aug
TI  - Border fencing and local economies
T2  - Asian Survey
SP  - 533
EP  - 560
VL  - 61
IS  - 4
SN  - 0004-4687
DO  - https://doi.org/10.1525/as.2021.61.4.533
ER  -
`)
    expect(item).toMatchObject({
      type: 'article-journal',
      author: [
        { family: 'Rashid', given: 'Ahmed' },
        { family: 'Khan', given: 'Sana' },
      ],
      issued: { 'date-parts': [[2021, 8]] },
      page: '533-560',
      volume: '61',
      issue: '4',
      ISSN: '0004-4687',
      DOI: '10.1525/as.2021.61.4.533',
      'container-title': 'Asian Survey',
    })
  })

  it('reads books, chapters with editors, reports with numbers, theses and conference papers', () => {
    const items = read(`TY  - BOOK
AU  - Siddiqa, Ayesha
TI  - Military Inc.
PY  - 2017
CY  - London
PB  - Pluto Press
ET  - 2
SN  - 978-0-7453-9934-7
SP  - 368
ER  - 

TY  - CHAP
AU  - Kazmi, Zahir
A2  - Pant, Harsh V.
TI  - Pakistan's nuclear diplomacy
T2  - Handbook of South Asian security
PY  - 2019
SP  - 115
EP  - 131
PB  - Routledge
CY  - Abingdon
ER  - 

TY  - RPRT
AU  - Small, Andrew
TI  - Returning to the shadows
PY  - 2020
IS  - 12
M3  - Policy paper
PB  - German Marshall Fund
ER  - 

TY  - THES
AU  - Khan, Amina
TI  - Border trade
PY  - 2015
PB  - Quaid-i-Azam University
M3  - PhD thesis
ER  - 

TY  - CONF
AU  - Ali, Sara
TI  - Transit trade
T2  - Proceedings of the regional trade conference
PY  - 2022
SP  - 10-18
ER  - 
`)
    expect(items.map((i) => i.type)).toEqual(['book', 'chapter', 'report', 'thesis', 'paper-conference'])
    expect(items[0]).toMatchObject({ edition: '2', ISBN: '978-0-7453-9934-7', 'number-of-pages': '368', 'publisher-place': 'London' })
    expect(items[1]).toMatchObject({ editor: [{ family: 'Pant', given: 'Harsh V.' }], page: '115-131', 'container-title': 'Handbook of South Asian security' })
    expect(items[2]).toMatchObject({ number: '12', genre: 'Policy paper' })
    expect(items[3]).toMatchObject({ genre: 'PhD thesis', publisher: 'Quaid-i-Azam University' })
    expect(items[4]).toMatchObject({ page: '10-18', 'container-title': 'Proceedings of the regional trade conference' })
  })

  it('makes keys from author, year and title when the export has no ID, and keeps an ID it has', () => {
    const items = read('TY  - BOOK\nAU  - Müller, Jürgen\nTI  - The passes of the Hindu Kush\nPY  - 2021\nER  - \nTY  - BOOK\nAU  - Müller, Jürgen\nTI  - Passes again\nPY  - 2021\nER  - \nTY  - JOUR\nID  - baig2018\nTI  - Transit\nER  - \n')
    expect(items.map((i) => i.id)).toEqual(['muller2021passes', 'muller2021passesa', 'baig2018'])
  })

  it('joins wrapped lines and places each record at its TY line', () => {
    const entries = readRis('\nTY  - JOUR\nTI  - A title that\n  goes on\nER  - \n')
    expect(entries[0]!.item.title).toBe('A title that goes on')
    expect(entries[0]!.place).toEqual({ line: 2, column: 1 })
  })

  it('refuses a tag before any TY line, naming the line', () => {
    expect(() => readRis('AU  - Doe, Jane\nTY  - BOOK\nER  - \n')).toThrow('before the record')
  })
})
