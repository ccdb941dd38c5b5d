/**
 * Opens the database: PostgreSQL through @prisma/adapter-pg when DATABASE_URL is set, else an
 * embedded PGlite folder (single process, locked). Both run the same migrations and client.
 */
import { mkdirSync } from 'node:fs';
import pg from 'pg';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../generated/prisma/client.js';
import type { Config } from '../config.js';
import type { Logger } from '../lib/logger.js';
import { migrate, type MigrationResult } from './migrate.js';
import { pgliteRunner, pgRunner, type SqlRunner } from './sql-runner.js';
import { lockDataDir } from './pglite-lock.js';

export type Prisma = PrismaClient;

export interface Database {
  kind: 'postgres' | 'pglite';
  prisma: PrismaClient;
  /** Where the data lives, safe to log (no password). */
  where: string;
  /** Open a runner for raw multi-statement SQL (migrations); close it after use. */
  runner(): Promise<SqlRunner>;
  close(): Promise<void>;
}

export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgresql://(unparseable URL)';
  }
}

/** Open the configured database. Does not migrate (see openAndMigrate). */
export async function openDatabase(cfg: Config['database'], log?: Logger): Promise<Database> {
  if (cfg.kind === 'postgres') {
    const pool = new pg.Pool({ connectionString: cfg.url, max: 10, connectionTimeoutMillis: 5_000 });
    // An idle client losing its server (restart, failover) must not crash the process.
    pool.on('error', (err) => log?.warn({ err: err.message }, 'database connection lost; the pool reconnects'));
    const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
    return {
      kind: 'postgres',
      prisma,
      where: redactUrl(cfg.url),
      runner: () => pgRunner(cfg.url),
      async close() {
        await prisma.$disconnect();
        await pool.end().catch(() => {});
      },
    };
  }
  mkdirSync(cfg.dir, { recursive: true });
  const release = lockDataDir(cfg.dir);
  try {
    // Loaded only for the embedded database: a PostgreSQL deployment never pays for PGlite's WASM.
    const [{ PGlite }, { PrismaPGlite }] = await Promise.all([import('@electric-sql/pglite'), import('pglite-prisma-adapter')]);
    const lite = await PGlite.create(cfg.dir);
    const prisma = new PrismaClient({ adapter: new PrismaPGlite(lite) });
    return {
      kind: 'pglite',
      prisma,
      where: cfg.dir,
      runner: async () => pgliteRunner(lite),
      async close() {
        await prisma.$disconnect();
        await lite.close();
        release();
      },
    };
  } catch (e) {
    release();
    throw e;
  }
}

/** Apply pending migrations on an open database. */
export async function migrateDatabase(db: Database, log?: Logger): Promise<MigrationResult> {
  const runner = await db.runner();
  try {
    return await migrate(runner, { log: (m) => log?.info(m) });
  } finally {
    await runner.close();
  }
}
