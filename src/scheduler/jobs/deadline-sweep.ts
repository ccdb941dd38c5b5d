/**
 * Deadline sweep: staged nudges (src/domain/nudge-plan.ts) to the unit chats for every open report
 * whose stored `next_reminder_at` has passed (indexed). A batch of due rows is locked in one
 * transaction (FOR UPDATE SKIP LOCKED, so an overlapping run never nudges twice), planned in JS,
 * saved (stage, last_nudged_on, next reminder time) and answered with ONE message per chat: a
 * single nudge, or a digest when several reports of the unit are due; the outbox rows are written
 * in the same transaction. The work is set-based — a fixed handful of queries per batch whatever
 * the number of units — because the 08:00 sweep of a national deployment meets thousands of due
 * reports at once. A unit without a healthy chat is not skipped silently: its nudges go to the
 * Admin Instansi's chats instead.
 */
import type { WorkingCalendar } from '../../domain/calendar.js';
import { planNudge, type NudgePlan } from '../../domain/nudge-plan.js';
import { OPEN_STATUSES } from '../../domain/report-state.js';
import type { ReportStatus } from '../../domain/types.js';
import type { Prisma } from '../../generated/prisma/client.js';
import type { Logger } from '../../lib/logger.js';
import type { OutMessage } from '../../lib/message.js';
import { reportButton } from '../../messages/callback-data.js';
import { NUDGE_FOOTER, nudgeDigestBlocks, nudgeDigestHeader, singleNudgeText, splitIntoMessages, type NudgeItem } from '../../messages/nudge-text.js';
import type { ServiceContext } from '../../services/context.js';
import type { Tx } from '../../services/report-row.js';
import type { JobDefinition, JobResult } from '../job.js';
import { maskedTitle } from './masked-titles.js';

/** Every 15 minutes, 07:00–16:45 office time, Monday–Friday; holidays are skipped per calendar. */
export const DEADLINE_SWEEP_CRON = '*/15 7-16 * * 1-5';
/** Office-local hour staged nudges start. */
export const NUDGE_HOUR = 8;
/** Reports locked per transaction; a larger backlog is taken in further batches. */
const BATCH = 2000;

export interface SweepStats {
  nudges: number;
  messages: number;
  rescheduled: number;
}

interface DueRow {
  id: string;
  tracking_id: string;
  title: string;
  category: string;
  status: string;
  due_date: Date | string | null;
  last_nudged_on: Date | string | null;
  unit_id: string;
  agency_id: string;
  claimant_name: string | null;
  claimant_username: string | null;
  reporter_name: string | null;
}

/** A `date` column as 'YYYY-MM-DD' (drivers return a Date at UTC midnight or the text). */
const day = (v: Date | string | null): string | null => (v === null ? null : typeof v === 'string' ? v.slice(0, 10) : v.toISOString().slice(0, 10));

/** Sweep every report due for a reminder at `ctx.clock.now()`. */
export async function sweepDeadlines(ctx: ServiceContext, log: Logger): Promise<SweepStats> {
  const now = ctx.clock.now();
  // A closed, archived, held or bounced report keeps no reminder time: clean up leftovers so the
  // index only holds live work.
  await ctx.db.report.updateMany({ where: { nextReminderAt: { lte: now }, status: { notIn: OPEN_STATUSES } }, data: { nextReminderAt: null } });
  const stats: SweepStats = { nudges: 0, messages: 0, rescheduled: 0 };
  for (let round = 0; round < 500; round++) {
    const agencies = await ctx.db.$queryRaw<{ agency_id: string }[]>`
      SELECT DISTINCT agency_id FROM report
      WHERE next_reminder_at <= ${now}::timestamptz AND status IN ('BELUM_DITINDAKLANJUTI', 'PROSES') AND unit_id IS NOT NULL`;
    if (agencies.length === 0) break;
    // Loaded outside the transaction: PGlite has a single connection.
    const cals = new Map<string, WorkingCalendar>();
    for (const a of agencies) cals.set(a.agency_id, await ctx.calendars.get(a.agency_id));
    const handled = await ctx.db.$transaction((tx) => sweepBatch(tx, now, cals, stats), { maxWait: 10_000, timeout: 120_000 });
    // Fewer than a batch: everything due was taken (rows locked by an overlapping run are its own).
    if (handled < BATCH) break;
  }
  if (stats.nudges > 0) log.info({ ...stats }, 'deadline nudges queued');
  return stats;
}

/** Lock, plan, save and queue one batch. Returns the number of rows locked. */
async function sweepBatch(tx: Tx, now: Date, cals: ReadonlyMap<string, WorkingCalendar>, stats: SweepStats): Promise<number> {
  const rows = await tx.$queryRaw<DueRow[]>`
    SELECT r.id, r.tracking_id, r.title, r.category, r.status::text AS status, r.due_date, r.last_nudged_on,
           r.unit_id, r.agency_id, p.name AS claimant_name, p.telegram_username AS claimant_username, rp.name AS reporter_name
    FROM report r
    LEFT JOIN person p ON p.id = r.claimed_by_id
    LEFT JOIN reporter rp ON rp.report_id = r.id
    WHERE r.next_reminder_at <= ${now}::timestamptz AND r.status IN ('BELUM_DITINDAKLANJUTI', 'PROSES') AND r.unit_id IS NOT NULL
    ORDER BY r.next_reminder_at
    LIMIT ${BATCH}::int
    FOR UPDATE OF r SKIP LOCKED`;
  // Rows with the same outcome are saved with one UPDATE (an 08:00 sweep may move thousands).
  const groups = new Map<string, { ids: string[]; data: Prisma.ReportUpdateManyMutationInput }>();
  const perUnit = new Map<string, { agencyId: string; items: NudgeItem[] }>();
  // Reports of one agency with the same deadline and last nudge share a plan: plan each once.
  const plans = new Map<string, NudgePlan | null>();
  const days = new Map<string, string>();
  const today = (agencyId: string, cal: WorkingCalendar): string => {
    let d = days.get(agencyId);
    if (d === undefined) days.set(agencyId, (d = cal.toLocalDate(now)));
    return d;
  };
  for (const r of rows) {
    const cal = cals.get(r.agency_id);
    if (!cal) continue; // became due after the calendars were loaded: the next run takes it
    const input = { status: r.status as ReportStatus, category: r.category, dueDate: day(r.due_date), lastNudgedOn: day(r.last_nudged_on) };
    const memo = `${r.agency_id}|${input.status}|${input.category}|${input.dueDate}|${input.lastNudgedOn}`;
    let plan = plans.get(memo);
    if (plan === undefined) {
      plan = planNudge(input, now, cal, { hour: NUDGE_HOUR });
      plans.set(memo, plan);
    }
    const data = updateFor(plan, today(r.agency_id, cal));
    const key = JSON.stringify(data);
    const g = groups.get(key) ?? { ids: [], data };
    g.ids.push(r.id);
    groups.set(key, g);
    if (!plan?.stage) {
      stats.rescheduled++;
      continue;
    }
    const unit = perUnit.get(r.unit_id) ?? { agencyId: r.agency_id, items: [] };
    unit.items.push(toItem(r, plan));
    perUnit.set(r.unit_id, unit);
  }
  for (const g of groups.values()) await tx.report.updateMany({ where: { id: { in: g.ids } }, data: g.data });
  if (perUnit.size > 0) stats.messages += await queueNudges(tx, perUnit);
  stats.nudges += [...perUnit.values()].reduce((n, u) => n + u.items.length, 0);
  return rows.length;
}

function updateFor(plan: NudgePlan | null, today: string): Prisma.ReportUpdateManyMutationInput {
  if (!plan) return { nextReminderAt: null };
  if (!plan.stage) return { nextReminderAt: plan.nextReminderAt };
  return { nextReminderAt: plan.nextReminderAt, reminderStage: plan.stage, lastNudgedOn: new Date(`${today}T00:00:00Z`) };
}

function toItem(r: DueRow, plan: NudgePlan): NudgeItem {
  return {
    reportId: r.id,
    trackingId: r.tracking_id,
    title: maskedTitle(r.id, r.title, r.reporter_name),
    stage: plan.stage!,
    dueDate: day(r.due_date)!,
    daysLeft: plan.daysLeft,
    claimant: r.claimant_name ? { name: r.claimant_name, telegramUsername: r.claimant_username } : null,
  };
}

/** One message per chat and unit (split only past the length budget), in one INSERT. Returns messages queued. */
async function queueNudges(tx: Tx, perUnit: Map<string, { agencyId: string; items: NudgeItem[] }>): Promise<number> {
  const unitIds = [...perUnit.keys()];
  const agencyIds = [...new Set([...perUnit.values()].map((u) => u.agencyId))];
  const units = new Map((await tx.unit.findMany({ where: { id: { in: unitIds } }, select: { id: true, code: true } })).map((u) => [u.id, u.code]));
  const chats = await tx.chat.findMany({
    where: { healthy: true, OR: [{ unitId: { in: unitIds } }, { agencyId: { in: agencyIds }, unitId: null }] },
    orderBy: { createdAt: 'asc' },
  });
  const data: Prisma.OutboxCreateManyInput[] = [];
  for (const [unitId, { agencyId, items }] of perUnit) {
    items.sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.trackingId.localeCompare(b.trackingId));
    let targets = chats.filter((c) => c.unitId === unitId);
    let label = units.get(unitId) ?? '—';
    if (targets.length === 0) {
      targets = chats.filter((c) => c.unitId === null && c.agencyId === agencyId);
      label = `${label} (unit belum punya grup aktif)`;
    }
    const single = items.length === 1 ? items[0]! : null;
    const messages: OutMessage[] = single
      ? [{ text: singleNudgeText(label, single), buttons: [[reportButton('Status', 'status', single.reportId)]] }]
      : splitIntoMessages(nudgeDigestHeader(label, items.length), nudgeDigestBlocks(items), NUDGE_FOOTER).map((text) => ({ text }));
    for (const c of targets) {
      for (const m of messages) {
        data.push({
          platform: c.platform, target: c.externalId, threadId: c.threadId, kind: 'send',
          purpose: single ? 'nudge' : 'digest', payload: m as unknown as Prisma.InputJsonValue, reportId: single?.reportId ?? null,
        });
      }
    }
  }
  if (data.length > 0) await tx.outbox.createMany({ data });
  return data.length;
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
