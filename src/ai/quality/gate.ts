/**
 * The quality check in front of `/tindaklanjut`, opt-in per agency (`Agency.settings.aiQualityCheck`).
 * The lead calls it from src/commands/report/answer.ts before recording the answer:
 *
 *   const held = await qualityGate(ctx.services, ctx.actor, { agencyId: agencyOf(ctx), trackingId: ctx.args.tracking, text: ctx.args.text, close: ctx.args.selesai, force: ctx.args.kirim });
 *   if (held) return held;
 *
 * It returns null (go ahead) when the check is off, forced with `--kirim`, not applicable (the
 * command will refuse on its own) or passed; otherwise the reply listing the issues with the exact
 * command to send anyway. Never throws: a failing check never blocks an answer.
 */
import { allowedActions } from '../../domain/report-state.js';
import type { Reply } from '../../commands/define.js';
import { hasRole, isSystem } from '../../services/acl.js';
import type { ActorRef, ServiceContext } from '../../services/context.js';
import { toState } from '../../services/report-row.js';
import { checkAnswerQuality } from './check.js';
import { ISSUE_TEXT } from './heuristics.js';
import { qualityCheckEnabled } from './settings.js';

export interface QualityGateInput {
  agencyId: string;
  trackingId: string;
  text: string;
  close: boolean;
  /** `--kirim`: the officer saw the warning and sends anyway. */
  force: boolean;
}

export async function qualityGate(ctx: ServiceContext, actor: ActorRef, input: QualityGateInput): Promise<Reply | null> {
  if (input.force) return null;
  try {
    if (!(await qualityCheckEnabled(ctx, input.agencyId))) return null;
    const report = await ctx.db.report.findUnique({ where: { agencyId_trackingId: { agencyId: input.agencyId, trackingId: input.trackingId } } });
    // Not ours to refuse: the command itself explains a missing report, a wrong unit or a wrong state.
    if (!report || !report.unitId || !allowedActions(toState(report)).includes('follow_up')) return null;
    if (!isSystem(actor) && !hasRole(actor, 'penghubung', { agencyId: report.agencyId, unitId: report.unitId })) return null;
    const result = await checkAnswerQuality(ctx, { agencyId: input.agencyId, reportId: report.id, text: input.text });
    if (result.ok) return null;
    ctx.log.info({ reportId: report.id, issues: result.issues, source: result.source }, 'tindak lanjut held by the quality check');
    const bullets = result.issues.map((i) => `• ${ISSUE_TEXT[i]}`);
    const extra = result.note.includes('Saran:') ? result.note.slice(result.note.indexOf('Saran:')) : '';
    const flags = `${input.close ? ' --selesai' : ''} --kirim`;
    // Personal data is never echoed back into the chat; otherwise the full command can be copied.
    const again = result.issues.includes('personal_data') ? `/tindaklanjut ${report.trackingId} <teks>${flags}` : `/tindaklanjut ${report.trackingId} ${input.text}${flags}`;
    const text = [
      `⚠️ Tindak lanjut #${report.trackingId} BELUM dicatat. Pemeriksaan mutu menemukan:`,
      ...bullets,
      ...(extra ? ['', extra] : []),
      '',
      'Perbaiki lalu kirim ulang, atau bila sudah yakin kirim apa adanya dengan menambahkan --kirim:',
      again,
    ].join('\n');
    return { text };
  } catch (e) {
    ctx.log.warn({ err: (e as Error).message, tracking: input.trackingId }, 'quality gate failed; the answer goes through');
    return null;
  }
}
