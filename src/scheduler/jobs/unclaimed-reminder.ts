/**
 * Unclaimed dispositions: a report routed to a unit that nobody has claimed within N working
 * hours (default 4, office hours 08–16) gets a reminder in the unit's chats; still unclaimed
 * after 2N working hours, the Admin Instansi hears of it. `report.unclaimed_nudged_at` records
 * the last reminder, so each step is sent once per disposition (a re-route starts afresh because
 * only a reminder after the current `disposed_at` counts).
 */
import type { WorkingCalendar } from '../../domain/calendar.js';
import { DEFAULT_WORKING_HOURS, workingHoursBetween, type WorkingHours } from '../../domain/working-hours.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { groupTitle } from '../../messages/report-post.js';
import { unclaimedAdminTexts, unclaimedUnitTexts, type UnclaimedItem } from '../../messages/nudge-text.js';
import type { ServiceContext } from '../../services/context.js';
import { adminTargets, enqueue, unitTargets } from '../../services/outbox.js';
import type { Tx } from '../../services/report-row.js';
import type { JobDefinition, JobResult } from '../job.js';

/** Default N: working hours a disposition may wait for a claim before the unit is reminded. */
export const UNCLAIMED_AFTER_WORKING_HOURS = 4;
/** Every 30 minutes, 07:00–16:30 office time, Monday–Friday. */
export const UNCLAIMED_REMINDER_CRON = '*/30 7-16 * * 1-5';

export interface UnclaimedOptions {
  afterWorkingHours?: number;
  workingHours?: WorkingHours;
}

export interface UnclaimedStats {
  unit: number;
  admin: number;
  messages: number;
}

type Step = { toUnit: boolean; toAdmin: boolean; hours: number };

/** Which reminders a disposition is owed now (pure, exported for tests). */
export function unclaimedStep(disposedAt: Date, nudgedAt: Date | null, now: Date, cal: WorkingCalendar, n: number, hours: WorkingHours): Step {
  const h = workingHoursBetween(disposedAt, now, cal, hours);
  // A reminder from before the current disposition (an earlier unit) does not count.
  const last = nudgedAt && nudgedAt.getTime() >= disposedAt.getTime() ? workingHoursBetween(disposedAt, nudgedAt, cal, hours) : -1;
  const toAdmin = h >= 2 * n && last < 2 * n;
  const toUnit = h >= n && last < n;
  return { toUnit, toAdmin, hours: h };
}

export async function remindUnclaimed(ctx: ServiceContext, opts: UnclaimedOptions = {}): Promise<UnclaimedStats> {
  const n = opts.afterWorkingHours ?? UNCLAIMED_AFTER_WORKING_HOURS;
  const hours = opts.workingHours ?? DEFAULT_WORKING_HOURS;
  const now = ctx.clock.now();
  // Working hours never exceed wall-clock hours, so this bound only drops rows that cannot be due.
  const where = {
    status: 'BELUM_DITINDAKLANJUTI', claimedById: null, unitId: { not: null },
    disposedAt: { lte: new Date(now.getTime() - n * 3_600_000) },
  } satisfies Prisma.ReportWhereInput;
  const agencies = await ctx.db.report.groupBy({ by: ['agencyId'], where });
  const stats: UnclaimedStats = { unit: 0, admin: 0, messages: 0 };
  for (const { agencyId } of agencies) {
    const cal = await ctx.calendars.get(agencyId);
    stats.messages += await ctx.db.$transaction(async (tx) => remindAgency(tx, agencyId, where, cal, now, n, hours, stats));
  }
  return stats;
}

async function remindAgency(tx: Tx, agencyId: string, where: Prisma.ReportWhereInput, cal: WorkingCalendar, now: Date, n: number, hours: WorkingHours, stats: UnclaimedStats): Promise<number> {
  const bound = new Date(now.getTime() - n * 3_600_000);
  const locked = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM report WHERE agency_id = ${agencyId}::uuid AND status = 'BELUM_DITINDAKLANJUTI' AND claimed_by_id IS NULL
      AND unit_id IS NOT NULL AND disposed_at <= ${bound}::timestamptz
    FOR UPDATE SKIP LOCKED`;
  const rows = await tx.report.findMany({
    where: { ...where, agencyId, id: { in: locked.map((r) => r.id) } },
    select: { id: true, trackingId: true, title: true, unitId: true, disposedAt: true, unclaimedNudgedAt: true, reporter: { select: { name: true } }, unit: { select: { code: true } } },
    orderBy: [{ disposedAt: 'asc' }, { trackingId: 'asc' }],
  });
  const perUnit = new Map<string, UnclaimedItem[]>();
  const admin: UnclaimedItem[] = [];
  const touched: string[] = [];
  for (const r of rows) {
    const step = unclaimedStep(r.disposedAt!, r.unclaimedNudgedAt, now, cal, n, hours);
    if (!step.toUnit && !step.toAdmin) continue;
    const item: UnclaimedItem = { trackingId: r.trackingId, title: groupTitle({ title: r.title, reporterName: r.reporter?.name ?? null }), unitCode: r.unit?.code ?? '—', hours: step.hours };
    if (step.toUnit) perUnit.set(r.unitId!, [...(perUnit.get(r.unitId!) ?? []), item]);
    if (step.toAdmin) admin.push(item);
    touched.push(r.id);
  }
  if (touched.length === 0) return 0;
  await tx.report.updateMany({ where: { id: { in: touched } }, data: { unclaimedNudgedAt: now } });
  let messages = 0;
  for (const [unitId, items] of perUnit) {
    for (const target of await unitTargets(tx, unitId)) {
      for (const text of unclaimedUnitTexts(items[0]!.unitCode, items)) {
        await enqueue(tx, target, { text }, { purpose: 'nudge' });
        messages++;
      }
    }
    stats.unit += items.length;
  }
  if (admin.length > 0) {
    for (const target of await adminTargets(tx, agencyId)) {
      for (const text of unclaimedAdminTexts(admin)) {
        await enqueue(tx, target, { text }, { purpose: 'notice' });
        messages++;
      }
    }
    stats.admin += admin.length;
  }
  return messages;
}

/** The job with its options (N working hours, office hours). */
export function unclaimedReminderJob(opts: UnclaimedOptions = {}): JobDefinition {
  return {
    name: 'unclaimed-reminder',
    cron: UNCLAIMED_REMINDER_CRON,
    description: `Dispositions unclaimed after ${opts.afterWorkingHours ?? UNCLAIMED_AFTER_WORKING_HOURS} working hours: remind the unit, after twice that the admin`,
    async run({ services }): Promise<JobResult> {
      const s = await remindUnclaimed(services, opts);
      return { summary: `${s.unit} unit reminder(s), ${s.admin} admin notice(s), ${s.messages} message(s)` };
    },
  };
}
