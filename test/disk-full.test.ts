/**
 * A disk that fills up while outputs are written: the brief is reported with what to do, and
 * every previous output is left exactly as it was, the ones written before the disk filled
 * too (every new file is written beside its target before any is renamed over it), with no
 * temporary file left. The disk is simulated: writing the temporary file of the brief's second
 * output fails with ENOSPC once enabled, so the first was already written when it fails.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { build } from '../src/core/build.ts'
import { faults } from './helpers/fs-faults.ts'
import { repo } from './helpers/cli.ts'

describe('a full disk', () => {
  it('reports the brief and leaves every previous output intact, with no temporary file', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'brief-disk-full-'))
    const brief = path.join(root, 'resetting-ties')
    cpSync(path.join(repo, 'briefs/2025-04-07-pakistan-afghanistan-resetting-ties'), brief, { recursive: true })
    const out = path.join(root, 'out')
    const first = await build({ paths: [brief], out, formats: ['html', 'epub'], cwd: repo })
    expect(first.ok).toBe(true)
    const before = Object.fromEntries(readdirSync(out).map((f) => [f, readFileSync(path.join(out, f))]))
    // An edit, so that the new web page differs from the one it would replace.
    const text = readFileSync(path.join(brief, 'brief.md'), 'utf8')
    writeFileSync(path.join(brief, 'brief.md'), text.replace(/^title: .*$/m, 'title: A new title'))
    faults.diskFull = /\.epub\.\d+\.\d+\.tmp$/
    try {
      const report = await build({ paths: [brief], out, formats: ['html', 'epub'], cwd: repo })
      expect(report.ok).toBe(false)
      const [message] = report.briefs[0]!.messages.filter((m) => m.fatal)
      expect(message!.reason).toMatch(/^Cannot write .*\.epub: the disk is full; free some space and build again \(the previous outputs are intact\)$/)
      expect(message!.ruleId).toBe('unwritable-output')
      expect(report.briefs[0]!.outputs).toEqual([])
    } finally {
      delete faults.diskFull
    }
    const after = readdirSync(out)
    expect(after.filter((f) => f.endsWith('.tmp'))).toEqual([])
    for (const [file, bytes] of Object.entries(before)) expect(readFileSync(path.join(out, file)).equals(bytes), file).toBe(true)
    // With space again, the edit is built.
    const again = await build({ paths: [brief], out, formats: ['html', 'epub'], cwd: repo })
    expect(again.briefs[0]!.skipped).toBeFalsy()
    expect(readFileSync(path.join(out, 'resetting-ties.html'), 'utf8')).toContain('A new title')
  })
})
