/**
 * Generated briefs (test/helpers/generated.ts), printed in one run and read back from
 * the PDFs alone, independently of the build's own layout check: every note present, no soft
 * hyphen in the text layer, a hyphen only at a line end and never nearer a word's ends than
 * TeX's English minimums, no space lost after a note call, and every paragraph that leaves
 * a single line at the foot or head of a page, and every page that ends with a hole above its
 * notes (test/helpers/holes.ts), reported by the build. `npm test` lays out 4;
 * the stress run (`npm run test:stress`, which CI runs too) the 28 seeds after them, and
 * lays three of them out again one at a time.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { build, type BriefResult } from '../src/core/build.ts'
import { repo } from './helpers/cli.ts'
import { splitLastLines, writeGeneratedBrief, type GeneratedBrief } from './helpers/generated.ts'
import { pageTexts, pdfFonts, wordBoxes } from './helpers/pdf.ts'
import { pageHoles } from './helpers/holes.ts'
import { pageHoleLimit } from '../src/render/print/layout-check.ts'
import { sharedFolder } from './helpers/fixtures.ts'
import { sharedBrowser } from './helpers/browser.ts'

const count = Number(process.env.GENERATED_BRIEFS ?? 4)
const first = Number(process.env.GENERATED_FROM ?? 0)
/** The stress run (the long run) sets GENERATED_BRIEFS. */
const longRun = process.env.GENERATED_BRIEFS !== undefined
const seeds = Array.from({ length: count }, (_, i) => 20261128 + (first + i) * 7919)

/** Paragraphs printed with one line alone on a page, found from the words' boxes. */
function lonelyLines(file: string, brief: GeneratedBrief): Array<{ page: number; kind: 'orphan' | 'widow' }> {
  const words = wordBoxes(file)
  const found: Array<{ page: number; kind: 'orphan' | 'widow' }> = []
  for (const k of brief.paragraphs) {
    const start = words.findIndex((w) => w.word === `pb${k}`)
    const end = words.findIndex((w) => w.word.startsWith(`pe${k}`))
    if (start < 0 || end < start) continue
    // Body text is 11 pt (15 pt boxes): taller than notes (8.5 pt), the footer and note calls.
    const lines = new Map<number, Set<number>>()
    for (const w of words.slice(start, end + 1)) {
      if (w.yMax - w.yMin < 13.5) continue
      const set = lines.get(w.page) ?? new Set<number>()
      set.add(Math.round(w.yMin))
      lines.set(w.page, set)
    }
    const pages = [...lines.keys()].sort((a, b) => a - b)
    if (pages.length < 2) continue
    if (lines.get(pages[0]!)!.size < 2) found.push({ page: pages[0]!, kind: 'orphan' })
    if (lines.get(pages.at(-1)!)!.size < 2) found.push({ page: pages.at(-1)!, kind: 'widow' })
  }
  return found
}

describe('generated briefs, read back from their PDFs', () => {
  let results: BriefResult[]
  let briefs: GeneratedBrief[]
  let root: string
  beforeAll(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'brief-generated-'))
    briefs = seeds.map((seed) => writeGeneratedBrief(path.join(root, 'briefs'), seed, path.join(sharedFolder, 'references-styles.json'), path.join(repo, 'test/fixtures/layout-elements/map.png')))
    // Three pages at once in one browser, as --jobs 3 does.
    const report = await build({ paths: [path.join(root, 'briefs')], out: path.join(root, 'out'), formats: ['pdf'], cwd: repo, jobs: 3, browser: await sharedBrowser() })
    results = report.briefs
  }, 240_000)

  // In the long run only (a fourth layout of three briefs, 4 s of `npm test`): the pages must
  // not depend on how many briefs share the browser.
  it.runIf(longRun)('lays out the same pages one at a time as three at once', async () => {
    const some = results.slice(0, 3)
    const one = await build({ paths: some.map((r) => r.brief.file), out: path.join(root, 'one-by-one'), formats: ['pdf'], cwd: repo, jobs: 1, browser: await sharedBrowser() })
    for (const [i, result] of one.briefs.entries()) {
      expect(pageTexts(result.outputs[0]!), result.brief.slug).toEqual(pageTexts(some[i]!.outputs[0]!))
      expect(result.layout, result.brief.slug).toEqual(some[i]!.layout)
    }
  }, 120_000)

  it('lays out every one, every note on the page of its call', () => {
    const errors = results.flatMap((r) => r.messages.filter((m) => m.fatal).map((m) => `${r.brief.slug}: ${m.reason}`))
    expect(errors).toEqual([])
    expect(results).toHaveLength(count)
  })

  it('leaves no soft hyphen in any text layer and loses no space after a note call', () => {
    for (const result of results) {
      const text = pageTexts(result.outputs[0]!).join('\n')
      expect(text, result.brief.slug).not.toContain('\u00ad')
      // The only digits in the body are note calls: a digit glued to a following letter is a
      // lost space ("finance.¹⁷Government"); ordinals in notes ("2nd ed.") are not.
      const glued = text.match(/\d(?!(st|nd|rd|th)\b)[A-Za-z“‘]/g) ?? []
      expect(glued, result.brief.slug).toEqual([])
    }
  })

  it('draws a hyphen only where a line breaks, and breaks no word nearer its ends than TeX allows in English', () => {
    // The generated words hold no hyphen of their own: a hyphen inside a word is a soft hyphen
    // drawn where no line breaks ("agree-ment" mid-line); one at a line end must leave two
    // letters before it and three on the next line ("spir-/it" and "with-/in" must not happen).
    for (const result of results) {
      const body = wordBoxes(result.outputs[0]!).filter((w) => w.yMax - w.yMin >= 13.5)
      expect(body.filter((w) => /\p{L}-\p{L}/u.test(w.word)).map((w) => `${w.page}: ${w.word}`), result.brief.slug).toEqual([])
      // A word broken at a page break ends in the paginator's U+2011 and goes on on the next page.
      const breaks = body.flatMap((w, i) => (/[-\u2011]$/.test(w.word) ? [`${w.word} ${body[i + 1]?.word ?? ''}`] : []))
      const tooShort = breaks.filter((pair) => {
        const [, head, tail] = /(\p{L}*)[-\u2011] (\p{L}*)/u.exec(pair) ?? []
        return (head ?? '').length < 2 || (tail ?? '').length < 3
      })
      expect(tooShort, result.brief.slug).toEqual([])
    }
  })

  it('prints in the shipped fonts only (no character falls back to a system font)', () => {
    for (const result of results) {
      expect(pdfFonts(result.outputs[0]!).map((f) => f.name).filter((name) => !/SourceSerif4|SourceSans3/.test(name)), result.brief.slug).toEqual([])
    }
  })

  it('reports every single line left alone at the foot or head of a page', () => {
    results.forEach((result, i) => {
      const reported = result.messages.filter((m) => m.ruleId === 'orphan' || m.ruleId === 'widow').map((m) => `${m.ruleId}@${/page (\d+)/.exec(m.reason)?.[1]}`)
      for (const { page, kind } of lonelyLines(result.outputs[0]!, briefs[i]!)) {
        expect(reported, `${result.brief.slug}: ${kind} on page ${page}`).toContain(`${kind}@${page}`)
      }
    })
  })

  it('reports every hole at the foot of a page, and no hole that is not there', () => {
    let measured = 0
    results.forEach((result) => {
      const holes = pageHoles(result.outputs[0]!)
      measured += holes.length
      const reported = result.messages.filter((m) => m.ruleId === 'page-hole').map((m) => Number(/^Page (\d+)/.exec(m.reason)?.[1]))
      for (const { page, hole } of holes) if (hole >= pageHoleLimit) expect(reported, `${result.brief.slug}: page ${page} ends ${hole} pt short`).toContain(page)
      // The build reads the page before it is printed; the PDF agrees within a few points.
      for (const page of reported) expect(holes.find((h) => h.page === page)?.hole ?? 0, `${result.brief.slug}: page ${page}`).toBeGreaterThan(pageHoleLimit - 3)
    })
    expect(measured).toBeGreaterThan(count)
  })

  it('reports every stretched last line before a page break, and no other', () => {
    results.forEach((result, i) => {
      const reported = result.messages.filter((m) => m.ruleId === 'stretched-line').map((m) => Number(/page (\d+)/.exec(m.reason)?.[1]))
      const lines = splitLastLines(result.outputs[0]!, briefs[i]!)
      // Over three normal spaces is stretched; the check reads the page, this the PDF, so a
      // line within a tenth of a space of the limit may go either way.
      for (const { page } of lines.filter((l) => l.spaces > 3.1)) expect(reported, `${result.brief.slug}: page ${page}`).toContain(page)
      for (const page of reported) expect(lines.find((l) => l.page === page)?.spaces ?? 0, `${result.brief.slug}: page ${page} reported`).toBeGreaterThan(2.9)
    })
  })
})
