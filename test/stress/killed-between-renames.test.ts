/**
 * A build killed with SIGKILL between two renames: the next build finds the replaced outputs
 * stale (its record holds the digest of every output it wrote), builds the brief again and
 * removes the temporary files. The stop is exact, not timed: the child
 * (test/helpers/stop-between-renames.ts) stops just before its second rename and is killed
 * there. In the long run: starting that child from the sources costs about 3 s of `npm test`;
 * a failed rename is tried in-process by test/interrupted-writes.test.ts.
 */
import { spawn } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { describe, expect, it } from 'vitest'
import { brief as briefCommand, repo } from '../helpers/cli.ts'
import { formats, retitledProject } from '../helpers/retitled-project.ts'


describe('a build killed between two renames', () => {
  it('after SIGKILL between two renames, the next build finds the replaced outputs stale, builds the brief again and removes the temporary files', async () => {
    const p = await retitledProject()
    const oldEpub = readFileSync(p.epub)
    p.retitle('A new title')
    const marker = path.join(p.out, '..', 'stopped')
    const options = { paths: [p.folder], out: p.out, formats, cwd: repo }
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(repo, 'test/helpers/stop-between-renames.ts'), JSON.stringify(options), '.epub', marker], { cwd: repo, stdio: 'ignore' })
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)))
    for (let waited = 0; !existsSync(marker); waited += 50) {
      if (waited > 110_000 || child.exitCode !== null) throw new Error('the build never reached its second rename')
      await sleep(50)
    }
    child.kill('SIGKILL')
    expect(await exited).toBe('SIGKILL')
    expect(readFileSync(p.html, 'utf8')).toContain('A new title')
    expect(readFileSync(p.epub).equals(oldEpub)).toBe(true)
    expect(p.temps()).toHaveLength(1) // the EPUB that was never renamed, named after the killed process
    p.retitle()
    const again = await p.run()
    expect(again.briefs[0]!.skipped).toBeFalsy()
    expect(again.briefs[0]!.stale).toEqual([p.html])
    expect(p.temps()).toEqual([])
    expect(readFileSync(p.html, 'utf8')).not.toContain('A new title')
    // The command line agrees: up to date now.
    expect(briefCommand(['build', p.folder, '--out', p.out, '--format', 'html,epub']).stderr).toContain('ties: up to date')
  }, 180_000)
})
