import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The slow, heavy runs are `npm run test:stress` (vitest.stress.config.ts).
    exclude: ['test/stress/**', 'node_modules/**'],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    // Browser tests count Chromium processes and bind local ports: one file at a time.
    fileParallelism: false,
  },
})
