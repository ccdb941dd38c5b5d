/**
 * POST /api/v1/reports: create, or update by tracking id. Decisions:
 * - Idempotent: the same body again changes nothing and records nothing (200, "unchanged").
 * - A different body updates the details that differ (200, "updated", one `updated` event);
 *   fields absent from the body are left alone. The status is never changed here (PATCH does
 *   that), and a category cannot change once the report has been routed (its deadline depends
 *   on it): that is a 400.
 * - `unit` is a first routing only: applied when the report has never been verified or routed,
 *   so a retry after an interrupted create completes it, while a report that has since moved on
 *   (re-routed, bounced) is not pulled back by a re-sent body. Re-routing is PATCH action=dispose.
 * - An unknown unit is refused before anything is written.
 * - Two concurrent POSTs of a new tracking id: one creates, the other updates (usually "unchanged").
 */
import { fail, isDomainError } from '../domain/errors.js';
import type { Report } from '../generated/prisma/client.js';
import type { ActorRef, ServiceContext } from '../services/context.js';
import { findUnit } from '../services/directory/agency-and-units.js';
import { disposeReport } from '../services/reports/admin-actions.js';
import { updateReportDetails, type ReportDetails } from '../services/reports/update-report-details.js';
import type { ApiCaller } from './auth.js';
import { createViaApi } from './intake.js';
import { findReport } from './report-view.js';
import type { ReportInput } from './schemas.js';

export interface UpsertOutcome {
  result: 'created' | 'updated' | 'unchanged';
  changed: string[];
  report: Report;
}

function details(input: ReportInput): ReportDetails {
  return {
    title: input.title,
    body: input.body,
    category: input.category,
    receivedAt: input.receivedAt ? new Date(input.receivedAt) : undefined,
    topic: input.topic,
    channel: input.channel,
    anonymous: input.anonymous,
    confidential: input.confidential,
    reporter: input.reporter,
  };
}

/** A unique violation: another request created the same tracking id first. */
function lostCreateRace(e: unknown): boolean {
  if (isDomainError(e)) return e.code === 'CONFLICT';
  return typeof e === 'object' && e !== null && (e as { code?: unknown }).code === 'P2002';
}

async function requireUnitOf(ctx: ServiceContext, agencyId: string, code: string): Promise<void> {
  const unit = await findUnit(ctx, code);
  if (unit.agencyId !== agencyId) fail('UNIT_NOT_FOUND', { code });
}

/** Route a report that was never verified or routed; true when this call routed it. */
async function routeFirstTime(ctx: ServiceContext, actor: ActorRef, key: { agencyId: string; trackingId: string }, unit: string): Promise<boolean> {
  const report = await findReport(ctx, key.agencyId, key.trackingId);
  if (!report || report.status !== 'BELUM_TERVERIFIKASI' || report.unitId !== null || report.verifiedAt !== null) return false;
  try {
    await disposeReport(ctx, actor, key, unit, { via: 'api' });
    return true;
  } catch (e) {
    // A concurrent request routed it to the same unit first.
    if (isDomainError(e) && e.code === 'SAME_UNIT') return false;
    throw e;
  }
}

export async function upsertReport(ctx: ServiceContext, caller: ApiCaller, input: ReportInput, opts: { duplicateThreshold?: number } = {}): Promise<UpsertOutcome> {
  const key = { agencyId: caller.agencyId, trackingId: input.trackingId };
  const d = details(input);
  if (input.unit) await requireUnitOf(ctx, key.agencyId, input.unit);
  let created = false;
  if (!(await findReport(ctx, key.agencyId, key.trackingId))) {
    try {
      created = (await createViaApi(ctx, caller.actor, { ...d, agencyId: key.agencyId, trackingId: key.trackingId, title: input.title, body: input.body, category: input.category }, opts.duplicateThreshold)).created;
    } catch (e) {
      if (!lostCreateRace(e)) throw e;
    }
  }
  const changed = created ? [] : (await updateReportDetails(ctx, caller.actor, key, d)).changed;
  // The unit gets its post through disposeReport, exactly as after /disposisi.
  if (input.unit && (await routeFirstTime(ctx, caller.actor, key, input.unit)) && !created) changed.push('unit');
  const report = (await findReport(ctx, key.agencyId, key.trackingId)) ?? fail('REPORT_NOT_FOUND', { tracking: key.trackingId });
  return { result: created ? 'created' : changed.length > 0 ? 'updated' : 'unchanged', changed, report };
}
