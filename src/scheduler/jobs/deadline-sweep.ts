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
import type { Logger } from '../../lib/logger.js';
import type { OutMessage } from '../../lib/message.js';
import { reportButton } from '../../messages/callback-data.js';
import { NUDGE_FOOTER, nudgeDigestBlocks, nudgeDigestHeader, singleNudgeText, splitIntoMessages, type NudgeItem } from '../../messages/nudge-text.js';
import type { ServiceContext } from '../../services/context.js';
import type { Tx } from '../../services/report-row.js';
import type { JobDefinition, JobResult } from '../job.js';
import { dueBatches, insertOutboxRows, saveReminders, selectDue, type OutboxRow, type ReminderUpdate } from './deadline-sweep-sql.js';
import { maskedTitle, titleMaskFingerprint } from './masked-titles.js';

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
  await insertOutboxRows(tx, out);
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
