import { defineConfig } from 'vitest/config';

/** Unit, integration and Electron-wiring tests under Node. End-to-end tests: vitest.e2e.config.ts. */
export default defineConfig({
  test: {
    include: ['test/{unit,integration,wiring}/**/*.test.{ts,tsx}'],
    environment: 'node',
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
