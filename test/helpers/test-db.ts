/**
 * A fresh, migrated database for one test file: a PostgreSQL clone of the template, or an
 * in-memory PGlite when no PostgreSQL is reachable (outside CI only).
 */
import { inject } from 'vitest';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaClient } from '../../src/generated/prisma/client.js';
import { openDatabase, type Database } from '../../src/db/database.js';
import { migrate } from '../../src/db/migrate.js';
import { pgliteRunner } from '../../src/db/sql-runner.js';
import { createDatabase } from './pg.js';

export interface TestDb extends Database {
  /** PostgreSQL URL of this database, when on PostgreSQL (for extra processes). */
  url?: string;
}

export async function createTestDb(): Promise<TestDb> {
  const tpl = inject('pgTemplate');
  if (tpl) {
    const created = await createDatabase(tpl);
    const db = await openDatabase({ kind: 'postgres', url: created.url });
    return {
      ...db,
      url: created.url,
      async close() {
        await db.close();
        await created.drop();
      },
    };
  }
  const lite = await PGlite.create();
  await migrate(pgliteRunner(lite));
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(lite) });
  return {
    kind: 'pglite',
    prisma,
    where: 'memory',
    runner: async () => pgliteRunner(lite),
    async close() {
      await prisma.$disconnect();
      await lite.close();
    },
  };
}
