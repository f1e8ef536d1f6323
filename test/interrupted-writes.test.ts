/**
 * A brief's outputs are replaced as a set, or the build record knows which are stale. A build
 * that stops between two renames (a rename that fails, the process killed with SIGKILL) leaves
 * a new file beside an old one; the record of the last good build, which holds the digest of
 * every output, no longer matches the new one, so the next build says it is stale and builds
 * the brief again, even when its inputs are back to what the record says. (A disk that fills
 * up fails before any rename: test/disk-full.test.ts.)
 *
 * Both stops are exact, not timed: the failing rename is node:fs/promises' rename wrapped in
 * this process; the killed build is a child (test/helpers/stop-between-renames.ts) that stops
 * just before its second rename and is killed there.
 */
import { spawn } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { describe, expect, it, vi } from 'vitest'

const fault = { target: '' }
vi.mock('node:fs/promises', async (importOriginal) => {
  const original = await importOriginal<typeof import('node:fs/promises')>()
  const rename: typeof original.rename = async (from, to) => {
    if (fault.target && String(to).endsWith(fault.target)) throw Object.assign(new Error(`EIO: i/o error, rename '${String(from)}' -> '${String(to)}'`), { code: 'EIO' })
    return original.rename(from, to)
  }
  return { ...original, default: { ...original, rename }, rename }
})

const { build } = await import('../src/core/build.ts')
const { brief: briefCommand, briefHere, repo } = await import('./helpers/cli.ts')

const formats: Array<'html' | 'epub'> = ['html', 'epub']

/** A copy of the example brief, built once; `retitle` edits its title. */
async function project() {
  const root = mkdtempSync(path.join(tmpdir(), 'brief-interrupted-'))
  const folder = path.join(root, 'ties')
  cpSync(path.join(repo, 'briefs/2025-04-07-pakistan-afghanistan-resetting-ties'), folder, { recursive: true })
  const out = path.join(root, 'out')
  const first = await build({ paths: [folder], out, formats, cwd: repo })
  expect(first.ok).toBe(true)
  const markdown = path.join(folder, 'brief.md')
  const original = readFileSync(markdown, 'utf8')
  return {
    folder,
    out,
    html: path.join(out, 'ties.html'),
    epub: path.join(out, 'ties.epub'),
    retitle: (title?: string) => writeFileSync(markdown, title ? original.replace(/^title: .*$/m, `title: ${title}`) : original),
    run: () => build({ paths: [folder], out, formats, cwd: repo }),
    temps: () => readdirSync(out).filter((f) => f.endsWith('.tmp')),
  }
}

describe('a build that stops between two renames', () => {
  it('says which outputs a failed rename left new; the next build finds them stale and builds the brief again', async () => {
    const p = await project()
    const oldEpub = readFileSync(p.epub)
    p.retitle('A new title')
    fault.target = '.epub'
    try {
      const report = await p.run()
      expect(report.ok).toBe(false)
      const [message] = report.briefs[0]!.messages.filter((m) => m.fatal)
      expect(message!.reason).toMatch(/^Cannot write .*ties\.epub: EIO: .*; .*ties\.html was already replaced, so this brief's outputs are from two builds until it is built again \(the next build does it\)$/)
      expect(report.briefs[0]!.outputs).toEqual([p.html])
    } finally {
      fault.target = ''
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

  it('after SIGKILL between two renames, the next build finds the replaced outputs stale, builds the brief again and removes the temporary files', async () => {
    const p = await project()
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
