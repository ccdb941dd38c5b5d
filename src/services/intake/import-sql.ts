/**
 * The import's bulk SQL. Prisma's createMany builds and validates an object graph per row, which
 * measured at about 250 rows/s (and 600 MB RSS for 5,000 rows). Here a batch goes to the server
 * as ONE JSON parameter — `INSERT … SELECT … FROM json_to_recordset($1::json)` — which costs
 * this process one native JSON.stringify per batch (cheaper than per-column `unnest` arrays,
 * which pg escapes element by element) and runs the same on PostgreSQL and PGlite. Column names
 * are the migration's (snake_case).
 */
import type { Tx } from '../report-row.js';

/** A table column: its name, the row object's key that holds it, and its PostgreSQL type. */
export type Col<T> = readonly [column: string, key: keyof T & string, type: string];

/**
 * Insert rows as they are: the row objects (object literals of one shape, which V8 serialises
 * fastest) become one JSON array; the record set reads each column from its camelCase key.
 * Dates serialise as ISO 8601 with Z, which timestamptz (and date, for UTC midnights) read exactly.
 */
async function bulkInsert<T>(tx: Tx, table: string, cols: readonly Col<T>[], rows: readonly T[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = cols.map(([c]) => `"${c}"`).join(', ');
  const keys = cols.map(([, k]) => `"${k}"`).join(', ');
  const types = cols.map(([, k, t]) => `"${k}" ${t}`).join(', ');
  await tx.$executeRawUnsafe(`INSERT INTO "${table}" (${columns}) SELECT ${keys} FROM json_to_recordset($1::json) AS t(${types})`, JSON.stringify(rows));
}

export interface NewReportRow {
  id: string;
  agencyId: string;
  trackingId: string;
  title: string;
  body: string;
  category: string;
  status: string;
  anonymous: boolean;
  confidential: boolean;
  topic: string | null;
  channel: string | null;
  unitId: string | null;
  receivedAt: Date;
  verifiedAt: Date | null;
  disposedAt: Date | null;
  firstResponseAt: Date | null;
  /** The first response ever (RTL); for a new report, its first_response_at. */
  firstRespondedAt: Date | null;
  followUpAt: Date | null;
  closedAt: Date | null;
  rating: number | null;
  ratingAccuracy: number | null;
  reporterReplied: boolean;
  textSignature: string | null;
  dueDate: Date | null;
  dueAt: Date | null;
  /** Written to report_reminder (REMINDER_COLS), not to the report row. */
  nextReminderAt: Date | null;
  updatedAt: Date;
}

export const REPORT_COLS: readonly Col<NewReportRow>[] = [
  ['id', 'id', 'uuid'],
  ['agency_id', 'agencyId', 'uuid'],
  ['tracking_id', 'trackingId', 'text'],
  ['title', 'title', 'text'],
  ['body', 'body', 'text'],
  ['category', 'category', 'text'],
  ['status', 'status', 'report_status'],
  ['anonymous', 'anonymous', 'boolean'],
  ['confidential', 'confidential', 'boolean'],
  ['topic', 'topic', 'text'],
  ['channel', 'channel', 'text'],
  ['unit_id', 'unitId', 'uuid'],
  ['received_at', 'receivedAt', 'timestamptz'],
  ['verified_at', 'verifiedAt', 'timestamptz'],
  ['disposed_at', 'disposedAt', 'timestamptz'],
  ['first_response_at', 'firstResponseAt', 'timestamptz'],
  ['first_responded_at', 'firstRespondedAt', 'timestamptz'],
  ['follow_up_at', 'followUpAt', 'timestamptz'],
  ['closed_at', 'closedAt', 'timestamptz'],
  ['rating', 'rating', 'numeric'],
  ['rating_accuracy', 'ratingAccuracy', 'numeric'],
  ['reporter_replied', 'reporterReplied', 'boolean'],
  ['text_signature', 'textSignature', 'text'],
  // A due date is a calendar date held as its UTC midnight, as Prisma stores @db.Date.
  ['due_date', 'dueDate', 'date'],
  ['due_at', 'dueAt', 'timestamptz'],
  ['updated_at', 'updatedAt', 'timestamptz'],
];

/** A new report's reminder row (only for a report with a reminder time: no row = no reminder). */
export const REMINDER_COLS: readonly Col<NewReportRow>[] = [
  ['report_id', 'id', 'uuid'],
  ['next_reminder_at', 'nextReminderAt', 'timestamptz'],
];

export interface NewReporterRow {
  reportId: string;
  name: string | null;
  contact: string | null;
  gender: string | null;
  disability: boolean;
  vulnerable: boolean;
}

export const REPORTER_COLS: readonly Col<NewReporterRow>[] = [
  ['report_id', 'reportId', 'uuid'],
  ['name', 'name', 'text'],
  ['contact', 'contact', 'text'],
  ['gender', 'gender', 'text'],
  ['disability', 'disability', 'boolean'],
  ['vulnerable', 'vulnerable', 'boolean'],
];

export interface NewEventRow {
  reportId: string;
  actorId: string | null;
  actorLabel: string;
  action: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  source: string;
  at: Date;
}

export const EVENT_COLS: readonly Col<NewEventRow>[] = [
  ['report_id', 'reportId', 'uuid'],
  ['actor_id', 'actorId', 'uuid'],
  ['actor_label', 'actorLabel', 'text'],
  ['action', 'action', 'text'],
  ['before', 'before', 'jsonb'],
  ['after', 'after', 'jsonb'],
  ['source', 'source', 'text'],
  ['at', 'at', 'timestamptz'],
];

export const insertReports = (tx: Tx, rows: readonly NewReportRow[]): Promise<void> => bulkInsert(tx, 'report', REPORT_COLS, rows);
export const insertReminders = (tx: Tx, rows: readonly NewReportRow[]): Promise<void> =>
  bulkInsert(tx, 'report_reminder', REMINDER_COLS, rows.filter((r) => r.nextReminderAt !== null));
export const insertReporters = (tx: Tx, rows: readonly NewReporterRow[]): Promise<void> => bulkInsert(tx, 'reporter', REPORTER_COLS, rows);
export const insertEvents = (tx: Tx, rows: readonly NewEventRow[]): Promise<void> => bulkInsert(tx, 'report_event', EVENT_COLS, rows);

/** A stored report as the import compares it, with its reporter's fields (null when none). */
export interface StoredReport {
  id: string;
  trackingId: string;
  title: string;
  body: string;
  category: string;
  status: string;
  unitId: string | null;
  receivedAt: Date;
  verifiedAt: Date | null;
  disposedAt: Date | null;
  firstResponseAt: Date | null;
  followUpAt: Date | null;
  closedAt: Date | null;
  rating: unknown;
  ratingAccuracy: unknown;
  topic: string | null;
  channel: string | null;
  anonymous: boolean;
  confidential: boolean;
  reporterReplied: boolean;
  hasSignature: boolean;
  reporter: { name: string | null; contact: string | null; gender: string | null; disability: boolean; vulnerable: boolean } | null;
}

/** The agency's stored reports with tracking ids $2 (text[]), with their reporters' fields. */
export const STORED_REPORTS_SQL = `SELECT r.id::text AS "id", r.tracking_id AS "trackingId", r.title, r.body, r.category, r.status::text AS "status",
            r.unit_id::text AS "unitId", r.received_at AS "receivedAt", r.verified_at AS "verifiedAt", r.disposed_at AS "disposedAt",
            r.first_response_at AS "firstResponseAt", r.follow_up_at AS "followUpAt", r.closed_at AS "closedAt",
            r.rating::float8 AS "rating", r.rating_accuracy::float8 AS "ratingAccuracy", r.topic, r.channel, r.anonymous, r.confidential,
            r.reporter_replied AS "reporterReplied", r.text_signature IS NOT NULL AS "hasSignature", p.report_id IS NOT NULL AS "hasReporter", p.name AS "rName", p.contact AS "rContact",
            p.gender AS "rGender", p.disability AS "rDisability", p.vulnerable AS "rVulnerable"
       FROM report r LEFT JOIN reporter p ON p.report_id = r.id
      WHERE r.agency_id = $1::uuid AND r.tracking_id = ANY($2::text[])`;

export type StoredRow = Omit<StoredReport, 'reporter'> & { hasReporter: boolean; rName: string | null; rContact: string | null; rGender: string | null; rDisability: boolean | null; rVulnerable: boolean | null };

export function storedReport({ hasReporter, rName, rContact, rGender, rDisability, rVulnerable, ...r }: StoredRow): StoredReport {
  return { ...r, reporter: hasReporter ? { name: rName, contact: rContact, gender: rGender, disability: rDisability ?? false, vulnerable: rVulnerable ?? false } : null };
}

/** The agency's stored reports with these tracking ids, in one query. */
export async function storedReports(tx: Tx, agencyId: string, trackingIds: readonly string[]): Promise<StoredReport[]> {
  const rows = await tx.$queryRawUnsafe<StoredRow[]>(STORED_REPORTS_SQL, agencyId, [...trackingIds]);
  return rows.map(storedReport);
}
