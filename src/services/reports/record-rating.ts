/**
 * The reporter's verdict as LAPOR! records it: rating (RHP in the recap), accuracy rating and
 * whether the reporter replied. LAPOR! is the source of truth for these, so they are accepted in
 * any status; only values that differ are written, with a `rated` event.
 */
import { fail } from '../../domain/errors.js';
import type { Report } from '../../generated/prisma/client.js';
import type { ActorRef, ServiceContext } from '../context.js';
import { lockReport } from '../report-row.js';

export interface RatingInput {
  rating?: number;
  ratingAccuracy?: number;
  reporterReplied?: boolean;
}

export interface RatingUpdate {
  report: Report;
  changed: string[];
}

/** Ratings are 1–5, stored with two decimals. */
function rating(field: string, v: number | undefined): number | undefined {
  if (v === undefined) return undefined;
  if (!Number.isFinite(v) || v < 1 || v > 5) fail('INVALID_ARGS', { field, value: v, expected: 'angka 1–5' });
  return Math.round(v * 100) / 100;
}

export async function recordRating(ctx: ServiceContext, actor: ActorRef, key: { agencyId: string; trackingId: string }, input: RatingInput): Promise<RatingUpdate> {
  const next = { rating: rating('rating', input.rating), ratingAccuracy: rating('ratingAccuracy', input.ratingAccuracy), reporterReplied: input.reporterReplied };
  const at = ctx.clock.now();
  return ctx.db.$transaction(async (tx) => {
    const before = await lockReport(tx, key.agencyId, key.trackingId);
    const current = { rating: before.rating?.toNumber() ?? null, ratingAccuracy: before.ratingAccuracy?.toNumber() ?? null, reporterReplied: before.reporterReplied };
    const changed = (Object.keys(next) as (keyof typeof next)[]).filter((k) => next[k] !== undefined && next[k] !== current[k]);
    if (changed.length === 0) return { report: before, changed };
    const data = Object.fromEntries(changed.map((k) => [k, next[k]]));
    const report = await tx.report.update({ where: { id: before.id }, data: { ...data, version: { increment: 1 } } });
    await tx.reportEvent.create({
      data: {
        reportId: report.id, actorId: actor.personId, actorLabel: actor.label, action: 'rated', source: actor.source, at,
        before: Object.fromEntries(changed.map((k) => [k, current[k]])),
        after: data,
      },
    });
    return { report, changed };
  });
}
