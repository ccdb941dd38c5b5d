/**
 * The 10-day check (DOMAIN.md): reports whose last tindak lanjut is more than 10 days old but
 * which are still open (PROSES) should be checked and closed or archived by hand. Every Monday
 * the Admin Instansi's chats get one list per agency. It is a list, not a nudge, so it is sent
 * on a holiday Monday too rather than skipping a week.
 */
import type { Prisma } from '../../generated/prisma/client.js';
import { groupTitle } from '../../messages/report-post.js';
import { tenDayTexts, type StaleFollowUp } from '../../messages/nudge-text.js';
import type { ServiceContext } from '../../services/context.js';
import { adminTargets, enqueue } from '../../services/outbox.js';
import { daysBetween } from '../../domain/local-date.js';
import type { JobDefinition, JobResult } from '../job.js';

/** Monday 09:00 office time. */
export const TEN_DAY_CHECK_CRON = '0 9 * * 1';
/** Calendar days since the last tindak lanjut. */
export const TEN_DAYS = 10;
/** Reports listed per agency; the rest are counted. */
const LIST_LIMIT = 200;

export interface TenDayStats {
  agencies: number;
  reports: number;
  messages: number;
}

export async function checkTenDays(ctx: ServiceContext): Promise<TenDayStats> {
  const now = ctx.clock.now();
  // Served by the (status, follow_up_at) index.
  const where = { status: 'PROSES', followUpAt: { lt: new Date(now.getTime() - TEN_DAYS * 86_400_000) } } satisfies Prisma.ReportWhereInput;
  const agencies = await ctx.db.report.groupBy({ by: ['agencyId'], where, _count: { _all: true } });
  const stats: TenDayStats = { agencies: 0, reports: 0, messages: 0 };
  for (const a of agencies) {
    const cal = await ctx.calendars.get(a.agencyId);
    const today = cal.toLocalDate(now);
    const rows = await ctx.db.report.findMany({
      where: { ...where, agencyId: a.agencyId },
      select: { trackingId: true, title: true, followUpAt: true, reporter: { select: { name: true } }, unit: { select: { code: true } }, claimedBy: { select: { name: true, telegramUsername: true } } },
      orderBy: [{ followUpAt: 'asc' }, { trackingId: 'asc' }],
      take: LIST_LIMIT,
    });
    const items: StaleFollowUp[] = rows.map((r) => {
      const followUpDate = cal.toLocalDate(r.followUpAt!);
      return {
        trackingId: r.trackingId,
        title: groupTitle({ title: r.title, reporterName: r.reporter?.name ?? null }),
        unitCode: r.unit?.code ?? '—',
        followUpDate,
        daysAgo: daysBetween(followUpDate, today),
        claimant: r.claimedBy,
      };
    });
    const texts = tenDayTexts(items, a._count._all - items.length);
    stats.messages += await ctx.db.$transaction(async (tx) => {
      let n = 0;
      for (const target of await adminTargets(tx, a.agencyId)) {
        for (const text of texts) {
          await enqueue(tx, target, { text }, { purpose: 'digest' });
          n++;
        }
      }
      return n;
    });
    stats.agencies++;
    stats.reports += a._count._all;
  }
  return stats;
}

export const tenDayCheck: JobDefinition = {
  name: 'ten-day-check',
  cron: TEN_DAY_CHECK_CRON,
  description: 'Weekly list to the admin: tindak lanjut over 10 days ago, report still open (periksa dan selesaikan atau arsipkan)',
  async run({ services }): Promise<JobResult> {
    const s = await checkTenDays(services);
    return { summary: `${s.reports} report(s) listed for ${s.agencies} agency(ies), ${s.messages} message(s)` };
  },
};
