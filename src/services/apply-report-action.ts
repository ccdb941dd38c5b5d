/**
 * The one path every report change takes: lock the row → pure transition → one transaction that
 * saves the new state, the deadline fields, the history event and the outbox messages.
 */
import { transition, type ReportAction, type Transition } from '../domain/report-state.js';
import { computeDeadline } from '../domain/sla.js';
import type { Category } from '../domain/types.js';
import type { WorkingCalendar } from '../domain/calendar.js';
import type { Prisma, Report, ReportReminder } from '../generated/prisma/client.js';
import type { ActorRef, ServiceContext } from './context.js';
import { lockReport, lockReportById, snapshot, stateColumns, toState, type Tx } from './report-row.js';
import { publishChange } from './report-effects.js';

export type ReportKey = { agencyId: string; trackingId: string } | { reportId: string };

/** Build the action once the locked row is known (e.g. to validate against the current unit). */
export type ActionFactory = (report: Report, at: Date) => ReportAction;

export interface Applied {
  /** The saved report with its reminder row (null when it never had one). */
  report: Report & { reminder: ReportReminder | null };
  transition: Transition;
}

export interface ApplyOptions {
  /** Extra checks on the locked row before the transition (ACL on the report's unit). */
  guard?: (report: Report, tx: Tx) => Promise<void> | void;
  /** Text recorded with the event (answer text or reason). */
  note?: string;
  /** Extra fields recorded in the event's `after`, e.g. { aiSuggestionAccepted: true }. */
  meta?: Record<string, string | number | boolean>;
}

/** Apply one action to one report, atomically. Throws DomainError on refusal; nothing is written then. */
export async function applyReportAction(ctx: ServiceContext, key: ReportKey, actor: ActorRef, makeAction: ActionFactory, opts: ApplyOptions = {}): Promise<Applied> {
  const at = ctx.clock.now();
  // Loaded before the transaction: PGlite has one connection, and the calendar is cached anyway.
  const cal = await ctx.calendars.get(await agencyOf(ctx, key));
  return ctx.db.$transaction(async (tx) => {
    const before = 'reportId' in key ? await lockReportById(tx, key.reportId) : await lockReport(tx, key.agencyId, key.trackingId);
    await opts.guard?.(before, tx);
    const t = transition(toState(before), makeAction(before, at));
    const deadline = deadlineColumns(before, t, cal, at);
    await saveReminder(tx, before.id, deadline.reminder);
    const report = await tx.report.update({
      where: { id: before.id },
      include: { reminder: true },
      data: {
        ...stateColumns(t.after),
        ...deadline.report,
        // Who verified, for the recap's laju verifikasi per admin (no history scan needed).
        ...(!t.before.verifiedAt && t.after.verifiedAt ? { verifiedById: actor.personId } : {}),
        // The first response ever, for RTL: first_response_at is cleared when the report leaves its unit, this one never.
        ...(before.firstRespondedAt === null && t.after.firstResponseAt !== null ? { firstRespondedAt: t.after.firstResponseAt } : {}),
        version: { increment: 1 },
      },
    });
    await tx.reportEvent.create({
      data: {
        reportId: report.id,
        actorId: actor.personId,
        actorLabel: actor.label,
        action: t.event,
        reason: opts.note ?? null,
        before: snapshot(t.before),
        after: { ...snapshot(t.after), ...opts.meta } as Prisma.InputJsonValue,
        source: actor.source,
        at,
      },
    });
    await publishChange(tx, { before, report, transition: t, actor, note: opts.note, cal, now: at });
    return { report, transition: t };
  });
}

async function agencyOf(ctx: ServiceContext, key: ReportKey): Promise<string | null> {
  if ('agencyId' in key) return key.agencyId;
  const r = await ctx.db.report.findUnique({ where: { id: key.reportId }, select: { agencyId: true } });
  return r?.agencyId ?? null;
}

/** A change of the report's reminder row (table report_reminder); undefined = untouched. */
type ReminderChange = { nextReminderAt: Date | null; lastNudgedOn?: null } | undefined;

/** Deadline fields (on the report) and the reminder change after a transition (DOMAIN.md "Deadlines"). */
function deadlineColumns(before: Report, t: Transition, cal: WorkingCalendar, now: Date): { report: Prisma.ReportUncheckedUpdateInput; reminder: ReminderChange } {
  switch (t.event) {
    case 'disposed':
    case 'rerouted': {
      const d = computeDeadline(t.after.disposedAt ?? now, before.category as Category, cal);
      return {
        report: { dueDate: new Date(`${d.dueDate}T00:00:00Z`), dueAt: d.dueAt },
        // A reminder date already past (short deadlines) means: remind at the next sweep.
        reminder: { nextReminderAt: d.reminderAt < now ? now : d.reminderAt, lastNudgedOn: null },
      };
    }
    case 'bounced':
      return { report: { dueDate: null, dueAt: null }, reminder: { nextReminderAt: null, lastNudgedOn: null } };
    case 'closed':
    case 'archived':
    case 'held':
      return { report: {}, reminder: { nextReminderAt: null } };
    case 'resumed':
    case 'reopened':
      // Back to work: the sweep looks at it again right away and computes the next stage.
      return { report: {}, reminder: t.after.unitId ? { nextReminderAt: now } : undefined };
    default:
      return { report: {}, reminder: undefined };
  }
}

/**
 * Write a reminder change: a reminder time creates the row when the report has none yet; clearing
 * one leaves a report without a row as it is (no row = no reminder).
 */
async function saveReminder(tx: Tx, reportId: string, change: ReminderChange): Promise<void> {
  if (!change) return;
  if (change.nextReminderAt === null) {
    await tx.reportReminder.updateMany({ where: { reportId }, data: change });
    return;
  }
  await tx.reportReminder.upsert({ where: { reportId }, create: { reportId, ...change }, update: change });
}
