/**
 * The paginator (src/render/print/in-page/one-pass.js) on the corpus that once compared it
 * with Paged.js: the example brief, three generated briefs (the bench's M among them) and a
 * figure that floats with its heading build without a layout error — every note on its call's
 * page, none lost or doubled, the body text exact, nothing outside the text box — and are read
 * back from the PDFs: every paragraph whole and in order, stretched lines reported where the
 * PDF shows them and nowhere else, the footer Chromium draws from the @page rule on every page,
 * and the example's five pages. The torture brief (150+ notes, long notes running over pages) is held to the same
 * checks, and to no warning at all, by test/pdf.test.ts, which builds it once for the run.
 * bench/compare-layouts.ts compares the pages of two commits over the whole corpus.
 */
import { cpSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { briefHere, repo } from './helpers/cli.ts'
import { fixture, sharedFolder } from './helpers/fixtures.ts'
import { splitLastLines, writeGeneratedBrief, type GeneratedBrief } from './helpers/generated.ts'
import { pageTexts } from './helpers/pdf.ts'

const example = '2025-04-07-pakistan-afghanistan-resetting-ties'

describe('the print layout', () => {
  let out: string
  let generated: GeneratedBrief[]
  let json: { briefs: Array<{ slug: string; ok: boolean; messages: Array<{ rule?: string; severity: string; message: string }> }> }

  beforeAll(async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'brief-one-pass-'))
    const briefs = path.join(root, 'briefs')
    cpSync(path.join(repo, 'briefs', example), path.join(briefs, example), { recursive: true })
    cpSync(fixture('layout-heading-figure-float'), path.join(briefs, 'layout-heading-figure-float'), { recursive: true })
    const generate = (seed: number, blocks?: number) => writeGeneratedBrief(briefs, seed, path.join(sharedFolder, 'references-styles.json'), path.join(repo, 'test/fixtures/layout-elements/map.png'), blocks)
    // The bench's M (50 blocks, 23 pages) ends a page on a line with a note call.
    generated = [generate(20261128), generate(20269047), generate(20261178, 50)]
    out = path.join(root, 'out')
    const run = await briefHere(['build', briefs, '--format', 'pdf', '--out', out, '--json'], { cwd: repo })
    json = JSON.parse(run.stdout)
    expect(run.code, run.stderr).toBe(0)
  })

  it('passes the layout check on every brief', () => {
    for (const result of json.briefs) {
      const layout = result.messages.filter((m) => m.rule === 'misplaced-note' || m.rule === 'incomplete-layout' || m.severity === 'error')
      expect(layout, result.slug).toEqual([])
      expect(result.ok).toBe(true)
    }
  })

  it('prints every paragraph of the generated briefs whole and in order', () => {
    for (const brief of generated) {
      const text = pageTexts(path.join(out, `${path.basename(brief.folder)}.pdf`)).join('\n')
      let at = 0
      for (const k of brief.paragraphs) {
        const start = text.indexOf(`pb${k} `, at)
        expect(start, `pb${k}`).toBeGreaterThanOrEqual(at)
        const end = text.indexOf(`pe${k}`, start)
        expect(end, `pe${k}`).toBeGreaterThan(start)
        at = end
      }
    }
  })

  it('reports a stretched last line before a page break where the PDF shows one, and nowhere else', () => {
    for (const brief of generated) {
      const slug = path.basename(brief.folder)
      const result = json.briefs.find((b) => b.slug === slug)!
      const reported = result.messages.filter((m) => m.rule === 'stretched-line').map((m) => Number(/page (\d+)/.exec(m.message)?.[1]))
      const lines = splitLastLines(path.join(out, `${slug}.pdf`), brief)
      for (const { page } of lines.filter((l) => l.spaces > 3.1)) expect(reported, `${slug}: page ${page}`).toContain(page)
      for (const page of reported) expect(lines.find((l) => l.page === page)?.spaces ?? 0, `${slug}: page ${page} reported`).toBeGreaterThan(2.9)
    }
    // M's page 10 ends on a line whose note call (a raised box) is not a wide space.
    expect(splitLastLines(path.join(out, 'generated-20261178.pdf'), generated[2]!).length).toBeGreaterThan(5)
  })

  it('draws the footer on every page, numbered', () => {
    for (const name of [example, 'generated-20261178']) {
      const pages = pageTexts(path.join(out, `${name}.pdf`))
      expect(pages.length).toBeGreaterThan(name === example ? 3 : 20)
      pages.forEach((page, i) => expect(page).toContain(`${i + 1} | Page`))
    }
  })

  it('gives the example brief its five pages', () => {
    expect(pageTexts(path.join(out, `${example}.pdf`))).toHaveLength(5)
  })
})
