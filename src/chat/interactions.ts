/**
 * Buttons and multi-step input. A button runs the same command a person could type (so the ACL,
 * the texts and the audit are the same); "Respon awal", "Tindak lanjut" and "Bukan wewenang"
 * first ask for the text, kept as a conversation in the database.
 */
import { DomainError } from '../domain/errors.js';
import { allowedActions } from '../domain/report-state.js';
import { decodeCallback, encodeCallback } from '../messages/callback-data.js';
import { requireUnitOfficer } from '../services/acl.js';
import { toState } from '../services/report-row.js';
import type { Reply } from '../commands/define.js';
import type { ChatCore, Turn } from './core.js';
import { currentConversation, endConversation, startConversation, type ConversationState } from './conversation.js';
import { continueInfoConversation, handleInfoCallback, isInfoAction } from '../info/interactions.js';
import { isInfoConversation } from '../info/conversation-state.js';
import { acceptSuggestionButton } from '../commands/ai/accept-button.js';
import { archiveAsDuplicate } from './archive-duplicate.js';

export interface Interaction {
  replies: Reply[];
  toast?: string;
}

const STALE = 'Tombol ini sudah tidak berlaku. Ketik /status <nomor> untuk keadaan terbaru.';

async function run(core: ChatCore, turn: Turn, name: string, preset: Record<string, unknown>): Promise<Reply[]> {
  const command = core.registry.find(name);
  if (!command) throw new Error(`command /${name} is not registered`);
  return core.runCommand(command, turn, '', preset);
}

/** A button press (or a numbered menu answer): returns replies and a short toast. */
export async function handleCallback(core: ChatCore, turn: Turn, data: string): Promise<Interaction> {
  const decoded = decodeCallback(data);
  if (!decoded) return { replies: [], toast: STALE };
  const { action, subject } = decoded;
  const ctx = core.services;

  if (action === 'approve' || action === 'reject') {
    const replies = await run(core, turn, action === 'approve' ? 'setujui' : 'tolak', { id: subject });
    return { replies, toast: replies[0]?.text.slice(0, 200) };
  }
  if (action === 'cancel') {
    await endConversation(ctx, turn.conversationKey);
    return { replies: [{ text: 'Dibatalkan.' }], toast: 'Dibatalkan.' };
  }
  if (action === 'answer_as') return answerAs(core, turn, subject);
  // AI suggestion on the admin notice: the subject is an ai_suggestion id, not a report id.
  if (action === 'dispose') return acceptSuggestionButton(ctx, turn.identity.actor, subject);
  if (action === 'bc_send' || action === 'bc_cancel') {
    const replies = await run(core, turn, action === 'bc_send' ? 'kirim' : 'batal-jadwal', { id: subject });
    return { replies, toast: replies[0]?.text.slice(0, 200) };
  }
  if (isInfoAction(action)) return handleInfoCallback(core, turn, action, subject);

  const report = /^[0-9a-f-]{36}$/i.test(subject) ? await ctx.db.report.findUnique({ where: { id: subject } }) : null;
  if (!report) return { replies: [], toast: STALE };
  const withReport: Turn = { ...turn, agencyId: report.agencyId, replyReport: { id: report.id, trackingId: report.trackingId, agencyId: report.agencyId } };
  const tracking = report.trackingId;

  switch (action) {
    case 'status':
      return { replies: await run(core, withReport, 'status', { tracking }) };
    case 'archive_dup':
      return archiveAsDuplicate(core, withReport, report.id);
    case 'claim': {
      const replies = await run(core, withReport, 'ambil', { tracking });
      return { replies, toast: replies[0]?.text.slice(0, 200) };
    }
    case 'close': {
      const replies = await run(core, withReport, 'selesai', { tracking });
      return { replies, toast: replies[0]?.text.slice(0, 200) };
    }
    case 'respond':
    case 'follow_up':
    case 'bounce': {
      // Permission and state are checked per press, before asking for any text.
      const actionType = action === 'follow_up' ? 'follow_up' : action;
      requireUnitOfficer(turn.identity.actor, report);
      if (!allowedActions(toState(report)).includes(actionType)) return { replies: [], toast: STALE };
      const state: ConversationState =
        action === 'follow_up' ? { kind: 'follow_up', reportId: report.id, close: false } : { kind: action, reportId: report.id };
      await startConversation(ctx, turn.conversationKey, state);
      const what = action === 'respond' ? 'respon awal' : action === 'follow_up' ? 'tindak lanjut' : 'alasan bukan wewenang';
      const text = `✍️ ${turn.inbound.user.name}, tulis ${what} untuk laporan #${tracking} sebagai pesan berikutnya di chat ini.${action === 'follow_up' ? ' Tambahkan --selesai di akhir bila laporan sudah tuntas.' : ''}`;
      return { replies: [{ text, buttons: [[{ label: 'Batal', data: encodeCallback('cancel', report.id) }]] }], toast: `Tulis ${what}…` };
    }
    default:
      return { replies: [], toast: STALE };
  }
}

/** The text after a button asked for it. */
export async function continueConversation(core: ChatCore, turn: Turn, state: ConversationState, text: string): Promise<Reply[]> {
  if (isInfoConversation(state)) return continueInfoConversation(core, turn, state, text);
  const ctx = core.services;
  if (state.kind === 'answer_kind') {
    const choice = { '1': 'r', '2': 'f', '3': 'x' }[text.trim()];
    return choice ? (await answerAs(core, turn, choice)).replies : [{ text: 'Balas 1 (respon awal), 2 (tindak lanjut) atau 3 (tindak lanjut dan selesai), atau ketik /batal.' }];
  }
  const report = await ctx.db.report.findUnique({ where: { id: state.reportId } });
  await endConversation(ctx, turn.conversationKey);
  if (!report) throw new DomainError('REPORT_NOT_FOUND', {});
  const withReport: Turn = { ...turn, agencyId: report.agencyId };
  const tracking = report.trackingId;
  switch (state.kind) {
    case 'respond':
      return run(core, withReport, 'respon', { tracking, text });
    case 'follow_up': {
      const close = /(^|\s)--selesai\s*$/i.test(text);
      return run(core, withReport, 'tindaklanjut', { tracking, text: text.replace(/(^|\s)--selesai\s*$/i, '').trim(), selesai: close || state.close });
    }
    case 'bounce':
      return run(core, withReport, 'bukanwewenang', { tracking, alasan: text });
  }
}

/** `/jawab` asked which kind of answer the text is: r = respon awal, f = tindak lanjut, x = tindak lanjut + selesai. */
async function answerAs(core: ChatCore, turn: Turn, choice: string): Promise<Interaction> {
  const ctx = core.services;
  const state = await currentConversation(ctx, turn.conversationKey);
  if (!state || state.kind !== 'answer_kind') return { replies: [], toast: STALE };
  await endConversation(ctx, turn.conversationKey);
  const report = await ctx.db.report.findUnique({ where: { id: state.reportId } });
  if (!report) return { replies: [], toast: STALE };
  const withReport: Turn = { ...turn, agencyId: report.agencyId };
  const replies =
    choice === 'r'
      ? await run(core, withReport, 'respon', { tracking: report.trackingId, text: state.text })
      : await run(core, withReport, 'tindaklanjut', { tracking: report.trackingId, text: state.text, selesai: choice === 'x' });
  return { replies, toast: replies[0]?.text.slice(0, 200) };
}
