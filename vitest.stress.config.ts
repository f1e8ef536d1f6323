import { defineConfig } from 'vitest/config'

// `npm run test:stress`: the slow, heavy runs (CI runs them after `npm test`). The property
// tests run again with many more generated inputs, and the layout read-back with 24 more
// generated briefs (seeds after the 8 of `npm test`).
export default defineConfig({
  test: {
    include: ['test/stress/**/*.test.ts', 'test/*.property.test.ts', 'test/layout-generated.test.ts'],
    testTimeout: 300_000,
    hookTimeout: 300_000,
    fileParallelism: false,
    globalSetup: ['test/helpers/epubcheck.ts'],
    env: { FC_RUNS: '1500', GENERATED_BRIEFS: '24', GENERATED_FROM: '8' },
  },
})
