/**
 * Overdue escalation: every working morning the Admin Instansi's chats get one digest of the
 * agency's overdue reports per unit (working days overdue, claimant). It repeats daily for as
 * long as a report stays open past its deadline, and stops by itself once the report is closed,
 * archived, held or re-routed, because it is read from the current state each day.
 * Set-based like the deadline sweep: one query lists the first reports of every unit with the
 * unit's total (late-lists-sql.ts, shared with the units' own overdue digests), and one INSERT
 * queues every digest, whatever the number of agencies and units.
 */
import type { WorkingCalendar } from '../../domain/calendar.js';
import type { LocalDate } from '../../domain/types.js';
import { workingDaysLeftOn } from '../../domain/working-day-index.js';
import type { Platform } from '../../generated/prisma/client.js';
import { overdueDigestTexts, type OverdueUnit } from '../../messages/nudge-text.js';
import type { ServiceContext } from '../../services/context.js';
import type { JobDefinition, JobResult } from '../job.js';
import { selectLateLists } from './late-lists-sql.js';
import { maskedTitle } from './masked-titles.js';

/** 08:00 office time, Monday–Friday; holidays are skipped per agency calendar. */
export const OVERDUE_ESCALATION_CRON = '0 8 * * 1-5';
/** Reports listed per unit; the rest are counted (`/terlambat` pages through all). */
export const OVERDUE_LIST_PER_UNIT = 30;

export interface EscalationStats {
  agencies: number;
  reports: number;
  messages: number;
  /** Agencies with overdue reports but no healthy admin chat to tell (logged as a warning). */
  withoutAdminChat: string[];
}

const day = (v: Date | string | null): LocalDate | null => (v === null ? null : typeof v === 'string' ? v.slice(0, 10) : v.toISOString().slice(0, 10));

/** Calendars per agency: an agency without holiday rows of its own has the national calendar. */
async function calendarsFor(ctx: ServiceContext, agencyIds: string[]): Promise<(agencyId: string) => WorkingCalendar> {
  const national = await ctx.calendars.get(null);
  const own = await ctx.db.holiday.findMany({ where: { agencyId: { in: agencyIds } }, select: { agencyId: true }, distinct: ['agencyId'] });
  const byAgency = new Map<string, WorkingCalendar>();
  for (const h of own) if (h.agencyId) byAgency.set(h.agencyId, await ctx.calendars.get(h.agencyId));
  return (agencyId) => byAgency.get(agencyId) ?? national;
}

export async function escalateOverdue(ctx: ServiceContext): Promise<EscalationStats> {
  const now = ctx.clock.now();
  // Late means past the due date (one office zone: every calendar has the same start of today).
  const national = await ctx.calendars.get(null);
  const rows = await selectLateLists(ctx.db, { before: national.startOfDay(national.toLocalDate(now)), limit: OVERDUE_LIST_PER_UNIT });
  const stats: EscalationStats = { agencies: 0, reports: 0, messages: 0, withoutAdminChat: [] };
  if (rows.length === 0) return stats;
  const agencies = new Map<string, { name: string; units: Map<string, OverdueUnit> }>();
  for (const r of rows) {
    let a = agencies.get(r.agency_id);
    if (!a) agencies.set(r.agency_id, (a = { name: r.agency_name, units: new Map() }));
    let u = a.units.get(r.unit_id);
    if (!u) a.units.set(r.unit_id, (u = { code: r.unit_code, name: r.unit_name, total: r.total, items: [] }));
    u.items.push({
      trackingId: r.tracking_id,
      title: r.title_masked ?? maskedTitle(r.title ?? '', r.reporter_name),
      dueDate: day(r.due_date) ?? '',
      daysOverdue: 0, // set below, with the agency's calendar
      claimant: r.claimant_name ? { name: r.claimant_name, telegramUsername: r.claimant_username } : null,
    });
  }
  const calOf = await calendarsFor(ctx, [...agencies.keys()]);
  const admins = await ctx.db.chat.findMany({
    where: { agencyId: { in: [...agencies.keys()] }, unitId: null, healthy: true },
    select: { platform: true, externalId: true, threadId: true, agencyId: true },
    orderBy: { createdAt: 'asc' },
  });
  const out: { platform: Platform; target: string; threadId: string; payload: { text: string } }[] = [];
  for (const [agencyId, a] of agencies) {
    const cal = calOf(agencyId);
    const today = cal.toLocalDate(now);
    if (!cal.isWorkingDay(today)) continue;
    const units = [...a.units.values()];
    for (const u of units) {
      for (const i of u.items) {
        if (!i.dueDate) i.dueDate = today;
        // At least 1: a report past due_at is late even before a working day has passed.
        i.daysOverdue = Math.max(1, -workingDaysLeftOn(i.dueDate, today, cal));
      }
      stats.reports += u.total;
    }
    const targets = admins.filter((c) => c.agencyId === agencyId);
    if (targets.length === 0) stats.withoutAdminChat.push(agencyId);
    const texts = overdueDigestTexts(a.name, units);
    for (const c of targets) for (const text of texts) out.push({ platform: c.platform, target: c.externalId, threadId: c.threadId, payload: { text } });
    stats.agencies++;
  }
  if (out.length > 0) {
    // One INSERT; WITH ORDINALITY keeps the ids in the order built here (a digest's parts in order).
    await ctx.db.$executeRaw`
      INSERT INTO outbox (platform, target, thread_id, kind, purpose, payload)
      SELECT o."platform", o."target", o."threadId", 'send', 'digest', o."payload"
      FROM ROWS FROM (json_to_recordset(${JSON.stringify(out)}::json) AS ("platform" platform, "target" text, "threadId" text, "payload" jsonb))
        WITH ORDINALITY AS o("platform", "target", "threadId", "payload", n)
      ORDER BY o.n`;
    stats.messages = out.length;
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
