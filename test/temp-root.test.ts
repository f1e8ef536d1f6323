/**
 * The test run's temporary files (test/helpers/temp-root.ts): every folder a test, Chromium or
 * a spawned command makes in the temporary folder is inside the run's own, which the run
 * removes when it ends.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { withEnv } from './helpers/env.ts'

describe("the test run's temporary folder", () => {
  it('is a folder of the run, for this process and the commands it starts', () => {
    expect(path.basename(tmpdir())).toMatch(/^brief-t-/)
    expect(path.dirname(mkdtempSync(path.join(tmpdir(), 'brief-probe-')))).toBe(tmpdir())
    expect(execFileSync('sh', ['-c', 'mktemp -d'], { encoding: 'utf8' }).trim().startsWith(`${tmpdir()}/`)).toBe(true)
  })
})

describe("a run's private temporary folder", () => {
  it('leaves room for Chromium’s socket, so the build keeps its folders there', async () => {
    const { privateTmp } = await import('./helpers/processes.ts')
    const { scratchBase } = await import('../src/render/print/browser.ts')
    const marker = privateTmp()
    expect(withEnv({ TMPDIR: marker }, scratchBase)).toBe(marker)
  })
})
