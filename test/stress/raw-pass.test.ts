/**
 * The long run's side of test/raw-pass.test.ts: every fixture brief that builds, and a dozen
 * generated ones (30 blocks each: lists, tables, figures, quotes, notes of every kind), give
 * every output byte for byte the same with the raw-HTML pass only where there is raw HTML
 * as with every tree parsed. Briefs by the dozen, so here and not in `npm test`.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { repo } from '../helpers/cli.ts'
import { fixture, goodCases } from '../helpers/fixtures.ts'
import { writeGeneratedBrief } from '../helpers/generated.ts'
import { outputsBothWays } from '../helpers/raw-pass.ts'

const generated = mkdtempSync(path.join(tmpdir(), 'brief-raw-pass-'))
const library = path.join(repo, 'test/fixtures/shared/references-styles.json')
const image = path.join(repo, 'test/fixtures/layout-elements/map.png')

describe('the raw-HTML pass, only where there is raw HTML, on the whole corpus', () => {
  it('leaves every output of every fixture brief as it is with every tree parsed', async () => {
    let compared = 0
    let withRaw = 0
    for (const name of goodCases()) {
      const both = await outputsBothWays(fixture(name))
      if (!both) continue
      compared++
      if (both.raw) withRaw++
      for (const [output, { built, parsed }] of Object.entries(both.outputs)) expect(built, `${name}, ${output}`).toBe(parsed)
    }
    expect(compared).toBeGreaterThan(100)
    expect(withRaw).toBeGreaterThan(0)
  }, 300_000)

  it('does so on a dozen generated briefs', async () => {
    for (let i = 0; i < 12; i++) {
      const { folder } = writeGeneratedBrief(generated, 20269000 + i * 7, library, image, 30)
      const both = await outputsBothWays(folder)
      expect(both, `generated brief ${i} builds`).toBeDefined()
      for (const [output, { built, parsed }] of Object.entries(both!.outputs)) expect(built, `generated brief ${i}, ${output}`).toBe(parsed)
    }
  }, 300_000)
})
