import { defineConfig } from 'vitest/config'

// Tests that count Chromium processes on the whole machine, or time the toolkit against a
// bare browser, run alone after the rest; the rest run three files at a time (most of their
// time is spent waiting on Chromium, pandoc or EPUBCheck, so three keep two cores busy).
// Files share their worker's loaded modules (isolate: false), which saves loading the
// toolkit again for every file; the few that mock modules get fresh workers of their own.
const alone = ['test/safety.test.ts', 'test/bench.test.ts']
const mocking = ['test/disk-full.test.ts', 'test/pipeline.test.ts', 'test/unreadable.test.ts']

export default defineConfig({
  test: {
    testTimeout: 120_000,
    hookTimeout: 300_000,
    maxWorkers: 3,
    projects: [
      // The slow, heavy runs are `npm run test:stress` (vitest.stress.config.ts).
      { extends: true, test: { name: 'together', include: ['test/**/*.test.ts'], exclude: ['test/stress/**', ...alone, ...mocking], isolate: false, sequence: { groupOrder: 0 } } },
      { extends: true, test: { name: 'mocking', include: mocking, sequence: { groupOrder: 0 } } },
      { extends: true, test: { name: 'alone', include: alone, fileParallelism: false, sequence: { groupOrder: 1 } } },
    ],
  },
})
