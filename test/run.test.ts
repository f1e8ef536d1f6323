/**
 * One resolved run (src/core/run.ts) behind every command: a bad configuration, style or logo
 * is met once, before any brief, with the same message and exit code whichever command meets
 * it; the preview shows the same message.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { Preview } from '../src/core/preview.ts'
import { locate } from '../src/brief/paths.ts'
import { briefHere, exampleProject, seed } from './helpers/cli.ts'

const commands = [['build', '--format', 'html'], ['check'], ['bib']]

/** The example project with `line` set in brief.config.yaml (in place of the key's own line). */
function projectWith(line: string): string {
  const dir = exampleProject('brief-run-')
  const config = path.join(dir, 'brief.config.yaml')
  const key = line.split(':')[0]!
  const text = readFileSync(config, 'utf8').split('\n').filter((l) => !l.startsWith(`${key}:`)).join('\n')
  writeFileSync(config, `${text.trimEnd()}\n${line}\n`)
  return dir
}

/** What each command says and returns in a project broken by `line` in brief.config.yaml. */
async function answers(line: string, setup?: (dir: string) => void) {
  const dir = projectWith(line)
  setup?.(dir)
  const runs = []
  for (const args of commands) runs.push(await briefHere(args, { cwd: dir }))
  return { dir, runs }
}

describe('the resolved run', () => {
  it('refuses a configuration style that does not exist the same way in build, check and bib', async () => {
    const { runs } = await answers('csl: nonesuch')
    for (const run of runs) {
      expect(run.code).toBe(2)
      expect(run.stderr).toContain('brief.config.yaml csl: CSL style `nonesuch` not found')
    }
  })

  it('refuses a broken configuration style at its file, the same way in build, check and bib', async () => {
    const { runs } = await answers('csl: house.csl', (dir) => writeFileSync(path.join(dir, 'house.csl'), 'this is not XML'))
    for (const run of runs) {
      expect(run.code).toBe(2)
      expect(run.stderr).toMatch(/^house\.csl:1:1 {2}error {2}brief\.config\.yaml csl: .*not a valid CSL file/m)
    }
  })

  it('refuses a missing logo the same way in build, check and bib', async () => {
    const { runs } = await answers('logo: missing.png')
    for (const run of runs) {
      expect(run.code).toBe(2)
      expect(run.stderr).toContain('logo `missing.png` in brief.config.yaml cannot be read')
    }
  })

  it('shows the same message in the preview, over no page', async () => {
    const dir = projectWith('csl: nonesuch')
    const preview = new Preview({ brief: locate(path.join(dir, 'briefs', seed, 'brief.md')), cwd: dir, sharedFolders: [] })
    try {
      await preview.start()
      await preview.idle()
      expect(preview.state.web.messages).toMatchObject([{ severity: 'error', message: expect.stringContaining('brief.config.yaml csl: CSL style `nonesuch` not found') }])
    } finally {
      await preview.close()
    }
  })
})
