/** `/saya`: the open reports a liaison officer has claimed, the nearest deadline first. */
import { OPEN_STATUSES } from '../../domain/report-state.js';
import type { Prisma } from '../../generated/prisma/client.js';
import type { ActorRef, ServiceContext } from '../context.js';
import { pageWindow, type Page } from './page.js';
import { REPORT_LINE_SELECT, toReportLine, type ReportLine } from './report-line.js';

export async function listMyOpenReports(ctx: ServiceContext, actor: ActorRef, agencyId: string, page = 1): Promise<Page<ReportLine>> {
  if (!actor.personId) return { items: [], page: 1, pages: 1, total: 0 };
  // Served by the (claimed_by_id, status, due_at) index.
  const where: Prisma.ReportWhereInput = { claimedById: actor.personId, status: { in: OPEN_STATUSES }, agencyId };
  const total = await ctx.db.report.count({ where });
  const win = pageWindow(page, total);
  const rows = total === 0 ? [] : await ctx.db.report.findMany({
    where,
    orderBy: [{ dueAt: { sort: 'asc', nulls: 'last' } }, { trackingId: 'asc' }],
    skip: win.skip,
    take: win.take,
    select: REPORT_LINE_SELECT,
  });
  return { items: rows.map(toReportLine), page: win.page, pages: win.pages, total };
}
