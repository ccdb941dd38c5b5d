/**
 * The report_first_responded_at migration adds the first response ever and fills it from what a
 * database at the migration before it holds: the earliest response in the history (also one made
 * before a bounce or a re-route, whose first_response_at was cleared since), else the report's own
 * first_response_at (imported reports without history).
 */
import { describe, expect, it } from 'vitest';
import { emptyDb, migrateUpTo } from '../helpers/empty-db.js';

const AGENCY = '00000000-0000-4000-8000-000000000001';
const id = (n: number): string => `00000000-0000-4000-8000-0000000000a${n}`;

describe('report_first_responded_at migration', () => {
  it('fills first_responded_at with the earliest response of the report or its history', async () => {
    const db = await emptyDb();
    const migration = await migrateUpTo(db, /_report_first_responded_at$/);
    await db.exec(`INSERT INTO agency (id, code, name) VALUES ('${AGENCY}', 'BKN', 'Badan Kepegawaian Negara')`);
    const report = (n: number, firstResponse: string | null, bounces = 0): Promise<unknown> =>
      db.query(
        `INSERT INTO report (id, agency_id, tracking_id, title, body, category, received_at, updated_at, first_response_at, bounce_count)
         VALUES ($1, $2, $3, 'Judul', 'Isi', 'normatif', '2026-03-02T01:00:00Z', now(), $4::timestamptz, $5)`,
        [id(n), AGENCY, String(1000 + n), firstResponse, bounces],
      );
    const event = (n: number, action: string, atIso: string): Promise<unknown> =>
      db.query(`INSERT INTO report_event (report_id, actor_label, action, source, at) VALUES ($1, 'Ani', $2, 'telegram', $3::timestamptz)`, [id(n), action, atIso]);

    // 1: responded, then re-routed to another unit (no bounce), answered there: the first response counts.
    await report(1, '2026-03-06T03:00:00Z');
    await event(1, 'responded', '2026-03-03T03:00:00Z');
    await event(1, 'rerouted', '2026-03-04T03:00:00Z');
    await event(1, 'followed_up', '2026-03-06T03:00:00Z');
    // 2: responded, bounced ("bukan wewenang"), now waiting for a unit: first_response_at is gone.
    await report(2, null, 1);
    await event(2, 'responded', '2026-03-03T05:00:00Z');
    await event(2, 'bounced', '2026-03-04T05:00:00Z');
    // 3: imported with a response time and no response in its history.
    await report(3, '2026-03-05T01:00:00Z');
    await event(3, 'received', '2026-03-02T01:00:00Z');
    // 4: never responded; only a verification in its history.
    await report(4, null);
    await event(4, 'verified', '2026-03-02T02:00:00Z');
    // 5: closed with its answer in one step (the event is 'closed').
    await report(5, '2026-03-04T07:00:00Z');
    await event(5, 'closed', '2026-03-04T07:00:00Z');

    await db.exec(migration.sql);

    const rows = await db.query<{ id: string; first: string | null }>(
      `SELECT id::text, to_char(first_responded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI') AS first FROM report ORDER BY id`,
    );
    expect(rows).toEqual([
      { id: id(1), first: '2026-03-03T03:00' },
      { id: id(2), first: '2026-03-03T05:00' },
      { id: id(3), first: '2026-03-05T01:00' },
      { id: id(4), first: null },
      { id: id(5), first: '2026-03-04T07:00' },
    ]);
  });
});
