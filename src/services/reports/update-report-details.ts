/**
 * A report's details change at the source (LAPOR! edits, a re-sent API body): title, body,
 * category, dates, flags, reporter. Status never changes here — that is the state machine's job.
 * Only fields that differ are written, so sending the same details twice records nothing; a real
 * change is one transaction with an `updated` event and edits of the report's living posts.
 *
 * The event names the changed fields but keeps no title, body or reporter values: events are
 * shown back (status, API), and those texts carry personal data.
 */
import { fail } from '../../domain/errors.js';
import { reportSignature } from '../../intake/duplicates.js';
import type { Category } from '../../domain/types.js';
import type { Prisma, Report, Reporter } from '../../generated/prisma/client.js';
import { formatTime } from '../../messages/format.js';
import { renderReportPost } from '../../messages/report-post.js';
import type { ActorRef, ServiceContext } from '../context.js';
import { loadPostView, refreshPosts } from '../report-effects.js';
import { lockReport, type Tx } from '../report-row.js';

export interface ReporterDetails {
  name?: string | null;
  contact?: string | null;
  gender?: string | null;
  disability?: boolean;
  vulnerable?: boolean;
}

/** Absent fields are left as they are; `null` clears topic, channel and reporter texts. */
export interface ReportDetails {
  title?: string;
  body?: string;
  category?: Category;
  receivedAt?: Date;
  topic?: string | null;
  channel?: string | null;
  anonymous?: boolean;
  confidential?: boolean;
  reporter?: ReporterDetails;
}

export interface DetailsUpdate {
  report: Report;
  /** Names of the fields that changed, in a fixed order; empty when nothing did. */
  changed: string[];
}

type Scalar = string | number | boolean | null;
/** Fields whose values the event may keep (no free text that could name the reporter). */
const PLAIN = ['category', 'receivedAt', 'topic', 'channel', 'anonymous', 'confidential'] as const;

/** The report fields `details` would change, with their new values. */
function reportChanges(before: Report, d: ReportDetails): Prisma.ReportUncheckedUpdateInput {
  const out: Prisma.ReportUncheckedUpdateInput = {};
  if (d.title !== undefined && d.title.trim() !== before.title) out.title = d.title.trim();
  if (d.body !== undefined && d.body !== before.body) out.body = d.body;
  if (d.category !== undefined && d.category !== before.category) {
    // The deadline was computed from the category at disposition; changing it there would leave a wrong due date.
    if (before.unitId !== null || before.dueDate !== null) {
      fail('INVALID_ARGS', { field: 'category', value: d.category, expected: 'kategori hanya dapat diubah sebelum laporan didisposisikan' });
    }
    out.category = d.category;
  }
  if (d.receivedAt !== undefined && d.receivedAt.getTime() !== before.receivedAt.getTime()) out.receivedAt = d.receivedAt;
  if (d.topic !== undefined && d.topic !== before.topic) out.topic = d.topic;
  if (d.channel !== undefined && d.channel !== before.channel) out.channel = d.channel;
  if (d.anonymous !== undefined && d.anonymous !== before.anonymous) out.anonymous = d.anonymous;
  if (d.confidential !== undefined && d.confidential !== before.confidential) out.confidential = d.confidential;
  return out;
}

function reporterChanged(current: Reporter | null, d: ReporterDetails | undefined): boolean {
  if (!d) return false;
  const now = { name: current?.name ?? null, contact: current?.contact ?? null, gender: current?.gender ?? null, disability: current?.disability ?? false, vulnerable: current?.vulnerable ?? false };
  return (Object.keys(now) as (keyof typeof now)[]).some((k) => d[k] !== undefined && d[k] !== now[k]);
}

function plainValues(r: Record<string, unknown>, keys: readonly string[]): Record<string, Scalar> {
  const out: Record<string, Scalar> = {};
  for (const k of keys) {
    const v = r[k];
    out[k] = v instanceof Date ? v.toISOString() : (v as Scalar);
  }
  return out;
}

async function writeReporter(tx: Tx, reportId: string, d: ReporterDetails): Promise<void> {
  const data = { name: d.name, contact: d.contact, gender: d.gender, disability: d.disability, vulnerable: d.vulnerable };
  await tx.reporter.upsert({
    where: { reportId },
    update: data,
    create: { reportId, name: d.name ?? null, contact: d.contact ?? null, gender: d.gender ?? null, disability: d.disability ?? false, vulnerable: d.vulnerable ?? false },
  });
}

/** Update the details of a report of `agencyId`; REPORT_NOT_FOUND when there is none. */
export async function updateReportDetails(ctx: ServiceContext, actor: ActorRef, key: { agencyId: string; trackingId: string }, details: ReportDetails): Promise<DetailsUpdate> {
  const cal = await ctx.calendars.get(key.agencyId);
  const now = ctx.clock.now();
  return ctx.db.$transaction(async (tx) => {
    const before = await lockReport(tx, key.agencyId, key.trackingId);
    const reporter = await tx.reporter.findUnique({ where: { reportId: before.id } });
    const data = reportChanges(before, details);
    const changed = Object.keys(data);
    if (reporterChanged(reporter, details.reporter)) {
      await writeReporter(tx, before.id, details.reporter!);
      changed.push('reporter');
    }
    if (changed.length === 0) return { report: before, changed };
    // Duplicate detection compares signatures of title + body: keep it in step with the text.
    const text = 'title' in data || 'body' in data ? { textSignature: reportSignature({ title: (data.title as string | undefined) ?? before.title, body: (data.body as string | undefined) ?? before.body }) } : {};
    const report = await tx.report.update({ where: { id: before.id }, data: { ...data, ...text, version: { increment: 1 } } });
    const plain = PLAIN.filter((k) => k in data);
    await tx.reportEvent.create({
      data: {
        reportId: report.id, actorId: actor.personId, actorLabel: actor.label, action: 'updated', source: actor.source, at: now,
        before: plainValues(before as unknown as Record<string, unknown>, plain),
        after: { ...plainValues(report as unknown as Record<string, unknown>, plain), changed } as Prisma.InputJsonValue,
      },
    });
    // Living posts show title, body (or its absence when confidential) and dates: edit them.
    const post = renderReportPost(await loadPostView(tx, report), cal, now, { last: `data laporan diperbarui oleh ${actor.label} (${formatTime(now, cal.timeZone)})` });
    await refreshPosts(tx, report.id, report.unitId ? post : { text: post.text });
    return { report, changed };
  });
}
