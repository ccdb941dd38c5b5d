/** Read-only look-ups for `/ir`: one request with its messages, or the open ones around a person. */
import type { InfoRequest, InfoRequestMessage } from '../generated/prisma/client.js';
import { isAdminOf, requireMember } from '../services/acl.js';
import type { ActorRef, ServiceContext } from '../services/context.js';
import { findIr, picsFor } from './requests.js';

export interface IrDetail {
  request: InfoRequest;
  unit: { code: string; name: string };
  askedBy: string;
  pics: string[];
  messages: Pick<InfoRequestMessage, 'kind' | 'authorName' | 'text' | 'at'>[];
}

export async function irDetail(ctx: ServiceContext, actor: ActorRef, input: { trackingId: string; agencyId?: string | null }): Promise<IrDetail> {
  const request = await findIr(ctx.db, input.trackingId, input.agencyId);
  requireMember(actor, request.agencyId);
  const unit = await ctx.db.unit.findUniqueOrThrow({ where: { id: request.unitId }, select: { code: true, name: true } });
  const asker = await ctx.db.person.findUnique({ where: { id: request.askedById }, select: { name: true } });
  const pics = await picsFor(ctx.db, request.unitId, request.topic);
  const messages = await ctx.db.infoRequestMessage.findMany({ where: { requestId: request.id }, orderBy: { id: 'asc' }, select: { kind: true, authorName: true, text: true, at: true } });
  return { request, unit, askedBy: asker?.name ?? '—', pics: pics.map((p) => p.name), messages };
}

export interface IrListItem {
  trackingId: string;
  status: string;
  unitCode: string;
  question: string;
  askedAt: Date;
  firstResponseDue: Date;
}

/**
 * Requests still needing attention: a unit chat sees its unit's; the admin sees the agency's;
 * anyone else the ones they asked. Unanswered first, oldest first.
 */
export async function openIrs(ctx: ServiceContext, actor: ActorRef, input: { agencyId: string; unitId: string | null }): Promise<IrListItem[]> {
  requireMember(actor, input.agencyId);
  const scope = input.unitId ? { unitId: input.unitId } : isAdminOf(actor, input.agencyId) ? {} : { askedById: actor.personId ?? '' };
  const rows = await ctx.db.infoRequest.findMany({
    where: { agencyId: input.agencyId, status: { in: ['OPEN', 'ANSWERED'] }, ...scope },
    orderBy: [{ status: 'desc' }, { askedAt: 'asc' }],
    take: 20,
  });
  const units = await ctx.db.unit.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.unitId))] } }, select: { id: true, code: true } });
  return rows.map((r) => ({ trackingId: r.trackingId, status: r.status, unitCode: units.find((u) => u.id === r.unitId)?.code ?? '', question: r.question, askedAt: r.askedAt, firstResponseDue: r.firstResponseDue }));
}
