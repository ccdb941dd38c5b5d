/**
 * `/status`: one report as any member of its agency may see it — state, unit, claim, deadline and
 * the last few history events. Reasons and answers are masked; the reporter is never shown.
 */
import { fail } from '../../domain/errors.js';
import type { LocalDate, ReportStatus } from '../../domain/types.js';
import { mask } from '../../lib/pii.js';
import { groupTitle } from '../../messages/report-post.js';
import { requireMember } from '../acl.js';
import type { ActorRef, ServiceContext } from '../context.js';
import { localDateOf } from './report-line.js';

export interface StatusEvent {
  at: Date;
  actorLabel: string;
  /** Event name as recorded, e.g. 'disposed', 'bounced'. */
  action: string;
  /** Reason or answer text, masked; null when the event has none. */
  note: string | null;
  /** Unit the report went to (disposed / rerouted events). */
  unitCode: string | null;
}

export interface ReportStatusView {
  trackingId: string;
  /** Masked (groupTitle). */
  title: string;
  category: string;
  status: ReportStatus;
  unit: { code: string; name: string } | null;
  claimedBy: string | null;
  claimedAt: Date | null;
  receivedAt: Date;
  dueDate: LocalDate | null;
  bounceCount: number;
  /** The last events, oldest first. */
  events: StatusEvent[];
}

/** How many history events /status shows. */
export const STATUS_EVENTS = 5;

export async function getReportStatus(ctx: ServiceContext, actor: ActorRef, agencyId: string, trackingId: string): Promise<ReportStatusView> {
  requireMember(actor, agencyId);
  const report =
    (await ctx.db.report.findUnique({
      where: { agencyId_trackingId: { agencyId, trackingId } },
      select: {
        id: true, trackingId: true, title: true, category: true, status: true, claimedAt: true,
        receivedAt: true, dueDate: true, bounceCount: true,
        unit: { select: { code: true, name: true } },
        claimedBy: { select: { name: true } },
        // Only a masking hint for the title and notes; never part of the view.
        reporter: { select: { name: true } },
      },
    })) ?? fail('REPORT_NOT_FOUND', { tracking: trackingId });

  // Newest first through the (reportId, id) index, then shown oldest first.
  const rows = (
    await ctx.db.reportEvent.findMany({
      where: { reportId: report.id },
      orderBy: { id: 'desc' },
      take: STATUS_EVENTS,
      select: { at: true, actorLabel: true, action: true, reason: true, after: true },
    })
  ).reverse();

  // Units named by routing events, in one query.
  const unitIdOf = (after: unknown): string | null => {
    const id = after && typeof after === 'object' ? (after as Record<string, unknown>).unitId : null;
    return typeof id === 'string' ? id : null;
  };
  const routed = rows.filter((e) => e.action === 'disposed' || e.action === 'rerouted');
  const unitIds = [...new Set(routed.map((e) => unitIdOf(e.after)).filter((id): id is string => id !== null))];
  const codes = new Map(
    unitIds.length ? (await ctx.db.unit.findMany({ where: { id: { in: unitIds } }, select: { id: true, code: true } })).map((u) => [u.id, u.code]) : [],
  );

  const knownNames = report.reporter?.name ? [report.reporter.name] : [];
  return {
    trackingId: report.trackingId,
    title: groupTitle({ title: report.title, reporterName: report.reporter?.name ?? null }),
    category: report.category,
    status: report.status,
    unit: report.unit,
    claimedBy: report.claimedBy?.name ?? null,
    claimedAt: report.claimedAt,
    receivedAt: report.receivedAt,
    dueDate: localDateOf(report.dueDate),
    bounceCount: report.bounceCount,
    events: rows.map((e) => {
      const unitId = e.action === 'disposed' || e.action === 'rerouted' ? unitIdOf(e.after) : null;
      return {
        at: e.at,
        actorLabel: e.actorLabel,
        action: e.action,
        note: e.reason ? mask(e.reason, { knownNames }) : null,
        unitCode: unitId ? (codes.get(unitId) ?? null) : null,
      };
    }),
  };
}
