/**
 * Deadline sweep: staged nudges (src/domain/nudge-plan.ts) to the unit chats for every open report
 * whose stored `report_reminder.next_reminder_at` has passed, answered with ONE message per chat
 * and run: a single nudge, or a digest when several reports of the unit are due (split only past
 * the length budget).
 *
 * Set-based, because the 08:00 sweep of a national deployment meets tens of thousands of due
 * reports at once: one indexed query lists what is due, grouped by unit; then per batch of whole
 * units (about BATCH reports) ONE transaction locks the reminder rows by primary key (FOR UPDATE
 * SKIP LOCKED, re-checking they are still due, so an overlapping run never nudges twice), reads
 * what the digest needs in the same query (unit code, claimant, stored masked title), plans in JS
 * (plans shared by reports with the same calendar, deadline and last nudge), saves every reminder
 * with ONE UPDATE … FROM json_to_recordset and queues every message with ONE INSERT. The reminder
 * bookkeeping lives in the narrow `report_reminder` table (primary key and next_reminder_at index
 * only), so that update never writes the wide `report` row or its many indexes; a report row is
 * written only to store a title mask made afresh (rare: titles are masked when written). No
 * per-report query, no per-report masking (titles are masked when written; masked-titles.ts), no
 * calendar per agency unless the agency has holidays of its own. A unit without a healthy chat is
 * not skipped silently: its nudges go to the Admin Instansi's chats instead.
 */
import type { WorkingCalendar } from '../../domain/calendar.js';
import { planNudge, type NudgePlan } from '../../domain/nudge-plan.js';
import type { ReportStatus } from '../../domain/types.js';
import type { Platform } from '../../generated/prisma/client.js';
import type { Logger } from '../../lib/logger.js';
import type { OutMessage } from '../../lib/message.js';
import { reportButton } from '../../messages/callback-data.js';
import { NUDGE_FOOTER, nudgeDigestBlocks, nudgeDigestHeader, singleNudgeText, splitIntoMessages, type NudgeItem } from '../../messages/nudge-text.js';
import type { ServiceContext } from '../../services/context.js';
import type { Tx } from '../../services/report-row.js';
import type { JobDefinition, JobResult } from '../job.js';
import { maskedTitle, storedMaskSql, titleMaskFingerprint } from './masked-titles.js';

/** Every 15 minutes, 07:00–16:45 office time, Monday–Friday; holidays are skipped per calendar. */
export const DEADLINE_SWEEP_CRON = '*/15 7-16 * * 1-5';
/** Office-local hour staged nudges start. */
export const NUDGE_HOUR = 8;
/** Reports locked per transaction (whole units); a larger backlog is taken in further batches. */
const BATCH = 10_000;

export interface SweepStats {
  nudges: number;
  messages: number;
  rescheduled: number;
}

interface DueRow {
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
interface ReminderUpdate {
  id: string;
  next: string | null;
  stage: string | null;
  nudged: string | null;
  tm: string | null;
  tmf: string | null;
}

/** One outbox row, as JSON for one INSERT. */
interface OutboxRow {
  platform: Platform;
  target: string;
  threadId: string;
  purpose: 'nudge' | 'digest';
  payload: OutMessage;
  reportId: string | null;
}

/** A `date` column as 'YYYY-MM-DD' (drivers return a Date at UTC midnight or the text). */
const day = (v: Date | string | null): string | null => (v === null ? null : typeof v === 'string' ? v.slice(0, 10) : v.toISOString().slice(0, 10));

/**
 * The calendars the sweep plans with. An agency's calendar is the national one plus the agency's
 * own holiday rows (src/services/calendar-source.ts), so an agency without such rows shares the
 * national calendar: one calendar instance, whose day verdicts and fallback years are computed once,
 * and plans that reports of many agencies share.
 */
interface Calendars {
  of(agencyId: string): WorkingCalendar;
  /** A small number per calendar, for memo keys. */
  idOf(cal: WorkingCalendar): number;
}

async function loadCalendars(ctx: ServiceContext): Promise<Calendars> {
  const national = await ctx.calendars.get(null);
  const own = await ctx.db.$queryRaw<{ agency_id: string }[]>`SELECT DISTINCT agency_id::text AS agency_id FROM holiday WHERE agency_id IS NOT NULL`;
  const byAgency = new Map<string, WorkingCalendar>();
  for (const a of own) byAgency.set(a.agency_id, await ctx.calendars.get(a.agency_id));
  const ids = new Map<WorkingCalendar, number>([[national, 0]]);
  for (const cal of byAgency.values()) if (!ids.has(cal)) ids.set(cal, ids.size);
  return { of: (agencyId) => byAgency.get(agencyId) ?? national, idOf: (cal) => ids.get(cal)! };
}

export interface SweepOptions {
  /** Reports per transaction (whole units), default BATCH. */
  batch?: number;
}

/** Sweep every report due for a reminder at `ctx.clock.now()`. */
export async function sweepDeadlines(ctx: ServiceContext, log: Logger, opts: SweepOptions = {}): Promise<SweepStats> {
  const now = ctx.clock.now();
  // A closed, archived, held or bounced report keeps no reminder time: clean up leftovers so the
  // index only holds live work.
  // The statuses are OPEN_STATUSES; the scalar subquery looks each due row's report up by primary
  // key (a join may be planned as a scan of all reports).
  await ctx.db.$executeRaw`
    UPDATE report_reminder rr SET next_reminder_at = NULL
    WHERE rr.next_reminder_at <= ${now}::timestamptz
      AND (SELECT r.status FROM report r WHERE r.id = rr.report_id) NOT IN ('BELUM_DITINDAKLANJUTI', 'PROSES')`;
  const stats: SweepStats = { nudges: 0, messages: 0, rescheduled: 0 };
  // Loaded outside the transactions: PGlite has a single connection.
  const cals = await loadCalendars(ctx);
  const plans = new Map<string, NudgePlan | null>();
  // Whole units per transaction, so that each chat gets one digest however many reports are due.
  for (const ids of await dueBatches(ctx, now, opts.batch ?? BATCH)) {
    await ctx.db.$transaction((tx) => sweepBatch(tx, now, ids, cals, plans, stats), { maxWait: 10_000, timeout: 120_000 });
  }
  if (stats.nudges > 0) log.info({ ...stats }, 'deadline nudges queued');
  return stats;
}

/**
 * Every due report (the "what is due" query: report_reminder's next_reminder_at index, then the
 * report by primary key, one pass), grouped by unit
 * and packed into batches of whole units of about `batch` reports each (a unit with more is a batch
 * of its own), as lists of report ids.
 */
async function dueBatches(ctx: ServiceContext, now: Date, batch: number): Promise<string[][]> {
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

function selectDue(tx: Tx, now: Date, ids: string[]): Promise<DueRow[]> {
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

/** Lock, plan, save and queue one batch. */
async function sweepBatch(tx: Tx, now: Date, ids: string[], cals: Calendars, plans: Map<string, NudgePlan | null>, stats: SweepStats): Promise<void> {
  const rows = await selectDue(tx, now, ids);
  if (rows.length === 0) return;
  const updates: ReminderUpdate[] = [];
  const perUnit = new Map<string, { agencyId: string; code: string; items: NudgeItem[] }>();
  const days = new Map<WorkingCalendar, string>();
  for (const r of rows) {
    const cal = cals.of(r.agency_id);
    let today = days.get(cal);
    if (today === undefined) days.set(cal, (today = cal.toLocalDate(now)));
    const status = r.status as ReportStatus;
    const dueDate = day(r.due_date);
    const lastNudgedOn = day(r.last_nudged_on);
    // Reports with the same calendar, deadline and last nudge share a plan: plan each once.
    const memo = `${cals.idOf(cal)}|${status}|${r.category}|${dueDate}|${lastNudgedOn}`;
    let plan = plans.get(memo);
    if (plan === undefined) {
      plan = planNudge({ status, category: r.category, dueDate, lastNudgedOn }, now, cal, { hour: NUDGE_HOUR });
      plans.set(memo, plan);
    }
    const stage = plan?.stage ?? null;
    const update: ReminderUpdate = { id: r.id, next: plan ? plan.nextReminderAt.toISOString() : null, stage, nudged: stage ? today : null, tm: null, tmf: null };
    updates.push(update);
    if (!plan || !stage) {
      stats.rescheduled++;
      continue;
    }
    let title = r.title_masked;
    if (title === null) {
      // Never masked, or the title or reporter changed since: mask now and keep it for next time.
      title = maskedTitle(r.title ?? '', r.reporter_name);
      update.tm = title;
      update.tmf = titleMaskFingerprint(r.title ?? '', r.reporter_name);
    }
    let unit = perUnit.get(r.unit_id);
    if (!unit) perUnit.set(r.unit_id, (unit = { agencyId: r.agency_id, code: r.unit_code, items: [] }));
    unit.items.push({
      reportId: r.id,
      trackingId: r.tracking_id,
      title,
      stage,
      dueDate: dueDate!,
      daysLeft: plan.daysLeft,
      claimant: r.claimant_name ? { name: r.claimant_name, telegramUsername: r.claimant_username } : null,
    });
  }
  await saveReminders(tx, updates);
  if (perUnit.size > 0) stats.messages += await queueNudges(tx, perUnit);
  for (const u of perUnit.values()) stats.nudges += u.items.length;
}

/**
 * Every reminder of the batch in ONE statement on the narrow report_reminder table. A row without
 * a stage keeps its stage and last nudge date. Fresh title masks (rare) go to their reports in
 * one more statement; a report another transaction holds keeps its stale mask, which is only a
 * cache (the next run masks it again), rather than wait on a lock here.
 */
async function saveReminders(tx: Tx, updates: ReminderUpdate[]): Promise<void> {
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

/** One message per chat and unit (split only past the length budget), in one INSERT. Returns messages queued. */
async function queueNudges(tx: Tx, perUnit: Map<string, { agencyId: string; code: string; items: NudgeItem[] }>): Promise<number> {
  const unitIds = [...perUnit.keys()];
  const agencyIds = [...new Set([...perUnit.values()].map((u) => u.agencyId))];
  const chats = await tx.chat.findMany({
    where: { healthy: true, OR: [{ unitId: { in: unitIds } }, { agencyId: { in: agencyIds }, unitId: null }] },
    select: { platform: true, externalId: true, threadId: true, unitId: true, agencyId: true },
    orderBy: { createdAt: 'asc' },
  });
  const byUnit = new Map<string, typeof chats>();
  const admin = new Map<string, typeof chats>();
  for (const c of chats) {
    const [map, key] = c.unitId === null ? [admin, c.agencyId] : [byUnit, c.unitId];
    const list = map.get(key);
    if (list) list.push(c);
    else map.set(key, [c]);
  }
  const out: OutboxRow[] = [];
  for (const [unitId, { agencyId, code, items }] of perUnit) {
    items.sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.trackingId.localeCompare(b.trackingId));
    let targets = byUnit.get(unitId) ?? [];
    let label = code;
    if (targets.length === 0) {
      // A unit without a healthy chat is not skipped silently: the Admin Instansi is told instead.
      targets = admin.get(agencyId) ?? [];
      label = `${label} (unit belum punya grup aktif)`;
    }
    const single = items.length === 1 ? items[0]! : null;
    const messages: OutMessage[] = single
      ? [{ text: singleNudgeText(label, single), buttons: [[reportButton('Status', 'status', single.reportId)]] }]
      : splitIntoMessages(nudgeDigestHeader(label, items.length), nudgeDigestBlocks(items), NUDGE_FOOTER).map((text) => ({ text }));
    for (const c of targets) {
      for (const m of messages) {
        out.push({ platform: c.platform, target: c.externalId, threadId: c.threadId, purpose: single ? 'nudge' : 'digest', payload: m, reportId: single?.reportId ?? null });
      }
    }
  }
  if (out.length === 0) return 0;
  // WITH ORDINALITY keeps the ids in the order built here: a digest's parts go out in order.
  await tx.$executeRaw`
    INSERT INTO outbox (platform, target, thread_id, kind, purpose, payload, report_id)
    SELECT o."platform", o."target", o."threadId", 'send', o."purpose", o."payload", o."reportId"
    FROM ROWS FROM (json_to_recordset(${JSON.stringify(out)}::json) AS ("platform" platform, "target" text, "threadId" text, "purpose" text, "payload" jsonb, "reportId" uuid))
      WITH ORDINALITY AS o("platform", "target", "threadId", "purpose", "payload", "reportId", n)
    ORDER BY o.n`;
  return out.length;
}

export const deadlineSweep: JobDefinition = {
  name: 'deadline-sweep',
  cron: DEADLINE_SWEEP_CRON,
  description: 'Staged deadline nudges to unit chats (monitoring, day before, due day, overdue daily), one digest per chat',
  async run({ services, log }): Promise<JobResult> {
    const s = await sweepDeadlines(services, log);
    return { summary: `${s.nudges} nudge(s) in ${s.messages} message(s), ${s.rescheduled} rescheduled` };
  },
};
