/**
 * `/tanya-lagi`: the operator asks a follow-up on the same request. It reopens the request, goes
 * to the unit's chats and PICs like the first question, and restarts the reminder ladder from a
 * fresh first-response target (the request's own target, used by the recap, stays as it was).
 */
import { fail } from '../domain/errors.js';
import type { InfoRequest } from '../generated/prisma/client.js';
import { mask } from '../lib/pii.js';
import { audit } from '../services/audit.js';
import type { ActorRef, ServiceContext } from '../services/context.js';
import { requireOperatorOrAdmin } from './acl.js';
import { loadView, publishQuestion } from './effects.js';
import { normalizeText } from './normalize.js';
import { findIr, lockIr, picsFor, requireOpen } from './requests.js';
import { infoSettingsFor } from './settings.js';
import { addWorkingHours } from './working-hours.js';

export async function followUpInfo(ctx: ServiceContext, actor: ActorRef, input: { trackingId: string; text: string; agencyId?: string | null }): Promise<InfoRequest> {
  const text = input.text.trim();
  if (!text) fail('INVALID_ARGS', { expected: 'pertanyaan lanjutan wajib diisi' });
  const found = await findIr(ctx.db, input.trackingId, input.agencyId);
  requireOperatorOrAdmin(actor, found.agencyId);
  const cal = await ctx.calendars.get(found.agencyId);
  const settings = await infoSettingsFor(ctx.db, found.agencyId);
  const now = ctx.clock.now();
  return ctx.db.$transaction(async (tx) => {
    const ir = await lockIr(tx, found.id);
    requireOpen(ir);
    const request = await tx.infoRequest.update({
      where: { id: ir.id },
      data: { status: 'OPEN', nudgeStage: 0, nextNudgeAt: addWorkingHours(now, settings.firstResponseHours, cal, settings.workingHours) },
    });
    const msg = await tx.infoRequestMessage.create({
      data: { requestId: ir.id, kind: 'followup', authorId: actor.personId, authorName: actor.label, text, searchText: normalizeText(mask(text)), at: now },
    });
    await audit(tx, actor, 'info_request_followed_up', { agencyId: ir.agencyId, subject: ir.trackingId });
    const pics = await picsFor(tx, ir.unitId, ir.topic);
    const view = await loadView(tx, request, cal, pics);
    await publishQuestion(tx, { ir: request, view, pics, messageId: msg.id, followUp: text, tz: cal.timeZone });
    return request;
  });
}
