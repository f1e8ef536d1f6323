import { defineConfig } from 'vitest/config'

// Files run two at a time, one a core: the suite keeps both busy (a third worker, tried, made
// the run 1–3 s slower: one more toolkit and Chromium to load). The files of a worker share its
// loaded modules (isolate: false), which saves loading the toolkit again for every file. So no
// file mocks a module of its own: node:fs/promises is mocked for every file, before the toolkit
// loads (test/helpers/fs-faults-setup.ts), and is the real module until a test sets a fault
// (test/helpers/fs-faults.ts). Tests that count Chromium processes count only their own run's
// (by its temporary folder), so they can run beside the others; the one machine-wide count is
// in the stress run, which takes one file at a time. EPUBCheck runs in one JVM for the whole
// run (test/helpers/epubcheck.ts), not one per book, and each fixture case is built once for
// the files that read its page (test/helpers/fixture-builds.ts). The run's temporary files all go
// in one folder of its own, removed when it ends (test/helpers/temp-root.ts).
export default defineConfig({
  test: {
    testTimeout: 120_000,
    hookTimeout: 300_000,
    maxWorkers: 2,
    // The slow, heavy runs are `npm run test:stress` (vitest.stress.config.ts).
    include: ['test/**/*.test.ts'],
    exclude: ['test/stress/**'],
    isolate: false,
    setupFiles: ['test/helpers/fs-faults-setup.ts'],
    globalSetup: ['test/helpers/temp-root.ts', 'test/helpers/epubcheck.ts', 'test/helpers/fixture-builds.ts'],
  },
})
