/**
 * PATCH /api/v1/reports/{trackingId}: a status change through the same services (and so the
 * same state machine, events and chat posts) as the chat commands, by the token's system actor.
 * Rating fields are LAPOR! data, recorded after the action in their own transaction; both are
 * validated first, so only a database failure between the two can leave the second undone
 * (repeating the PATCH without `action` then completes it).
 */
import { fail } from '../domain/errors.js';
import type { Report } from '../generated/prisma/client.js';
import type { Applied } from '../services/apply-report-action.js';
import type { ActorRef, ServiceContext } from '../services/context.js';
import { archiveReport, disposeReport, holdReport, reopenReport, resumeReport, verifyReport } from '../services/reports/admin-actions.js';
import { recordRating } from '../services/reports/record-rating.js';
import { closeReport } from '../services/reports/unit-actions.js';
import type { ApiCaller } from './auth.js';
import { findReport } from './report-view.js';
import type { ReportPatch } from './schemas.js';

export interface PatchOutcome {
  /** The recorded event (`verified`, `disposed`, …), `rated`, or `unchanged`. */
  result: string;
  report: Report;
}

type Key = { agencyId: string; trackingId: string };

function runAction(ctx: ServiceContext, actor: ActorRef, key: Key, patch: ReportPatch & { action: NonNullable<ReportPatch['action']> }): Promise<Applied> {
  // Missing reasons go through as '' so the state machine answers in its usual order:
  // first "not possible from this status", then REASON_REQUIRED.
  const reason = patch.reason ?? '';
  switch (patch.action) {
    case 'verify': return verifyReport(ctx, actor, key);
    case 'dispose': return disposeReport(ctx, actor, key, patch.unit ?? fail('UNIT_REQUIRED', { action: 'dispose' }));
    case 'hold': return holdReport(ctx, actor, key, reason);
    case 'resume': return resumeReport(ctx, actor, key);
    case 'archive': return archiveReport(ctx, actor, key, reason);
    case 'reopen': return reopenReport(ctx, actor, key, reason);
    case 'close': return closeReport(ctx, actor, key);
  }
}

export async function patchReport(ctx: ServiceContext, caller: ApiCaller, trackingId: string, patch: ReportPatch): Promise<PatchOutcome> {
  const key: Key = { agencyId: caller.agencyId, trackingId };
  let result = 'unchanged';
  if (patch.action) result = (await runAction(ctx, caller.actor, key, { ...patch, action: patch.action })).transition.event;
  if (patch.rating !== undefined || patch.ratingAccuracy !== undefined || patch.reporterReplied !== undefined) {
    const rated = await recordRating(ctx, caller.actor, key, patch);
    if (!patch.action && rated.changed.length > 0) result = 'rated';
  }
  const report = (await findReport(ctx, key.agencyId, trackingId)) ?? fail('REPORT_NOT_FOUND', { tracking: trackingId });
  return { result, report };
}
