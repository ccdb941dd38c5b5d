/** `/unit`: the agency's units with their codes and open-report counts, so /disposisi is typed right. */
import { OPEN_STATUSES } from '../../domain/report-state.js';
import type { Prisma } from '../../generated/prisma/client.js';
import type { ServiceContext } from '../context.js';
import { pageWindow, type Page } from './page.js';

export interface UnitEntry {
  code: string;
  name: string;
  /** Reports Belum Ditindaklanjuti or Proses at the unit. */
  open: number;
}

export interface UnitDirectory extends Page<UnitEntry> {
  agencyName: string;
}

/** Units by code; `search` (optional) matches code or name, case-insensitive. */
export async function listUnits(ctx: ServiceContext, agencyId: string, page = 1, search?: string): Promise<UnitDirectory> {
  const agency = await ctx.db.agency.findUnique({ where: { id: agencyId }, select: { name: true } });
  const term = search?.trim();
  const where: Prisma.UnitWhereInput = {
    agencyId,
    ...(term ? { OR: [{ code: { contains: term, mode: 'insensitive' } }, { name: { contains: term, mode: 'insensitive' } }] } : {}),
  };
  const total = await ctx.db.unit.count({ where });
  const win = pageWindow(page, total);
  const units = total === 0 ? [] : await ctx.db.unit.findMany({ where, orderBy: { code: 'asc' }, skip: win.skip, take: win.take, select: { id: true, code: true, name: true } });
  // Open counts of this page's units in one grouped query ((agency_id, status, due_at) index).
  const groups = units.length
    ? await ctx.db.report.groupBy({ by: ['unitId'], where: { agencyId, status: { in: OPEN_STATUSES }, unitId: { in: units.map((u) => u.id) } }, _count: { _all: true } })
    : [];
  const open = new Map(groups.map((g) => [g.unitId, g._count._all]));
  return {
    agencyName: agency?.name ?? '',
    items: units.map((u) => ({ code: u.code, name: u.name, open: open.get(u.id) ?? 0 })),
    page: win.page,
    pages: win.pages,
    total,
  };
}
