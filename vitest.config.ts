import { defineConfig } from 'vitest/config'

// Files run three at a time (most of their time is spent waiting on Chromium, pandoc or
// EPUBCheck, so three keep two cores busy) and share their worker's loaded modules
// (isolate: false), which saves loading the toolkit again for every file; the few that mock
// modules get workers of their own: the five that inject file-system faults share one
// (they mock node:fs/promises the same way, test/helpers/fs-faults.ts), pipeline.test.ts has one. Tests that count Chromium processes count only
// their own run's (by its temporary folder), so they can run beside the others; the one
// machine-wide count is in the stress run, which takes one file at a time. EPUBCheck runs in one
// JVM for the whole run (test/helpers/epubcheck.ts), not one per book, and each fixture case
// is built once for the files that read its page (test/helpers/fixture-builds.ts).
const fsFaults = ['test/disk-full.test.ts', 'test/input-gate.test.ts', 'test/interrupted-writes.test.ts', 'test/stale-inputs.test.ts', 'test/unreadable.test.ts']
const mocking = ['test/pipeline.test.ts']

export default defineConfig({
  test: {
    testTimeout: 120_000,
    hookTimeout: 300_000,
    maxWorkers: 3,
    projects: [
      // The slow, heavy runs are `npm run test:stress` (vitest.stress.config.ts).
      { extends: true, test: { name: 'together', include: ['test/**/*.test.ts'], exclude: ['test/stress/**', ...fsFaults, ...mocking], isolate: false, globalSetup: ['test/helpers/epubcheck.ts', 'test/helpers/fixture-builds.ts'] } },
      { extends: true, test: { name: 'fs-faults', include: fsFaults, isolate: false, fileParallelism: false } },
      { extends: true, test: { name: 'mocking', include: mocking } },
    ],
  },
})
