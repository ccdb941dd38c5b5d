/**
 * A report as the API returns it. The reporter's identity never leaves: no Reporter field is
 * read except the name, and only to mask it out of the title, body and event texts (code of
 * ethics, DOMAIN.md). A confidential report's body is withheld altogether.
 */
import { fail } from '../domain/errors.js';
import { STATUS_LABEL } from '../domain/labels.js';
import { allowedActions } from '../domain/report-state.js';
import type { Report } from '../generated/prisma/client.js';
import { mask } from '../lib/pii.js';
import type { ServiceContext } from '../services/context.js';
import { toState } from '../services/report-row.js';
import { API_ACTIONS, type ApiAction, type ReportView } from './schemas.js';

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);
const num = (d: { toNumber(): number } | null): number | null => (d === null ? null : d.toNumber());

export async function findReport(ctx: ServiceContext, agencyId: string, trackingId: string): Promise<Report | null> {
  return ctx.db.report.findUnique({ where: { agencyId_trackingId: { agencyId, trackingId } } });
}

/** The view of a report of the caller's agency; REPORT_NOT_FOUND for any other agency's. */
export async function reportViewByTracking(ctx: ServiceContext, agencyId: string, trackingId: string): Promise<ReportView> {
  const report = (await findReport(ctx, agencyId, trackingId)) ?? fail('REPORT_NOT_FOUND', { tracking: trackingId });
  return reportView(ctx, report);
}

export async function reportView(ctx: ServiceContext, report: Report): Promise<ReportView> {
  const db = ctx.db;
  const reporter = await db.reporter.findUnique({ where: { reportId: report.id }, select: { name: true } });
  const unit = report.unitId ? await db.unit.findUnique({ where: { id: report.unitId }, select: { code: true, name: true } }) : null;
  const claimedBy = report.claimedById ? await db.person.findUnique({ where: { id: report.claimedById }, select: { name: true } }) : null;
  const duplicate = report.duplicateOfId ? await db.report.findUnique({ where: { id: report.duplicateOfId }, select: { trackingId: true } }) : null;
  const events = await db.reportEvent.findMany({ where: { reportId: report.id }, orderBy: { id: 'asc' } });
  const hide = (text: string): string => mask(text, { knownNames: reporter?.name ? [reporter.name] : [] });
  const actions = allowedActions(toState(report)).filter((a): a is ApiAction => (API_ACTIONS as readonly string[]).includes(a));
  return {
    id: report.id,
    trackingId: report.trackingId,
    title: hide(report.title),
    body: report.confidential ? null : hide(report.body),
    bodyWithheld: report.confidential,
    category: report.category,
    status: report.status,
    statusLabel: STATUS_LABEL[report.status],
    topic: report.topic,
    channel: report.channel,
    anonymous: report.anonymous,
    confidential: report.confidential,
    unit,
    claimedBy,
    claimedAt: iso(report.claimedAt),
    receivedAt: report.receivedAt.toISOString(),
    verifiedAt: iso(report.verifiedAt),
    disposedAt: iso(report.disposedAt),
    firstResponseAt: iso(report.firstResponseAt),
    followUpAt: iso(report.followUpAt),
    closedAt: iso(report.closedAt),
    dueDate: report.dueDate ? report.dueDate.toISOString().slice(0, 10) : null,
    dueAt: iso(report.dueAt),
    rating: num(report.rating),
    ratingAccuracy: num(report.ratingAccuracy),
    reporterReplied: report.reporterReplied,
    bounceCount: report.bounceCount,
    duplicateOf: duplicate?.trackingId ?? null,
    allowedActions: actions,
    version: report.version,
    createdAt: report.createdAt.toISOString(),
    updatedAt: report.updatedAt.toISOString(),
    events: events.map((e) => ({ at: e.at.toISOString(), action: e.action, actor: e.actorLabel, source: e.source, reason: e.reason === null ? null : hide(e.reason) })),
  };
}
