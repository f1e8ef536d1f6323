/**
 * The deadline (--timeout) bounds the whole build of a brief: a brief past its time stops at the
 * next stage boundary, says which stage it stopped after and writes nothing, and the next brief
 * of the batch gets its own time. In the long run: the slow brief takes three times the
 * deadline by design, and the two builds took 6 s of `npm test`.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { build } from '../../src/core/build.ts'
import { repo, writeBrief } from '../helpers/cli.ts'

const root = mkdtempSync(path.join(tmpdir(), 'brief-deadline-'))

const brief = (name: string, body: string) => writeBrief(root, name, body)

describe('the deadline (--timeout) bounds the whole build of a brief', () => {
  /** A brief of `count` citations, each with its page, over 40 sources: the citation stage's time grows with them. */
  const cited = (name: string, count: number) => {
    const folder = brief(name, `${Array.from({ length: count }, (_, i) => `Claim ${i} [@k${i % 40}, ${i + 1}].`).join(' ')}\n`)
    const sources = Array.from({ length: 40 }, (_, i) => ({ id: `k${i}`, type: 'book', title: `Book ${i}`, author: [{ family: `Author${i}`, given: 'A.' }], issued: { 'date-parts': [[2000 + i]] } }))
    writeFileSync(path.join(folder, 'references.json'), JSON.stringify(sources))
    writeFileSync(path.join(folder, 'brief.md'), readFileSync(path.join(folder, 'brief.md'), 'utf8').replace('---\n\n', 'bibliography: references.json\n---\n\n'))
    return folder
  }
  const timeout = 1000
  /**
   * The slow brief is sized by a measured build of 500 citations, to take three times the
   * deadline on this machine, loaded or not: far past it at the next stage boundary, while the
   * short brief beside it takes a tenth of the deadline. (A fixed 6,000 took seconds more
   * than needed on a quiet machine.)
   */
  let slow: string
  it('lets a brief of many citations build with the default time (and measures it)', async () => {
    const report = await build({ paths: [cited('measure', 500)], out: path.join(root, 'out-measure'), formats: ['html'], cwd: repo })
    const [result] = report.briefs
    expect(result!.messages.filter((m) => m.fatal)).toEqual([])
    const perCitation = result!.time / 500
    slow = cited('slow', Math.min(19_000, Math.ceil((3 * timeout) / perCitation)))
    const again = await build({ paths: [slow], out: path.join(root, 'out-deadline-default'), formats: ['html'], cwd: repo })
    expect(again.briefs[0]!.messages.filter((m) => m.fatal)).toEqual([])
  })

  it('stops a brief past its time between stages, says which and writes nothing; the next brief gets its own time', async () => {
    const quick = brief('quick', 'A short brief with no citations.\n')
    const out = path.join(root, 'out-deadline')
    const report = await build({ paths: [slow, quick], out, formats: ['html', 'epub'], cwd: repo, timeout, jobs: 1 })
    const [first, second] = report.briefs
    expect(first!.ok).toBe(false)
    expect(first!.messages.map((m) => [m.ruleId, m.fatal])).toEqual([['timeout', true]])
    expect(first!.messages[0]!.reason).toMatch(/^The brief took longer than 1 s to build \(stopped after: [A-Za-z, -]+\); .*--timeout SECONDS$/)
    expect(second!.ok).toBe(true)
    expect(readdirSync(out).filter((f) => !f.startsWith('.')).sort()).toEqual(['quick.epub', 'quick.html'])
  })
})
