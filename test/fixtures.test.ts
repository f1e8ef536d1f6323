/**
 * Fixture briefs: one folder per case under test/fixtures, inputs and expectations side by
 * side. `expected.txt` holds the notes, inline citations and bibliography a reader sees,
 * `messages.txt` the warnings of a case that builds with some, and `body.txt`, where a case has
 * one, the running text with its note calls as `[n]`. Broken inputs live under
 * test/fixtures/bad/: each case's `expected.txt` is the exit code and the exact stderr of
 * `brief build <case> --format html`, and nothing may be written. `UPDATE=1 npm test`
 * rewrites the expectations for review (the oracle test checks them against pandoc).
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
import { formatMessage } from '../src/report.ts'
import { briefHere } from './helpers/cli.ts'
import { builtFixture } from './helpers/fixture-builds.ts'
import { extractBibliography, extractCitations, extractNotes, extractParagraphs } from './helpers/extract.ts'
import { badCases, badFixtures, fixtures, goodCases, stageFixture } from './helpers/fixtures.ts'

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

const written = (out: string) => (existsSync(out) ? readdirSync(out).filter((n) => !n.startsWith('.')) : [])

describe('fixture briefs', () => {
  const cases = goodCases()
  it('has at least 25 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(25)
  })

  for (const name of cases) {
    const dir = path.join(fixtures, name)
    it(`builds ${name}`, async () => {
      // Built once in the run: the oracle reads the same page (test/helpers/fixture-builds.ts).
      const { staged, out, messages } = await builtFixture(name)
      const errors = messages.filter((m) => m.fatal).map((m) => m.reason)
      expect(errors).toEqual([])
      expect(written(out)).toEqual([`${name}.html`])
      const html = readFileSync(path.join(out, `${name}.html`), 'utf8')
      check(path.join(dir, 'expected.txt'), describeOutput(html))
      // Every id is one token, given once, and every link to a place on the page finds it.
      const ids = [...html.matchAll(/\sid="([^"]*)"/g)].map((m) => m[1]!)
      expect(ids.filter((id, i) => ids.indexOf(id) !== i), 'ids given twice').toEqual([])
      expect(ids.filter((id) => !id || /\s/.test(id)), 'ids that are not one token').toEqual([])
      const targets = [...html.matchAll(/\shref="#([^"]*)"/g)].map((m) => decodeURIComponent(m[1]!.replaceAll('&#x26;', '&').replaceAll('&amp;', '&')))
      expect(targets.filter((target) => !ids.includes(target)), 'links to no place').toEqual([])
      // Where the calls stand in the running text, for the cases that pin it.
      if (existsSync(path.join(dir, 'body.txt'))) check(path.join(dir, 'body.txt'), extractParagraphs(html).join('\n\n') + '\n')
      // Warnings are pinned too: a brief that builds with a warning has its messages.txt.
      const warnings = messages.map((m) => formatMessage(m, { color: false, cwd: staged })).join('\n')
      if (warnings || existsSync(path.join(dir, 'messages.txt'))) check(path.join(dir, 'messages.txt'), warnings ? warnings + '\n' : '')
    })
  }
})

describe('broken inputs are refused with a positioned message, exit code 1 and nothing written', () => {
  const cases = badCases()
  it('has at least 40 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40)
  })

  for (const name of cases) {
    const dir = path.join(badFixtures, name)
    it(`refuses ${name}`, async () => {
      const root = mkdtempSync(path.join(tmpdir(), 'brief-bad-'))
      const staged = stageFixture(dir, root)
      // Inputs too big to keep in git are written by the case's own make.mjs.
      const maker = path.join(dir, 'make.mjs')
      if (existsSync(maker)) await (await import(pathToFileURL(maker).href)).default(staged)
      const extra = existsSync(path.join(dir, 'args.txt')) ? readFileSync(path.join(dir, 'args.txt'), 'utf8').trim().split(/\s+/) : []
      const run = await briefHere(['build', name, '--format', 'html', '--out', 'out', '--jobs', '1', ...extra], { cwd: root })
      expect(written(path.join(root, 'out'))).toEqual([])
      check(path.join(dir, 'expected.txt'), `exit ${run.code}\n${run.stderr}`)
      expect(run.code).not.toBe(0)
      expect(run.stderr).toMatch(/^\S+:\d+:\d+ {2}error {2}/m)
    })
  }
})
