/**
 * `penghubung dev generate`: a seeded, realistic national-scale data set written straight into
 * PostgreSQL with COPY — agencies, units, officers, chats, and reports in every status spread
 * over several years with their reporters and history. Used by `npm run bench` and for trying
 * the bot at scale. PostgreSQL only (PGlite is single-process and would take hours).
 *
 * Pipeline: reports are generated in chunks; a chunk's reports are COPYed on one connection
 * while its reporters and events follow on two others (they reference the committed reports),
 * and the next chunk is generated meanwhile.
 */
import pg from 'pg';
import type { WorkingCalendar } from '../domain/calendar.js';
import { addDays } from '../domain/local-date.js';
import { overdueDigestDay } from '../domain/nudge-plan.js';
import { copyInto, copyLine, esc } from './copy.js';
import { DayTable } from './day-table.js';
import { codePrefix, generateDirectory, type Directory } from './directory.js';
import { Prng, Weighted } from './prng.js';
import { EVENT_COLUMNS, generateReport, receiptMoments, REMINDER_COLUMNS, REPORT_COLUMNS, REPORTER_COLUMNS, type ReportContext } from './report-rows.js';

export interface GenerateOptions {
  /** PostgreSQL URL of a migrated database. */
  url: string;
  seed: number;
  reports: number;
  agencies: number;
  units: number;
  /** Years of history ending at `asOf`. */
  years: number;
  /** The data set's "now": reports are received before it and their stories cut at it. */
  asOf: Date;
  calendar: WorkingCalendar;
  /** Reports per chunk (default 20,000). */
  chunk?: number;
  onProgress?: (p: GenerateProgress) => void;
}

export interface GenerateProgress {
  reports: number;
  total: number;
  rows: number;
  seconds: number;
}

export interface GenerateResult {
  agencies: number;
  units: number;
  people: number;
  chats: number;
  reports: number;
  reporters: number;
  events: number;
  rows: number;
  seconds: number;
  rowsPerSecond: number;
  reportsPerSecond: number;
  /** Tracking ids run from firstTracking to firstTracking + reports - 1. */
  firstTracking: number;
  agencyCodes: string[];
}

/** Where the generated tracking ids start (7-digit LAPOR!-style numbers). */
export const FIRST_TRACKING = 1_000_000;

export class GenerateRefused extends Error {
  override readonly name = 'GenerateRefused';
}

const yieldToIo = (): Promise<void> => new Promise((r) => setImmediate(r));

export async function generateDataset(opts: GenerateOptions): Promise<GenerateResult> {
  const started = Date.now();
  const clients = [0, 1, 2].map(() => new pg.Client({ connectionString: opts.url }));
  await Promise.all(clients.map((c) => c.connect()));
  const [main, evConn, repConn] = clients as [pg.Client, pg.Client, pg.Client];
  try {
    const prefix = codePrefix(opts.seed);
    const taken = await main.query('SELECT 1 FROM agency WHERE code LIKE $1 LIMIT 1', [`${prefix}%`]);
    if (taken.rowCount) throw new GenerateRefused(`a data set with seed ${opts.seed} is already in this database (agency codes ${prefix}…); use another --seed or a fresh database`);
    for (const c of clients) await c.query('SET synchronous_commit = off');
    await skipTriggers(clients);

    const dir = generateDirectory({ seed: opts.seed, agencies: opts.agencies, units: opts.units });
    const dirRows = await writeDirectory(main, dir);

    const last = opts.calendar.toLocalDate(opts.asOf);
    const first = addDays(last, -Math.round(opts.years * 365));
    const days = new DayTable(opts.calendar, first, last);
    // Volume grows over the years (LAPOR! use keeps rising); weekends see about a third.
    const n = days.reportDays;
    const dayPicker = new Weighted(Array.from({ length: n }, (_, i) => i), Array.from({ length: n }, (_, i) => (1 + i / n) * (days.working[i] ? 1 : 0.35)));
    const ctx: ReportContext = { rng: new Prng(opts.seed, 2), days, asOfMs: opts.asOf.getTime(), dayPicker };
    // Tracking ids and rows follow the order of receipt (see receiptMoments).
    const received = receiptMoments(new Prng(opts.seed, 3), ctx, opts.reports);

    const chunk = Math.max(1, opts.chunk ?? 20_000);
    let events = 0;
    let done = 0;
    let previous: Promise<void> = Promise.resolve();
    for (let from = 0; from < opts.reports; from += chunk) {
      const to = Math.min(opts.reports, from + chunk);
      const reports: string[] = [];
      const reminders: string[] = [];
      const reporters: string[] = [];
      const evs: string[] = [];
      let piece = { r: '', m: '', p: '', e: '' };
      for (let i = from; i < to; i++) {
        const agency = dir.agencies[dir.agencyPicker.index(ctx.rng)]!;
        const lines = generateReport(ctx, agency, String(FIRST_TRACKING + i), received[i]!);
        piece.r += lines.report;
        piece.m += lines.reminder;
        piece.p += lines.reporter;
        piece.e += lines.events;
        events += lines.eventCount;
        if ((i + 1) % 1000 === 0 || i + 1 === to) {
          reports.push(piece.r);
          reminders.push(piece.m);
          reporters.push(piece.p);
          evs.push(piece.e);
          piece = { r: '', m: '', p: '', e: '' };
          await yieldToIo(); // let the previous chunk's COPY streams move
        }
      }
      await previous; // at most one chunk in flight: bounded memory
      const reportsDone = copyInto(main, 'report', REPORT_COLUMNS, reports);
      previous = reportsDone.then(async () => {
        await Promise.all([
          copyInto(main, 'report_reminder', REMINDER_COLUMNS, reminders),
          copyInto(repConn, 'reporter', REPORTER_COLUMNS, reporters),
          copyInto(evConn, 'report_event', EVENT_COLUMNS, evs),
        ]);
        done = to;
        opts.onProgress?.({ reports: done, total: opts.reports, rows: done * 2 + events, seconds: (Date.now() - started) / 1000 });
      });
      previous.catch(() => {}); // awaited on the next round or below; avoids an unhandled rejection meanwhile
    }
    await previous;
    // VACUUM as well as ANALYZE: a freshly loaded table has an empty visibility map, so index-only
    // scans would still visit every heap page, and the first readers would pay for setting hint
    // bits. The loads committed asynchronously, and VACUUM can only set hint bits (and so mark a
    // page all-visible) once their commits are on disk: ANALYZE commits synchronously first, which
    // flushes the WAL up to it, earlier commits included.
    await writeUnitReminders(main, opts.calendar, opts.asOf);
    const tables = 'agency, unit, person, role_assignment, chat, report, report_reminder, reporter, report_event, unit_reminder';
    await main.query('SET synchronous_commit = on');
    await main.query(`ANALYZE ${tables}`);
    await main.query(`VACUUM ${tables}`);
    const seconds = (Date.now() - started) / 1000;
    const rows = dirRows + opts.reports * 2 + events;
    return {
      agencies: dir.agencies.length, units: dir.agencies.reduce((s, a) => s + a.units.length, 0), people: dir.people.length, chats: dir.chats.length,
      reports: opts.reports, reporters: opts.reports, events, rows, seconds,
      rowsPerSecond: Math.round(rows / seconds), reportsPerSecond: Math.round(opts.reports / seconds),
      firstTracking: FIRST_TRACKING, agencyCodes: dir.agencies.map((a) => a.code),
    };
  } finally {
    await Promise.all(clients.map((c) => c.end().catch(() => {})));
  }
}

/**
 * Foreign-key checks (and the append-only triggers, which only guard UPDATE/DELETE anyway) cost a
 * trigger call per row; the generated rows are consistent by construction. `replica` mode turns
 * them off for these sessions only, so nothing persists if the load is interrupted. Needs a
 * superuser; otherwise the load simply runs with the checks.
 */
async function skipTriggers(clients: pg.Client[]): Promise<boolean> {
  try {
    for (const c of clients) await c.query('SET session_replication_role = replica');
    return true;
  } catch {
    return false;
  }
}

/**
 * The units' overdue digests as if the deadline sweep had run until `asOf`: every unit with a
 * report late on the last digest day (a working day, from 08:00) had its digest that day.
 */
async function writeUnitReminders(c: pg.Client, cal: WorkingCalendar, asOf: Date): Promise<void> {
  let last = cal.toLocalDate(asOf);
  if (overdueDigestDay(asOf, cal) === null) {
    do last = addDays(last, -1);
    while (!cal.isWorkingDay(last));
  }
  await c.query(
    `INSERT INTO unit_reminder (unit_id, overdue_nudged_on)
     SELECT DISTINCT unit_id, $1::date FROM report
     WHERE status IN ('BELUM_DITINDAKLANJUTI', 'PROSES') AND unit_id IS NOT NULL AND due_at < $2`,
    [last, cal.startOfDay(last)],
  );
}

/** Agencies, units, people, roles and chats; returns the number of rows. */
async function writeDirectory(c: pg.Client, dir: Directory): Promise<number> {
  const now = new Date().toISOString();
  let rows = 0;
  rows += await copyInto(c, 'agency', ['id', 'code', 'name', 'created_at'], [dir.agencies.map((a) => copyLine([a.id, a.code, esc(a.name), now])).join('')]);
  const units = dir.agencies.flatMap((a) => a.units);
  rows += await copyInto(c, 'unit', ['id', 'agency_id', 'code', 'name', 'created_at'], [units.map((u) => copyLine([u.id, u.agencyId, u.code, esc(u.name), now])).join('')]);
  rows += await copyInto(c, 'person', ['id', 'agency_id', 'name', 'telegram_id', 'created_at'], [dir.people.map((p) => copyLine([p.id, p.agencyId, esc(p.name), p.telegramId, now])).join('')]);
  rows += await copyInto(c, 'role_assignment', ['id', 'person_id', 'agency_id', 'unit_id', 'role', 'state', 'decided_at', 'created_at'],
    [dir.roles.map((r) => copyLine([r.id, r.personId, r.agencyId, r.unitId, r.role, 'APPROVED', now, now])).join('')]);
  rows += await copyInto(c, 'chat', ['id', 'platform', 'external_id', 'agency_id', 'unit_id', 'title', 'created_at'],
    [dir.chats.map((ch) => copyLine([ch.id, 'telegram', ch.externalId, ch.agencyId, ch.unitId, esc(ch.title), now])).join('')]);
  return rows;
}
