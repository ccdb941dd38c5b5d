/** `/selesai-ir`: the operator (or the admin) closes a request; reminders stop, the post says so. */
import type { InfoRequest } from '../generated/prisma/client.js';
import { audit } from '../services/audit.js';
import type { ActorRef, ServiceContext } from '../services/context.js';
import { requireOperatorOrAdmin } from './acl.js';
import { refreshPosts } from './effects.js';
import { findIr, lockIr, requireOpen } from './requests.js';
import { statusLine } from './texts.js';

export async function closeInfo(ctx: ServiceContext, actor: ActorRef, input: { trackingId: string; agencyId?: string | null }): Promise<InfoRequest> {
  const found = await findIr(ctx.db, input.trackingId, input.agencyId);
  requireOperatorOrAdmin(actor, found.agencyId);
  const cal = await ctx.calendars.get(found.agencyId);
  const now = ctx.clock.now();
  return ctx.db.$transaction(async (tx) => {
    const ir = await lockIr(tx, found.id);
    requireOpen(ir);
    const request = await tx.infoRequest.update({ where: { id: ir.id }, data: { status: 'CLOSED', closedAt: now, nextNudgeAt: null } });
    await audit(tx, actor, 'info_request_closed', { agencyId: ir.agencyId, subject: ir.trackingId, data: { answered: ir.firstAnswerAt !== null } });
    await refreshPosts(tx, request, statusLine('CLOSED', actor.label, now, cal.timeZone));
    return request;
  });
}
