import { defineConfig } from 'vitest/config';

/** End-to-end: Debian's Chromium (playwright-core) against the browser host on 127.0.0.1. */
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 90_000,
  },
});
