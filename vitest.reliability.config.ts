import { defineConfig } from 'vitest/config';

/** `npm run test:reliability`: crash, restart, fault and fuzz tests against real processes and PostgreSQL. */
export default defineConfig({
  test: {
    include: ['test/reliability/**/*.test.ts'],
    env: { TZ: 'America/New_York' },
    testTimeout: 300_000,
    hookTimeout: 120_000,
    pool: 'forks',
    globalSetup: ['test/global-setup.ts'],
  },
});
