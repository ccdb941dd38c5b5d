/**
 * Groups of agencies ("simpul": province, sector, national) that the monthly report aggregates
 * (seeds/003, section 3.5: "teragregasi ke tingkat simpul koordinasi provinsi, sektor, dan
 * nasional"). `setAgencyGroup` creates a group or replaces its name, kind and members.
 */
import { fail } from '../domain/errors.js';
import { audit } from '../services/audit.js';
import type { ActorRef, ServiceContext } from '../services/context.js';
import { normalizeCode } from '../services/directory/agency-and-units.js';

export const GROUP_KINDS = ['provinsi', 'sektor', 'nasional', 'lainnya'] as const;
export type GroupKind = (typeof GROUP_KINDS)[number];

export interface GroupInput {
  code: string;
  name: string;
  kind: GroupKind;
  /** Agency codes; the members become exactly these. */
  agencies: string[];
}

export interface GroupSummary {
  code: string;
  name: string;
  kind: string;
  agencies: string[];
}

export async function setAgencyGroup(ctx: ServiceContext, actor: ActorRef, input: GroupInput): Promise<GroupSummary> {
  const code = normalizeCode(input.code);
  const name = input.name.trim() || fail('INVALID_ARGS', { field: 'nama', expected: 'nama simpul' });
  if (!(GROUP_KINDS as readonly string[]).includes(input.kind)) fail('INVALID_ARGS', { field: 'jenis', value: input.kind, expected: GROUP_KINDS.join(', ') });
  const codes = [...new Set(input.agencies.map(normalizeCode))];
  const agencies = await ctx.db.agency.findMany({ where: { code: { in: codes } }, select: { id: true, code: true } });
  const missing = codes.filter((c) => !agencies.some((a) => a.code === c));
  if (missing.length) fail('NOT_FOUND', { what: 'instansi', code: missing.join(', ') });
  return ctx.db.$transaction(async (tx) => {
    const group = await tx.agencyGroup.upsert({ where: { code }, create: { code, name, kind: input.kind }, update: { name, kind: input.kind } });
    await tx.agencyGroupMember.deleteMany({ where: { groupId: group.id } });
    await tx.agencyGroupMember.createMany({ data: agencies.map((a) => ({ groupId: group.id, agencyId: a.id })) });
    await audit(tx, actor, 'agency_group_set', { subject: code, data: { name, kind: input.kind, agencies: codes } });
    return { code, name, kind: input.kind, agencies: agencies.map((a) => a.code).sort() };
  });
}

export async function listAgencyGroups(ctx: ServiceContext): Promise<GroupSummary[]> {
  const groups = await ctx.db.agencyGroup.findMany({ orderBy: { code: 'asc' }, include: { members: { include: { agency: { select: { code: true } } } } } });
  return groups.map((g) => ({ code: g.code, name: g.name, kind: g.kind, agencies: g.members.map((m) => m.agency.code).sort() }));
}
