import { defineConfig } from 'vitest/config'

// `npm run test:stress`: the slow, heavy runs (CI runs them after `npm test`). The property
// tests run again with many more generated inputs (their seeds fixed, so `npm test`'s inputs are
// the first of these), and the layout read-back with 28 more generated briefs (the seeds after
// the 4 of `npm test`).
export default defineConfig({
  test: {
    include: ['test/stress/**/*.test.ts', 'test/*.property.test.ts', 'test/layout-generated.test.ts'],
    testTimeout: 300_000,
    hookTimeout: 300_000,
    fileParallelism: false,
    globalSetup: ['test/helpers/temp-root.ts', 'test/helpers/epubcheck.ts'],
    env: { FC_RUNS: '1500', GENERATED_BRIEFS: '28', GENERATED_FROM: '4' },
  },
})
