/**
 * The deadline sweep's statements (deadline-sweep.ts plans and renders): which units have work,
 * the unit locks, the locked read of a batch's due reminders, the units' overdue digests, the bulk
 * reminder update, the digest bookkeeping and the bulk outbox insert. Each takes or returns plain
 * rows so that a batch costs a fixed number of statements whatever its size.
 */
import type { LocalDate } from '../../domain/types.js';
import { Prisma, type Platform } from '../../generated/prisma/client.js';
import type { OutMessage } from '../../lib/message.js';
import type { ServiceContext } from '../../services/context.js';
import type { Tx } from '../../services/report-row.js';
import type { DigestLineColumns } from './late-lists-sql.js';
import { storedMaskSql } from './masked-titles.js';

export interface DueRow extends DigestLineColumns {
  category: string;
  status: string;
  last_nudged_on: Date | string | null;
  unit_id: string;
  unit_code: string;
  agency_id: string;
}

/** One report's new reminder (and a freshly made title mask), as JSON for one UPDATE each. */
export interface ReminderUpdate {
  id: string;
  next: string | null;
  stage: string | null;
  nudged: string | null;
  tm: string | null;
  tmf: string | null;
}

/** One outbox row, as JSON for one INSERT. */
export interface OutboxRow {
  platform: Platform;
  target: string;
  threadId: string;
  purpose: 'nudge' | 'digest';
  payload: OutMessage;
  reportId: string | null;
}

/** A unit with work for this run: due reminder rows, and/or an overdue digest possibly owed today. */
export interface DueUnit {
  unitId: string;
  agencyId: string;
  /** Reports whose reminder time has passed. */
  ids: string[];
  /** The unit has open late reports and no overdue digest for `today` yet (checked again under its lock). */
  late: boolean;
}

const OPEN = Prisma.sql`('BELUM_DITINDAKLANJUTI', 'PROSES')`;

/**
 * Every unit with work for this run, in one statement: the due reminder rows (report_reminder's
 * next_reminder_at index, each report looked up by primary key), and — when `today` is given, i.e.
 * an overdue digest may go out now — the units with an open report due before `startOfToday`
 * (report(unit_id, status, due_at) index, one probe per unit) whose digest for `today` is not sent.
 * `stale`: due rows whose report is no longer open (left by an import or a hand edit), to clear.
 */
export async function dueUnits(ctx: ServiceContext, now: Date, today: LocalDate | null, startOfToday: Date): Promise<{ units: DueUnit[]; stale: string[] }> {
  const late = today === null
    ? Prisma.sql`SELECT NULL::uuid AS unit_id WHERE false`
    : Prisma.sql`
      SELECT u.id AS unit_id FROM unit u
      WHERE NOT EXISTS (SELECT 1 FROM unit_reminder ur WHERE ur.unit_id = u.id AND ur.overdue_nudged_on >= ${today}::date)
        AND EXISTS (SELECT 1 FROM report r WHERE r.unit_id = u.id AND r.status IN ${OPEN} AND r.due_at < ${startOfToday}::timestamptz)`;
  // The scalar subquery looks each due row's report up by primary key: with the reminder table's
  // statistics lagging behind a morning's updates, a join may be planned as a scan of all open reports.
  const rows = await ctx.db.$queryRaw<{ unit_id: string | null; agency_id: string | null; ids: string | null; late: boolean }[]>`
    WITH due AS (
      SELECT rr.report_id AS id, (SELECT r.unit_id FROM report r WHERE r.id = rr.report_id AND r.status IN ${OPEN}) AS unit_id
      FROM report_reminder rr WHERE rr.next_reminder_at <= ${now}::timestamptz
    ), units AS (
      SELECT unit_id, string_agg(id::text, ',') AS ids FROM due WHERE unit_id IS NOT NULL GROUP BY unit_id
    ), late AS (${late})
    SELECT u.id::text AS unit_id, u.agency_id::text AS agency_id, units.ids, (late.unit_id IS NOT NULL) AS late
    FROM units FULL JOIN late ON late.unit_id = units.unit_id
    JOIN unit u ON u.id = coalesce(units.unit_id, late.unit_id)
    UNION ALL
    SELECT NULL, NULL, string_agg(id::text, ','), false FROM due WHERE unit_id IS NULL HAVING count(*) > 0`;
  const units: DueUnit[] = [];
  let stale: string[] = [];
  for (const r of rows) {
    const ids = r.ids ? r.ids.split(',') : [];
    if (r.unit_id === null) stale = ids;
    else units.push({ unitId: r.unit_id, agencyId: r.agency_id!, ids, late: r.late });
  }
  return { units, stale };
}

/**
 * Clear the reminder time of due rows whose report is not open (closed, archived, held or bounced
 * keep none), so the index only holds live work; the status is checked again here, so a report
 * reopened meanwhile keeps its reminder.
 */
export async function clearStale(ctx: ServiceContext, now: Date, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await ctx.db.$executeRaw`
    UPDATE report_reminder rr SET next_reminder_at = NULL
    WHERE rr.report_id = ANY(${`{${ids.join(',')}}`}::uuid[]) AND rr.next_reminder_at <= ${now}::timestamptz
      AND (SELECT r.status FROM report r WHERE r.id = rr.report_id) NOT IN ${OPEN}`;
}

/**
 * Namespace of the per-unit advisory lock (two-int form, apart from other locks). Row locks alone
 * would let two overlapping runs split one unit's due reports between them (SKIP LOCKED), and the
 * chat would get two digests; with the unit lock one run takes the whole unit and the other skips it.
 */
const UNIT_LOCK_CLASS = 0x5eed;

/**
 * Take the sweep lock of each unit this transaction can have now (held until it ends); returns
 * those taken. A unit another run holds is left to that run. Statements after this one see what
 * that run committed before letting go, so the checks they make (still due? digest sent today?)
 * are made afresh.
 */
export async function lockUnits(tx: Tx, unitIds: string[]): Promise<Set<string>> {
  if (unitIds.length === 0) return new Set();
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT u.id::text AS id FROM unnest(${`{${unitIds.join(',')}}`}::uuid[]) AS u(id)
    WHERE pg_try_advisory_xact_lock(${UNIT_LOCK_CLASS}::int, hashtext(u.id::text))`;
  return new Set(rows.map((r) => r.id));
}

/**
 * The due rows of a batch, locked, with all the digest needs: unit code, claimant, and the stored
 * title mask when still valid (else the title and reporter name to mask it afresh). Looked up by
 * primary key; being due is checked again under the lock, so a row an overlapping run has just
 * handled (or holds: SKIP LOCKED) is left out. Only the reminder rows are locked: every writer of
 * a report's reminder (a transition, an import) writes that row, so it waits for this batch and
 * its own value wins, or holds it and the report is left to the next run. The ids must belong to
 * units this transaction has locked (lockUnits).
 */
export function selectDue(tx: Tx, now: Date, ids: string[]): Promise<DueRow[]> {
  const mask = storedMaskSql('r', 'rp');
  return tx.$queryRaw<DueRow[]>`
    SELECT r.id::text AS id, r.tracking_id, r.category, r.status::text AS status, r.due_date, due.last_nudged_on,
           r.unit_id::text AS unit_id, u.code AS unit_code, r.agency_id::text AS agency_id,
           p.name AS claimant_name, p.telegram_username AS claimant_username, p.whatsapp AS claimant_whatsapp,
           m.masked AS title_masked,
           CASE WHEN m.masked IS NULL THEN r.title END AS title,
           CASE WHEN m.masked IS NULL THEN rp.name END AS reporter_name
    FROM (
      SELECT rr.report_id AS id, rr.last_nudged_on
      FROM report_reminder rr JOIN report r ON r.id = rr.report_id
      WHERE rr.report_id = ANY(${`{${ids.join(',')}}`}::uuid[])
        AND rr.next_reminder_at <= ${now}::timestamptz AND r.status IN ${OPEN} AND r.unit_id IS NOT NULL
      FOR UPDATE OF rr SKIP LOCKED
    ) due
    JOIN report r ON r.id = due.id
    JOIN unit u ON u.id = r.unit_id
    LEFT JOIN person p ON p.id = r.claimed_by_id
    LEFT JOIN reporter rp ON rp.report_id = r.id
    CROSS JOIN LATERAL (SELECT ${mask} AS masked) m`;
}

/** Record that the units' overdue digests for `today` are queued (in the batch's transaction). */
export async function markOverdueDigests(tx: Tx, unitIds: string[], today: LocalDate): Promise<void> {
  if (unitIds.length === 0) return;
  await tx.$executeRaw`
    INSERT INTO unit_reminder (unit_id, overdue_nudged_on)
    SELECT u.id, ${today}::date FROM unnest(${`{${unitIds.join(',')}}`}::uuid[]) AS u(id)
    ON CONFLICT (unit_id) DO UPDATE SET overdue_nudged_on = EXCLUDED.overdue_nudged_on`;
}

/**
 * Every reminder of the batch in ONE statement on the narrow report_reminder table. A row without
 * a stage keeps its stage and last nudge date. Fresh title masks (rare) go to their reports in
 * one more statement; a report another transaction holds keeps its stale mask, which is only a
 * cache (the next run masks it again), rather than wait on a lock here.
 */
export async function saveReminders(tx: Tx, updates: ReminderUpdate[]): Promise<void> {
  const reminders = updates.map(({ id, next, stage, nudged }) => ({ id, next, stage, nudged }));
  await tx.$executeRaw`
    UPDATE report_reminder rr SET
      next_reminder_at = u.next,
      stage = CASE WHEN u.stage IS NULL THEN rr.stage ELSE u.stage END,
      last_nudged_on = CASE WHEN u.stage IS NULL THEN rr.last_nudged_on ELSE u.nudged END
    FROM json_to_recordset(${JSON.stringify(reminders)}::json) AS u(id uuid, next timestamptz, stage text, nudged date)
    WHERE rr.report_id = u.id`;
  const masks = updates.filter((u) => u.tmf !== null).map(({ id, tm, tmf }) => ({ id, tm, tmf }));
  if (masks.length === 0) return;
  await tx.$executeRaw`
    UPDATE report r SET title_masked = u.tm, title_masked_from = u.tmf
    FROM json_to_recordset(${JSON.stringify(masks)}::json) AS u(id uuid, tm text, tmf text)
    WHERE r.id = u.id AND r.id IN (SELECT id FROM report WHERE id = ANY(${`{${masks.map((m) => m.id).join(',')}}`}::uuid[]) FOR UPDATE SKIP LOCKED)`;
}

/** Queue the rows in ONE INSERT, in the order given (a digest's parts go out in order). */
export async function insertOutboxRows(tx: Tx, out: OutboxRow[]): Promise<void> {
  if (out.length === 0) return;
  // WITH ORDINALITY keeps the ids in the order built here.
  await tx.$executeRaw`
    INSERT INTO outbox (platform, target, thread_id, kind, purpose, payload, report_id)
    SELECT o."platform", o."target", o."threadId", 'send', o."purpose", o."payload", o."reportId"
    FROM ROWS FROM (json_to_recordset(${JSON.stringify(out)}::json) AS ("platform" platform, "target" text, "threadId" text, "purpose" text, "payload" jsonb, "reportId" uuid))
      WITH ORDINALITY AS o("platform", "target", "threadId", "purpose", "payload", "reportId", n)
    ORDER BY o.n`;
}
