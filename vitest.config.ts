import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    // End-to-end tests spawn the built binary, real shells and a real PostgreSQL server.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
