/**
 * What a change to an information request tells the chats, written to the outbox inside the
 * change's transaction. Every row's dedupe key starts with `ir:<tracking id>:` so a reply to any
 * of these messages can be traced back to the request (see `irFromReply`).
 */
import type { WorkingCalendar } from '../domain/calendar.js';
import type { InfoRequest, Person } from '../generated/prisma/client.js';
import type { OutMessage } from '../lib/message.js';
import { adminTargets, enqueue, enqueueEdit, unitTargets } from '../services/outbox.js';
import { privateTargetsOf } from '../services/people/private-targets.js';
import type { Tx } from '../services/report-row.js';
import { askerTargets, irKey, picsFor } from './requests.js';
import { answerButton, closeButton, questionText, relayText, withStatus, type IrView } from './texts.js';

/** Everything the texts show about a request. */
export async function loadView(tx: Tx, ir: InfoRequest, cal: WorkingCalendar, pics?: Person[]): Promise<IrView> {
  const unit = await tx.unit.findUniqueOrThrow({ where: { id: ir.unitId }, select: { code: true, name: true } });
  const asker = await tx.person.findUnique({ where: { id: ir.askedById }, select: { name: true } });
  const people = pics ?? (await picsFor(tx, ir.unitId, ir.topic));
  return {
    id: ir.id,
    trackingId: ir.trackingId,
    question: ir.question,
    topic: ir.topic,
    status: ir.status,
    askedAt: ir.askedAt,
    firstResponseDue: ir.firstResponseDue,
    dueDate: cal.toLocalDate(ir.dueAt),
    unit,
    askedBy: asker?.name ?? '—',
    pics: people.map((p) => p.name),
  };
}

/**
 * A new question (or follow-up) goes to the unit's chats and, privately, to its PICs. A unit
 * with neither gets the admin's chats instead, so no question lands nowhere.
 */
export async function publishQuestion(tx: Tx, args: { ir: InfoRequest; view: IrView; pics: Person[]; messageId: bigint; followUp?: string; tz: string }): Promise<number> {
  const { ir, view, pics, messageId, tz } = args;
  const round = `q${messageId}`;
  let sent = 0;
  const post: OutMessage = { text: questionText(view, tz, { followUp: args.followUp }), buttons: answerButton(ir.id) };
  const chats = await unitTargets(tx, ir.unitId);
  for (const t of chats.length > 0 || pics.length > 0 ? chats : await adminTargets(tx, ir.agencyId)) {
    if (await enqueue(tx, t, post, { purpose: 'notice', dedupeKey: irKey(ir.trackingId, round, t.platform, t.chatId, t.threadId ?? '') })) sent++;
  }
  const dm: OutMessage = { text: questionText(view, tz, { followUp: args.followUp, forPic: true }), buttons: answerButton(ir.id) };
  for (const pic of pics) {
    if (pic.id === ir.askedById) continue;
    for (const t of privateTargetsOf(pic)) {
      if (await enqueue(tx, t, dm, { purpose: 'dm', dedupeKey: irKey(ir.trackingId, round, 'dm', pic.id, t.platform) })) sent++;
    }
  }
  return sent;
}

/** The answer, at once, to the chat the operator asked in and to their private chat. */
export async function relayAnswer(tx: Tx, args: { ir: InfoRequest; view: IrView; messageId: bigint; by: string; at: Date; text: string; tz: string }): Promise<void> {
  const asker = await tx.person.findUnique({ where: { id: args.ir.askedById } });
  const message: OutMessage = { text: relayText(args.view, { by: args.by, at: args.at, text: args.text }, args.tz), buttons: closeButton(args.ir.id) };
  for (const t of askerTargets(args.ir, asker)) {
    await enqueue(tx, t, message, { purpose: 'reply', dedupeKey: irKey(args.ir.trackingId, `a${args.messageId}`, t.platform, t.chatId) });
  }
}

/**
 * Show the request's new state on the unit's posts: pending posts are rewritten, sent ones
 * edited. Closed and promoted requests lose the Balas button.
 */
export async function refreshPosts(tx: Tx, ir: InfoRequest, line: string): Promise<void> {
  const posts = await tx.outbox.findMany({ where: { dedupeKey: { startsWith: irKey(ir.trackingId, 'q') }, purpose: 'notice', kind: 'send' } });
  const open = ir.status === 'OPEN' || ir.status === 'ANSWERED';
  for (const post of posts) {
    const before = post.payload as unknown as OutMessage;
    const next: OutMessage = open ? { text: withStatus(before.text, line), buttons: answerButton(ir.id) } : { text: withStatus(before.text, line) };
    if (post.status === 'PENDING') await tx.outbox.update({ where: { id: post.id }, data: { payload: next as never } });
    else if (post.status === 'SENT' || post.status === 'SENDING') await enqueueEdit(tx, post, next);
  }
}
