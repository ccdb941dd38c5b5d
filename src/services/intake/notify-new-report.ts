/**
 * Tells the Admin Instansi's chats that a report arrived ("📥 Laporan baru …"), flagging a
 * possible duplicate, then — after commit, since it may call an AI service — asks for a routing
 * suggestion and adds it to the same notice (the pending row is rewritten, a sent one edited).
 */
import type { WorkingCalendar } from '../../domain/calendar.js';
import type { Prisma, Report } from '../../generated/prisma/client.js';
import { suggestionButtons } from '../../ai/accept-suggestion.js';
import { suggestForReport } from '../../ai/suggest.js';
import { DEFAULT_DUPLICATE_THRESHOLD } from '../../intake/duplicates.js';
import { renderNewReportNotice, type NoticeDuplicate, type NoticeSuggestion } from '../../messages/new-report-notice.js';
import type { OutMessage } from '../../lib/message.js';
import type { ServiceContext } from '../context.js';
import { adminTargets, enqueue, enqueueEdit } from '../outbox.js';
import type { Tx } from '../report-row.js';
import { flagDuplicate, type DuplicateMatch } from './find-duplicate.js';

const noticeKey = (reportId: string): string => `new-report:${reportId}`;

/** Reporter name (for masking) and the flagged duplicate's tracking id, as the notice shows them. */
async function noticeParts(db: Tx, report: Report): Promise<{ reporterName: string | null; dup: NoticeDuplicate | null }> {
  const reporter = await db.reporter.findUnique({ where: { reportId: report.id }, select: { name: true } });
  const original = report.duplicateOfId ? await db.report.findUnique({ where: { id: report.duplicateOfId }, select: { trackingId: true } }) : null;
  const dup = original && report.duplicateScore !== null ? { trackingId: original.trackingId, score: report.duplicateScore } : null;
  return { reporterName: reporter?.name ?? null, dup };
}

function render(report: Report, parts: { reporterName: string | null; dup: NoticeDuplicate | null }, cal: WorkingCalendar, suggestion: NoticeSuggestion | null): OutMessage {
  return renderNewReportNotice({ ...report, reporterName: parts.reporterName }, cal.timeZone, parts.dup, suggestion);
}

/**
 * Inside the transaction that stored the report: flag a near-duplicate and queue the notice to
 * every admin chat of the agency. Queued once per chat even if called again (dedupe key).
 */
export async function announceNewReport(tx: Tx, report: Report, cal: WorkingCalendar, threshold = DEFAULT_DUPLICATE_THRESHOLD): Promise<DuplicateMatch | null> {
  const match = await flagDuplicate(tx, report, threshold);
  const flagged: Report = match ? { ...report, duplicateOfId: match.reportId, duplicateScore: match.score } : report;
  const message = render(flagged, await noticeParts(tx, flagged), cal, null);
  for (const target of await adminTargets(tx, report.agencyId)) {
    await enqueue(tx, target, message, { purpose: 'notice', reportId: report.id, dedupeKey: `${noticeKey(report.id)}:${target.platform}:${target.chatId}:${target.threadId ?? ''}` });
  }
  return match;
}

/**
 * After commit: ask `suggestForReport`; if it names a unit, add "Saran: disposisi ke …" and the
 * buttons to the notice. Never throws: a failed suggestion must not undo or delay the report.
 */
export async function addSuggestionToNotice(ctx: ServiceContext, reportId: string): Promise<NoticeSuggestion | null> {
  try {
    const s = await suggestForReport(ctx, reportId);
    const unit = s?.units[0];
    if (!s || !unit) return null;
    const cal = await ctx.calendars.get((await ctx.db.report.findUniqueOrThrow({ where: { id: reportId }, select: { agencyId: true } })).agencyId);
    return await ctx.db.$transaction(async (tx) => {
      const report = await tx.report.findUniqueOrThrow({ where: { id: reportId } });
      // suggestForReport stores its suggestion and returns the id; store it here when it did not.
      const id = s.id ?? (await tx.aiSuggestion.create({
        data: { reportId, source: s.source, category: s.category, unitCodes: s.units as unknown as Prisma.InputJsonValue, topic: s.topic, duplicateOf: s.duplicateOf },
        select: { id: true },
      })).id;
      const suggestion: NoticeSuggestion = { id, unitCode: unit.code, reason: unit.reason, category: s.category, topic: s.topic, buttons: suggestionButtons({ id, units: s.units }) };
      const message = render(report, await noticeParts(tx, report), cal, suggestion);
      const notices = await tx.outbox.findMany({ where: { reportId, purpose: 'notice', kind: 'send', dedupeKey: { startsWith: noticeKey(reportId) } } });
      for (const n of notices) {
        if (n.status === 'PENDING') await tx.outbox.update({ where: { id: n.id }, data: { payload: message as unknown as Prisma.InputJsonValue } });
        else if (n.status === 'SENT' || n.status === 'SENDING') await enqueueEdit(tx, n, message);
      }
      return suggestion;
    });
  } catch (err) {
    ctx.log.warn({ err: (err as Error).message, reportId }, 'routing suggestion failed; the notice stays without it');
    return null;
  }
}
