import { defineConfig } from 'vitest/config';

/** What every test file gets. */
const common = {
  // The calendar must not depend on the machine's zone: run everything in a non-office zone.
  env: { TZ: 'America/New_York' },
  // Integration tests share one PostgreSQL database per worker file; keep files isolated.
  pool: 'forks' as const,
  globalSetup: ['test/global-setup.ts'],
};

/** Unit, integration and e2e tests: one file at a time (the default on a 2-core machine). */
export const mainProject = {
  test: {
    ...common,
    name: 'main',
    include: ['test/**/*.test.ts'],
    exclude: ['test/reliability/**', '**/node_modules/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
};

/**
 * The reliability and security suite (issue 10): real processes, kill -9, a database restart,
 * platform faults, fuzzing, the ACL matrix. It runs after the main project, two files at a time:
 * most of its time is spent waiting (leases running out, platform retry-after, a restarting
 * cluster), so two files share the two cores well.
 */
export const reliabilityProject = {
  test: {
    ...common,
    name: 'reliability',
    include: ['test/reliability/**/*.test.ts'],
    testTimeout: 300_000,
    hookTimeout: 120_000,
    maxWorkers: 2,
    sequence: { groupOrder: 1 },
  },
};

export default defineConfig({
  test: {
    projects: [mainProject, reliabilityProject],
  },
});
