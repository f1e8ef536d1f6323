/**
 * Vitest's global setup, first of all: the run's own temporary folder. Every test makes its
 * folders with `mkdtemp(tmpdir())`, and so do Chromium, pandoc and Java; with TMPDIR pointing
 * here, set before any worker starts (they inherit it), all of them land inside it, and it is
 * removed when the run ends. Before, each `npm test` left some 300 folders and a gigabyte in
 * /tmp. `KEEP_TEST_FILES=1` keeps the folder, and says where it is, to look at after a failure.
 */
import { ownTmpdir } from './env.ts'

export default function setup(): () => void {
  return ownTmpdir('brief-t-', 'KEEP_TEST_FILES', "The test run's files")
}
