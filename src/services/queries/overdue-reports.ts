/**
 * `/terlambat`: open reports past their deadline, most overdue first. A liaison officer sees their
 * own unit(s); the Admin Instansi the whole agency, grouped by unit with a count per unit.
 */
import { fail } from '../../domain/errors.js';
import { OPEN_STATUSES } from '../../domain/report-state.js';
import type { Prisma } from '../../generated/prisma/client.js';
import type { ActorRef, ServiceContext } from '../context.js';
import { pageWindow, type Page } from './page.js';
import { REPORT_LINE_SELECT, toReportLine, type ReportLine } from './report-line.js';
import { officerUnitIds, seesWholeAgency } from './scope.js';

export interface OverdueScope {
  agencyId: string;
  /** null = every unit of the agency. */
  unitIds: string[] | null;
}

export interface UnitCount {
  id: string;
  code: string;
  name: string;
  count: number;
}

export interface OverdueList extends Page<ReportLine> {
  scope: OverdueScope;
  /** Units with overdue reports (or the officer's units), by code, with their counts. */
  units: UnitCount[];
}

/** Admin Instansi: all units; Pejabat Penghubung: their units; anyone else is refused. */
export function overdueScope(actor: ActorRef, agencyId: string): OverdueScope {
  if (seesWholeAgency(actor, agencyId, ['admin_instansi'])) return { agencyId, unitIds: null };
  const unitIds = officerUnitIds(actor, agencyId);
  if (unitIds.length === 0) fail('FORBIDDEN', { need: 'penghubung' });
  return { agencyId, unitIds };
}

export async function listOverdueReports(ctx: ServiceContext, scope: OverdueScope, now: Date, page = 1): Promise<OverdueList> {
  // Served by the (unit_id, status, due_at) or (agency_id, status, due_at) index.
  const where: Prisma.ReportWhereInput = {
    agencyId: scope.agencyId,
    status: { in: OPEN_STATUSES },
    dueAt: { lt: now },
    unitId: scope.unitIds ? { in: scope.unitIds } : { not: null },
  };
  const groups = await ctx.db.report.groupBy({ by: ['unitId'], where, _count: { _all: true } });
  const counts = new Map(groups.map((g) => [g.unitId, g._count._all]));
  const unitIds = scope.unitIds ?? groups.map((g) => g.unitId).filter((id): id is string => id !== null);
  const units = unitIds.length
    ? await ctx.db.unit.findMany({ where: { id: { in: unitIds } }, select: { id: true, code: true, name: true }, orderBy: { code: 'asc' } })
    : [];
  const total = groups.reduce((n, g) => n + g._count._all, 0);
  const win = pageWindow(page, total);
  // Grouped by unit (by code) so a page reads unit by unit; within a unit, most overdue first.
  const rows = total === 0 ? [] : await ctx.db.report.findMany({
    where,
    orderBy: [{ unit: { code: 'asc' } }, { dueAt: 'asc' }, { trackingId: 'asc' }],
    skip: win.skip,
    take: win.take,
    select: REPORT_LINE_SELECT,
  });
  return {
    items: rows.map(toReportLine),
    page: win.page,
    pages: win.pages,
    total,
    scope,
    units: units.map((u) => ({ ...u, count: counts.get(u.id) ?? 0 })),
  };
}
