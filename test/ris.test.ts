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
C3  - Proceedings of the regional trade conference
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

/** A record's CSL fields, its key left out (made from the author, year and title). */
const fields = (text: string) => {
  const { id: _id, ...item } = readRis(text)[0]!.item
  return item
}

describe('RIS of each type, as Zotero and EndNote write it', () => {
  it('reads a court case as Zotero writes it: the reporter in A2, the court in PB, the volume in VL, the first page in SP', () => {
    expect(
      fields(`TY  - CASE
TI  - Mohtarma Benazir Bhutto v. President of Pakistan
A2  - PLD
DA  - 1998///
PY  - 1998
VL  - 1998
SP  - 388
PB  - Supreme Court
SV  - Constitutional Petition No. 59 of 1996
OP  - Dissolution of the National Assembly upheld
UR  - https://www.supremecourt.gov.pk/
Y2  - 2025/04/02/09:00:00
ER  - 
`),
    ).toEqual({
      type: 'legal_case',
      title: 'Mohtarma Benazir Bhutto v. President of Pakistan',
      'container-title': 'PLD',
      issued: { 'date-parts': [[1998]] },
      volume: '1998',
      page: '388',
      authority: 'Supreme Court',
      number: 'Constitutional Petition No. 59 of 1996',
      references: 'Dissolution of the National Assembly upheld',
      URL: 'https://www.supremecourt.gov.pk/',
      accessed: { 'date-parts': [[2025, 4, 2]] },
    })
  })

  it('reads a court case as EndNote writes it: the reporter and its abbreviation, the date accessed in DA, no counsel or parallel citation', () => {
    expect(
      fields(`TY  - CASE
TI  - Mohtarma Benazir Bhutto v. President of Pakistan
A2  - All Pakistan Legal Decisions
NV  - PLD
A4  - Pirzada, Abdul Hafeez
PB  - Supreme Court
PY  - 1998
DA  - 2025/04/02
VL  - 1998
SP  - 388
SV  - Constitutional Petition No. 59 of 1996
J2  - 1998 SCMR 1
ER  - 
`),
    ).toEqual({
      type: 'legal_case',
      title: 'Mohtarma Benazir Bhutto v. President of Pakistan',
      'container-title': 'All Pakistan Legal Decisions',
      'container-title-short': 'PLD',
      issued: { 'date-parts': [[1998]] },
      accessed: { 'date-parts': [[2025, 4, 2]] },
      volume: '1998',
      page: '388',
      authority: 'Supreme Court',
      number: 'Constitutional Petition No. 59 of 1996',
    })
  })

  it('reads a report as Zotero writes it: the series in T2, the number in SN, the institution in PB', () => {
    expect(
      fields(`TY  - RPRT
TI  - Pakistan and the Taliban after the withdrawal
AU  - Khan, Amina
T2  - Special Report
A2  - Jaspal, Zafar Nawaz
CY  - Islamabad
DA  - 2022/05//
PY  - 2022
SP  - 24
M3  - Issue brief
PB  - Institute of Strategic Studies Islamabad
SN  - ISSI-SR-2022-4
UR  - https://issi.org.pk/
Y2  - 2025/04/02/09:00:00
ER  - 
`),
    ).toEqual({
      type: 'report',
      title: 'Pakistan and the Taliban after the withdrawal',
      author: [{ family: 'Khan', given: 'Amina' }],
      'collection-title': 'Special Report',
      'collection-editor': [{ family: 'Jaspal', given: 'Zafar Nawaz' }],
      'publisher-place': 'Islamabad',
      issued: { 'date-parts': [[2022, 5]] },
      page: '24',
      genre: 'Issue brief',
      publisher: 'Institute of Strategic Studies Islamabad',
      number: 'ISSI-SR-2022-4',
      URL: 'https://issi.org.pk/',
      accessed: { 'date-parts': [[2025, 4, 2]] },
    })
  })

  it("reads a report as EndNote writes it: the series' volume in NV, the month in DA, the document number in M1 when SN is empty", () => {
    expect(
      fields(`TY  - RPRT
AU  - Khan, Amina
TI  - Pakistan and the Taliban after the withdrawal
T2  - Special Report
NV  - 4
PB  - Institute of Strategic Studies Islamabad
CY  - Islamabad
PY  - 2022
DA  - May
M3  - Issue brief
M1  - ISSI-SR-2022-4
ER  - 
`),
    ).toEqual({
      type: 'report',
      title: 'Pakistan and the Taliban after the withdrawal',
      author: [{ family: 'Khan', given: 'Amina' }],
      'collection-title': 'Special Report',
      'collection-number': '4',
      publisher: 'Institute of Strategic Studies Islamabad',
      'publisher-place': 'Islamabad',
      issued: { 'date-parts': [[2022, 5]] },
      genre: 'Issue brief',
      number: 'ISSI-SR-2022-4',
    })
  })

  it('reads a bill as Zotero and EndNote write it: sponsors in A2, the code in T2, the legislative body in T3, the number in M1', () => {
    const zotero = fields(`TY  - BILL
TI  - The Criminal Laws (Amendment) Bill, 2023
A2  - Tarar, Azam Nazeer
A3  - Khan, Shazia
T2  - Gazette of Pakistan, Extraordinary, Part IV
T3  - National Assembly of Pakistan
DA  - 2023/08/01/
PY  - 2023
ET  - 52nd session
VL  - 4
SP  - 101
M1  - Bill No. 12 of 2023
OP  - Passed by the Senate on 7 August 2023
SE  - 3
UR  - https://na.gov.pk/
ER  - 
`)
    expect(zotero).toEqual({
      type: 'bill',
      title: 'The Criminal Laws (Amendment) Bill, 2023',
      author: [{ family: 'Tarar', given: 'Azam Nazeer' }],
      contributor: [{ family: 'Khan', given: 'Shazia' }],
      'container-title': 'Gazette of Pakistan, Extraordinary, Part IV',
      authority: 'National Assembly of Pakistan',
      issued: { 'date-parts': [[2023, 8, 1]] },
      'chapter-number': '52nd session',
      volume: '4',
      page: '101',
      number: 'Bill No. 12 of 2023',
      references: 'Passed by the Senate on 7 August 2023',
      section: '3',
      URL: 'https://na.gov.pk/',
    })
    // EndNote's tags for a bill are Zotero's; its dates are a year and words.
    const endnote = fields(`TY  - BILL
A2  - Tarar, Azam Nazeer
TI  - The Criminal Laws (Amendment) Bill, 2023
T2  - Gazette of Pakistan, Extraordinary, Part IV
T3  - National Assembly of Pakistan
PY  - 2023
DA  - Aug 1
ET  - 52nd session
M1  - Bill No. 12 of 2023
SE  - 3
SP  - 101
VL  - 4
ER  - 
`)
    expect(endnote).toEqual({ ...zotero, contributor: undefined, references: undefined, URL: undefined })
  })

  it('reads a statute as Zotero writes it: the code in T2, its number in VL, the act number in M1, the session in ET', () => {
    const zotero = fields(`TY  - STAT
TI  - Prevention of Electronic Crimes Act, 2016
T2  - Pakistan Code
DA  - 2016/08/18/
PY  - 2016
ET  - 2016 session
VL  - 15
SP  - 1-24
M1  - Act No. XL of 2016
OP  - Amended 2023
SE  - 20
UR  - https://pakistancode.gov.pk/
ER  - 
`)
    expect(zotero).toEqual({
      type: 'legislation',
      title: 'Prevention of Electronic Crimes Act, 2016',
      'container-title': 'Pakistan Code',
      issued: { 'date-parts': [[2016, 8, 18]] },
      'chapter-number': '2016 session',
      volume: '15',
      page: '1-24',
      number: 'Act No. XL of 2016',
      references: 'Amended 2023',
      section: '20',
      URL: 'https://pakistancode.gov.pk/',
    })
    // EndNote: the statute number in NV and an international source in T3 are not read as a
    // number of volumes or a series; the date enacted is DA.
    const endnote = fields(`TY  - STAT
TI  - Prevention of Electronic Crimes Act, 2016
T2  - Pakistan Code
T3  - none
NV  - 40
PY  - 2016
DA  - 2016/08/18
ET  - 2016 session
VL  - 15
SP  - 1
EP  - 24
M1  - Act No. XL of 2016
SE  - 20
ER  - 
`)
    expect(endnote).toEqual({ ...zotero, references: undefined, URL: undefined })
  })

  it('reads a hearing as Zotero and EndNote write it: the committee in T2, the legislative body in T3, the document number in M1', () => {
    const text = `TY  - HEAR
TI  - Briefing on the situation in Afghanistan
T2  - Standing Committee on Foreign Affairs
T3  - Senate of Pakistan
CY  - Islamabad
DA  - 2023/03/14/
PY  - 2023
ET  - 327th session
NV  - 2
SP  - 1-40
M1  - Senate Doc. 14
PB  - Senate Secretariat
OP  - Reported to the House on 20 March 2023
ER  - 
`
    expect(fields(text)).toEqual({
      type: 'hearing',
      title: 'Briefing on the situation in Afghanistan',
      section: 'Standing Committee on Foreign Affairs',
      authority: 'Senate of Pakistan',
      'publisher-place': 'Islamabad',
      issued: { 'date-parts': [[2023, 3, 14]] },
      'chapter-number': '327th session',
      'number-of-volumes': '2',
      page: '1-40',
      number: 'Senate Doc. 14',
      publisher: 'Senate Secretariat',
      references: 'Reported to the House on 20 March 2023',
    })
    // EndNote writes the same tags, plus the Congress number in C2, which has no CSL variable.
    expect(fields(text.replace('ER  - ', 'C2  - 17th Parliament\nER  - '))).toEqual(fields(text))
  })

  it('reads a thesis as Zotero writes it, and as EndNote does with the department in T2 and the degree in VL', () => {
    const zotero = fields(`TY  - THES
TI  - Border trade and the Durand Line
AU  - Khan, Amina
A3  - Rais, Rasul Bakhsh
CY  - Islamabad
DA  - 2015///
PY  - 2015
SP  - 312
M3  - PhD thesis
PB  - Quaid-i-Azam University
UR  - https://prr.hec.gov.pk/
ER  - 
`)
    expect(zotero).toEqual({
      type: 'thesis',
      title: 'Border trade and the Durand Line',
      author: [{ family: 'Khan', given: 'Amina' }],
      contributor: [{ family: 'Rais', given: 'Rasul Bakhsh' }],
      'publisher-place': 'Islamabad',
      issued: { 'date-parts': [[2015]] },
      'number-of-pages': '312',
      genre: 'PhD thesis',
      publisher: 'Quaid-i-Azam University',
      URL: 'https://prr.hec.gov.pk/',
    })
    const endnote = fields(`TY  - THES
AU  - Khan, Amina
A3  - Rais, Rasul Bakhsh
TI  - Border trade and the Durand Line
T2  - Department of International Relations
CY  - Islamabad
PB  - Quaid-i-Azam University
PY  - 2015
M3  - PhD thesis
VL  - PhD
SP  - 312
UR  - https://prr.hec.gov.pk/
ER  - 
`)
    expect(endnote).toEqual(zotero)
  })

  it('reads a newspaper article as Zotero writes it: section in SE, edition in ET, ISSN in SN', () => {
    expect(
      fields(`TY  - NEWS
TI  - Envoy wraps up fruitful Kabul trip
AU  - Yousaf, Kamran
T2  - The Express Tribune
CY  - Karachi
DA  - 2025/03/24/
PY  - 2025
ET  - Islamabad edition
SP  - 3
LA  - en
SE  - National
SN  - 2308-3336
UR  - https://tribune.com.pk/story/2536087/envoy-wraps-up-fruitful-kabul-trip
Y2  - 2025/04/01/10:22:31
ER  - 
`),
    ).toEqual({
      type: 'article-newspaper',
      title: 'Envoy wraps up fruitful Kabul trip',
      author: [{ family: 'Yousaf', given: 'Kamran' }],
      'container-title': 'The Express Tribune',
      'publisher-place': 'Karachi',
      issued: { 'date-parts': [[2025, 3, 24]] },
      edition: 'Islamabad edition',
      page: '3',
      language: 'en',
      section: 'National',
      ISSN: '2308-3336',
      URL: 'https://tribune.com.pk/story/2536087/envoy-wraps-up-fruitful-kabul-trip',
      accessed: { 'date-parts': [[2025, 4, 1]] },
    })
  })

  it('reads a newspaper article as EndNote writes it: the issue in C2, the frequency in NV and the start page in M1 left out', () => {
    expect(
      fields(`TY  - NEWS
AU  - Yousaf, Kamran
TI  - Envoy wraps up fruitful Kabul trip
T2  - The Express Tribune
CY  - Karachi
PY  - 2025
DA  - Mar 24
ET  - Islamabad edition
SE  - National
SP  - 3
M1  - 3
C2  - 71
NV  - Daily
M3  - News
ER  - 
`),
    ).toEqual({
      type: 'article-newspaper',
      title: 'Envoy wraps up fruitful Kabul trip',
      author: [{ family: 'Yousaf', given: 'Kamran' }],
      'container-title': 'The Express Tribune',
      'publisher-place': 'Karachi',
      issued: { 'date-parts': [[2025, 3, 24]] },
      edition: 'Islamabad edition',
      section: 'National',
      page: '3',
      issue: '71',
      genre: 'News',
    })
  })

  it('reads a magazine article as Zotero writes it, and as EndNote does with the issue in M1', () => {
    const zotero = fields(`TY  - MGZN
TI  - The long road to Kabul
AU  - Rashid, Ahmed
T2  - The Herald
DA  - 2021/09//
PY  - 2021
VL  - 52
IS  - 9
SP  - 34
EP  - 39
SN  - 0017-9442
ER  - 
`)
    expect(zotero).toEqual({
      type: 'article-magazine',
      title: 'The long road to Kabul',
      author: [{ family: 'Rashid', given: 'Ahmed' }],
      'container-title': 'The Herald',
      issued: { 'date-parts': [[2021, 9]] },
      volume: '52',
      issue: '9',
      page: '34-39',
      ISSN: '0017-9442',
    })
    const endnote = fields(`TY  - MGZN
AU  - Rashid, Ahmed
TI  - The long road to Kabul
T2  - The Herald
PY  - 2021
DA  - Sep
VL  - 52
M1  - 9
SP  - 34-39
SE  - 34
NV  - Monthly
SN  - 0017-9442
ER  - 
`)
    expect(endnote).toEqual(zotero)
  })

  it('reads a web page as Zotero writes it, and as EndNote does with the access date in M1 and its year in VL', () => {
    const zotero = fields(`TY  - ELEC
TI  - Pakistan Security Report 2024
AU  - Pakistan Institute for Peace Studies
T2  - PIPS
DA  - 2025/01/05/
PY  - 2025
LA  - en
M3  - Report page
UR  - https://www.pakpips.com/
Y2  - 2025/04/02/08:00:00
ER  - 
`)
    expect(zotero).toEqual({
      type: 'webpage',
      title: 'Pakistan Security Report 2024',
      author: [{ literal: 'Pakistan Institute for Peace Studies' }],
      'container-title': 'PIPS',
      issued: { 'date-parts': [[2025, 1, 5]] },
      language: 'en',
      genre: 'Report page',
      URL: 'https://www.pakpips.com/',
      accessed: { 'date-parts': [[2025, 4, 2]] },
    })
    for (const ty of ['ELEC', 'WEB']) {
      const endnote = fields(`TY  - ${ty}
AU  - Pakistan Institute for Peace Studies
TI  - Pakistan Security Report 2024
T2  - PIPS
PY  - 2025
DA  - 2025/01/05
VL  - 2025
M1  - April 2
M3  - Report page
LA  - en
UR  - https://www.pakpips.com/
ER  - 
`)
      expect(endnote).toEqual(zotero)
    }
  })

  it('reads a chapter as Zotero writes it: the book in T2, editors in A2, the series in T3 and its editor in A3, the series number in SV', () => {
    expect(
      fields(`TY  - CHAP
TI  - Pakistan's nuclear diplomacy
AU  - Kazmi, Zahir
T2  - Handbook of South Asian security
A2  - Pant, Harsh V.
T3  - Routledge handbooks
A3  - Smith, Jane
A4  - Qureshi, Ali
C2  - Cohen, Stephen P.
CY  - Abingdon
DA  - 2019///
PY  - 2019
ET  - 2
VL  - 1
IS  - 2
SP  - 115
EP  - 131
PB  - Routledge
SN  - 978-0-7453-9934-7
SV  - 12
DO  - 10.4324/9780429000000-8
ER  - 
`),
    ).toEqual({
      type: 'chapter',
      title: "Pakistan's nuclear diplomacy",
      author: [{ family: 'Kazmi', given: 'Zahir' }],
      'container-title': 'Handbook of South Asian security',
      editor: [{ family: 'Pant', given: 'Harsh V.' }],
      'collection-title': 'Routledge handbooks',
      'collection-editor': [{ family: 'Smith', given: 'Jane' }],
      translator: [{ family: 'Qureshi', given: 'Ali' }],
      'container-author': [{ family: 'Cohen', given: 'Stephen P.' }],
      'publisher-place': 'Abingdon',
      issued: { 'date-parts': [[2019]] },
      edition: '2',
      volume: '1',
      'number-of-volumes': '2',
      page: '115-131',
      publisher: 'Routledge',
      ISBN: '978-0-7453-9934-7',
      'collection-number': '12',
      DOI: '10.4324/9780429000000-8',
    })
  })

  it('reads a chapter as EndNote writes it: the number of volumes in M1, the chapter in SE', () => {
    expect(
      fields(`TY  - CHAP
AU  - Kazmi, Zahir
A2  - Pant, Harsh V.
A3  - Smith, Jane
TI  - Pakistan's nuclear diplomacy
T2  - Handbook of South Asian security
T3  - Routledge handbooks
CY  - Abingdon
PB  - Routledge
PY  - 2019
M1  - 2
SE  - 7
SP  - 115-131
SV  - 12
SN  - 978-0-7453-9934-7
ER  - 
`),
    ).toEqual({
      type: 'chapter',
      title: "Pakistan's nuclear diplomacy",
      author: [{ family: 'Kazmi', given: 'Zahir' }],
      editor: [{ family: 'Pant', given: 'Harsh V.' }],
      'collection-editor': [{ family: 'Smith', given: 'Jane' }],
      'container-title': 'Handbook of South Asian security',
      'collection-title': 'Routledge handbooks',
      'publisher-place': 'Abingdon',
      publisher: 'Routledge',
      issued: { 'date-parts': [[2019]] },
      'number-of-volumes': '2',
      'chapter-number': '7',
      page: '115-131',
      'collection-number': '12',
      ISBN: '978-0-7453-9934-7',
    })
  })

  it('reads a conference paper as Zotero writes it: the conference in T2, the proceedings in C3, the place in C1', () => {
    expect(
      fields(`TY  - CONF
TI  - Transit trade through Gwadar
AU  - Ali, Sara
T2  - Regional Trade Conference 2022
A2  - Baig, Omar
T3  - Lecture notes in trade
A3  - Smith, Jane
C1  - Lahore
C3  - Proceedings of the Regional Trade Conference
DA  - 2022/11/03/
PY  - 2022
DO  - 10.1000/rtc.2022.10
VL  - 2
SP  - 10
EP  - 18
PB  - LUMS Press
SN  - 978-3-16-148410-0
UR  - https://example.org/rtc
ER  - 
`),
    ).toEqual({
      type: 'paper-conference',
      title: 'Transit trade through Gwadar',
      author: [{ family: 'Ali', given: 'Sara' }],
      'event-title': 'Regional Trade Conference 2022',
      editor: [{ family: 'Baig', given: 'Omar' }],
      'collection-title': 'Lecture notes in trade',
      'collection-editor': [{ family: 'Smith', given: 'Jane' }],
      'publisher-place': 'Lahore',
      'container-title': 'Proceedings of the Regional Trade Conference',
      issued: { 'date-parts': [[2022, 11, 3]] },
      DOI: '10.1000/rtc.2022.10',
      volume: '2',
      page: '10-18',
      publisher: 'LUMS Press',
      ISBN: '978-3-16-148410-0',
      URL: 'https://example.org/rtc',
    })
  })

  it("reads a conference paper as EndNote writes it: the conference's place in CY, the sponsor in A4, CPAPER like CONF", () => {
    const text = `TY  - CONF
AU  - Ali, Sara
A2  - Baig, Omar
A4  - Lahore Chamber of Commerce
TI  - Transit trade through Gwadar
T2  - Regional Trade Conference 2022
C3  - Proceedings of the Regional Trade Conference
C1  - Lahore
CY  - Gwadar
PB  - LUMS Press
PY  - 2022
DA  - Nov 3
C2  - 2023
SP  - 10-18
ER  - 
`
    const expected = {
      type: 'paper-conference',
      title: 'Transit trade through Gwadar',
      author: [{ family: 'Ali', given: 'Sara' }],
      editor: [{ family: 'Baig', given: 'Omar' }],
      contributor: [{ literal: 'Lahore Chamber of Commerce' }],
      'event-title': 'Regional Trade Conference 2022',
      'container-title': 'Proceedings of the Regional Trade Conference',
      'publisher-place': 'Lahore',
      'event-place': 'Gwadar',
      publisher: 'LUMS Press',
      issued: { 'date-parts': [[2022, 11, 3]] },
      page: '10-18',
    }
    expect(fields(text)).toEqual(expected)
    expect(fields(text.replace('TY  - CONF', 'TY  - CPAPER'))).toEqual(expected)
  })

  it('reads a book as Zotero writes it: the series in T2 and its editor in A2, editors in A3, the series number in M1; an EndNote edited book has its editors in AU', () => {
    expect(fields('TY  - BOOK\nTI  - Military Inc.\nAU  - Siddiqa, Ayesha\nT2  - Pluto studies\nA2  - Smith, Jane\nA3  - Doe, John\nM1  - 3\nSP  - 368\nSN  - 978-0-7453-9934-7\nER  - \n')).toEqual({
      type: 'book',
      title: 'Military Inc.',
      author: [{ family: 'Siddiqa', given: 'Ayesha' }],
      'collection-title': 'Pluto studies',
      'collection-editor': [{ family: 'Smith', given: 'Jane' }],
      editor: [{ family: 'Doe', given: 'John' }],
      'collection-number': '3',
      'number-of-pages': '368',
      ISBN: '978-0-7453-9934-7',
    })
    expect(fields('TY  - EDBOOK\nAU  - Pant, Harsh V.\nTI  - Handbook of South Asian security\nER  - \n')).toEqual({ type: 'book', title: 'Handbook of South Asian security', editor: [{ family: 'Pant', given: 'Harsh V.' }] })
  })
})
