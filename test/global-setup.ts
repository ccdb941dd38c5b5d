/**
 * Prepares a migrated template database once per run. Without a reachable PostgreSQL, the
 * integration tests run on PGlite instead — except in CI, where PostgreSQL is required.
 */
import type { TestProject } from 'vitest/node';
import { migrate } from '../src/db/migrate.js';
import { pgRunner } from '../src/db/sql-runner.js';
import { adminQuery, postgresReachable, templateName, urlFor } from './helpers/pg.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgTemplate: string | null;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const reachable = await postgresReachable();
  if (!reachable) {
    if (process.env.CI) throw new Error('PostgreSQL is not reachable at 127.0.0.1:5432; CI needs it (see .ci/run).');
    console.warn('PostgreSQL not reachable: integration tests run on PGlite.');
    project.provide('pgTemplate', null);
    return async () => {};
  }
  const tpl = templateName();
  const exists = await adminQuery('SELECT 1 FROM pg_database WHERE datname = $1', [tpl]);
  if (exists.length === 0) {
    // Build under a temporary name, then rename: a half-migrated template is never visible.
    const building = `${tpl}_building_${process.pid}`;
    await adminQuery(`DROP DATABASE IF EXISTS "${building}"`);
    await adminQuery(`CREATE DATABASE "${building}"`);
    const runner = await pgRunner(urlFor(building));
    try {
      await migrate(runner);
    } finally {
      await runner.close();
    }
    await adminQuery(`ALTER DATABASE "${building}" RENAME TO "${tpl}"`).catch(async (e: unknown) => {
      await adminQuery(`DROP DATABASE IF EXISTS "${building}"`);
      if (!String(e).includes('already exists')) throw e;
    });
  }
  // Databases left by killed runs (over two hours old; a concurrent run's are younger).
  const cutoff = Date.now() - 2 * 3_600_000;
  const stale = (await adminQuery<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE 'penghubung\\_t\\_%'`))
    .filter((r) => Number(r.datname.split('_')[2]) < cutoff || !/^penghubung_t_\d+_/.test(r.datname));
  for (const { datname } of stale) await adminQuery(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`).catch(() => {});
  project.provide('pgTemplate', tpl);
  return async () => {};
}
