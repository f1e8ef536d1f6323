/**
 * A disk that fills up while outputs are written: the brief is reported with what to do, and
 * every previous output is left exactly as it was (writes go to a temporary file first).
 * The disk is simulated: writing a temporary output file fails with ENOSPC once enabled.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it, vi } from 'vitest'

const full = { on: false }
vi.mock('node:fs/promises', async (importOriginal) => {
  const original = await importOriginal<typeof import('node:fs/promises')>()
  const writeFile: typeof original.writeFile = async (file, data, options) => {
    if (full.on && String(file).endsWith('.tmp')) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' })
    return original.writeFile(file, data, options)
  }
  return { ...original, default: { ...original, writeFile }, writeFile }
})

const { build } = await import('../src/core/build.ts')
const { repo } = await import('./helpers/cli.ts')

describe('a full disk', () => {
  it('reports the brief and leaves every previous output intact, with no temporary file', async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'brief-disk-full-'))
    const brief = path.join(repo, 'briefs/2025-04-07-pakistan-afghanistan-resetting-ties')
    const first = await build({ paths: [brief], out, formats: ['html', 'epub'], cwd: repo })
    expect(first.ok).toBe(true)
    const before = Object.fromEntries(readdirSync(out).map((f) => [f, readFileSync(path.join(out, f))]))
    full.on = true
    try {
      const report = await build({ paths: [brief], out, formats: ['html', 'epub'], cwd: repo, force: true })
      expect(report.ok).toBe(false)
      const [message] = report.briefs[0]!.messages.filter((m) => m.fatal)
      expect(message!.reason).toMatch(/^Cannot write .*\.html: the disk is full; free some space and build again \(the previous file is intact\)$/)
      expect(message!.ruleId).toBe('unwritable-output')
    } finally {
      full.on = false
    }
    const after = readdirSync(out)
    expect(after.filter((f) => f.endsWith('.tmp'))).toEqual([])
    for (const [file, bytes] of Object.entries(before)) expect(readFileSync(path.join(out, file)).equals(bytes), file).toBe(true)
  })
})
