/**
 * Empty databases for migration tests (PostgreSQL when the suite has it, else PGlite), as the
 * SqlRunner the migrator uses, and a way to stop a database just before one migration.
 */
import { afterAll, inject } from 'vitest';
import { PGlite } from '@electric-sql/pglite';
import { listMigrations } from '../../src/db/migrate.js';
import { pgliteRunner, pgRunner, type SqlRunner } from '../../src/db/sql-runner.js';
import { createDatabase } from './pg.js';

export const onPostgres = inject('pgTemplate') !== null;

/** Closes (and drops) everything opened with `emptyDb` or registered here, after the file's tests. */
const cleanup: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const f of cleanup.reverse()) await f();
});

/** Run `f` when the test file is done (after the databases opened later are closed). */
export function atEnd(f: () => Promise<void>): void {
  cleanup.push(f);
}

/** A fresh, empty database. */
export async function emptyDb(): Promise<SqlRunner> {
  if (onPostgres) {
    const db = await createDatabase();
    const runner = await pgRunner(db.url);
    atEnd(async () => {
      await runner.close();
      await db.drop();
    });
    return runner;
  }
  const lite = await PGlite.create();
  atEnd(() => lite.close());
  return pgliteRunner(lite);
}

/** Applies every migration before the one whose name matches; returns that one (to apply next). */
export async function migrateUpTo(db: SqlRunner, name: RegExp): Promise<{ name: string; sql: string }> {
  const all = listMigrations();
  const at = all.findIndex((m) => name.test(m.name));
  if (at <= 0) throw new Error(`no migration after the first matches ${name}`);
  for (const m of all.slice(0, at)) await db.exec(m.sql);
  return all[at]!;
}
