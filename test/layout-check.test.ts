/**
 * The print layout's self-check (src/render/print/layout-check.ts) on readings made by hand:
 * misplaced, lost and doubled notes, lost body text, and the messages each gives.
 */
import { describe, expect, it } from 'vitest'
import { VFile } from 'vfile'
import { checkLayout, pageHoleLimit, reportLayoutProblems, reportPageHoles, type LayoutReading, type NoteSnapshot } from '../src/render/print/layout-check.ts'

const before: NoteSnapshot = { texts: { '1': 'Firstnote', '2': 'Secondnote' }, lines: { '1': 6, '2': 9 }, body: 'Onetwo threefour', figures: ['Figure1.Map'] }

function reading(overrides: Partial<LayoutReading> = {}): LayoutReading {
  return {
    pages: 2,
    calls: { '1': [1], '2': [2] },
    bodies: { '1': [{ page: 1, continued: false, text: 'Firstnote' }], '2': [{ page: 2, continued: false, text: 'Secondnote' }] },
    unfloated: [],
    complete: true,
    clipped: [],
    stranded: [],
    lonely: [],
    splits: 0,
    printed: [{ page: 1, text: 'Onetwo' }, { page: 2, text: 'threefour' }],
    figures: [{ page: 2, ref: 'r1', text: 'Figure1.Map' }],
    ends: [{ page: 1, gap: 4, forced: false, next: { tag: 'p', line: 9, continued: true } }],
    ...overrides,
  }
}

describe('layout self-check', () => {
  it('passes a layout with every note on its call’s page and all text printed', () => {
    expect(checkLayout(before, reading())).toEqual([])
  })

  it('accepts a long note that continues on the next page', () => {
    const bodies = { ...reading().bodies, '1': [{ page: 1, continued: false, text: 'First' }, { page: 2, continued: true, text: 'note' }] }
    expect(checkLayout(before, reading({ bodies }))).toEqual([])
  })

  it('names a note printed on another page than its call, with the call’s line', () => {
    const bodies = { ...reading().bodies, '1': [{ page: 2, continued: false, text: 'Firstnote' }] }
    expect(checkLayout(before, reading({ bodies }))).toEqual([{ note: '1', line: 6, reason: 'it is called on page 1 but printed on page 2' }])
  })

  it('finds dropped, duplicated and shortened notes', () => {
    expect(checkLayout(before, reading({ bodies: { '1': reading().bodies['1']! } }))).toContainEqual({ note: '2', line: 9, reason: 'its text is missing from the laid-out pages' })
    const twice = { ...reading().bodies, '2': [...reading().bodies['2']!, { page: 2, continued: false, text: 'Secondnote' }] }
    expect(checkLayout(before, reading({ bodies: twice })).map((p) => p.reason)).toContain('its text appears 2 times (pages 2, 2)')
    const short = { ...reading().bodies, '2': [{ page: 2, continued: false, text: 'Second' }] }
    expect(checkLayout(before, reading({ bodies: short })).map((p) => p.reason)).toContain('part of its text was lost in pagination')
  })

  it('finds body text the paginator lost or printed twice', () => {
    expect(checkLayout(before, reading({ printed: [{ page: 1, text: 'One' }, { page: 2, text: 'threefour' }] }))[0]!.reason).toMatch(/^text on page 2 is missing or repeated after "…Onet"/)
    expect(checkLayout(before, reading({ printed: [{ page: 1, text: 'Onetwo' }] }))[0]!.reason).toMatch(/^text is missing at the end/)
  })

  it('reports an unfinished layout and calls cut off at the page foot', () => {
    expect(checkLayout(before, reading({ complete: false }))[0]!.reason).toBe('the paginator stopped before the end of the brief')
    expect(checkLayout(before, reading({ clipped: [{ page: 1, note: '1' }] }))[0]!.reason).toBe('the line with its call runs off page 1 and would be cut off')
  })

  it('makes a misplaced note an error, or a warning with --allow-misplaced-notes; lost text always an error', () => {
    const problems = [
      { note: '3', line: 12, reason: 'it is called on page 1 but printed on page 2' },
      { note: '', reason: 'text is missing at the end, after "…x"' },
    ]
    const strict = new VFile({ path: 'brief.md' })
    reportLayoutProblems(strict, problems, false)
    expect(strict.messages.map((m) => [m.line, m.fatal, m.ruleId, m.reason])).toEqual([
      [12, true, 'misplaced-note', 'Note 3 is misplaced: it is called on page 1 but printed on page 2'],
      [undefined, true, 'incomplete-layout', 'The page layout is incomplete: text is missing at the end, after "…x"'],
    ])
    const lenient = new VFile({ path: 'brief.md' })
    reportLayoutProblems(lenient, problems, true)
    expect(lenient.messages.map((m) => m.fatal)).toEqual([false, true])
  })

  it('finds a figure lost, cut short or printed twice, wherever it went', () => {
    expect(checkLayout(before, reading({ figures: [{ page: 1, ref: 'r1', text: 'Figure1.' }, { page: 2, ref: 'r1', text: 'Map' }] }))).toEqual([])
    expect(checkLayout(before, reading({ figures: [] }))[0]!.reason).toMatch(/^a figure is missing or cut short \("Figure1\.Map…"\)/)
    const twice = checkLayout(before, reading({ figures: [{ page: 1, ref: 'r1', text: 'Figure1.Map' }, { page: 2, ref: 'r2', text: 'Figure1.Map' }] }))
    expect(twice.map((p) => p.reason)).toEqual(['a figure is printed that the brief does not have, or twice ("Figure1.Map…")'])
  })

  it('reports a page that ends more than five lines short, at the line of what moved, unless a page break was asked for', () => {
    const file = new VFile({ path: 'brief.md' })
    reportPageHoles(file, [
      { page: 1, gap: pageHoleLimit - 1, forced: false, next: { tag: 'figure', line: 12, continued: false } },
      { page: 2, gap: 150, forced: false, next: { tag: 'figure', line: 20, continued: false } },
      { page: 3, gap: 300, forced: true, next: { tag: 'h2', line: 30, continued: false } },
      { page: 4, gap: 90, forced: false, next: { tag: 'p', line: 40, continued: true } },
    ])
    expect(file.messages.map((m) => [m.line, m.ruleId, m.fatal, m.reason])).toEqual([
      [20, 'page-hole', false, 'Page 2 ends 53 mm short of the foot of its text: this figure did not fit there and starts page 3; shortening the text before it, or moving it, closes the gap'],
      [40, 'page-hole', false, 'Page 4 ends 32 mm short of the foot of its text: the rest of this paragraph did not fit there and starts page 5; shortening the text before it, or moving it, closes the gap'],
    ])
    expect(pageHoleLimit).toBeCloseTo(78.1, 1)
  })
})
