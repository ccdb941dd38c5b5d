/**
 * `/tanya`: an operator's question becomes an information request with its own tracking id,
 * SLA (5 working days; first response within the working-hours target), a post in the unit's
 * chat(s) and a private message to the unit's PIC, all in one transaction.
 */
import { fail } from '../domain/errors.js';
import { computeDeadline } from '../domain/sla.js';
import type { InfoRequest, Person, Unit } from '../generated/prisma/client.js';
import type { Target } from '../lib/message.js';
import { inc } from '../lib/metrics.js';
import { mask } from '../lib/pii.js';
import { audit } from '../services/audit.js';
import type { ActorRef, ServiceContext } from '../services/context.js';
import { requireAsker } from './acl.js';
import { loadView, publishQuestion } from './effects.js';
import { normalizeText } from './normalize.js';
import { nextIrId, picsFor } from './requests.js';
import { infoSettingsFor } from './settings.js';
import { addWorkingHours } from './working-hours.js';

export interface AskInput {
  agencyId: string;
  unitId: string;
  topic?: string | null;
  question: string;
  /** The chat the operator asked in; the answer comes back there (and privately). */
  origin: Pick<Target, 'platform' | 'chatId'>;
}

export interface Asked {
  request: InfoRequest;
  unit: Unit;
  pics: Person[];
}

export async function askInfo(ctx: ServiceContext, actor: ActorRef, input: AskInput): Promise<Asked> {
  const askedById = requireAsker(actor, input.agencyId);
  const question = input.question.trim();
  if (!question) fail('INVALID_ARGS', { expected: 'pertanyaan wajib diisi' });
  const unit = await ctx.db.unit.findUnique({ where: { id: input.unitId } });
  if (!unit || unit.agencyId !== input.agencyId) return fail('UNIT_NOT_FOUND', { code: input.unitId });
  // Read before the transaction: PGlite has one connection, and both are cached or cheap.
  const cal = await ctx.calendars.get(input.agencyId);
  const settings = await infoSettingsFor(ctx.db, input.agencyId);
  const now = ctx.clock.now();
  const firstResponseDue = addWorkingHours(now, settings.firstResponseHours, cal, settings.workingHours);
  const { dueAt } = computeDeadline(now, 'informasi', cal);
  const asked = await ctx.db.$transaction(async (tx) => {
    const trackingId = await nextIrId(tx, cal.toLocalDate(now));
    const topic = input.topic?.trim() || null;
    const pics = await picsFor(tx, unit.id, topic);
    const request = await tx.infoRequest.create({
      data: {
        agencyId: input.agencyId, trackingId, unitId: unit.id, picId: pics[0]?.id ?? null, askedById, topic, question,
        originPlatform: input.origin.platform, originChatId: input.origin.chatId,
        askedAt: now, firstResponseDue, dueAt, nextNudgeAt: firstResponseDue, nudgeStage: 0,
      },
    });
    const msg = await tx.infoRequestMessage.create({
      // Indexed from the masked text: the knowledge base never holds a citizen's name or number.
      data: { requestId: request.id, kind: 'question', authorId: askedById, authorName: actor.label, text: question, searchText: normalizeText(mask(question)), at: now },
    });
    await audit(tx, actor, 'info_request_asked', { agencyId: input.agencyId, subject: trackingId, data: { unit: unit.code, topic } });
    const view = await loadView(tx, request, cal, pics);
    await publishQuestion(tx, { ir: request, view, pics, messageId: msg.id, tz: cal.timeZone });
    return { request, unit, pics };
  });
  inc('penghubung_info_requests_total', 'Information requests by event', { event: 'asked' });
  return asked;
}
