import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The reliability suite (real processes, kill -9, database restarts) runs with `npm run test:reliability`.
    exclude: ['test/reliability/**', '**/node_modules/**'],
    // The calendar must not depend on the machine's zone: run everything in a non-office zone.
    env: { TZ: 'America/New_York' },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Integration tests share one PostgreSQL database per worker file; keep files isolated.
    pool: 'forks',
    globalSetup: ['test/global-setup.ts'],
  },
});
