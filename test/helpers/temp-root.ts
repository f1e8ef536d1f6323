/**
 * Vitest's global setup, first of all: the run's own temporary folder. Every test makes its
 * folders with `mkdtemp(tmpdir())`, and so do Chromium, pandoc and Java; with TMPDIR pointing
 * here, set before any worker starts (they inherit it), all of them land inside it, and it is
 * removed when the run ends. Before, each `npm test` left some 300 folders and a gigabyte in
 * /tmp. `KEEP_TEST_FILES=1` keeps the folder, and says where it is, to look at after a failure.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

export default function setup(): () => void {
  const previous = process.env.TMPDIR
  // Short, as TMPDIR paths must be for Chromium's socket (test/helpers/processes.ts, privateTmp).
  const root = mkdtempSync(path.join(tmpdir(), 'brief-t-'))
  process.env.TMPDIR = root
  return () => {
    if (previous === undefined) delete process.env.TMPDIR
    else process.env.TMPDIR = previous
    if (process.env.KEEP_TEST_FILES === '1') console.log(`The test run's files are kept in ${root}`)
    else rmSync(root, { recursive: true, force: true, maxRetries: 3 })
  }
}
