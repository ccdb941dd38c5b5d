/**
 * Buttons and multi-step input of information requests, called from src/chat/interactions.ts.
 * Like the report buttons, each runs the command a person could type (same ACL, texts, audit);
 * "Balas" first asks for the answer text, and a topic question first asks which unit.
 */
import { DomainError } from '../domain/errors.js';
import type { ChatCore, Turn } from '../chat/core.js';
import { endConversation, startConversation, currentConversation } from '../chat/conversation.js';
import type { Reply } from '../commands/define.js';
import { encodeCallback, type ButtonAction } from '../messages/callback-data.js';
import { audit } from '../services/audit.js';
import { canAnswer, requireAnswerer } from './acl.js';
import type { InfoConversation, PickOption } from './conversation-state.js';
import { irQuoteOf, picPersonIds, requireOpen } from './requests.js';

export interface InfoInteraction {
  replies: Reply[];
  toast?: string;
}

const INFO_ACTIONS: readonly ButtonAction[] = ['ir_answer', 'ir_pick', 'ir_close'];
const STALE = 'Tombol ini sudah tidak berlaku. Ketik /ir <IR-…> untuk keadaan terbaru.';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isInfoAction(action: ButtonAction): boolean {
  return INFO_ACTIONS.includes(action);
}

async function run(core: ChatCore, turn: Turn, name: string, preset: Record<string, unknown>): Promise<Reply[]> {
  const command = core.registry.find(name);
  if (!command) throw new Error(`command /${name} is not registered`);
  return core.runCommand(command, turn, '', preset);
}

/** A button press (or numbered menu answer) on an information-request message. */
export async function handleInfoCallback(core: ChatCore, turn: Turn, action: ButtonAction, subject: string): Promise<InfoInteraction> {
  const ctx = core.services;
  if (action === 'ir_pick') {
    const state = await currentConversation(ctx, turn.conversationKey);
    const option = state?.kind === 'ir_pick' ? state.options.find((o) => o.unitId === subject) : undefined;
    if (!state || state.kind !== 'ir_pick' || !option) return { replies: [], toast: STALE };
    const replies = await pick(core, turn, state.question, option);
    return { replies, toast: replies[0]?.text.slice(0, 200) };
  }
  const ir = UUID.test(subject) ? await ctx.db.infoRequest.findUnique({ where: { id: subject } }) : null;
  if (!ir) return { replies: [], toast: STALE };
  const here: Turn = { ...turn, agencyId: ir.agencyId };
  if (action === 'ir_close') {
    const replies = await run(core, here, 'selesai_ir', { ir: ir.trackingId });
    return { replies, toast: replies[0]?.text.slice(0, 200) };
  }
  // ir_answer: permission and state are checked on the press, before asking for any text.
  if (!turn.identity.person) throw new DomainError('NOT_REGISTERED');
  const unit = await ctx.db.unit.findUniqueOrThrow({ where: { id: ir.unitId }, select: { code: true } });
  requireAnswerer(turn.identity.actor, ir, await picPersonIds(ctx.db, ir.unitId), unit.code);
  requireOpen(ir);
  await startConversation(ctx, turn.conversationKey, { kind: 'ir_answer', requestId: ir.id });
  const text = `✍️ ${turn.inbound.user.name}, tulis jawaban untuk ${ir.trackingId} sebagai pesan berikutnya di chat ini.`;
  return { replies: [{ text, buttons: [[{ label: 'Batal', data: encodeCallback('cancel', ir.id) }]] }], toast: 'Tulis jawaban…' };
}

/** The text after the bot asked for it. */
export async function continueInfoConversation(core: ChatCore, turn: Turn, state: InfoConversation, text: string): Promise<Reply[]> {
  const ctx = core.services;
  if (state.kind === 'ir_pick') {
    const n = /^\s*(\d{1,2})\s*$/.exec(text);
    const option = n ? state.options[Number(n[1]) - 1] : undefined;
    if (!option) return [{ text: `Balas dengan angka 1–${state.options.length} untuk memilih unit tujuan, atau ketik /batal.` }];
    return pick(core, turn, state.question, option);
  }
  await endConversation(ctx, turn.conversationKey);
  const ir = await ctx.db.infoRequest.findUnique({ where: { id: state.requestId } });
  if (!ir) throw new DomainError('NOT_FOUND', { what: 'Permintaan informasi' });
  return run(core, { ...turn, agencyId: ir.agencyId }, 'balas', { ir: ir.trackingId, text });
}

/** Rounds a plain reply answers: the question (unit post and the PIC's private message) and the reminders. */
const ANSWERABLE_ROUND = /^[qn]/;

/**
 * A plain reply (no command) to a request's post, its private message to the PIC or one of its
 * reminders is the answer, exactly as `/balas` would take it (same ACL, texts and audit). Someone
 * who may not answer is told so and nothing changes. Null when the quoted message is none of
 * these, so other replies keep their meaning.
 */
export async function answerByReply(core: ChatCore, turn: Turn, text: string): Promise<Reply[] | null> {
  const ctx = core.services;
  const { inbound } = turn;
  const quote = await irQuoteOf(ctx.db, { platform: inbound.platform, chatId: inbound.chatId, replyToMessageId: inbound.replyToMessageId });
  if (!quote || !ANSWERABLE_ROUND.test(quote.round)) return null;
  const ir = await ctx.db.infoRequest.findUnique({ where: { trackingId: quote.trackingId } });
  if (!ir) return null;
  const unit = await ctx.db.unit.findUniqueOrThrow({ where: { id: ir.unitId }, select: { code: true } });
  const { actor } = turn.identity;
  if (!turn.identity.person || !canAnswer(actor, ir, await picPersonIds(ctx.db, ir.unitId))) {
    await audit(ctx.db, actor, 'refused', {
      agencyId: ir.agencyId,
      subject: ir.trackingId,
      data: { code: turn.identity.person ? 'FORBIDDEN' : 'NOT_REGISTERED', via: 'reply', platformUser: `${inbound.platform}:${inbound.user.id}`, chat: inbound.chatId },
    });
    const who = turn.identity.person ? '' : ' Anda belum terdaftar; ketik /gabung <kode-unit> untuk meminta akses.';
    return [{ text: `⚠️ Balasan Anda tidak dicatat sebagai jawaban ${ir.trackingId}: yang dapat menjawab hanya PIC atau Pejabat Penghubung ${unit.code}, atau Admin Instansi. Tidak ada yang berubah.${who}` }];
  }
  return run(core, { ...turn, agencyId: ir.agencyId }, 'balas', { ir: ir.trackingId, text });
}

async function pick(core: ChatCore, turn: Turn, question: string, option: PickOption): Promise<Reply[]> {
  await endConversation(core.services, turn.conversationKey);
  return run(core, turn, 'tanya', { target: option.code, question, topic: option.topic ?? undefined });
}
