/**
 * The benchmark's smoke run (one round, the example brief only): the bench still runs from a
 * clean checkout and writes its table. The figures themselves are not judged here: speed
 * targets live in the bench, not in timed tests. In the stress run: it took 25 s of `npm test`.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { repo } from '../helpers/cli.ts'

describe('npm run bench, smoke run', () => {
  it('times the example brief against a bare Chromium print and writes its table', () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'brief-bench-')), 'results.md')
    // Its own temporary folder, which must hold nothing of the bench's when it ends (tsx keeps
    // its compile cache there, tsx-<uid>, before the bench starts).
    const scratch = mkdtempSync(path.join(tmpdir(), 'b-'))
    const run = spawnSync(process.execPath, ['--import', 'tsx', path.join(repo, 'bench/build.ts')], {
      cwd: repo,
      encoding: 'utf8',
      env: { ...process.env, BENCH_SMOKE: '1', BENCH_OUT: out, TMPDIR: scratch },
      timeout: 120_000,
    })
    expect(run.status, run.stderr).toBe(0)
    expect(readdirSync(scratch).filter((name) => !/^tsx-\d+$/.test(name))).toEqual([])
    const table = readFileSync(out, 'utf8')
    expect(table).toMatch(/^Smoke run/)
    expect(table).toMatch(/\| S, PDF alone \| \d+\.\d\d s \| \d+ MiB \| \d+\.\d\d× bare print \| ≤ 1\.5× bare print \| (PASS|FAIL) \|/)
    expect(table).toMatch(/\| `brief check` on S \| \d+\.\d\d s \| .* \| ≤ 1 s \| (PASS|FAIL) \|/)
    expect(table).toMatch(/\| bare Chromium `--print-to-pdf` of our S print page \(the floor\) \| \d+\.\d\d s \|/)
  }, 150_000)
})
