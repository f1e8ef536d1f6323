import { defineConfig } from 'vitest/config'

// `npm run test:stress`: the slow, heavy runs (CI runs them after `npm test`). The property
// tests run again with many more generated inputs.
export default defineConfig({
  test: {
    include: ['test/stress/**/*.test.ts', 'test/*.property.test.ts'],
    testTimeout: 300_000,
    hookTimeout: 300_000,
    fileParallelism: false,
    env: { FC_RUNS: '1500' },
  },
})
