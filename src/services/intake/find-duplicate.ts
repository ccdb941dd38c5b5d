/**
 * Is a new report a near-duplicate of an open report of the same agency? Candidates are the
 * agency's reports received from 90 days before the new one onwards that are not finished
 * (SELESAI) or archived (ARSIP) and have a signature; each is compared by MinHash similarity.
 *
 * Scaling: candidates are read through the (agency_id, received_at) index and compared in
 * memory — 512 bytes each, so a few thousand open reports in 90 days cost a few milliseconds.
 * Past ~50,000 candidates per agency, store LSH bands instead: split the 64 slots into 16 bands
 * of 4, keep (agency_id, band_no, band_hash, report_id) in an indexed table, and compare only
 * reports sharing at least one band (pairs at J = 0.8 share one with probability 1 − (1 − 0.8⁴)¹⁶
 * ≈ 99.96%, pairs at J = 0.3 with ≈ 12%).
 */
import type { Report } from '../../generated/prisma/client.js';
import { DEFAULT_DUPLICATE_THRESHOLD, similarity } from '../../intake/duplicates.js';
import type { Tx } from '../report-row.js';

export const DUPLICATE_WINDOW_DAYS = 90;

export interface DuplicateMatch {
  reportId: string;
  trackingId: string;
  /** Estimated similarity 0–1. */
  score: number;
}

type Subject = Pick<Report, 'id' | 'agencyId' | 'receivedAt' | 'textSignature'>;

/** The most similar open report at or above `threshold` (ties: the earliest received), or null. */
export async function findDuplicate(db: Tx, report: Subject, threshold = DEFAULT_DUPLICATE_THRESHOLD): Promise<DuplicateMatch | null> {
  if (!report.textSignature) return null;
  const since = new Date(report.receivedAt.getTime() - DUPLICATE_WINDOW_DAYS * 86_400_000);
  const candidates = await db.report.findMany({
    where: {
      agencyId: report.agencyId,
      receivedAt: { gte: since },
      status: { notIn: ['SELESAI', 'ARSIP'] },
      id: { not: report.id },
      textSignature: { not: null },
    },
    select: { id: true, trackingId: true, textSignature: true, receivedAt: true },
  });
  let best: (DuplicateMatch & { receivedAt: Date }) | null = null;
  for (const c of candidates) {
    const score = similarity(report.textSignature, c.textSignature);
    if (score < threshold) continue;
    if (!best || score > best.score || (score === best.score && c.receivedAt < best.receivedAt)) {
      best = { reportId: c.id, trackingId: c.trackingId, score, receivedAt: c.receivedAt };
    }
  }
  return best && { reportId: best.reportId, trackingId: best.trackingId, score: best.score };
}

/** Find a duplicate and record it on the report (duplicateOfId, duplicateScore). */
export async function flagDuplicate(tx: Tx, report: Subject, threshold = DEFAULT_DUPLICATE_THRESHOLD): Promise<DuplicateMatch | null> {
  const match = await findDuplicate(tx, report, threshold);
  if (match) await tx.report.update({ where: { id: report.id }, data: { duplicateOfId: match.reportId, duplicateScore: match.score } });
  return match;
}
