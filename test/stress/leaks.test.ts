/**
 * No leaks after the worst a batch can go through, one after another in one temporary folder:
 * Chromium killed mid-batch, Ctrl-C mid-layout, every brief past its deadline, and our own
 * process killed with SIGKILL while a brief is laid out. Then no Chromium of ours is running and, once the next
 * run has swept what the killed one could not, no temporary folder of ours is left.
 *
 * This file runs alone (the stress run takes one file at a time), so it also counts every
 * Chromium process on the machine: Chromium's crash reporter leaves its session and carries
 * no path of ours on its command line, so only a machine-wide count sees one left behind.
 */
import { spawn } from 'node:child_process'
import { readdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { brief, exampleProject, repo } from '../helpers/cli.ts'
import { browserMainPid, countAfterExit, privateTmp, rendererRunning, settledChromiumCount, sleep } from '../helpers/processes.ts'

const project = (copies: string[]) => exampleProject('brief-stress-', copies)

/** Runs `brief build` in `dir` and, once a page is being laid out, calls `strike`; resolves with the exit code and stderr. */
async function buildAndStrike(dir: string, marker: string, strike: (child: ReturnType<typeof spawn>) => void): Promise<{ code: number | null; signal: string | null; stderr: string }> {
  const child = spawn(process.execPath, [path.join(repo, 'bin/brief.js'), 'build', '--format', 'pdf', '--jobs', '1'], { cwd: dir, env: { ...process.env, NO_COLOR: '1', TMPDIR: marker } })
  let stderr = ''
  child.stderr!.on('data', (d) => (stderr += d))
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })))
  for (let i = 0; i < 800 && !/^a: built/m.test(stderr); i++) await sleep(25)
  for (let i = 0; i < 400 && !rendererRunning(marker); i++) await sleep(25)
  strike(child)
  return { ...(await exited), stderr }
}

describe('stress: nothing is left after a crash, timeouts and a SIGKILL in one temporary folder', () => {
  it('leaves no Chromium and no temporary folder of ours', async () => {
    const processes = await settledChromiumCount()
    const marker = privateTmp()

    // 1. Chromium killed while the second brief is laid out: that brief fails, the rest build.
    const crash = await buildAndStrike(project(['a', 'b', 'c']), marker, () => process.kill(browserMainPid(marker), 'SIGKILL'))
    expect(crash.code, crash.stderr).toBeLessThanOrEqual(1)
    expect(await countAfterExit(0, marker)).toBe(0)

    // 2. Ctrl-C while a brief is laid out: exit 130, the browser closed with the run.
    const interrupted = await buildAndStrike(project(['a', 'b', 'c']), marker, (child) => child.kill('SIGINT'))
    expect(interrupted.code, interrupted.stderr).toBe(130)
    expect(await countAfterExit(0, marker)).toBe(0)

    // 3. Every brief past its time in the browser (a paginator that never finishes).
    const slow = project(['a', 'b'])
    const paginator = path.join(slow, 'endless-paginator.js')
    writeFileSync(paginator, '// never done\n')
    const timeouts = brief(['build', '--format', 'pdf', '--timeout', '3'], { cwd: slow, env: { TMPDIR: marker, BRIEF_PAGINATOR: paginator } })
    expect(timeouts.code).toBe(1)
    expect(timeouts.stderr.match(/did not finish within 3 s/g)).toHaveLength(2)
    expect(await countAfterExit(0, marker)).toBe(0)

    // 4. Our process killed outright mid-layout: Chromium goes with it (driven over a pipe).
    const killed = await buildAndStrike(project(['a', 'b', 'c']), marker, (child) => child.kill('SIGKILL'))
    expect(killed.signal).toBe('SIGKILL')
    expect(await countAfterExit(0, marker)).toBe(0)

    // 5. The next run sweeps the folder the killed run could not remove, and leaves none itself.
    const next = brief(['build', '--format', 'pdf'], { cwd: project(['a']), env: { TMPDIR: marker } })
    expect(next.code, next.stderr).toBe(0)
    expect(await countAfterExit(0, marker)).toBe(0)
    expect(readdirSync(marker)).toEqual([])
    // Machine-wide, as pgrep -c chrom: crash reporters included, never more than before.
    expect(await countAfterExit(processes)).toBeLessThanOrEqual(processes)
  }, 180_000)
})
