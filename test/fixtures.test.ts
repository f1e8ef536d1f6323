/**
 * Fixture briefs: one folder per case under test/fixtures, inputs and expectations side by
 * side. `expected.txt` holds the notes, inline citations and bibliography a reader sees;
 * `messages.txt` the diagnostics of a brief that must not build. `UPDATE=1 npm test`
 * rewrites the expectations for review (the oracle test checks them against pandoc).
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { build } from '../src/core/build.ts'
import { formatMessage } from '../src/report.ts'
import { extractBibliography, extractCitations, extractNotes } from './helpers/extract.ts'

const root = path.resolve(import.meta.dirname, '..')
const fixtures = path.join(root, 'test/fixtures')
const update = process.env.UPDATE === '1'

export function describeOutput(html: string): string {
  const notes = extractNotes(html)
  const citations = extractCitations(html)
  const bibliography = extractBibliography(html)
  const parts: string[] = []
  if (notes.length) parts.push('notes:', ...notes.map((n, i) => `${i + 1}. ${n}`))
  if (citations.length) parts.push('citations:', ...citations.map((c) => `- ${c}`))
  if (bibliography.length) parts.push('bibliography:', ...bibliography.map((b) => `- ${b}`))
  return parts.join('\n') + '\n'
}

function check(file: string, actual: string) {
  // On CI a missing expectation is a failure: writing it there would compare the output
  // with itself and pass whatever the output is.
  if (!existsSync(file) && process.env.CI && !update) throw new Error(`${path.relative(fixtures, file)} is missing: run the tests locally, read the file they write, and commit it`)
  if (update || !existsSync(file)) writeFileSync(file, actual)
  expect(actual).toBe(readFileSync(file, 'utf8'))
}

const cases = readdirSync(fixtures, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()

describe('fixture briefs', () => {
  it('has at least 25 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(25)
  })

  for (const name of cases) {
    const dir = path.join(fixtures, name)
    const failing = name.startsWith('error-')
    it(`${failing ? 'refuses' : 'builds'} ${name}`, async () => {
      const out = mkdtempSync(path.join(tmpdir(), 'brief-fixture-'))
      const report = await build({ paths: [dir], out, formats: ['html'], cwd: root })
      const [result] = report.briefs
      const written = readdirSync(out).filter((n) => !n.startsWith('.'))
      if (failing) {
        expect(result!.ok).toBe(false)
        expect(written).toEqual([])
        const text = result!.messages.map((m) => formatMessage(m, { color: false, cwd: dir })).join('\n') + '\n'
        check(path.join(dir, 'messages.txt'), text)
        expect(result!.messages.some((m) => m.fatal)).toBe(true)
      } else {
        const errors = result!.messages.filter((m) => m.fatal).map((m) => m.reason)
        expect(errors).toEqual([])
        expect(written).toEqual([`${name}.html`])
        check(path.join(dir, 'expected.txt'), describeOutput(readFileSync(path.join(out, `${name}.html`), 'utf8')))
        // Warnings are pinned too: a brief that builds with a warning has its messages.txt.
        const warnings = result!.messages.map((m) => formatMessage(m, { color: false, cwd: dir })).join('\n')
        if (warnings || existsSync(path.join(dir, 'messages.txt'))) check(path.join(dir, 'messages.txt'), warnings ? warnings + '\n' : '')
      }
    })
  }
})
