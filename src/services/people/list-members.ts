/**
 * `/siapa`: who is registered, per unit, with their roles and how many open reports each
 * Pejabat Penghubung holds; pending join requests for admins.
 */
import { isAdminOf, requireMember } from '../acl.js';
import type { ActorRef, ServiceContext } from '../context.js';
import type { Role } from '../../domain/types.js';
import { OPEN_STATUSES } from './hand-over.js';

export interface MemberLine {
  personId: string;
  name: string;
  username: string | null;
  roles: Role[];
  /** Open reports claimed (Pejabat Penghubung only). */
  openReports: number | null;
}

export interface UnitMembers {
  unit: { id: string; code: string; name: string };
  members: MemberLine[];
}

export interface PendingLine {
  id: string;
  name: string;
  username: string | null;
  whatsapp: string | null;
  role: Role;
  unitCode: string | null;
}

export interface Directory {
  agency: { code: string; name: string };
  /** Agency-wide roles (Admin Instansi, Inspektorat); only when listing the whole agency. */
  agencyWide: MemberLine[];
  units: UnitMembers[];
  /** Null when the reader is not an admin. */
  pending: PendingLine[] | null;
}

/** The directory of an agency, or of one unit when `unitId` is given. */
export async function listMembers(ctx: ServiceContext, actor: ActorRef, input: { agencyId: string; unitId: string | null }): Promise<Directory> {
  const { agencyId, unitId } = input;
  requireMember(actor, agencyId);
  const agency = await ctx.db.agency.findUniqueOrThrow({ where: { id: agencyId } });
  const units = await ctx.db.unit.findMany({ where: unitId ? { id: unitId, agencyId } : { agencyId }, orderBy: { code: 'asc' } });
  const roles = await ctx.db.roleAssignment.findMany({
    where: { agencyId, state: { in: ['APPROVED', 'PENDING'] }, person: { active: true }, ...(unitId ? { unitId } : {}) },
    include: { person: true, unit: { select: { code: true } } },
    orderBy: [{ createdAt: 'asc' }],
  });
  const approved = roles.filter((r) => r.state === 'APPROVED');
  const officers = [...new Set(approved.filter((r) => r.role === 'penghubung').map((r) => r.personId))];
  const counts = officers.length
    ? await ctx.db.report.groupBy({ by: ['claimedById'], where: { agencyId, claimedById: { in: officers }, status: { in: [...OPEN_STATUSES] } }, _count: { _all: true } })
    : [];
  const open = new Map(counts.map((c) => [c.claimedById, c._count._all]));

  const group = (rows: typeof approved): MemberLine[] => {
    const byPerson = new Map<string, MemberLine>();
    for (const r of rows) {
      const line = byPerson.get(r.personId) ?? { personId: r.personId, name: r.person.name, username: r.person.telegramUsername, roles: [], openReports: null };
      if (!line.roles.includes(r.role)) line.roles.push(r.role);
      if (r.role === 'penghubung') line.openReports = open.get(r.personId) ?? 0;
      byPerson.set(r.personId, line);
    }
    return [...byPerson.values()].sort((a, b) => a.name.localeCompare(b.name, 'id'));
  };

  const pending = isAdminOf(actor, agencyId)
    ? roles.filter((r) => r.state === 'PENDING').map((r) => ({
        id: r.id, name: r.person.name, username: r.person.telegramUsername, whatsapp: r.person.whatsapp, role: r.role, unitCode: r.unit?.code ?? null,
      }))
    : null;
  return {
    agency: { code: agency.code, name: agency.name },
    agencyWide: unitId ? [] : group(approved.filter((r) => r.unitId === null)),
    units: units.map((u) => ({ unit: { id: u.id, code: u.code, name: u.name }, members: group(approved.filter((r) => r.unitId === u.id)) })),
    pending,
  };
}
