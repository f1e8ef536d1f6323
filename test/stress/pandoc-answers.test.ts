/**
 * The oracle's recorded pandoc answers (test/expected/pandoc-answers.json) are what pandoc
 * prints today: pandoc runs again on every brief the oracle compares. `npm run record:pandoc`
 * (UPDATE=1) writes them instead. In the long run: 100 pandoc runs took 9 CPU-s of `npm test`,
 * whose oracle reads the recorded answers.
 */
import { spawnSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { answersFile, answersText, caseName, comparedBriefs, type PandocAnswer, recordedAnswers, runPandoc } from '../helpers/pandoc-answers.ts'

const update = process.env.UPDATE === '1'
const version = spawnSync('pandoc', ['--version'], { encoding: 'utf8' }).stdout?.split('\n')[0] ?? ''

describe.skipIf(!version && !process.env.CI)("the oracle's recorded pandoc answers", () => {
  it('were recorded with pandoc 2.17, the reference this project holds to', () => {
    expect(version).toMatch(/^pandoc 2\.17(\.|$)/)
  })

  it('are what pandoc prints now, for every brief the oracle compares', async () => {
    const briefs = comparedBriefs()
    const live: Record<string, PandocAnswer> = {}
    // Two at a time: pandoc is single-threaded and the machine has two cores.
    for (let i = 0; i < briefs.length; i += 2) {
      const pair = await Promise.all(briefs.slice(i, i + 2).map(runPandoc))
      pair.forEach((answer, j) => (live[caseName(briefs[i + j]!)] = answer))
    }
    if (update) writeFileSync(answersFile, answersText(live))
    const recorded = recordedAnswers()
    for (const name of Object.keys(live)) expect(recorded[name], `pandoc's answer for ${name}: run \`npm run record:pandoc\` and read the diff`).toEqual(live[name])
    expect(Object.keys(recorded).sort()).toEqual(Object.keys(live).sort())
  }, 300_000)
})
