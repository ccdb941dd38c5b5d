/**
 * The report_reminder migration moves the reminder columns out of `report` with their values:
 * a database at the migration before it, holding reports, keeps every reminder after it.
 */
import { describe, expect, it } from 'vitest';
import { emptyDb, migrateUpTo } from '../helpers/empty-db.js';

const AGENCY = '00000000-0000-4000-8000-000000000001';
const id = (n: number): string => `00000000-0000-4000-8000-0000000000a${n}`;

describe('report_reminder migration', () => {
  it('copies each report with reminder state into report_reminder and drops the old columns', async () => {
    const db = await emptyDb();
    const migration = await migrateUpTo(db, /_report_reminder$/);
    await db.exec(`INSERT INTO agency (id, code, name) VALUES ('${AGENCY}', 'BKN', 'Badan Kepegawaian Negara')`);
    const report = (n: number, next: string | null, stage: string | null, nudged: string | null): Promise<unknown> =>
      db.query(
        `INSERT INTO report (id, agency_id, tracking_id, title, body, category, received_at, updated_at, next_reminder_at, reminder_stage, last_nudged_on)
         VALUES ($1, $2, $3, 'Judul', 'Isi', 'normatif', now(), now(), $4::timestamptz, $5, $6::date)`,
        [id(n), AGENCY, String(1000 + n), next, stage, nudged],
      );
    await report(1, '2026-03-04T01:00:00.000Z', 'monitoring', '2026-03-03');
    await report(2, null, 'overdue', '2026-04-06'); // closed after its last nudge
    await report(3, '2026-03-05T01:00:00.000Z', null, null); // disposed, nothing sent yet
    await report(4, null, null, null); // never at a unit

    await db.exec(migration.sql);

    const rows = await db.query<{ report_id: string; next: string | null; stage: string | null; nudged: string | null }>(
      `SELECT report_id::text, to_char(next_reminder_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI') AS next, stage, last_nudged_on::text AS nudged
       FROM report_reminder ORDER BY report_id`,
    );
    expect(rows).toEqual([
      { report_id: id(1), next: '2026-03-04T01:00', stage: 'monitoring', nudged: '2026-03-03' },
      { report_id: id(2), next: null, stage: 'overdue', nudged: '2026-04-06' },
      { report_id: id(3), next: '2026-03-05T01:00', stage: null, nudged: null },
    ]);
    const left = await db.query(
      `SELECT column_name FROM information_schema.columns WHERE table_name = 'report' AND column_name IN ('next_reminder_at', 'reminder_stage', 'last_nudged_on')`,
    );
    expect(left).toEqual([]);
    // Deleting a report takes its reminder with it.
    await db.exec(`DELETE FROM report WHERE id = '${id(4)}'; DELETE FROM report WHERE id = '${id(3)}'`);
    expect(await db.query(`SELECT 1 FROM report_reminder WHERE report_id = '${id(3)}'`)).toEqual([]);
  });
});
