/**
 * One report as a line of a look-up list, loaded with its unit and claimant in the same query.
 * The title is masked here, at the edge of the service layer, so no caller can show a reporter's
 * identity by mistake: the reporter's name is read only as a masking hint and never returned.
 */
import type { LocalDate, ReportStatus } from '../../domain/types.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { groupTitle } from '../../messages/report-post.js';

export interface ReportLine {
  trackingId: string;
  /** Masked (groupTitle), safe to post in a group. */
  title: string;
  status: ReportStatus;
  dueDate: LocalDate | null;
  receivedAt: Date;
  unitId: string | null;
  unitCode: string | null;
  claimedByName: string | null;
}

/** Columns and relations a line needs; Prisma loads each relation with one batched query. */
export const REPORT_LINE_SELECT = {
  trackingId: true,
  title: true,
  status: true,
  dueDate: true,
  receivedAt: true,
  unitId: true,
  unit: { select: { code: true } },
  claimedBy: { select: { name: true } },
  reporter: { select: { name: true } },
} as const satisfies Prisma.ReportSelect;

type LineRow = Prisma.ReportGetPayload<{ select: typeof REPORT_LINE_SELECT }>;

/** A `@db.Date` column as the office-local date it stores. */
export function localDateOf(d: Date | null): LocalDate | null {
  return d ? d.toISOString().slice(0, 10) : null;
}

export function toReportLine(r: LineRow): ReportLine {
  return {
    trackingId: r.trackingId,
    title: groupTitle({ title: r.title, reporterName: r.reporter?.name ?? null }),
    status: r.status,
    dueDate: localDateOf(r.dueDate),
    receivedAt: r.receivedAt,
    unitId: r.unitId,
    unitCode: r.unit?.code ?? null,
    claimedByName: r.claimedBy?.name ?? null,
  };
}
