/**
 * One batch of import rows (unique tracking ids), planned in memory and written by one of two
 * writers inside the caller's transaction:
 *
 * - `planBatch` compares the rows with the stored reports (one query found them) and decides,
 *   row by row and in file order: new (report, reporter and 'received' event rows), changed (the
 *   changed columns, deadline and signature fields, ONE 'imported' event) or unchanged.
 * - `writeBatch` (this file) writes a plan through Prisma: bulk inserts of JSON record sets and
 *   an update per changed report. It runs everywhere, PGlite included, and is the path of
 *   `--notify` (whose posts and notices need the Prisma transaction).
 * - `writeBatchCopy` (import-copy.ts) writes the same plan on PostgreSQL with COPY and
 *   set-based updates: the fast path of a large history import.
 *
 * New report ids are UUIDv7 (time-ordered), so the primary key, the reporter key and the
 * event index take the new rows at their right edge instead of at random pages.
 */
import type { WorkingCalendar } from '../../domain/calendar.js';
import { isOpenAtUnit } from '../../domain/report-state.js';
import type { Category, ReportStatus } from '../../domain/types.js';
import type { Prisma, Report } from '../../generated/prisma/client.js';
import type { Column } from '../../intake/columns.js';
import { reportSignature } from '../../intake/duplicates.js';
import type { ImportRow } from '../../intake/parse-row.js';
import { renderReportPost } from '../../messages/report-post.js';
import type { ActorRef } from '../context.js';
import { enqueue, unitTargets } from '../outbox.js';
import { loadPostView, refreshPosts } from '../report-effects.js';
import type { Tx } from '../report-row.js';
import { DEADLINE_INPUTS, diffRow, hasChanges, type ReportKey, type ReporterKey } from './import-diff.js';
import type { DeadlineFields, ImportDeadlines } from './import-deadline.js';
import { uuidv7 } from './import-ids.js';
import { insertEvents, insertReminders, insertReporters, insertReports, storedReports, type NewEventRow, type NewReporterRow, type NewReportRow, type StoredReport } from './import-sql.js';

export interface BatchSettings {
  agencyId: string;
  cal: WorkingCalendar;
  deadlines: ImportDeadlines;
  now: Date;
  actor: ActorRef;
  present: ReadonlySet<Column>;
  /** Post reports newly at a unit to the unit's chats (`--notify`); history imports stay silent. */
  notify: boolean;
}

export interface BatchResult {
  created: number;
  updated: number;
  unchanged: number;
  /** With `notify`: created reports still Belum Terverifikasi (the admin's new-report notices). */
  createdUnverified: Report[];
}

/** A changed stored report: what to write, column by column. */
export interface ReportChange {
  id: string;
  /** Changed report fields with their new values. */
  fields: Partial<Record<ReportKey, unknown>>;
  /** Set when a deadline input changed: the new deadline fields (reminder stage and nudge reset). */
  deadline: DeadlineFields | null;
  /** Moved to another unit: the claim and the unclaimed nudge are cleared. */
  moved: boolean;
  /** undefined: keep the stored signature; a string or null: store this. */
  signature: string | null | undefined;
  /** Reporter write: none, a new reporter row (the file's values), or the changed fields. */
  reporter: { op: 'none' } | { op: 'insert'; row: NewReporterRow } | { op: 'update'; fields: Partial<Record<ReporterKey, unknown>> };
}

export interface BatchPlan {
  reports: NewReportRow[];
  reporters: NewReporterRow[];
  /** Every event of the batch ('received' and 'imported'), in file order. */
  events: NewEventRow[];
  changes: ReportChange[];
  /** Reports newly open at a unit (posted with `notify`). */
  toPost: string[];
  unchanged: number;
}

/**
 * Only reports that can still be the original of a new report (not SELESAI or ARSIP) get a
 * signature: a history import is mostly finished reports, and hashing them would cost time for
 * nothing. A finished report that comes back to life through an import gets one then.
 */
const needsSignature = (status: string): boolean => status !== 'SELESAI' && status !== 'ARSIP';

export function hasReporter(r: ImportRow['reporter']): boolean {
  return r.name !== null || r.contact !== null || r.gender !== null || r.disability || r.vulnerable;
}

export function newReport(row: ImportRow, id: string, s: BatchSettings): NewReportRow {
  return {
    id,
    agencyId: s.agencyId,
    trackingId: row.trackingId,
    title: row.title,
    body: row.body,
    category: row.category,
    status: row.status,
    anonymous: row.anonymous,
    confidential: row.confidential,
    topic: row.topic,
    channel: row.channel,
    unitId: row.unitId,
    receivedAt: row.receivedAt,
    verifiedAt: row.verifiedAt,
    disposedAt: row.disposedAt,
    firstResponseAt: row.firstResponseAt,
    firstRespondedAt: row.firstResponseAt,
    followUpAt: row.followUpAt,
    closedAt: row.closedAt,
    rating: row.rating,
    ratingAccuracy: row.ratingAccuracy,
    reporterReplied: row.reporterReplied,
    textSignature: needsSignature(row.status) ? reportSignature(row) : null,
    updatedAt: s.now,
    ...s.deadlines.fields(row, s.now),
  };
}

/** The change of one stored report, its event, and whether it newly sits open at a unit; null when unchanged. */
export function planChange(s: BatchSettings, old: StoredReport, row: ImportRow): { change: ReportChange; event: NewEventRow; posted: boolean } | null {
  const d = diffRow(old, row, s.present);
  if (!hasChanges(d)) return null;
  const fields = d.data as Partial<Record<ReportKey, unknown>>;
  const m = { ...old, ...(fields as Partial<StoredReport>) };
  let deadline: DeadlineFields | null = null;
  if (d.changed.some((k) => DEADLINE_INPUTS.has(k))) {
    // Fields the file lacks keep their stored values; the sweep recomputes the reminder stage.
    deadline = s.deadlines.fields({ status: m.status as ReportStatus, unitId: m.unitId, category: m.category as Category, disposedAt: m.disposedAt, receivedAt: m.receivedAt }, s.now);
  }
  const moved = d.changed.includes('unitId');
  const textChanged = d.changed.includes('title') || d.changed.includes('body');
  let signature: string | null | undefined;
  if (!needsSignature(m.status)) {
    if (textChanged) signature = null;
  } else if (textChanged || !old.hasSignature) signature = reportSignature({ title: m.title, body: m.body });
  let reporter: ReportChange['reporter'] = { op: 'none' };
  if (d.reporterChanged.length > 0) {
    reporter = old.reporter ? { op: 'update', fields: d.reporter as Partial<Record<ReporterKey, unknown>> } : { op: 'insert', row: { reportId: old.id, ...row.reporter } };
  }
  const event: NewEventRow = {
    reportId: old.id, actorId: s.actor.personId, actorLabel: s.actor.label, action: 'imported',
    before: d.before, after: { ...d.after, line: row.line }, source: s.actor.source, at: s.now,
  };
  // A new unit starts from scratch, as after a re-route: no claim, no nudges yet.
  return { change: { id: old.id, fields, deadline, moved, signature, reporter }, event, posted: moved && m.unitId !== null && isOpenAtUnit(m.status as ReportStatus) };
}

/** The event of a report created by the import. */
export function receivedEvent(s: BatchSettings, row: ImportRow, reportId: string): NewEventRow {
  return { reportId, actorId: s.actor.personId, actorLabel: s.actor.label, action: 'received', before: null, after: { status: row.status, line: row.line }, source: s.actor.source, at: s.now };
}

/** Decide what a batch writes, given the stored reports with its tracking ids. */
export function planBatch(s: BatchSettings, rows: readonly ImportRow[], existing: readonly StoredReport[]): BatchPlan {
  const byTracking = new Map(existing.map((r) => [r.trackingId, r]));
  const plan: BatchPlan = { reports: [], reporters: [], events: [], changes: [], toPost: [], unchanged: 0 };
  const at = s.now.getTime();
  for (const row of rows) {
    const old = byTracking.get(row.trackingId);
    if (old) {
      const changed = planChange(s, old, row);
      if (!changed) {
        plan.unchanged++;
        continue;
      }
      plan.changes.push(changed.change);
      plan.events.push(changed.event);
      if (changed.posted) plan.toPost.push(old.id);
      continue;
    }
    const id = uuidv7(at);
    plan.reports.push(newReport(row, id, s));
    if (hasReporter(row.reporter)) plan.reporters.push({ reportId: id, ...row.reporter });
    plan.events.push(receivedEvent(s, row, id));
    if (row.unitId && isOpenAtUnit(row.status)) plan.toPost.push(id);
  }
  return plan;
}

/** The Prisma update of one change (columns as the client names them). */
function updateData(c: ReportChange): Prisma.ReportUncheckedUpdateInput {
  const data: Prisma.ReportUncheckedUpdateInput = { ...(c.fields as Prisma.ReportUncheckedUpdateInput), version: { increment: 1 } };
  if (c.deadline) {
    const { dueDate, dueAt, nextReminderAt } = c.deadline;
    Object.assign(data, { dueDate, dueAt });
    // The reminder starts over: no stage sent yet at the new deadline.
    const reminder = { nextReminderAt, stage: null, lastNudgedOn: null };
    data.reminder = { upsert: { create: reminder, update: reminder } };
  }
  if (c.moved) Object.assign(data, { claimedById: null, claimedAt: null, unclaimedNudgedAt: null });
  if (c.signature !== undefined) data.textSignature = c.signature;
  return data;
}

/** Write one batch through Prisma (any database); see the file comment. */
export async function writeBatch(tx: Tx, s: BatchSettings, rows: readonly ImportRow[]): Promise<BatchResult> {
  const result: BatchResult = { created: 0, updated: 0, unchanged: 0, createdUnverified: [] };
  if (rows.length === 0) return result;
  const plan = planBatch(s, rows, await storedReports(tx, s.agencyId, rows.map((r) => r.trackingId)));
  for (const c of plan.changes) {
    await tx.report.update({ where: { id: c.id }, data: updateData(c) });
    if (c.reporter.op === 'insert') await tx.reporter.create({ data: c.reporter.row });
    else if (c.reporter.op === 'update') await tx.reporter.update({ where: { reportId: c.id }, data: c.reporter.fields as Prisma.ReporterUncheckedUpdateInput });
  }
  // A response time from the file also moves the first response ever back when it is earlier (never forward).
  const responded = plan.changes.filter((c) => c.fields.firstResponseAt != null).map((c) => c.id);
  if (responded.length > 0) {
    await tx.$executeRaw`UPDATE report SET first_responded_at = LEAST(first_responded_at, first_response_at) WHERE id = ANY(${responded}::uuid[])`;
  }
  await insertReports(tx, plan.reports);
  await insertReminders(tx, plan.reports);
  await insertReporters(tx, plan.reporters);
  await insertEvents(tx, plan.events);
  result.created = plan.reports.length;
  result.updated = plan.changes.length;
  result.unchanged = plan.unchanged;
  if (s.notify) {
    const unverified = plan.reports.filter((r) => r.status === 'BELUM_TERVERIFIKASI').map((r) => r.id);
    if (unverified.length > 0) result.createdUnverified = await tx.report.findMany({ where: { id: { in: unverified } }, orderBy: { receivedAt: 'asc' } });
    await postToUnits(tx, s, plan.toPost, new Set(plan.reports.map((r) => r.id)));
  }
  return result;
}

/**
 * With --notify: the unit's chats get the same post a disposition gives. A report the file moved
 * to another unit is handled like a re-route: its earlier posts are edited to the new state and
 * lose their buttons outside the new unit's chats.
 */
async function postToUnits(tx: Tx, s: BatchSettings, reportIds: readonly string[], created: ReadonlySet<string>): Promise<void> {
  for (const id of reportIds) {
    const report = await tx.report.findUniqueOrThrow({ where: { id } });
    if (!report.unitId) continue;
    const post = renderReportPost(await loadPostView(tx, report), s.cal, s.now);
    if (!created.has(id)) await refreshPosts(tx, id, post); // a report created just now has no posts yet
    for (const target of await unitTargets(tx, report.unitId)) {
      await enqueue(tx, target, post, { purpose: 'report_post', reportId: id });
    }
  }
}
