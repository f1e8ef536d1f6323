/**
 * The bundle in dist/ (scripts/bundle.mjs) that bin/brief.js runs for speed: it must give the
 * same outputs and messages as the sources, and must not run once the sources have changed.
 * In the long run: it runs the command from the bundle and from the sources (through tsx), 5 s
 * of `npm test`, where the spawned `brief` of every other test runs the bundle.
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
// @ts-expect-error: a plain JavaScript module of the launcher, without types
import { bundleIsCurrent, sameSources, sourceStamp } from '../../bin/source-stamp.js'
import { brief, repo } from '../helpers/cli.ts'
import { fixture } from '../helpers/fixtures.ts'

const current = () => bundleIsCurrent(repo) as boolean

beforeAll(() => {
  if (!current()) execFileSync(process.execPath, [path.join(repo, 'scripts/bundle.mjs')])
}, 60_000)

describe('the bundled command line', () => {
  it('writes the same files and says the same things as the sources', () => {
    expect(current()).toBe(true)
    // Sorting with ʿ and ʾ, and citeproc-js warnings: both rely on patches to the one citeproc
    // instance citation-js uses, which a bundle with its own copy would silently miss.
    const fixtures = ['bib-sort-marks', 'source-bad-data', 'typeset-everything', 'note-ibid-author-note'].map((f) => fixture(f))
    const root = mkdtempSync(path.join(tmpdir(), 'brief-bundle-'))
    const run = (out: string, env: Record<string, string>) => brief(['build', ...fixtures, '--format', 'html,epub', '--out', path.join(root, out), '--json', '--jobs', '1'], { env })
    const bundled = run('bundled', {})
    const sources = run('sources', { BRIEF_FROM_SOURCE: '1' })
    expect(bundled.code).toBe(sources.code)
    const messages = (r: { stdout: string }) => (JSON.parse(r.stdout) as { briefs: Array<{ messages: unknown[] }> }).briefs.map((b) => b.messages)
    expect(messages(bundled)).toEqual(messages(sources))
    expect(messages(bundled).flat().length).toBeGreaterThan(0)
    const files = readdirSync(path.join(root, 'sources')).filter((f) => !f.startsWith('.'))
    expect(files).toHaveLength(8)
    for (const file of files) {
      expect(readFileSync(path.join(root, 'bundled', file)).equals(readFileSync(path.join(root, 'sources', file))), file).toBe(true)
    }
  }, 120_000)

  it('is not used once a source file is edited, added or removed', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'brief-stamp-'))
    mkdirSync(path.join(root, 'src', 'core'), { recursive: true })
    writeFileSync(path.join(root, 'src', 'cli.ts'), 'export {}\n')
    writeFileSync(path.join(root, 'src', 'core', 'build.ts'), 'export {}\n')
    const made = sourceStamp(root)
    expect(sameSources(made, sourceStamp(root))).toBe(true)
    utimesSync(path.join(root, 'src', 'cli.ts'), new Date(), new Date(Date.now() + 5_000))
    expect(sameSources(made, sourceStamp(root))).toBe(false)
    const again = sourceStamp(root)
    writeFileSync(path.join(root, 'src', 'core', 'new.ts'), 'export {}\n')
    expect(sameSources(again, sourceStamp(root))).toBe(false)
  })
})
