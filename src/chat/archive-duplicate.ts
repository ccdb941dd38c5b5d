/**
 * The admin notice's [Arsip (laporan berulang)] button (callback action `archive_dup`, subject =
 * the flagged report's id). It runs `/arsip` like a person typing it — same ACL, texts and
 * history — with the reason "Laporan berulang dari #<asli> (kemiripan 93%)".
 * Wired in src/chat/interactions.ts: `case 'archive_dup': return archiveAsDuplicate(core, withReport, report.id);`
 */
import { percent } from '../messages/new-report-notice.js';
import type { Reply } from '../commands/define.js';
import type { ChatCore, Turn } from './core.js';

const NOT_FLAGGED = 'Laporan ini tidak ditandai sebagai duplikat. Untuk mengarsipkan: /arsip <nomor> <alasan>.';

export async function archiveAsDuplicate(core: ChatCore, turn: Turn, reportId: string): Promise<{ replies: Reply[]; toast?: string }> {
  const ctx = core.services;
  const report = await ctx.db.report.findUnique({ where: { id: reportId } });
  const original = report?.duplicateOfId ? await ctx.db.report.findUnique({ where: { id: report.duplicateOfId }, select: { trackingId: true } }) : null;
  if (!report || !original) return { replies: [{ text: NOT_FLAGGED }], toast: NOT_FLAGGED.slice(0, 200) };
  const command = core.registry.find('arsip');
  if (!command) throw new Error('command /arsip is not registered');
  const score = report.duplicateScore !== null ? ` (kemiripan ${percent(report.duplicateScore)})` : '';
  const withReport: Turn = { ...turn, agencyId: report.agencyId };
  const replies = await core.runCommand(command, withReport, '', { tracking: report.trackingId, alasan: `Laporan berulang dari #${original.trackingId}${score}` });
  return { replies, toast: replies[0]?.text.slice(0, 200) };
}
