/**
 * The space after a note call, in the PDF: fixture `note-call-spaces` has every kind of call
 * followed by a space (a citation note, an author's note, one before an author named in the
 * text, before a link, before emphasis and strong emphasis, before a line break in the
 * source, and calls that end a printed line). Its paragraphs are longer than a page, so the
 * calls near their ends are printed on a page that starts inside the paragraph, where the
 * paginator lays the text out node by node (and, before the fix, dropped a space standing
 * alone between two elements: "finance.¹Government of Pakistan²").
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { build, type BuildReport } from '../src/core/build.ts'
import { repo } from './helpers/cli.ts'
import { fixture } from './helpers/fixtures.ts'
import { pageTexts, wordBoxes, type WordBox } from './helpers/pdf.ts'
import { sharedBrowser } from './helpers/browser.ts'

/**
 * The body's printed lines as a reader sees them, rebuilt from the words' boxes: body words
 * (11 pt, boxes at least 13.5 pt tall) and the calls raised on their lines, left to right,
 * with a space wherever the gap between two boxes is a visible one (a space in 11 pt Source
 * Serif is about 2.5 pt wide; justification only widens it).
 */
function visibleLines(words: WordBox[]): string[] {
  const body = words.filter((w) => w.yMax - w.yMin >= 13.5)
  const lines = new Map<string, WordBox[]>()
  for (const w of body) {
    const key = `${w.page}:${Math.round(w.yMin)}`
    lines.set(key, [...(lines.get(key) ?? []), w])
  }
  for (const call of words.filter((w) => /^\d+$/.test(w.word) && w.yMax - w.yMin < 11)) {
    const middle = (call.yMin + call.yMax) / 2
    const line = [...lines.values()].find((l) => l[0]!.page === call.page && l[0]!.yMin <= middle && middle <= l[0]!.yMax)
    line?.push(call)
  }
  return [...lines.values()].map((line) =>
    line
      .sort((a, b) => a.xMin - b.xMin)
      .map((w, i) => (i && w.xMin - line[i - 1]!.xMax >= 0.9 ? ' ' : '') + w.word)
      .join(''),
  )
}

describe('a space after a note call survives into the PDF', () => {
  let report: BuildReport
  let file: string
  beforeAll(async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'brief-spacing-'))
    report = await build({ paths: [fixture('note-call-spaces')], out, formats: ['pdf'], cwd: repo, browser: await sharedBrowser() })
    file = path.join(out, 'note-call-spaces.pdf')
  }, 120_000)

  it('builds without a message', () => {
    expect(report.briefs[0]!.messages.map((m) => m.reason)).toEqual([])
  })

  it('glues no call to the word after it, in the text layer and in the visible lines', () => {
    // The only digits in the body are calls; notes hold years and pages, never before a letter.
    const glued = /\d[A-Za-z“‘]/g
    expect(pageTexts(file).join('\n').match(glued) ?? []).toEqual([])
    const layout = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' })
    expect(layout.match(glued) ?? []).toEqual([])
    expect(visibleLines(wordBoxes(file)).filter((line) => /\d[A-Za-z“‘]/.test(line))).toEqual([])
  })

  it('prints every variant with its space, in each of the three paragraphs', () => {
    // The lines joined, a word broken at a line end ("car-" "ries") made whole again.
    const text = visibleLines(wordBoxes(file)).join(' ').replace(/- /g, '')
    const variants = [
      /finance\.\d+ Government of Pakistan\d+ put/g,
      /grants\d+ and loans/g,
      /says so\.\d+ Then it/g,
      /public\d+ in the archive/g,
      /strict\d+ as written/g,
      /firm\d+ on paper/g,
      /reopened\d+ last spring/g,
      /As Doe\d+ argues/g,
      /held\.\d+ Government of Pakistan\d+ said/g,
    ]
    for (const variant of variants) expect(text.match(variant), String(variant)).toHaveLength(3)
  })

  it('ends a printed line with a call before a name and before a word (the line-end case is exercised)', () => {
    const lines = visibleLines(wordBoxes(file))
    const ends = lines.flatMap((line, i) => (/[a-z.]\d+$/.test(line) ? [`${line.split(' ').at(-1)} / ${lines[i + 1]?.split(' ')[0]}`] : []))
    expect(ends).toEqual(expect.arrayContaining([expect.stringMatching(/^finance\.\d+ \/ Government$/), expect.stringMatching(/^so\.\d+ \/ Then$/)]))
  })
})
