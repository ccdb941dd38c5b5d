/**
 * Writes one batch of import rows (unique tracking ids) inside the caller's transaction: one
 * query finds the stored reports, new ones are inserted in bulk (report, reporter, 'received'
 * event: one statement each), changed ones are updated one by one with ONE 'imported' event
 * each, unchanged ones are left alone. Ids are generated here so the inserts need no round trip.
 */
import { randomUUID } from 'node:crypto';
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
import { loadPostView } from '../report-effects.js';
import type { Tx } from '../report-row.js';
import { DEADLINE_INPUTS, diffRow, hasChanges } from './import-diff.js';
import type { ImportDeadlines } from './import-deadline.js';
import { insertEvents, insertReporters, insertReports, storedReports, type NewEventRow, type NewReporterRow, type NewReportRow, type StoredReport } from './import-sql.js';

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

/**
 * Only reports that can still be the original of a new report (not SELESAI or ARSIP) get a
 * signature: a history import is mostly finished reports, and hashing them would cost time for
 * nothing. A finished report that comes back to life through an import gets one then.
 */
const needsSignature = (status: string): boolean => status !== 'SELESAI' && status !== 'ARSIP';

function hasReporter(r: ImportRow['reporter']): boolean {
  return r.name !== null || r.contact !== null || r.gender !== null || r.disability || r.vulnerable;
}

function newReport(row: ImportRow, id: string, s: BatchSettings): NewReportRow {
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

/** Update one changed report; returns its event, and whether it newly sits open at a unit. */
async function updateReport(tx: Tx, s: BatchSettings, old: StoredReport, row: ImportRow): Promise<{ event: NewEventRow; posted: boolean } | null> {
  const d = diffRow(old, row, s.present);
  if (!hasChanges(d)) return null;
  const data: Prisma.ReportUncheckedUpdateInput = { ...d.data, version: { increment: 1 } };
  const m = { ...old, ...(d.data as Partial<StoredReport>) };
  if (d.changed.some((k) => DEADLINE_INPUTS.has(k))) {
    // Fields the file lacks keep their stored values; the sweep recomputes the reminder stage.
    const input = { status: m.status as ReportStatus, unitId: m.unitId, category: m.category as Category, disposedAt: m.disposedAt, receivedAt: m.receivedAt };
    Object.assign(data, s.deadlines.fields(input, s.now), { lastNudgedOn: null, reminderStage: null });
  }
  const moved = d.changed.includes('unitId');
  // A new unit starts from scratch, as after a re-route: no claim, no nudges yet.
  if (moved) Object.assign(data, { claimedById: null, claimedAt: null, unclaimedNudgedAt: null });
  const textChanged = d.changed.includes('title') || d.changed.includes('body');
  if (!needsSignature(m.status)) {
    if (textChanged) data.textSignature = null;
  } else if (textChanged || !old.hasSignature) data.textSignature = reportSignature({ title: m.title, body: m.body });
  await tx.report.update({ where: { id: old.id }, data });
  if (d.reporterChanged.length > 0) {
    await tx.reporter.upsert({ where: { reportId: old.id }, create: { reportId: old.id, ...row.reporter }, update: d.reporter });
  }
  const event: NewEventRow = {
    reportId: old.id, actorId: s.actor.personId, actorLabel: s.actor.label, action: 'imported',
    before: d.before, after: { ...d.after, line: row.line }, source: s.actor.source, at: s.now,
  };
  return { event, posted: moved && m.unitId !== null && isOpenAtUnit(m.status as ReportStatus) };
}

export async function writeBatch(tx: Tx, s: BatchSettings, rows: readonly ImportRow[]): Promise<BatchResult> {
  const result: BatchResult = { created: 0, updated: 0, unchanged: 0, createdUnverified: [] };
  if (rows.length === 0) return result;
  const existing = await storedReports(tx, s.agencyId, rows.map((r) => r.trackingId));
  const byTracking = new Map(existing.map((r) => [r.trackingId, r]));

  const reports: NewReportRow[] = [];
  const reporters: NewReporterRow[] = [];
  const events: NewEventRow[] = [];
  const toPost: string[] = [];
  for (const row of rows) {
    const old = byTracking.get(row.trackingId);
    if (old) {
      const changed = await updateReport(tx, s, old, row);
      if (!changed) {
        result.unchanged++;
        continue;
      }
      events.push(changed.event);
      if (changed.posted) toPost.push(old.id);
      result.updated++;
      continue;
    }
    const id = randomUUID();
    reports.push(newReport(row, id, s));
    if (hasReporter(row.reporter)) reporters.push({ reportId: id, ...row.reporter });
    events.push({ reportId: id, actorId: s.actor.personId, actorLabel: s.actor.label, action: 'received', before: null, after: { status: row.status, line: row.line }, source: s.actor.source, at: s.now });
    if (row.unitId && isOpenAtUnit(row.status)) toPost.push(id);
  }
  await insertReports(tx, reports);
  await insertReporters(tx, reporters);
  await insertEvents(tx, events);
  result.created = reports.length;
  if (s.notify) {
    const unverified = reports.filter((r) => r.status === 'BELUM_TERVERIFIKASI').map((r) => r.id);
    if (unverified.length > 0) result.createdUnverified = await tx.report.findMany({ where: { id: { in: unverified } }, orderBy: { receivedAt: 'asc' } });
    await postToUnits(tx, s, toPost);
  }
  return result;
}

/** With --notify: the unit's chats get the same post a disposition gives. */
async function postToUnits(tx: Tx, s: BatchSettings, reportIds: readonly string[]): Promise<void> {
  for (const id of reportIds) {
    const report = await tx.report.findUniqueOrThrow({ where: { id } });
    if (!report.unitId) continue;
    const post = renderReportPost(await loadPostView(tx, report), s.cal, s.now);
    for (const target of await unitTargets(tx, report.unitId)) {
      await enqueue(tx, target, post, { purpose: 'report_post', reportId: id });
    }
  }
}
