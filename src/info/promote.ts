/**
 * `/jadikan-laporan`: an information request that turns out to be a complaint becomes a formal
 * report (Belum Terverifikasi, for the admin to verify and route). The report keeps the IR's
 * tracking id, so one number follows the case; its history starts with the IR's questions and
 * answers; the IR is marked PROMOTED and points at the report.
 *
 * Two steps, because `createReport` owns its transaction: create (or find, when an earlier
 * attempt stopped half-way) the report, then mark the IR and write the history in one
 * transaction. A retry therefore completes instead of failing on the existing report.
 */
import { CATEGORY_LABEL } from '../domain/labels.js';
import type { Category } from '../domain/types.js';
import type { Prisma, Report } from '../generated/prisma/client.js';
import { shorten } from '../lib/pii.js';
import { formatDateTime } from '../messages/format.js';
import { audit } from '../services/audit.js';
import type { ActorRef, ServiceContext } from '../services/context.js';
import { adminTargets, enqueue } from '../services/outbox.js';
import { createReport } from '../services/reports/create-report.js';
import { requireOperatorOrAdmin } from './acl.js';
import { refreshPosts } from './effects.js';
import { findIr, irKey, lockIr, requireOpen } from './requests.js';
import { clean, statusLine } from './texts.js';

const EVENT_OF_KIND: Record<string, string> = { question: 'ir_question', answer: 'ir_answer', followup: 'ir_followup' };

export async function promoteInfo(ctx: ServiceContext, actor: ActorRef, input: { trackingId: string; category: Category; agencyId?: string | null }): Promise<Report> {
  const found = await findIr(ctx.db, input.trackingId, input.agencyId);
  requireOperatorOrAdmin(actor, found.agencyId);
  requireOpen(found);
  const cal = await ctx.calendars.get(found.agencyId);
  const tz = cal.timeZone;
  const messages = await ctx.db.infoRequestMessage.findMany({ where: { requestId: found.id }, orderBy: { id: 'asc' } });
  const unit = await ctx.db.unit.findUniqueOrThrow({ where: { id: found.unitId } });
  const transcript = messages.map((m) => `${m.kind === 'answer' ? 'Jawaban' : m.kind === 'followup' ? 'Pertanyaan lanjutan' : 'Pertanyaan'} (${m.authorName}, ${formatDateTime(m.at, tz)}): ${m.text}`);
  const existing = await ctx.db.report.findUnique({ where: { agencyId_trackingId: { agencyId: found.agencyId, trackingId: found.trackingId } } });
  const report =
    existing ??
    (await createReport(ctx, actor, {
      agencyId: found.agencyId,
      trackingId: found.trackingId,
      title: shorten(found.question.replace(/\s+/g, ' '), 120),
      body: [`Berasal dari permintaan informasi ${found.trackingId} (unit ${unit.code}).`, '', ...transcript].join('\n'),
      category: input.category,
      topic: found.topic,
    }));
  const now = ctx.clock.now();
  await ctx.db.$transaction(async (tx) => {
    const ir = await lockIr(tx, found.id);
    requireOpen(ir);
    await tx.infoRequest.update({ where: { id: ir.id }, data: { status: 'PROMOTED', promotedReportId: report.id, closedAt: now, nextNudgeAt: null } });
    for (const m of messages) {
      await tx.reportEvent.create({
        data: { reportId: report.id, actorId: m.authorId, actorLabel: m.authorName, action: EVENT_OF_KIND[m.kind] ?? 'ir_message', reason: m.text, source: 'system', at: m.at, after: { infoRequest: ir.trackingId } },
      });
    }
    await tx.reportEvent.create({
      data: {
        reportId: report.id, actorId: actor.personId, actorLabel: actor.label, action: 'from_info_request', reason: ir.trackingId, source: actor.source, at: now,
        after: { infoRequest: ir.trackingId, infoRequestId: ir.id, unit: unit.code, category: input.category } as Prisma.InputJsonValue,
      },
    });
    await audit(tx, actor, 'info_request_promoted', { agencyId: ir.agencyId, subject: ir.trackingId, data: { reportId: report.id, category: input.category } });
    const text =
      `📄 Permintaan informasi ${ir.trackingId} (${unit.code}) dijadikan laporan #${report.trackingId} — ${CATEGORY_LABEL[input.category]}, oleh ${actor.label}.\n` +
      `Pertanyaan: ${clean(ir.question, 500)}\n` +
      `Verifikasi: /verifikasi ${report.trackingId} · Disposisi: /disposisi ${report.trackingId} <kode-unit>`;
    for (const t of await adminTargets(tx, ir.agencyId)) {
      await enqueue(tx, t, { text }, { purpose: 'notice', reportId: report.id, dedupeKey: irKey(ir.trackingId, 'promoted', t.platform, t.chatId) });
    }
    await refreshPosts(tx, { ...ir, status: 'PROMOTED' }, statusLine('PROMOTED', actor.label, now, tz));
  });
  return report;
}
