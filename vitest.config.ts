import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // SQLite files, SMTP ports and child processes are per test file; two cores
    // are enough to run files in parallel without starving the browser tests.
    pool: 'forks',
  },
});
