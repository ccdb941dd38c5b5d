/** The bench's own database: dropped, created and migrated from scratch on every run. */
import pg from 'pg';
import { migrate } from '../../src/db/migrate.js';
import { pgRunner } from '../../src/db/sql-runner.js';

/** Quote an identifier for DDL. */
const ident = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** A URL to the server's maintenance database, for CREATE/DROP DATABASE. */
export function adminUrl(url: string): string {
  const u = new URL(url);
  u.pathname = '/postgres';
  return u.toString();
}

export function databaseName(url: string): string {
  const name = decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
  if (!name) throw new Error(`no database name in ${url}`);
  return name;
}

async function admin(url: string, sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: adminUrl(url), connectionTimeoutMillis: 5_000 });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

/** Drop (forcing other sessions out) and create the database, then apply every migration. */
export async function recreateDatabase(url: string): Promise<void> {
  const name = databaseName(url);
  if (!/bench|test|tmp/i.test(name)) throw new Error(`refusing to drop "${name}": the bench database's name must contain "bench" (set BENCH_DATABASE_URL)`);
  await admin(url, `DROP DATABASE IF EXISTS ${ident(name)} WITH (FORCE)`);
  await admin(url, `CREATE DATABASE ${ident(name)}`);
  const runner = await pgRunner(url);
  try {
    await migrate(runner);
  } finally {
    await runner.close();
  }
}

export async function dropDatabase(url: string): Promise<void> {
  await admin(url, `DROP DATABASE IF EXISTS ${ident(databaseName(url))} WITH (FORCE)`);
}
