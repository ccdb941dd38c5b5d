/**
 * `/balas`: the unit's PIC (or a liaison officer of the unit, or the admin) answers. The answer
 * is stored for the knowledge base and relayed at once to the asking operator, with who answered
 * and when; the unit's post shows that it is answered, and the nudges stop.
 */
import { fail } from '../domain/errors.js';
import type { InfoRequest } from '../generated/prisma/client.js';
import { inc } from '../lib/metrics.js';
import { mask } from '../lib/pii.js';
import { audit } from '../services/audit.js';
import type { ActorRef, ServiceContext } from '../services/context.js';
import { requireAnswerer } from './acl.js';
import { loadView, refreshPosts, relayAnswer } from './effects.js';
import { normalizeText } from './normalize.js';
import { findIr, lockIr, picPersonIds, requireOpen } from './requests.js';
import { statusLine } from './texts.js';

export interface Answered {
  request: InfoRequest;
  unitCode: string;
  askedBy: string;
  /** First answer of the request (the first-response target is judged on it). */
  first: boolean;
  withinTarget: boolean;
}

export async function answerInfo(ctx: ServiceContext, actor: ActorRef, input: { trackingId: string; text: string; agencyId?: string | null }): Promise<Answered> {
  const text = input.text.trim();
  if (!text) fail('INVALID_ARGS', { expected: 'jawaban wajib diisi' });
  const found = await findIr(ctx.db, input.trackingId, input.agencyId);
  const cal = await ctx.calendars.get(found.agencyId);
  const now = ctx.clock.now();
  const answered = await ctx.db.$transaction(async (tx) => {
    const ir = await lockIr(tx, found.id);
    const unit = await tx.unit.findUniqueOrThrow({ where: { id: ir.unitId }, select: { code: true } });
    requireAnswerer(actor, ir, await picPersonIds(tx, ir.unitId), unit.code);
    requireOpen(ir);
    const request = await tx.infoRequest.update({
      where: { id: ir.id },
      data: { status: 'ANSWERED', firstAnswerAt: ir.firstAnswerAt ?? now, nextNudgeAt: null },
    });
    const msg = await tx.infoRequestMessage.create({
      data: { requestId: ir.id, kind: 'answer', authorId: actor.personId, authorName: actor.label, text, searchText: normalizeText(mask(text)), at: now },
    });
    await audit(tx, actor, 'info_request_answered', { agencyId: ir.agencyId, subject: ir.trackingId, data: { first: ir.firstAnswerAt === null } });
    const view = await loadView(tx, request, cal);
    await relayAnswer(tx, { ir: request, view, messageId: msg.id, by: actor.label, at: now, text, tz: cal.timeZone });
    await refreshPosts(tx, request, statusLine('ANSWERED', actor.label, now, cal.timeZone));
    return { request, unitCode: unit.code, askedBy: view.askedBy, first: ir.firstAnswerAt === null, withinTarget: now <= ir.firstResponseDue };
  });
  inc('penghubung_info_requests_total', 'Information requests by event', { event: answered.first ? (answered.withinTarget ? 'answered_within_target' : 'answered_late') : 'answered_again' });
  return answered;
}
