/**
 * Holes at the foot of a page, checked in the PDF. A figure that does not fit where it stands
 * floats to the top of the next page and the text after it fills the page (fixture
 * `layout-figure-float`); what cannot float (a box of key points, fixture `layout-page-hole`;
 * a figure with too little text after it to fill its page) leaves its hole, reported at its
 * line. A heading (or a heading and a subheading) right before a figure that floats stays
 * with the text after the figure, two lines of it at least, and the figure takes its note
 * with it (fixture `layout-heading-figure-float`, and variants of it: a captioned table, two
 * figures, a subheading); with no text after the figure (another heading, the end of the
 * brief) heading and figure start the next page together, the hole reported at the heading.
 * Holes are measured from the PDF alone (test/helpers/holes.ts), independently of the build's
 * own reading.
 */
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { build, type BriefResult } from '../src/core/build.ts'
import { pageHoleLimit } from '../src/render/print/layout-check.ts'
import { repo } from './helpers/cli.ts'
import { fixture } from './helpers/fixtures.ts'
import { pageHoles } from './helpers/holes.ts'
import { wordBoxes, type WordBox } from './helpers/pdf.ts'
import { sharedBrowser } from './helpers/browser.ts'

async function print(name: string): Promise<{ result: BriefResult; file: string }> {
  const out = mkdtempSync(path.join(tmpdir(), 'brief-holes-'))
  const report = await build({ paths: [fixture(name)], out, formats: ['pdf'], cwd: repo, browser: await sharedBrowser() })
  return { result: report.briefs[0]!, file: path.join(out, `${name}.pdf`) }
}

/**
 * A variant of fixture `name`, its brief.md changed by `change`, printed; the fixture's other
 * files (images) and the shared references go with it.
 */
async function printVariant(name: string, slug: string, change: (brief: string) => string): Promise<{ result: BriefResult; file: string; brief: string }> {
  const folder = path.join(mkdtempSync(path.join(tmpdir(), 'brief-holes-')), slug)
  cpSync(fixture(name), folder, { recursive: true })
  const brief = change(readFileSync(path.join(folder, 'brief.md'), 'utf8'))
  writeFileSync(path.join(folder, 'brief.md'), brief)
  const out = path.join(folder, '..', 'out')
  const report = await build({ paths: [folder], out, formats: ['pdf'], cwd: repo, browser: await sharedBrowser() })
  return { result: report.briefs[0]!, file: path.join(out, `${slug}.pdf`), brief }
}

/** The line of `brief` that starts with `start` (1-based). */
const lineOf = (brief: string, start: string) => brief.split('\n').findIndex((l) => l.startsWith(start)) + 1

/** Where the caption of a figure or table ("Figure 1. …") is printed, apart from mentions of it ("Figure 1 shows"). */
function captions(file: string, label: string): WordBox[] {
  const words = wordBoxes(file)
  return words.filter((w, i) => w.word === label && /^\d+\.$/.test(words[i + 1]?.word ?? ''))
}

/** Lines of body text (11 pt: boxes 13.5 pt tall or more) on a page, below `y`. */
function textLinesBelow(file: string, page: number, y: number): number {
  const tops = wordBoxes(file)
    .filter((w) => w.page === page && w.yMin > y && w.yMax - w.yMin >= 13.5 && w.yMax - w.yMin < 15.5)
    .map((w) => Math.round(w.yMin))
  return new Set(tops).size
}

/** The first page a word is printed on, and where on it. */
function find(file: string, word: string) {
  const box = wordBoxes(file).find((w) => w.word === word)
  if (!box) throw new Error(`"${word}" is not in the PDF`)
  return box
}

describe('a figure that does not fit at the foot of a page', () => {
  let result: BriefResult
  let file: string
  beforeAll(async () => {
    ;({ result, file } = await print('layout-figure-float'))
  }, 120_000)

  it('floats to the top of the next page, with no message', () => {
    expect(result.messages.map((m) => m.reason)).toEqual([])
    const caption = find(file, 'Figure')
    expect(caption.page).toBe(2)
    // Above every line of text on its page: the figure is the first thing there.
    const text = wordBoxes(file).filter((w) => w.page === 2 && w.yMax - w.yMin >= 13.5)
    expect(Math.min(...text.map((w) => w.yMin))).toBeGreaterThan(caption.yMax)
  })

  it('lets the text after it fill the page it did not fit on', () => {
    // "agenda." ends the paragraph before the figure; the next three follow it in the brief.
    for (const word of ['Afghan', 'Patients', 'scanners']) expect(find(file, word).page, word).toBe(1)
  })

  it('leaves no hole at the foot of any page', () => {
    const holes = pageHoles(file)
    expect(holes.length).toBeGreaterThan(0)
    expect(holes.filter((h) => h.hole >= pageHoleLimit)).toEqual([])
  })
})

describe('a figure that does not fit, too near the end of the brief for text to fill its page', () => {
  let result: BriefResult
  let file: string
  let line: number
  beforeAll(async () => {
    // The float fixture, cut after the figure's paragraph and one short one.
    const source = readFileSync(path.join(repo, 'test/fixtures/layout-figure-float/brief.md'), 'utf8')
    const lines = source.split('\n')
    line = lines.findIndex((l) => l.startsWith('![')) + 1
    const folder = path.join(mkdtempSync(path.join(tmpdir(), 'brief-holes-')), 'figure-at-end')
    mkdirSync(folder)
    writeFileSync(path.join(folder, 'brief.md'), [...lines.slice(0, line), '', 'Finally, a short closing paragraph.', ''].join('\n'))
    copyFileSync(path.join(repo, 'test/fixtures/layout-figure-float/crossings.jpg'), path.join(folder, 'crossings.jpg'))
    const out = path.join(folder, '..', 'out')
    result = (await build({ paths: [folder], out, formats: ['pdf'], cwd: repo, browser: await sharedBrowser() })).briefs[0]!
    file = path.join(out, 'figure-at-end.pdf')
  }, 120_000)

  it('stays where it stands, before the text after it, and the hole is reported at its line', () => {
    expect(result.messages.map((m) => [m.ruleId, m.line])).toEqual([['page-hole', line]])
    expect(find(file, 'Figure').page).toBe(2)
    expect(find(file, 'Finally,').page).toBe(2)
    expect(find(file, 'Finally,').yMin).toBeGreaterThan(find(file, 'Figure').yMax)
  })
})

describe('a box that does not fit at the foot of a page', () => {
  let result: BriefResult
  let file: string
  beforeAll(async () => {
    ;({ result, file } = await print('layout-page-hole'))
  }, 120_000)

  it('leaves a hole, measured in the PDF', () => {
    expect(pageHoles(file)).toEqual([{ page: 1, hole: expect.any(Number) }])
    expect(pageHoles(file)[0]!.hole).toBeGreaterThanOrEqual(pageHoleLimit)
    expect(find(file, 'Key').page).toBe(2)
  })

  it('is reported once, as a warning at the line of the box', () => {
    const brief = readFileSync(path.join(repo, 'test/fixtures/layout-page-hole/brief.md'), 'utf8')
    const line = brief.split('\n').indexOf('::: {.key-points}') + 1
    const holes = result.messages.filter((m) => m.ruleId === 'page-hole')
    expect(holes.map((m) => [m.line, m.fatal])).toEqual([[line, false]])
    expect(holes[0]!.reason).toMatch(/^Page 1 ends \d+ mm short of the foot of its text: this box did not fit there and starts page 2/)
    expect(result.messages.filter((m) => m.ruleId !== 'page-hole')).toEqual([])
  })
})

/**
 * The checks for a heading that stays on its page with the text after a figure (or table):
 * no message, the heading on page 1 with at least two lines of text under it, the first of
 * them being the text after the figure, every caption on page 2 above its text, and no hole.
 */
function headingStaysWithText(get: () => { result: BriefResult; file: string }, label: 'Figure' | 'Table', count = 1, headings = ['Priorities']) {
  it('keeps the heading on the page, with the text after the figure under it, and no message', () => {
    const { result, file } = get()
    expect(result.messages.map((m) => `${m.ruleId}: ${m.reason}`)).toEqual([])
    for (const word of headings) expect(find(file, word).page, word).toBe(1)
    const heading = find(file, headings[headings.length - 1]!)
    // "As Figure 1 shows, …" opens the paragraph after the figure; "Afghan" starts its second line.
    expect(find(file, 'As').page).toBe(1)
    expect(find(file, 'As').yMin).toBeGreaterThan(heading.yMax)
    expect(find(file, 'Afghan').page).toBe(1)
    expect(textLinesBelow(file, 1, heading.yMax)).toBeGreaterThanOrEqual(2)
  })

  it('floats the figure to the top of the next page, with its note', () => {
    const { file } = get()
    const text = wordBoxes(file).filter((w) => w.page === 2 && w.yMax - w.yMin >= 13.5)
    const printed = captions(file, label)
    expect(printed.map((w) => w.page)).toEqual(Array(count).fill(2))
    expect(Math.min(...text.map((w) => w.yMin))).toBeGreaterThan(Math.max(...printed.map((w) => w.yMax)))
    // The caption's note (its source) is printed at the foot of the figure's page.
    expect(find(file, 'Report').page).toBe(2)
  })

  it('leaves no hole at the foot of any page', () => {
    const holes = pageHoles(get().file)
    expect(holes.length).toBeGreaterThan(0)
    expect(holes.filter((h) => h.hole >= pageHoleLimit)).toEqual([])
  })
}

describe('a heading followed by a figure that does not fit at the foot of a page', () => {
  let printed: { result: BriefResult; file: string }
  beforeAll(async () => {
    printed = await print('layout-heading-figure-float')
  }, 120_000)
  headingStaysWithText(() => printed, 'Figure')
})

describe('a heading followed by a captioned table that does not fit at the foot of a page', () => {
  let printed: { result: BriefResult; file: string }
  beforeAll(async () => {
    const rows = ['Torkham', 'Chaman', 'Ghulam Khan', 'Angoor Adda', 'Kharlachi', 'Nawa Pass', 'Arandu', 'Gursal', 'Shah Salim', 'Badini', 'Dand-e-Patan', 'Burg', 'Lukai', 'Gawi', 'Bin Shahi', 'Terimangal', 'Zhob', 'Qila Saifullah', 'Nushki', 'Chagai']
    const table = ['| Crossing | Lorries a day | Open |', '| --- | --: | --- |', ...rows.map((name, i) => `| ${name} | ${(rows.length - i) * 40} | ${i < 2 ? 'day and night' : 'by day'} |`), '', 'Table: Traffic at the crossings. Source: Pakistan Institute for Peace Studies [@pips2024].'].join('\n')
    printed = await printVariant('layout-heading-figure-float', 'heading-table-float', (brief) =>
      brief.replace(/^!\[.*$/m, table),
    )
  }, 120_000)
  headingStaysWithText(() => printed, 'Table')
})

describe('a heading followed by two figures that do not fit at the foot of a page', () => {
  let printed: { result: BriefResult; file: string }
  beforeAll(async () => {
    printed = await printVariant('layout-heading-figure-float', 'heading-figures-float', (brief) =>
      brief.replace(/^(!\[.*)$/m, '$1\n\n![The smaller crossings.](crossings.jpg){width=25%}'),
    )
  }, 120_000)
  headingStaysWithText(() => printed, 'Figure', 2)

  it('keeps the two figures in their order', () => {
    const words = wordBoxes(printed.file)
    const numbers = words.filter((w, i) => words[i - 1]?.word === 'Figure' && /^\d+\.$/.test(w.word)).map((w) => w.word)
    expect(numbers).toEqual(['1.', '2.'])
  })
})

describe('a heading and a subheading followed by a figure that does not fit at the foot of a page', () => {
  let printed: { result: BriefResult; file: string }
  beforeAll(async () => {
    printed = await printVariant('layout-heading-figure-float', 'heading-run-figure-float', (brief) =>
      brief.replace(/^(## Priorities.*)$/m, '$1\n\n### Transit first'),
    )
  }, 120_000)
  headingStaysWithText(() => printed, 'Figure', 1, ['Priorities', 'Transit'])
})

describe('a figure with a note that floats, with a note call in the text after it', () => {
  it('ends the page it leaves before that call, so the notes stay in order', async () => {
    const { result, file } = await printVariant('layout-heading-figure-float', 'heading-figure-note-after', (brief) =>
      brief.replace('several times in recent years.', 'several times in recent years [@roe2021].'),
    )
    expect(result.messages.filter((m) => m.ruleId !== 'page-hole')).toEqual([])
    // The heading and the two lines before the call stay; the figure, its note (1) and the
    // call's line with its note (2) go to page 2, in that order.
    expect(find(file, 'Priorities').page).toBe(1)
    expect(find(file, 'Afghan').page).toBe(1)
    expect(textLinesBelow(file, 1, find(file, 'Priorities').yMax)).toBe(2)
    expect(captions(file, 'Figure').map((w) => w.page)).toEqual([2])
    expect(find(file, 'Report').page).toBe(2)
    expect(find(file, 'Roe,').page).toBe(2)
    expect(find(file, 'Roe,').yMin).toBeGreaterThan(find(file, 'Report').yMin)
  }, 120_000)
})

describe('a heading followed by a figure with no text after it to fill the page', () => {
  it('starts the next page with the figure when another heading follows it, the hole reported at the heading', async () => {
    const { result, file, brief } = await printVariant('layout-heading-figure-float', 'heading-figure-heading', (text) =>
      text.replace(/^(!\[.*)$/m, '$1\n\n## Priorities beyond it'),
    )
    expect(result.messages.map((m) => [m.ruleId, m.line])).toEqual([['page-hole', lineOf(brief, '## Priorities of')]])
    expect(find(file, 'Priorities').page).toBe(2)
    expect(captions(file, 'Figure').map((w) => w.page)).toEqual([2])
    expect(captions(file, 'Figure')[0]!.yMin).toBeGreaterThan(find(file, 'Priorities').yMax)
  }, 120_000)

  it('starts the next page with the figure when the brief ends after it, the hole reported at the heading', async () => {
    const { result, file, brief } = await printVariant('layout-heading-figure-float', 'heading-figure-end', (text) =>
      `${text.slice(0, text.indexOf('As the map shows'))}Finally, a short closing paragraph.\n`,
    )
    expect(result.messages.map((m) => [m.ruleId, m.line])).toEqual([['page-hole', lineOf(brief, '## Priorities')]])
    expect(find(file, 'Priorities').page).toBe(2)
    expect(captions(file, 'Figure').map((w) => w.page)).toEqual([2])
    expect(find(file, 'Finally,').yMin).toBeGreaterThan(captions(file, 'Figure')[0]!.yMax)
  }, 120_000)
})
