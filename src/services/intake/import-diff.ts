/**
 * What an import row changes in a stored report. Only columns the file has are compared, so a
 * file without, say, a rating column never clears ratings. Reporter identity changes are named
 * but their values are not copied into the event log: the identity lives in one table only.
 */
import type { Prisma } from '../../generated/prisma/client.js';
import type { Column } from '../../intake/columns.js';
import type { ImportRow } from '../../intake/parse-row.js';
import type { StoredReport } from './import-sql.js';

export type ReportKey = 'title' | 'body' | 'category' | 'status' | 'unitId' | 'receivedAt' | 'verifiedAt' | 'disposedAt' | 'firstResponseAt' | 'followUpAt' | 'closedAt' | 'rating' | 'ratingAccuracy' | 'topic' | 'channel' | 'anonymous' | 'confidential' | 'reporterReplied';
export type ReporterKey = 'name' | 'contact' | 'gender' | 'disability' | 'vulnerable';

/** Report fields and the column(s) that carry them. */
export const REPORT_FIELDS: readonly [ReportKey, readonly Column[]][] = [
  ['title', ['title']], ['body', ['body']], ['category', ['category']], ['status', ['status']], ['unitId', ['unit']],
  ['receivedAt', ['received_at']], ['verifiedAt', ['verified_at']], ['disposedAt', ['disposed_at']],
  ['firstResponseAt', ['first_response_at']], ['followUpAt', ['follow_up_at']], ['closedAt', ['closed_at']],
  ['rating', ['rating']], ['ratingAccuracy', ['rating_accuracy']], ['topic', ['topic']], ['channel', ['channel']],
  ['anonymous', ['anonymous']], ['confidential', ['confidential']], ['reporterReplied', ['reporter_replied']],
];

export const REPORTER_FIELDS: readonly [ReporterKey, Column][] = [
  ['name', 'reporter_name'], ['contact', 'reporter_contact'], ['gender', 'reporter_gender'],
  ['disability', 'reporter_disability'], ['vulnerable', 'reporter_vulnerable'],
];

/** Fields whose change moves the deadline. */
export const DEADLINE_INPUTS: ReadonlySet<ReportKey> = new Set(['status', 'unitId', 'disposedAt', 'receivedAt', 'category']);

type Plain = string | number | boolean | null;

/** A comparable, JSON-safe form: dates as ISO text, decimals as numbers rounded to cents. */
function plain(v: unknown): Plain {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'number') return Math.round(v * 100) / 100;
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  // Prisma.Decimal or a numeric read as text
  return Math.round(Number(String(v)) * 100) / 100;
}

export interface RowDiff {
  /** Changed report fields with their new values, ready for `report.update`. */
  data: Prisma.ReportUncheckedUpdateInput;
  changed: ReportKey[];
  before: Record<string, Plain>;
  after: Record<string, Plain>;
  /** Changed reporter fields (values only in `reporter`, never in before/after). */
  reporterChanged: ReporterKey[];
  reporter: Prisma.ReporterUncheckedUpdateInput;
}

export function diffRow(existing: StoredReport, row: ImportRow, present: ReadonlySet<Column>): RowDiff {
  const d: RowDiff = { data: {}, changed: [], before: {}, after: {}, reporterChanged: [], reporter: {} };
  for (const [key, columns] of REPORT_FIELDS) {
    if (!columns.some((c) => present.has(c))) continue;
    const was = plain(existing[key]);
    const now = plain(row[key]);
    if (was === now) continue;
    d.changed.push(key);
    d.before[key] = was;
    d.after[key] = now;
    (d.data as Record<string, unknown>)[key] = row[key];
  }
  const r = existing.reporter;
  for (const [key, column] of REPORTER_FIELDS) {
    if (!present.has(column)) continue;
    const was = r ? r[key] : key === 'disability' || key === 'vulnerable' ? false : null;
    const now = row.reporter[key];
    if (was === now) continue;
    d.reporterChanged.push(key);
    (d.reporter as Record<string, unknown>)[key] = now;
  }
  if (d.reporterChanged.length > 0) d.after.reporterFieldsChanged = d.reporterChanged.join(',');
  return d;
}

export function hasChanges(d: RowDiff): boolean {
  return d.changed.length > 0 || d.reporterChanged.length > 0;
}
