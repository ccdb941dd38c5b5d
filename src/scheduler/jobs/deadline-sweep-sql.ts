/**
 * The deadline sweep's statements (deadline-sweep.ts plans and renders): what is due, the locked
 * read of a batch, the bulk reminder update and the bulk outbox insert. Each takes or returns plain
 * rows so that a batch costs a fixed number of statements whatever its size.
 */
import type { Platform } from '../../generated/prisma/client.js';
import type { OutMessage } from '../../lib/message.js';
import type { ServiceContext } from '../../services/context.js';
import type { Tx } from '../../services/report-row.js';
import { storedMaskSql } from './masked-titles.js';

export interface DueRow {
  id: string;
  tracking_id: string;
  category: string;
  status: string;
  due_date: Date | string | null;
  last_nudged_on: Date | string | null;
  unit_id: string;
  unit_code: string;
  agency_id: string;
  claimant_name: string | null;
  claimant_username: string | null;
  /** The stored masked title when it is still valid; otherwise null and the next two are set. */
  title_masked: string | null;
  title: string | null;
  reporter_name: string | null;
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

/**
 * Every due report (the "what is due" query: report_reminder's next_reminder_at index, then the
 * report by primary key, one pass), grouped by unit
 * and packed into batches of whole units of about `batch` reports each (a unit with more is a batch
 * of its own), as lists of report ids.
 */
export async function dueBatches(ctx: ServiceContext, now: Date, batch: number): Promise<string[][]> {
  const units = await ctx.db.$queryRaw<{ ids: string }[]>`
    SELECT string_agg(r.id::text, ',') AS ids
    FROM report_reminder rr JOIN report r ON r.id = rr.report_id
    WHERE rr.next_reminder_at <= ${now}::timestamptz AND r.status IN ('BELUM_DITINDAKLANJUTI', 'PROSES') AND r.unit_id IS NOT NULL
    GROUP BY r.unit_id`;
  const batches: string[][] = [];
  let current: string[] = [];
  for (const u of units) {
    const ids = u.ids.split(',');
    if (current.length > 0 && current.length + ids.length > batch) {
      batches.push(current);
      current = [];
    }
    for (const id of ids) current.push(id);
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

/**
 * The due rows of a batch, locked, with all the digest needs: unit code, claimant, and the stored
 * title mask when still valid (else the title and reporter name to mask it afresh). Looked up by
 * primary key; being due is checked again under the lock, so a row an overlapping run has just
 * handled (or holds: SKIP LOCKED) is left out. Only the reminder rows are locked: every writer of
 * a report's reminder (a transition, an import) writes that row, so it waits for this batch and
 * its own value wins, or holds it and the report is left to the next run.
 */
/**
 * Namespace of the per-unit advisory lock (two-int form, apart from other locks). Row locks alone
 * would let two overlapping runs split one unit's due reports between them (SKIP LOCKED), and the
 * chat would get two digests; with the unit lock one run takes the whole unit and the other skips it.
 */
const UNIT_LOCK_CLASS = 0x5eed;

export function selectDue(tx: Tx, now: Date, ids: string[]): Promise<DueRow[]> {
  const mask = storedMaskSql('r', 'rp');
  return tx.$queryRaw<DueRow[]>`
    SELECT r.id::text AS id, r.tracking_id, r.category, r.status::text AS status, r.due_date, due.last_nudged_on,
           r.unit_id::text AS unit_id, u.code AS unit_code, r.agency_id::text AS agency_id,
           p.name AS claimant_name, p.telegram_username AS claimant_username,
           m.masked AS title_masked,
           CASE WHEN m.masked IS NULL THEN r.title END AS title,
           CASE WHEN m.masked IS NULL THEN rp.name END AS reporter_name
    FROM (
      SELECT rr.report_id AS id, rr.last_nudged_on
      FROM report_reminder rr JOIN report r ON r.id = rr.report_id
      WHERE rr.report_id = ANY(${`{${ids.join(',')}}`}::uuid[])
        AND rr.next_reminder_at <= ${now}::timestamptz AND r.status IN ('BELUM_DITINDAKLANJUTI', 'PROSES') AND r.unit_id IS NOT NULL
        AND pg_try_advisory_xact_lock(${UNIT_LOCK_CLASS}::int, hashtext(r.unit_id::text))
      FOR UPDATE OF rr SKIP LOCKED
    ) due
    JOIN report r ON r.id = due.id
    JOIN unit u ON u.id = r.unit_id
    LEFT JOIN person p ON p.id = r.claimed_by_id
    LEFT JOIN reporter rp ON rp.report_id = r.id
    CROSS JOIN LATERAL (SELECT ${mask} AS masked) m`;
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
