/**
 * The web page: one self-contained file that passes axe-core's accessibility rules, on a
 * desktop and on a phone-sized screen.
 */
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { build } from '../src/core/build.ts'
import { BrowserSession } from '../src/render/print/browser.ts'
import { fixture } from './helpers/fixtures.ts'

const root = path.resolve(import.meta.dirname, '..')
const axe = fileURLToPath(import.meta.resolve('axe-core/axe.min.js'))
const briefs = [
  path.join(root, 'briefs/2025-04-07-pakistan-afghanistan-resetting-ties'),
  fixture('layout-elements'),
  fixture('author-date-inline'),
  // a wide table in a scrolling box, a bibliography, several authors
  fixture('book-everything'),
]

describe('HTML output', () => {
  let out: string
  let session: BrowserSession
  beforeAll(async () => {
    out = mkdtempSync(path.join(tmpdir(), 'brief-html-'))
    const report = await build({ paths: briefs, out, formats: ['html'], cwd: root })
    expect(report.ok).toBe(true)
    session = await BrowserSession.launch()
  })
  afterAll(() => session?.close())

  for (const brief of briefs) {
    const slug = path.basename(brief)
    it(`is self-contained: ${slug}`, () => {
      const html = readFileSync(path.join(out, `${slug}.html`), 'utf8')
      expect(html).not.toMatch(/<link\b|<script\b|src="(?!data:)[^"]+"|url\((?!data:)/)
      expect(html).toMatch(/<html lang="en-US">/)
    })

    for (const [label, width] of [['desktop', 1280], ['phone', 390]] as const) {
      it(`has no accessibility violations on a ${label}: ${slug}`, async () => {
        const violations = await session.withPage(
          async (page) => {
            await page.setViewport({ width, height: 900 })
            await page.goto(`file://${path.join(out, `${slug}.html`)}`)
            await page.addScriptTag({ path: axe })
            const result = (await page.evaluate('axe.run(document, { resultTypes: ["violations"] })')) as { violations: Array<{ id: string; nodes: unknown[] }> }
            return result.violations.map((v) => `${v.id}: ${JSON.stringify((v.nodes as Array<{ target: unknown }>).map((n) => n.target))}`)
          },
          { deadline: 60_000, label: slug },
        )
        expect(violations).toEqual([])
      })
    }
  }
})

describe('the Markdown as written', () => {
  it('reads CR, LF and CRLF line ends alike, and counts raw HTML paragraphs as the text they hold', async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'brief-line-ends-'))
    const report = await build({ paths: ['line-ends-cr', 'raw-html-body'].map((f) => fixture(f)), out, formats: ['html'], cwd: root })
    expect(report.briefs.map((r) => r.messages.map((m) => m.reason))).toEqual([[], []])
    const cr = readFileSync(path.join(out, 'line-ends-cr.html'), 'utf8')
    expect(cr).toContain('<h1 class="title">Line ends: CR only, as old Mac editors save</h1>')
    expect(cr).toMatch(/<p>A claim.*\nThe same paragraph goes on\.<\/p>/)
    const raw = readFileSync(path.join(out, 'raw-html-body.html'), 'utf8')
    expect(raw).toContain('<p>The body is written in raw HTML paragraphs.</p>')
    expect(raw).toContain('<p>A second one, <em>emphasised</em>.</p>')
  })
})
