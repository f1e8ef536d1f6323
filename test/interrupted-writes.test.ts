/**
 * A brief's outputs are replaced as a set, or the build record knows which are stale. A build
 * that stops between two renames (a rename that fails, the process killed with SIGKILL) leaves
 * a new file beside an old one; the record of the last good build, which holds the digest of
 * every output, no longer matches the new one, so the next build says it is stale and builds
 * the brief again, even when its inputs are back to what the record says. (A disk that fills
 * up fails before any rename: test/disk-full.test.ts.)
 *
 * The stop here is exact, not timed: node:fs/promises' rename wrapped in this process fails.
 * The other stop, a build killed with SIGKILL just before its second rename, spawns a build of
 * its own and is in the long run (test/stress/killed-between-renames.test.ts).
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { faults } from './helpers/fs-faults.ts'
import { briefHere } from './helpers/cli.ts'
import { retitledProject } from './helpers/retitled-project.ts'

describe('a build that stops between two renames', () => {
  it('says which outputs a failed rename left new; the next build finds them stale and builds the brief again', async () => {
    const p = await retitledProject()
    const oldEpub = readFileSync(p.epub)
    p.retitle('A new title')
    faults.renameFails = '.epub'
    try {
      const report = await p.run()
      expect(report.ok).toBe(false)
      const [message] = report.briefs[0]!.messages.filter((m) => m.fatal)
      expect(message!.reason).toMatch(/^Cannot write .*ties\.epub: EIO: .*; .*ties\.html was already replaced, so this brief's outputs are from two builds until it is built again \(the next build does it\)$/)
      expect(report.briefs[0]!.outputs).toEqual([p.html])
    } finally {
      delete faults.renameFails
    }
    // A mixed set, which the record knows: new web page, old EPUB, no temporary file.
    expect(readFileSync(p.html, 'utf8')).toContain('A new title')
    expect(readFileSync(p.epub).equals(oldEpub)).toBe(true)
    expect(p.temps()).toEqual([])
    // Back to the inputs its record holds: built again all the same, and the command says why.
    p.retitle()
    const again = await briefHere(['build', p.folder, '--out', p.out, '--format', 'html,epub'])
    expect(again.code).toBe(0)
    expect(again.stderr).toMatch(/^ties: built .*ties\.html, .*ties\.epub \(.*ties\.html was stale: not what its last build wrote\)$/m)
    expect(readFileSync(p.html, 'utf8')).not.toContain('A new title')
    expect((await p.run()).briefs[0]!.skipped).toBe(true)
  })
})
