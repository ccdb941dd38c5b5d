/**
 * `penghubung dev generate`: the generated data obeys the state machine's invariants and the SLA
 * (deadlines equal computeDeadline of the disposition), is deterministic for a seed, and the CLI
 * refuses PGlite and a second data set with the same seed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import pg from 'pg';
import { runCli } from '../../src/cli.js';
import { computeDeadline } from '../../src/domain/sla.js';
import type { Category } from '../../src/domain/types.js';
import { generateDataset, type GenerateResult } from '../../src/dev/generate.js';
import { officialCalendar } from '../../src/services/calendar-source.js';
import { createDatabase } from '../helpers/pg.js';

const onPostgres = inject('pgTemplate') !== null;
const cal = officialCalendar({ timeZone: 'Asia/Jakarta', cutiBersamaIsWorkday: false });
const AS_OF = new Date('2026-06-10T05:00:00Z'); // Wednesday 12:00 WIB

let db: { url: string; drop(): Promise<void> };
let client: pg.Client;
let result: GenerateResult;

async function rows<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
  return (await client.query<T>(sql, params)).rows;
}

beforeAll(async () => {
  if (!onPostgres) return;
  db = await createDatabase(inject('pgTemplate')!);
  result = await generateDataset({ url: db.url, seed: 11, reports: 3000, agencies: 4, units: 12, years: 1, asOf: AS_OF, calendar: cal, chunk: 700 });
  client = new pg.Client({ connectionString: db.url });
  await client.connect();
}, 120_000);

afterAll(async () => {
  if (!onPostgres) return;
  await client?.end();
  await db?.drop();
});

describe.runIf(onPostgres)('dev generate', () => {
  it('writes the directory and every report with its reporter and history', async () => {
    expect(result).toMatchObject({ agencies: 4, units: 12, reports: 3000, reporters: 3000 });
    const [c] = await rows<{ r: number; p: number; e: number; u: number; ch: number; roles: number }>(
      `SELECT (SELECT count(*)::int FROM report) r, (SELECT count(*)::int FROM reporter) p, (SELECT count(*)::int FROM report_event) e,
              (SELECT count(*)::int FROM unit) u, (SELECT count(*)::int FROM chat) ch, (SELECT count(*)::int FROM role_assignment WHERE state = 'APPROVED') roles`);
    expect(c).toMatchObject({ r: 3000, p: 3000, e: result.events, u: 12, ch: 12 + 4 });
    expect(c!.roles).toBe(result.people);
    // Every unit has a few liaison officers.
    const perUnit = await rows<{ n: number }>(`SELECT count(*)::int n FROM role_assignment WHERE role = 'penghubung' GROUP BY unit_id`);
    expect(perUnit).toHaveLength(12);
    for (const u of perUnit) expect(u.n).toBeGreaterThanOrEqual(2);
  });

  it('has every status, mostly Selesai, received within the years before asOf', async () => {
    const mix = Object.fromEntries((await rows<{ status: string; n: number }>(`SELECT status, count(*)::int n FROM report GROUP BY 1`)).map((r) => [r.status, r.n]));
    for (const s of ['BELUM_TERVERIFIKASI', 'BELUM_DITINDAKLANJUTI', 'PROSES', 'SELESAI', 'TUNDA', 'ARSIP']) expect(mix[s], s).toBeGreaterThan(0);
    expect(mix.SELESAI).toBeGreaterThan(3000 * 0.5);
    const [span] = await rows<{ min: Date; max: Date }>(`SELECT min(received_at) min, max(received_at) max FROM report`);
    expect(span!.max.getTime()).toBeLessThanOrEqual(AS_OF.getTime());
    expect(span!.min.getTime()).toBeGreaterThan(AS_OF.getTime() - 370 * 86_400_000);
    const [late] = await rows<{ n: number }>(`SELECT count(*)::int n FROM report_event WHERE at > $1`, [AS_OF]);
    expect(late!.n).toBe(0);
  });

  it('keeps the state machine invariants and history order', async () => {
    const bad = await rows<{ tracking_id: string; status: string }>(`
      SELECT tracking_id, status FROM report r LEFT JOIN report_reminder rr ON rr.report_id = r.id WHERE
        (status = 'BELUM_TERVERIFIKASI' AND unit_id IS NOT NULL) OR
        (status IN ('BELUM_DITINDAKLANJUTI', 'PROSES') AND (unit_id IS NULL OR disposed_at IS NULL OR due_at IS NULL OR (next_reminder_at IS NULL AND due_at >= $1))) OR
        (status = 'BELUM_DITINDAKLANJUTI' AND first_response_at IS NOT NULL) OR
        (status = 'PROSES' AND first_response_at IS NULL) OR
        (status = 'SELESAI' AND (follow_up_at IS NULL OR closed_at IS NULL)) OR
        (status IN ('SELESAI', 'ARSIP', 'TUNDA', 'BELUM_TERVERIFIKASI') AND next_reminder_at IS NOT NULL) OR
        (claimed_by_id IS NOT NULL AND unit_id IS NULL) OR
        (rating IS NOT NULL AND status <> 'SELESAI')`, [AS_OF]);
    expect(bad).toEqual([]);
    // The last event's status is the report's status; the first is always 'received'.
    const mismatch = await rows(`
      SELECT r.tracking_id FROM report r
      JOIN LATERAL (SELECT after->>'status' s FROM report_event e WHERE e.report_id = r.id ORDER BY e.at DESC, e.id DESC LIMIT 1) last ON true
      JOIN LATERAL (SELECT action FROM report_event e WHERE e.report_id = r.id ORDER BY e.at, e.id LIMIT 1) first ON true
      WHERE last.s <> r.status::text OR first.action <> 'received'`);
    expect(mismatch).toEqual([]);
    // Claimants are officers of the report's unit.
    const strangers = await rows(`
      SELECT r.tracking_id FROM report r WHERE r.claimed_by_id IS NOT NULL AND NOT EXISTS (
        SELECT 1 FROM role_assignment g WHERE g.person_id = r.claimed_by_id AND g.unit_id = r.unit_id AND g.role = 'penghubung')`);
    expect(strangers).toEqual([]);
  });

  it('computes deadlines with the SLA function of the disposition day', async () => {
    const sample = await rows<{ category: Category; disposed_at: Date; due_date: Date; due_at: Date }>(
      `SELECT category, disposed_at, due_date, due_at FROM report WHERE disposed_at IS NOT NULL ORDER BY tracking_id LIMIT 300`);
    expect(sample.length).toBeGreaterThan(100);
    for (const r of sample) {
      const d = computeDeadline(r.disposed_at, r.category, cal);
      expect(r.due_date.toISOString().slice(0, 10)).toBe(d.dueDate);
      expect(r.due_at.getTime()).toBe(d.dueAt.getTime());
    }
    // Open reports are reminded after asOf; late ones had their due-day nudge and, once their
    // unit's overdue digest has listed them (well past the due date here), are parked.
    const [open] = await rows<{ early: number; late: number; overdue_wrong: number; not_parked: number; no_digest: number }>(`
      SELECT count(*) FILTER (WHERE rr.next_reminder_at <= $1)::int early,
             count(*) FILTER (WHERE due_at < $1)::int late,
             count(*) FILTER (WHERE due_at < $1 AND (rr.stage IS DISTINCT FROM 'due_day' OR rr.last_nudged_on IS DISTINCT FROM r.due_date))::int overdue_wrong,
             count(*) FILTER (WHERE due_at < $1 - interval '10 days' AND rr.next_reminder_at IS NOT NULL)::int not_parked,
             count(*) FILTER (WHERE due_at < $1 - interval '10 days' AND NOT EXISTS (SELECT 1 FROM unit_reminder ur WHERE ur.unit_id = r.unit_id))::int no_digest
      FROM report r LEFT JOIN report_reminder rr ON rr.report_id = r.id WHERE status IN ('BELUM_DITINDAKLANJUTI', 'PROSES')`, [AS_OF]);
    expect(open!.late).toBeGreaterThan(0);
    expect({ ...open, late: 0 }).toEqual({ early: 0, late: 0, overdue_wrong: 0, not_parked: 0, no_digest: 0 });
  });

  it('keeps the first response ever, even after a bounce', async () => {
    const [c] = await rows<{ bad: number; bounced: number }>(`
      SELECT count(*) FILTER (WHERE (first_response_at IS NOT NULL AND (first_responded_at IS NULL OR first_responded_at > first_response_at))
                                 OR (first_responded_at IS NOT NULL AND first_responded_at IS DISTINCT FROM (
                                   SELECT min(e.at) FROM report_event e WHERE e.report_id = r.id AND e.action IN ('responded', 'followed_up', 'closed'))))::int bad,
             count(*) FILTER (WHERE bounce_count > 0 AND first_responded_at IS NOT NULL)::int bounced
      FROM report r`);
    expect(c!.bad).toBe(0);
    expect(c!.bounced).toBeGreaterThan(0);
  });

  it('writes reports in the order received, vacuumed, so a period is a narrow range of the table', async () => {
    // Tracking ids follow receipt, and the heap follows both (physical order ≈ received_at).
    const [o] = await rows<{ out_of_order: number; correlation: number; all_visible: number; pages: number }>(`
      SELECT (SELECT count(*)::int FROM (SELECT received_at < lag(received_at) OVER (ORDER BY tracking_id) AS back FROM report) x WHERE back) out_of_order,
             (SELECT correlation FROM pg_stats WHERE tablename = 'report' AND attname = 'received_at') correlation,
             (SELECT relallvisible FROM pg_class WHERE relname = 'report') all_visible,
             (SELECT relpages FROM pg_class WHERE relname = 'report') pages`);
    expect(o!.out_of_order).toBe(0);
    expect(o!.correlation).toBeGreaterThan(0.9);
    expect(o!.all_visible).toBe(o!.pages);
  });

  it('is deterministic for a seed', async () => {
    const other = await createDatabase(inject('pgTemplate')!);
    try {
      await generateDataset({ url: other.url, seed: 11, reports: 3000, agencies: 4, units: 12, years: 1, asOf: AS_OF, calendar: cal, chunk: 1000 });
      const digest = async (c: pg.Client) =>
        (await c.query<{ h: string }>(`SELECT md5(string_agg(id::text || tracking_id || status || coalesce(unit_id::text, '') || coalesce(due_at::text, ''), ',' ORDER BY tracking_id)) h FROM report`)).rows[0]!.h;
      const c2 = new pg.Client({ connectionString: other.url });
      await c2.connect();
      try {
        expect(await digest(c2)).toBe(await digest(client));
      } finally {
        await c2.end();
      }
    } finally {
      await other.drop();
    }
  }, 120_000);

  it('refuses a second data set with the same seed, through the CLI', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(['dev', 'generate', '--reports', '10', '--agencies', '1', '--units', '1', '--seed', '11'], { out: (l) => out.push(l), err: (l) => err.push(l) }, { DATABASE_URL: db.url, LOG_LEVEL: 'silent', CONSOLE: 'false' });
    expect(code).toBe(2);
    expect(err.join('\n')).toMatch(/seed 11 is already in this database/);
  });
});

describe('dev generate on PGlite', () => {
  it('refuses with a clear message and writes nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'penghubung-gen-'));
    try {
      const err: string[] = [];
      const code = await runCli(['dev', 'generate', '--reports', '10'], { out: () => {}, err: (l) => err.push(l) }, { PGLITE_DIR: join(dir, 'db'), LOG_LEVEL: 'silent', CONSOLE: 'false' });
      expect(code).toBe(2);
      expect(err.join('\n')).toMatch(/needs PostgreSQL: set DATABASE_URL/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rejects bad numbers as usage errors', async () => {
    const err: string[] = [];
    const code = await runCli(['dev', 'generate', '--reports', 'lots'], { out: () => {}, err: (l) => err.push(l) }, { DATABASE_URL: 'postgresql://nobody@127.0.0.1:1/none', LOG_LEVEL: 'silent', CONSOLE: 'false' });
    expect(code).toBe(2);
    expect(err.join('\n')).toMatch(/--reports must be a whole number/);
  });
});
