/**
 * One new report from outside (REST API, a future web form): store it with its text signature,
 * flag a near-duplicate and queue the admin notice — all in one transaction — then, after
 * commit, add a routing suggestion to the notice. Idempotent by (agency, tracking id): sending
 * the same report again returns the stored one and notifies nobody twice.
 *
 * @example
 *   const { report, created, duplicate } = await intakeReport(ctx, systemActor('api', `API ${token.name}`), {
 *     agencyId, trackingId: '4410223', title, body, category: 'normatif', receivedAt, reporter: { name, contact },
 *   });
 */
import type { Report } from '../../generated/prisma/client.js';
import { DEFAULT_DUPLICATE_THRESHOLD, reportSignature } from '../../intake/duplicates.js';
import type { NoticeSuggestion } from '../../messages/new-report-notice.js';
import type { ActorRef, ServiceContext } from '../context.js';
import { insertReport, type NewReport } from '../reports/create-report.js';
import type { DuplicateMatch } from './find-duplicate.js';
import { addSuggestionToNotice, announceNewReport } from './notify-new-report.js';

export interface IntakeOptions {
  /** Similarity at or above which a report is flagged as a duplicate (config DUPLICATE_THRESHOLD). */
  duplicateThreshold?: number;
  /** Ask for a routing suggestion after commit (default true). */
  suggest?: boolean;
}

export interface IntakeResult {
  report: Report;
  /** False when a report with this tracking id already existed (nothing was changed or sent). */
  created: boolean;
  duplicate: DuplicateMatch | null;
  suggestion: NoticeSuggestion | null;
}

const isUniqueViolation = (e: unknown): boolean => (e as { code?: string } | null)?.code === 'P2002';

export async function intakeReport(ctx: ServiceContext, actor: ActorRef, input: NewReport, opts: IntakeOptions = {}): Promise<IntakeResult> {
  const key = { agencyId_trackingId: { agencyId: input.agencyId, trackingId: input.trackingId } };
  const existing = await ctx.db.report.findUnique({ where: key });
  if (existing) return { report: existing, created: false, duplicate: null, suggestion: null };
  const cal = await ctx.calendars.get(input.agencyId);
  const at = ctx.clock.now();
  let stored: { report: Report; duplicate: DuplicateMatch | null };
  try {
    stored = await ctx.db.$transaction(async (tx) => {
      const report = await insertReport(tx, actor, input, at, { textSignature: reportSignature(input) });
      const duplicate = await announceNewReport(tx, report, cal, opts.duplicateThreshold ?? DEFAULT_DUPLICATE_THRESHOLD);
      return { report: duplicate ? { ...report, duplicateOfId: duplicate.reportId, duplicateScore: duplicate.score } : report, duplicate };
    });
  } catch (e) {
    // The same report sent twice at once: the loser returns what the winner stored.
    const winner = isUniqueViolation(e) || (e as { code?: string }).code === 'CONFLICT' ? await ctx.db.report.findUnique({ where: key }) : null;
    if (winner) return { report: winner, created: false, duplicate: null, suggestion: null };
    throw e;
  }
  const suggestion = opts.suggest === false ? null : await addSuggestionToNotice(ctx, stored.report.id);
  return { ...stored, created: true, suggestion };
}
