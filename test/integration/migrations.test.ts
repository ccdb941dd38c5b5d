import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { listMigrations, migrate } from '../../src/db/migrate.js';
import { pgRunner, type SqlRunner } from '../../src/db/sql-runner.js';
import { diffSchemaAgainstMigrations } from '../../src/db/schema-diff.js';
import { atEnd, emptyDb, onPostgres } from '../helpers/empty-db.js';
import { createDatabase } from '../helpers/pg.js';
import { tempFiles } from '../helpers/temp-files.js';

const temp = tempFiles('penghubung-schema-');

describe('migrations', () => {
  it('schema.prisma and the committed migrations agree', async () => {
    expect(await diffSchemaAgainstMigrations()).toBe('');
  });

  it('the agreement check sees a schema change without a migration', async () => {
    const schema = readFileSync('prisma/schema.prisma', 'utf8');
    const changed = schema.replace(/(model Holiday \{\n)/, '$1  note String?\n');
    expect(changed).not.toBe(schema);
    const diff = await diffSchemaAgainstMigrations({ schemaPath: temp.file('schema.prisma', changed) });
    expect(diff).toMatch(/ALTER TABLE "holiday" ADD COLUMN\s+"note" TEXT/);
  });

  it('apply on a fresh database, then a re-run is a no-op', async () => {
    const db = await emptyDb();
    const names = listMigrations().map((m) => m.name);
    expect(names.length).toBeGreaterThanOrEqual(2);

    const first = await migrate(db);
    expect(first.applied).toEqual(names);
    const second = await migrate(db);
    expect(second.applied).toEqual([]);
    expect(second.alreadyApplied).toEqual(names);

    const tables = await db.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`,
    );
    expect(tables.map((t) => t.table_name)).toEqual(
      expect.arrayContaining(['agency', 'unit', 'person', 'role_assignment', 'chat', 'report', 'reporter', 'report_event', 'audit_event', 'outbox', 'holiday', 'job_run', 'conversation']),
    );
  });

  it("records migrations in Prisma's own table with Prisma's checksum", async () => {
    const db = await emptyDb();
    await migrate(db);
    const rows = await db.query<{ migration_name: string; checksum: string; finished_at: Date | null; applied_steps_count: number }>(
      `SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name`,
    );
    expect(rows.map((r) => [r.migration_name, r.checksum])).toEqual(listMigrations().map((m) => [m.name, m.checksum]));
    for (const r of rows) {
      expect(r.finished_at).not.toBeNull();
      expect(r.applied_steps_count).toBe(1);
      expect(r.checksum).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it.runIf(onPostgres)('two replicas migrating at once apply each migration once', async () => {
    const db = await createDatabase();
    const second = await pgRunner(db.url);
    const third = await pgRunner(db.url);
    atEnd(async () => {
      await second.close();
      await third.close();
      await db.drop();
    });
    const [a, b] = await Promise.all([migrate(second), migrate(third)]);
    expect([...a.applied, ...b.applied].sort()).toEqual(listMigrations().map((m) => m.name));
    const count = await second.query<{ n: string }>(`SELECT count(*)::text AS n FROM "_prisma_migrations"`);
    expect(Number(count[0]?.n)).toBe(listMigrations().length);
  });
});

describe('append-only audit', () => {
  async function withEvent(): Promise<SqlRunner> {
    const db = await emptyDb();
    await migrate(db);
    await db.exec(`
      INSERT INTO agency (id, code, name) VALUES ('00000000-0000-0000-0000-000000000001', 'A', 'Agency');
      INSERT INTO report (id, agency_id, tracking_id, title, body, category, received_at, updated_at)
        VALUES ('00000000-0000-0000-0000-000000000002', '00000000-0000-0000-0000-000000000001', 'T1', 't', 'b', 'informasi', now(), now());
      INSERT INTO report_event (report_id, actor_label, action, source) VALUES ('00000000-0000-0000-0000-000000000002', 'Budi', 'claimed', 'cli');
      INSERT INTO audit_event (actor_label, action) VALUES ('Budi', 'role_granted');`);
    return db;
  }

  it.each([
    ['UPDATE report_event SET action = $$forged$$', /append-only table report_event: UPDATE/],
    ['DELETE FROM report_event', /append-only table report_event: DELETE/],
    ['TRUNCATE report_event', /append-only table report_event: TRUNCATE/],
    ['UPDATE audit_event SET action = $$forged$$', /append-only table audit_event: UPDATE/],
    ['DELETE FROM audit_event', /append-only table audit_event: DELETE/],
    ['TRUNCATE audit_event', /append-only table audit_event: TRUNCATE/],
  ])('rejects %s', async (sql, message) => {
    const db = await withEvent();
    await expect(db.exec(sql)).rejects.toThrow(message);
    const events = await db.query<{ action: string }>('SELECT action FROM report_event UNION ALL SELECT action FROM audit_event');
    expect(events.map((e) => e.action).sort()).toEqual(['claimed', 'role_granted']);
  });

  it('still accepts new events', async () => {
    const db = await withEvent();
    await db.exec(`INSERT INTO audit_event (actor_label, action) VALUES ('Siti', 'chat_bound')`);
    const rows = await db.query<{ n: string }>('SELECT count(*)::text AS n FROM audit_event');
    expect(rows[0]?.n).toBe('2');
  });
});
