/**
 * Test databases on the real PostgreSQL (127.0.0.1:5432, database `test`, trust auth; override
 * with TEST_DATABASE_URL). Each test file gets its own database cloned from a migrated template,
 * so files run in parallel without touching each other.
 */
import { createHash, randomBytes } from 'node:crypto';
import pg from 'pg';
import { listMigrations } from '../../src/db/migrate.js';

export const ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';

export function urlFor(database: string): string {
  const u = new URL(ADMIN_URL);
  u.pathname = `/${database}`;
  return u.toString();
}

/** The template's name changes whenever a migration does. */
export function templateName(): string {
  const h = createHash('sha256');
  for (const m of listMigrations()) h.update(m.name).update(m.checksum);
  return `penghubung_tpl_${h.digest('hex').slice(0, 12)}`;
}

export async function adminQuery<T extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, params?: unknown[]): Promise<T[]> {
  const c = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 3_000 });
  await c.connect();
  try {
    return (await c.query<T>(sql, params)).rows;
  } finally {
    await c.end();
  }
}

export async function postgresReachable(): Promise<boolean> {
  try {
    await adminQuery('SELECT 1');
    return true;
  } catch {
    return false;
  }
}

/** Create an empty database (or a clone of `template`) and return its URL and a drop function. */
export async function createDatabase(template?: string): Promise<{ name: string; url: string; drop(): Promise<void> }> {
  // The creation time in the name lets a later run clean up after killed runs, and only those.
  const name = `penghubung_t_${Date.now()}_${randomBytes(4).toString('hex')}`;
  await adminQuery(`CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ''}`);
  return {
    name,
    url: urlFor(name),
    drop: () => adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).then(() => undefined),
  };
}
