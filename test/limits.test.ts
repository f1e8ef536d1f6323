/**
 * Input far past anything a brief needs gets a positioned error in a second or two, never a
 * stack overflow, an [internal] message or minutes of work — and nothing is written. (The
 * deadline between stages, which needs a brief that takes seconds, is in the long run:
 * test/stress/stage-deadline.test.ts.)
 */
import { mkdtempSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { checkLimits } from '../src/brief/limits.ts'
import { build } from '../src/core/build.ts'
import { repo, writeBrief } from './helpers/cli.ts'

const root = mkdtempSync(path.join(tmpdir(), 'brief-limits-'))

const brief = (name: string, body: string) => writeBrief(root, name, body)

const cases: Array<[string, string, string, RegExp]> = [
  ['quotes', `${'>'.repeat(10_000)} deep\n`, '5:1', /^Block quotes or lists nest more than 100 levels deep here/],
  ['list', Array.from({ length: 1000 }, (_, i) => `${'  '.repeat(i)}- item\n`).join(''), '105:1', /^Block quotes or lists nest more than 100 levels deep here/],
  ['divs', `${'<div>'.repeat(5000)}x${'</div>'.repeat(5000)}\n`, '5:501', /^HTML elements nest more than 100 levels deep here/],
  ['size', `${'Lorem ipsum dolor sit amet. '.repeat(40)}\n\n`.repeat(2000), '3569:576', /^The brief is 2\.2 million characters long; the limit is 2 million/],
  ['notes', Array.from({ length: 50_000 }, (_, i) => `Text.[^n${i}]\n\n[^n${i}]: Note ${i}.\n\n`).join(''), '40007:1', /^The brief defines more than 10,000 footnotes/],
  ['citations', `${Array.from({ length: 21_000 }, (_, i) => `Claim [@k${i % 9}].`).join(' ')}\n`, '5:', /^The brief has more than 20,000 citations/],
]

describe('limits', () => {
  for (const [name, body, where, reason] of cases) {
    it(`refuses ${name} past the limit at its place, quickly, writing nothing`, async () => {
      const folder = brief(name, body)
      const out = path.join(root, `out-${name}`)
      const started = performance.now()
      const report = await build({ paths: [folder], out, formats: ['html', 'epub'], cwd: repo })
      const [message, ...rest] = report.briefs[0]!.messages
      expect(rest).toEqual([])
      expect(message!.ruleId).toBe('too-large')
      expect(message!.reason).toMatch(reason)
      expect(`${message!.line}:${message!.column}`.startsWith(where), `${message!.line}:${message!.column}`).toBe(true)
      expect(report.ok).toBe(false)
      expect(readdirSync(out).filter((f) => !f.startsWith('.'))).toEqual([])
      // Not a timed test: a generous bound that minutes of work or a hang would break.
      expect(performance.now() - started).toBeLessThan(20_000)
    })
  }

  it('counts a bracketed group of sources as one citation', () => {
    const groups = (n: number) => `${Array.from({ length: n }, (_, i) => `Claim ${i} [see @a, p. 2; @b; @c].`).join(' ')}\n`
    expect(checkLimits(groups(19_000))).toBeUndefined()
    const over = checkLimits(`Intro @a says.\n${groups(20_000)}`)
    expect(over?.reason).toMatch(/^The brief has more than 20,000 citations/)
    // The 20,001st citation is the 20,000th group (the text's own @a is the first), on line 2,
    // at its opening bracket.
    const before = `${groups(19_999).trimEnd()} Claim 19999 `
    expect(over?.place).toMatchObject({ line: 2, column: before.length + 1 })
  })

  it('says what deep nesting the limits did not catch is, instead of [internal]', async () => {
    const folder = brief('emphasis', `${'*'.repeat(3000)}x${'*'.repeat(3000)} ${'['.repeat(5000)}x${']'.repeat(5000)}\n`)
    const report = await build({ paths: [folder], out: path.join(root, 'out-emphasis'), formats: ['html'], cwd: repo })
    expect(report.briefs[0]!.messages.map((m) => m.ruleId)).not.toContain('internal')
  })

  it('builds nesting and sizes a real brief might have, quickly', async () => {
    const folders = [
      brief('list-deep', Array.from({ length: 60 }, (_, i) => `${'  '.repeat(i)}- item\n`).join('')),
      brief('quotes-deep', `${'> '.repeat(60)}deep\n`),
      brief('long', `${'A long paragraph of ordinary words. '.repeat(50)}\n\n`.repeat(300)),
    ]
    const report = await build({ paths: folders, out: path.join(root, 'out-ok'), formats: ['html'], cwd: repo })
    expect(report.briefs.map((r) => r.messages.filter((m) => m.fatal).map((m) => m.reason))).toEqual([[], [], []])
  })
})
