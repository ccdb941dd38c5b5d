/** Mapping between a report row and the pure state machine's ReportState, and row locking. */
import type { ReportState } from '../domain/report-state.js';
import type { Prisma, Report } from '../generated/prisma/client.js';
import { fail } from '../domain/errors.js';

export type Tx = Prisma.TransactionClient;

export function toState(r: Report): ReportState {
  return {
    status: r.status,
    unitId: r.unitId,
    claimedById: r.claimedById,
    claimedAt: r.claimedAt,
    verifiedAt: r.verifiedAt,
    disposedAt: r.disposedAt,
    firstResponseAt: r.firstResponseAt,
    followUpAt: r.followUpAt,
    closedAt: r.closedAt,
    bounceCount: r.bounceCount,
    statusBeforeHold: r.statusBeforeHold,
  };
}

/** The columns a transition may change, ready for `report.update`. */
export function stateColumns(s: ReportState): Prisma.ReportUncheckedUpdateInput {
  return {
    status: s.status,
    unitId: s.unitId,
    claimedById: s.claimedById,
    claimedAt: s.claimedAt,
    verifiedAt: s.verifiedAt,
    disposedAt: s.disposedAt,
    firstResponseAt: s.firstResponseAt,
    followUpAt: s.followUpAt,
    closedAt: s.closedAt,
    bounceCount: s.bounceCount,
    statusBeforeHold: s.statusBeforeHold,
  };
}

/** A JSON-safe snapshot of a state for the event log. */
export function snapshot(s: ReportState): Record<string, string | number | null> {
  const out: Record<string, string | number | null> = {};
  for (const [k, v] of Object.entries(s)) out[k] = v instanceof Date ? v.toISOString() : (v as string | number | null);
  return out;
}

/**
 * Lock a report row for the rest of the transaction (concurrent claims from two chats serialise
 * here: the second sees the first one's claim). Looked up by tracking id within an agency.
 */
export async function lockReport(tx: Tx, agencyId: string, trackingId: string): Promise<Report> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM report WHERE agency_id = ${agencyId}::uuid AND tracking_id = ${trackingId} FOR UPDATE`;
  const id = rows[0]?.id ?? fail('REPORT_NOT_FOUND', { tracking: trackingId });
  return tx.report.findUniqueOrThrow({ where: { id } });
}

/** Lock a report row by its id. */
export async function lockReportById(tx: Tx, id: string): Promise<Report> {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM report WHERE id = ${id}::uuid FOR UPDATE`;
  if (!rows[0]) fail('REPORT_NOT_FOUND', { id });
  return tx.report.findUniqueOrThrow({ where: { id } });
}
