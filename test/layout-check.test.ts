import { describe, expect, it } from 'vitest'
import { VFile } from 'vfile'
import { checkLayout, reportLayoutProblems, type LayoutReading, type NoteSnapshot } from '../src/render/print/layout-check.ts'

const before: NoteSnapshot = { texts: { '1': 'Firstnote', '2': 'Secondnote' }, lines: { '1': 6, '2': 9 }, body: 'Onetwo threefour' }

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
})
