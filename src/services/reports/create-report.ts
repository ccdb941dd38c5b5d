/**
 * A report arrives (demo seed, import, API): stored as Belum Terverifikasi with the reporter's
 * identity kept apart from the text, and a `received` event.
 */
import { fail } from '../../domain/errors.js';
import { CATEGORIES, type Category } from '../../domain/types.js';
import type { Report } from '../../generated/prisma/client.js';
import { storedTitleMask } from '../../scheduler/jobs/masked-titles.js';
import type { ActorRef, ServiceContext } from '../context.js';
import type { Tx } from '../report-row.js';

export interface NewReport {
  agencyId: string;
  trackingId: string;
  title: string;
  body: string;
  category: Category;
  receivedAt?: Date;
  topic?: string | null;
  channel?: string | null;
  anonymous?: boolean;
  confidential?: boolean;
  reporter?: { name?: string | null; contact?: string | null; gender?: string | null; disability?: boolean; vulnerable?: boolean };
}

const TRACKING = /^[A-Za-z0-9-]{3,40}$/;

export async function createReport(ctx: ServiceContext, actor: ActorRef, input: NewReport): Promise<Report> {
  const at = ctx.clock.now();
  return ctx.db.$transaction((tx) => insertReport(tx, actor, input, at));
}

/**
 * Validate and store a new report inside the caller's transaction (intake adds its duplicate
 * check and admin notice to the same one). Throws CONFLICT when the tracking id exists.
 */
export async function insertReport(tx: Tx, actor: ActorRef, input: NewReport, at: Date, extra: { textSignature?: string | null } = {}): Promise<Report> {
  if (!TRACKING.test(input.trackingId)) fail('INVALID_ARGS', { field: 'tracking_id', value: input.trackingId, expected: 'huruf/angka/tanda hubung, 3–40 karakter' });
  if (!CATEGORIES.includes(input.category)) fail('INVALID_ARGS', { field: 'category', value: input.category, expected: CATEGORIES.join(', ') });
  if (!input.title.trim()) fail('INVALID_ARGS', { field: 'title', expected: 'judul tidak boleh kosong' });
  if (await tx.report.findUnique({ where: { agencyId_trackingId: { agencyId: input.agencyId, trackingId: input.trackingId } } })) {
    fail('CONFLICT', { what: 'laporan', tracking: input.trackingId });
  }
  const report = await tx.report.create({
    data: {
      agencyId: input.agencyId,
      trackingId: input.trackingId,
      title: input.title.trim(),
      // The title as groups see it, for the scheduled digests (masked once here, not every morning).
      ...storedTitleMask(input.title.trim(), input.reporter?.name ?? null),
      body: input.body,
      category: input.category,
      receivedAt: input.receivedAt ?? at,
      topic: input.topic ?? null,
      channel: input.channel ?? null,
      anonymous: input.anonymous ?? false,
      confidential: input.confidential ?? false,
      textSignature: extra.textSignature ?? null,
      reporter: input.reporter ? { create: { name: input.reporter.name ?? null, contact: input.reporter.contact ?? null, gender: input.reporter.gender ?? null, disability: input.reporter.disability ?? false, vulnerable: input.reporter.vulnerable ?? false } } : undefined,
    },
  });
  await tx.reportEvent.create({
    data: { reportId: report.id, actorId: actor.personId, actorLabel: actor.label, action: 'received', source: actor.source, at, after: { status: report.status } },
  });
  return report;
}
