/**
 * Holes at the foot of a page, checked in the PDF. A figure that does not fit where it stands
 * floats to the top of the next page and the text after it fills the page (fixture
 * `layout-figure-float`); what cannot float (a box of key points, fixture `layout-page-hole`;
 * a figure with too little text after it to fill its page) leaves its hole, reported at its
 * line. Holes are measured from the PDF alone
 * (test/helpers/holes.ts), independently of the build's own reading.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { build, type BriefResult } from '../src/core/build.ts'
import { pageHoleLimit } from '../src/render/print/layout-check.ts'
import { repo } from './helpers/cli.ts'
import { fixture } from './helpers/fixtures.ts'
import { pageHoles } from './helpers/holes.ts'
import { wordBoxes } from './helpers/pdf.ts'

async function print(name: string): Promise<{ result: BriefResult; file: string }> {
  const out = mkdtempSync(path.join(tmpdir(), 'brief-holes-'))
  const report = await build({ paths: [fixture(name)], out, formats: ['pdf'], cwd: repo })
  return { result: report.briefs[0]!, file: path.join(out, `${name}.pdf`) }
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
    result = (await build({ paths: [folder], out, formats: ['pdf'], cwd: repo })).briefs[0]!
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
