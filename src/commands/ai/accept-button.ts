/**
 * The admin notice's "Disposisi ke X" button (callback action `dispose`, subject = suggestion id).
 * Wired in src/chat/interactions.ts: `if (action === 'dispose') return acceptSuggestionButton(...)`.
 */
import { acceptSuggestion, parseSuggestionSubject } from '../../ai/accept-suggestion.js';
import { formatLocalDate, formatTime } from '../../messages/format.js';
import type { ActorRef, ServiceContext } from '../../services/context.js';
import type { Reply } from '../define.js';

const STALE = 'Tombol ini sudah tidak berlaku. Ketik /status <nomor> untuk keadaan terbaru.';

export async function acceptSuggestionButton(ctx: ServiceContext, actor: ActorRef, subject: string): Promise<{ replies: Reply[]; toast?: string }> {
  const parsed = parseSuggestionSubject(subject);
  if (!parsed) return { replies: [], toast: STALE };
  const out = await acceptSuggestion(ctx, actor, parsed.suggestionId, parsed.choice);
  let text: string;
  switch (out.kind) {
    case 'accepted': {
      const r = out.applied.report;
      const due = r.dueDate ? formatLocalDate(r.dueDate.toISOString().slice(0, 10)) : '—';
      text = `✅ Saran AI diterima: laporan #${r.trackingId} didisposisikan ke ${out.unitCode} oleh ${actor.label}. Batas waktu: ${due}.`;
      break;
    }
    case 'already_accepted': {
      const cal = await ctx.calendars.get(null);
      text = `Saran untuk #${out.trackingId} sudah diterima${out.byName ? ` oleh ${out.byName}` : ''} pukul ${formatTime(out.at, cal.timeZone)}.`;
      break;
    }
    case 'already_routed':
      text = `Laporan #${out.trackingId} sudah ${out.unitCode ? `berada di unit ${out.unitCode}` : 'diproses'}; saran tidak diterapkan. Untuk mengalihkan: /disposisi ${out.trackingId} <kode-unit>.`;
      break;
  }
  return { replies: [{ text }], toast: text.slice(0, 200) };
}
