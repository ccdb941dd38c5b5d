/** Everything a suggestion needs about one report, read once. */
import type { ServiceContext } from '../services/context.js';
import { reportText } from './classifier/training-data.js';

export interface UnitRef {
  id: string;
  code: string;
  name: string;
}

export interface ReportInput {
  reportId: string;
  agencyId: string;
  agencyName: string;
  trackingId: string;
  /** Title and body, masked (reporter name included). */
  maskedText: string;
  reporterName: string | null;
  units: UnitRef[];
  /** Topics the agency has used, most frequent first. */
  topics: string[];
  /** Tracking id of the report the intake flagged as a near-duplicate. */
  duplicateOf: string | null;
}

const MAX_TOPICS = 25;

export async function loadReportInput(ctx: ServiceContext, reportId: string): Promise<ReportInput | null> {
  const report = await ctx.db.report.findUnique({ where: { id: reportId }, include: { reporter: { select: { name: true } }, agency: { select: { name: true } } } });
  if (!report) return null;
  const units = await ctx.db.unit.findMany({ where: { agencyId: report.agencyId }, orderBy: { code: 'asc' }, select: { id: true, code: true, name: true } });
  const topics = await ctx.db.report.groupBy({
    by: ['topic'],
    where: { agencyId: report.agencyId, topic: { not: null } },
    _count: { _all: true },
    orderBy: { _count: { topic: 'desc' } },
    take: MAX_TOPICS,
  });
  const duplicate = report.duplicateOfId ? await ctx.db.report.findUnique({ where: { id: report.duplicateOfId }, select: { trackingId: true } }) : null;
  return {
    reportId: report.id,
    agencyId: report.agencyId,
    agencyName: report.agency.name,
    trackingId: report.trackingId,
    maskedText: reportText(report.title, report.body, report.reporter?.name),
    reporterName: report.reporter?.name ?? null,
    units,
    topics: topics.map((t) => t.topic?.trim() ?? '').filter(Boolean),
    duplicateOf: duplicate?.trackingId ?? null,
  };
}
