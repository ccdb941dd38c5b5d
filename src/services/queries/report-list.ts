/**
 * `/daftar`: the reports of a unit (in the unit's chat, or an officer's own units) or of the whole
 * agency (Admin Instansi and Inspektorat outside a unit chat), filtered by status, newest first.
 */
import { fail } from '../../domain/errors.js';
import { REPORT_STATUSES, type ReportStatus } from '../../domain/types.js';
import type { Prisma } from '../../generated/prisma/client.js';
import type { ActorRef, ServiceContext } from '../context.js';
import { hasRole } from '../acl.js';
import { pageWindow, type Page } from './page.js';
import { REPORT_LINE_SELECT, toReportLine, type ReportLine } from './report-line.js';
import { officerUnitIds, seesWholeAgency } from './scope.js';

/** Status filters as people type them (Indonesian). */
export const LIST_FILTERS = {
  terbuka: ['BELUM_DITINDAKLANJUTI', 'PROSES'],
  baru: ['BELUM_DITINDAKLANJUTI'],
  proses: ['PROSES'],
  selesai: ['SELESAI'],
  tunda: ['TUNDA'],
  arsip: ['ARSIP'],
  verifikasi: ['BELUM_TERVERIFIKASI'],
  semua: [...REPORT_STATUSES],
} as const satisfies Record<string, readonly ReportStatus[]>;
export type ListFilter = keyof typeof LIST_FILTERS;

export interface ListScope {
  agencyId: string;
  /** null = the whole agency. */
  units: { id: string; code: string; name: string }[] | null;
}

export interface ReportList extends Page<ReportLine> {
  scope: ListScope;
  filter: ListFilter;
}

const AGENCY_WIDE = ['admin_instansi', 'inspektorat'] as const;

/**
 * In a unit's chat: that unit, for its officers and for the agency-wide roles; an officer of
 * another unit is refused. Elsewhere (admin chat, private chat): the whole agency for the
 * agency-wide roles, an officer's own units otherwise.
 */
export async function resolveListScope(ctx: ServiceContext, actor: ActorRef, agencyId: string, chatUnitId: string | null): Promise<ListScope> {
  if (chatUnitId) {
    const unit = await ctx.db.unit.findUnique({ where: { id: chatUnitId }, select: { id: true, code: true, name: true, agencyId: true } });
    if (!unit || unit.agencyId !== agencyId) fail('CHAT_NOT_FOUND');
    const allowed = seesWholeAgency(actor, agencyId, AGENCY_WIDE) || hasRole(actor, 'penghubung', { agencyId, unitId: unit.id });
    if (!allowed) fail('FORBIDDEN', { need: `Pejabat Penghubung unit ${unit.code}`, unitId: unit.id });
    return { agencyId, units: [{ id: unit.id, code: unit.code, name: unit.name }] };
  }
  if (seesWholeAgency(actor, agencyId, AGENCY_WIDE)) return { agencyId, units: null };
  const ids = officerUnitIds(actor, agencyId);
  if (ids.length === 0) fail('FORBIDDEN', { need: 'penghubung' });
  const units = await ctx.db.unit.findMany({ where: { id: { in: ids } }, select: { id: true, code: true, name: true }, orderBy: { code: 'asc' } });
  return { agencyId, units };
}

export async function listReports(ctx: ServiceContext, scope: ListScope, filter: ListFilter, page = 1): Promise<ReportList> {
  // Agency-wide: the (agency_id, received_at) index; one unit: (unit_id, received_at).
  const where: Prisma.ReportWhereInput = {
    agencyId: scope.agencyId,
    status: { in: [...LIST_FILTERS[filter]] },
    ...(scope.units ? { unitId: { in: scope.units.map((u) => u.id) } } : {}),
  };
  const total = await ctx.db.report.count({ where });
  const win = pageWindow(page, total);
  const rows = total === 0 ? [] : await ctx.db.report.findMany({
    where,
    orderBy: [{ receivedAt: 'desc' }, { trackingId: 'desc' }],
    skip: win.skip,
    take: win.take,
    select: REPORT_LINE_SELECT,
  });
  return { items: rows.map(toReportLine), page: win.page, pages: win.pages, total, scope, filter };
}
