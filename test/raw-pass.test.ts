/**
 * The raw-HTML pass runs only where a brief holds raw HTML (src/plugins/rehype-raw-where-needed.ts):
 * on the briefs here, with tables, figures, boxes, definition lists, notes of every kind and
 * raw HTML, every output is byte for byte what it is with every tree parsed. The long run
 * (test/stress/raw-pass.test.ts) checks every fixture brief and a dozen generated ones.
 */
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { repo, seed } from './helpers/cli.ts'
import { fixture } from './helpers/fixtures.ts'
import { outputsBothWays } from './helpers/raw-pass.ts'

const cases = ['layout-elements', 'typeset-everything', 'callouts-quarto', 'note-blocks', 'inline-notes', 'raw-html-body', 'note-defined-in-box']

describe('the raw-HTML pass, only where there is raw HTML', () => {
  for (const name of [seed, ...cases]) {
    it(`leaves every output of ${name} as it is with every tree parsed`, async () => {
      const folder = name === seed ? path.join(repo, 'briefs', seed) : fixture(name)
      const both = await outputsBothWays(folder)
      expect(both, `${name} builds`).toBeDefined()
      for (const [output, { built, parsed }] of Object.entries(both!.outputs)) expect(built, `${name}, ${output}`).toBe(parsed)
    })
  }

  it('takes briefs with raw HTML and without', async () => {
    expect((await outputsBothWays(fixture('raw-html-body')))!.raw).toBe(true)
    expect((await outputsBothWays(path.join(repo, 'briefs', seed)))!.raw).toBe(false)
  })
})
