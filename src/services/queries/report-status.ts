/**
 * `/status`: one report as any member of its agency may see it — state, unit, claim, deadline and
 * the last few history events. Reasons and answers are masked; the reporter is never shown.
 */
import { fail } from '../../domain/errors.js';
import { Prisma } from '../../generated/prisma/client.js';
import type { LocalDate, ReportStatus } from '../../domain/types.js';
import { mask } from '../../lib/pii.js';
import { groupTitle } from '../../messages/report-post.js';
import { requireMember } from '../acl.js';
import type { ActorRef, ServiceContext } from '../context.js';

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

/** The report row with its relations and last events, as one statement returns it. */
interface StatusRow {
  tracking_id: string;
  title: string;
  category: string;
  status: ReportStatus;
  claimed_at: Date | null;
  received_at: Date;
  due_date: string | null;
  bounce_count: number;
  unit_code: string | null;
  unit_name: string | null;
  claimed_by: string | null;
  reporter_name: string | null;
  /** JSON array of EventJson, oldest first; null when the report has no history. */
  events: string | null;
}

interface EventJson {
  /** Epoch milliseconds. */
  at: number;
  actorLabel: string;
  action: string;
  reason: string | null;
  unitCode: string | null;
}

/** A canonical UUID: only such `after.unitId` values are looked up (a cast of anything else would fail). */
const UUID_RE = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';

/**
 * One round trip: the report by (agency, tracking id) through its unique index, its unit, claimer
 * and reporter by primary key, and the last events newest first through report_event(report_id,
 * id), each routing event with the code of the unit it went to.
 */
function statusQuery(agencyId: string, trackingId: string): Prisma.Sql {
  // Scalar subqueries rather than joins: each is planned on its own, which keeps the planning of
  // this statement (repeated on every call) well under a millisecond.
  return Prisma.sql`
    SELECT r.tracking_id, r.title, r.category, r.status::text AS status, r.claimed_at, r.received_at,
      r.due_date::text AS due_date, r.bounce_count,
      (SELECT u.code FROM unit u WHERE u.id = r.unit_id) AS unit_code,
      (SELECT u.name FROM unit u WHERE u.id = r.unit_id) AS unit_name,
      (SELECT p.name FROM person p WHERE p.id = r.claimed_by_id) AS claimed_by,
      (SELECT rp.name FROM reporter rp WHERE rp.report_id = r.id) AS reporter_name,
      (SELECT json_agg(json_build_object(
          'at', (extract(epoch FROM last.at) * 1000)::bigint, 'actorLabel', last.actor_label, 'action', last.action,
          'reason', last.reason, 'unitCode', (SELECT eu.code FROM unit eu WHERE eu.id = last.routed_to)) ORDER BY last.id)::text
        FROM (
          SELECT e.id, e.at, e.actor_label, e.action, e.reason,
            CASE WHEN e.action IN ('disposed', 'rerouted') AND (e.after ->> 'unitId') ~ ${UUID_RE}
              THEN (e.after ->> 'unitId')::uuid END AS routed_to
          FROM report_event e
          WHERE e.report_id = r.id
          ORDER BY e.id DESC
          LIMIT ${STATUS_EVENTS}
        ) last) AS events
    FROM report r
    WHERE r.agency_id = ${agencyId}::uuid AND r.tracking_id = ${trackingId}`;
}

export async function getReportStatus(ctx: ServiceContext, actor: ActorRef, agencyId: string, trackingId: string): Promise<ReportStatusView> {
  requireMember(actor, agencyId);
  const [report] = await ctx.db.$queryRaw<StatusRow[]>(statusQuery(agencyId, trackingId));
  if (!report) fail('REPORT_NOT_FOUND', { tracking: trackingId });
  const events = report.events ? (JSON.parse(report.events) as EventJson[]) : [];

  // Only a masking hint for the title and notes; never part of the view.
  const knownNames = report.reporter_name ? [report.reporter_name] : [];
  return {
    trackingId: report.tracking_id,
    title: groupTitle({ title: report.title, reporterName: report.reporter_name }),
    category: report.category,
    status: report.status,
    unit: report.unit_code !== null && report.unit_name !== null ? { code: report.unit_code, name: report.unit_name } : null,
    claimedBy: report.claimed_by,
    claimedAt: report.claimed_at ? new Date(report.claimed_at) : null,
    receivedAt: new Date(report.received_at),
    dueDate: report.due_date,
    bounceCount: report.bounce_count,
    events: events.map((e) => ({
      at: new Date(e.at),
      actorLabel: e.actorLabel,
      action: e.action,
      note: e.reason ? mask(e.reason, { knownNames }) : null,
      unitCode: e.unitCode,
    })),
  };
}
