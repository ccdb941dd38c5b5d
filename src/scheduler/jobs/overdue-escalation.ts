/**
 * Overdue escalation: every working morning the Admin Instansi's chats get one digest of the
 * agency's overdue reports per unit (working days overdue, claimant). It repeats daily for as
 * long as a report stays open past its deadline, and stops by itself once the report is closed,
 * archived, held or re-routed, because it is read from the current state each day.
 */
import { OPEN_STATUSES } from '../../domain/report-state.js';
import { workingDaysOverdue } from '../../domain/sla.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { overdueDigestTexts, type OverdueUnit } from '../../messages/nudge-text.js';
import type { ServiceContext } from '../../services/context.js';
import { adminTargets, enqueue } from '../../services/outbox.js';
import { localDateOf } from '../../services/queries/report-line.js';
import type { JobDefinition, JobResult } from '../job.js';
import { maskedTitle } from './masked-titles.js';

/** 08:00 office time, Monday–Friday; holidays are skipped per agency calendar. */
export const OVERDUE_ESCALATION_CRON = '0 8 * * 1-5';
/** Reports listed per unit; the rest are counted (`/terlambat` pages through all). */
export const OVERDUE_LIST_PER_UNIT = 30;

const SELECT = {
  id: true, trackingId: true, title: true, dueDate: true,
  reporter: { select: { name: true } },
  claimedBy: { select: { name: true, telegramUsername: true } },
} as const satisfies Prisma.ReportSelect;

export interface EscalationStats {
  agencies: number;
  reports: number;
  messages: number;
  /** Agencies with overdue reports but no healthy admin chat to tell (logged as a warning). */
  withoutAdminChat: string[];
}

export async function escalateOverdue(ctx: ServiceContext): Promise<EscalationStats> {
  const now = ctx.clock.now();
  const open = { status: { in: OPEN_STATUSES }, dueAt: { lt: now }, unitId: { not: null } } satisfies Prisma.ReportWhereInput;
  // Served by the (agency_id, status, due_at) index.
  const perUnit = await ctx.db.report.groupBy({ by: ['agencyId', 'unitId'], where: open, _count: { _all: true } });
  const agencies = [...new Set(perUnit.map((g) => g.agencyId))];
  const stats: EscalationStats = { agencies: 0, reports: 0, messages: 0, withoutAdminChat: [] };
  for (const agencyId of agencies) {
    const cal = await ctx.calendars.get(agencyId);
    if (!cal.isWorkingDay(cal.toLocalDate(now))) continue;
    const agency = await ctx.db.agency.findUniqueOrThrow({ where: { id: agencyId }, select: { name: true } });
    const groups = perUnit.filter((g) => g.agencyId === agencyId && g.unitId !== null);
    const unitRows = await ctx.db.unit.findMany({ where: { id: { in: groups.map((g) => g.unitId!) } }, select: { id: true, code: true, name: true }, orderBy: { code: 'asc' } });
    const units: OverdueUnit[] = [];
    for (const u of unitRows) {
      const total = groups.find((g) => g.unitId === u.id)?._count._all ?? 0;
      const rows = await ctx.db.report.findMany({ where: { ...open, agencyId, unitId: u.id }, select: SELECT, orderBy: [{ dueAt: 'asc' }, { trackingId: 'asc' }], take: OVERDUE_LIST_PER_UNIT });
      units.push({
        code: u.code,
        name: u.name,
        total,
        items: rows.map((r) => {
          const dueDate = localDateOf(r.dueDate) ?? cal.toLocalDate(now);
          return {
            trackingId: r.trackingId,
            title: maskedTitle(r.id, r.title, r.reporter?.name ?? null),
            dueDate,
            // At least 1: a report past due_at is late even before a working day has passed.
            daysOverdue: Math.max(1, workingDaysOverdue(dueDate, now, cal)),
            claimant: r.claimedBy,
          };
        }),
      });
      stats.reports += total;
    }
    const texts = overdueDigestTexts(agency.name, units);
    stats.messages += await ctx.db.$transaction(async (tx) => {
      let n = 0;
      const targets = await adminTargets(tx, agencyId);
      if (targets.length === 0) stats.withoutAdminChat.push(agencyId);
      for (const target of targets) {
        for (const text of texts) {
          await enqueue(tx, target, { text }, { purpose: 'digest' });
          n++;
        }
      }
      return n;
    });
    stats.agencies++;
  }
  return stats;
}

export const overdueEscalation: JobDefinition = {
  name: 'overdue-escalation',
  cron: OVERDUE_ESCALATION_CRON,
  description: 'Daily digest of overdue reports per unit to the Admin Instansi chats (working days)',
  async run({ services, log }): Promise<JobResult> {
    const s = await escalateOverdue(services);
    if (s.withoutAdminChat.length > 0) log.warn({ agencies: s.withoutAdminChat }, 'overdue reports but no healthy admin chat to escalate to; bind one with /ikat admin');
    if (s.reports > 0) log.info({ agencies: s.agencies, reports: s.reports, messages: s.messages }, 'overdue digest queued');
    return { summary: `${s.reports} overdue report(s) in ${s.agencies} agency digest(s), ${s.messages} message(s)` };
  },
};
