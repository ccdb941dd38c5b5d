/**
 * Staged deadline nudges (DOMAIN.md "Deadlines", code of ethics): which reminder a report at a
 * unit gets today, and when to look at it again. Pure: the deadline sweep stores the answer in
 * `report_reminder.next_reminder_at` and picks due rows with an indexed query.
 *
 * Stages, each a window of working days that starts at 08:00 office time (by default):
 *   monitoring  from the monitoring reminder date (3/8/35 working days before the due date)
 *   day_before  from the working day before the due date
 *   due_day     the due date itself
 *   overdue     every working day after the due date, until the report is closed, archived or
 *               re-routed (no silent stop); TUNDA pauses it because TUNDA is not open.
 * A stage is sent at most once (its window start is compared with `lastNudgedOn`, which a new
 * disposition clears), at most one nudge a report per office-local day, and only on working days;
 * a sweep that was down simply sends the stage of the day it comes back (no backlog of stages).
 *
 * Past the due date a report needs no reminder time of its own: its unit's daily overdue digest
 * (`overdueDigestDay`) lists every open late report of the unit, read from the current state each
 * working day. So a late report's plan has no `nextReminderAt` (the sweep parks its row), and a
 * late report that comes due again (resumed, say) gets the overdue stage once, at once.
 */
import type { WorkingCalendar } from './calendar.js';
import { compareDates } from './local-date.js';
import { isOpenAtUnit } from './report-state.js';
import { SLA } from './sla.js';
import type { Category, LocalDate, ReportStatus } from './types.js';
import { workingDaysLeftOn } from './working-day-index.js';

export const NUDGE_STAGES = ['monitoring', 'day_before', 'due_day', 'overdue'] as const;
export type NudgeStage = (typeof NUDGE_STAGES)[number];

export interface NudgeInput {
  status: ReportStatus;
  category: string;
  /** Office-local due date; null when the report has no deadline (then it is not reminded). */
  dueDate: LocalDate | null;
  /** Office-local date of the last nudge for the current assignment. */
  lastNudgedOn: LocalDate | null;
}

export interface NudgePlan {
  /** The nudge to send now, or null (already nudged today, not a working day, not yet time). */
  stage: NudgeStage | null;
  /** When the sweep should look at the report again; null once late (the unit's overdue digest carries it). */
  nextReminderAt: Date | null;
  /** Working days left (negative when late), as `workingDaysLeft`. */
  daysLeft: number;
}

export interface NudgeOptions {
  /** Office-local hour nudges start, default 8. */
  hour?: number;
}

interface Window {
  stage: NudgeStage;
  from: LocalDate;
}

/** The stage windows of a deadline, earliest first, each starting strictly after the previous. */
export function stageWindows(dueDate: LocalDate, category: string, cal: WorkingCalendar): Window[] {
  const rule = SLA[category as Category] ?? SLA.normatif;
  const all: Window[] = [
    { stage: 'monitoring', from: cal.addWorkingDays(dueDate, -rule.remindBefore) },
    { stage: 'day_before', from: cal.addWorkingDays(dueDate, -1) },
    { stage: 'due_day', from: dueDate },
  ];
  // With a reminder only one day ahead, the monitoring window would be empty: drop it.
  return all.filter((w, i) => all.slice(i + 1).every((later) => compareDates(w.from, later.from) < 0));
}

/** What to do with a report whose reminder time has come; null when it is not reminded at all. */
export function planNudge(input: NudgeInput, now: Date, cal: WorkingCalendar, opts: NudgeOptions = {}): NudgePlan | null {
  if (!isOpenAtUnit(input.status) || input.dueDate === null) return null;
  const hour = opts.hour ?? 8;
  const today = cal.toLocalDate(now);
  const due = input.dueDate;
  const windows = stageWindows(due, input.category, cal);
  const daysLeft = workingDaysLeftOn(due, today, cal);
  const at = (date: LocalDate): Date => cal.atLocalTime(date, hour, 0);

  // The window today falls in (overdue starts afresh every day), and the next window start.
  const late = compareDates(today, due) > 0;
  const current: Window | undefined = late ? { stage: 'overdue', from: today } : windows.filter((w) => compareDates(w.from, today) <= 0).at(-1);
  const upcoming = windows.find((w) => compareDates(w.from, today) > 0)?.from ?? cal.nextWorkingDay(due);

  if (!cal.isWorkingDay(today)) {
    // Weekends and holidays are silent; look again on the next working day.
    return { stage: null, nextReminderAt: late ? null : at(cal.nextWorkingDay(today)), daysLeft };
  }
  const alreadySent = input.lastNudgedOn !== null && current !== undefined && compareDates(input.lastNudgedOn, current.from) >= 0;
  const stage = current && !alreadySent ? current.stage : null;
  return { stage, nextReminderAt: late ? null : at(upcoming), daysLeft };
}

/**
 * The office-local day a unit's overdue digest may go out at `now` (a working day, from the nudge
 * hour on), or null. The sweep sends it when the unit's last digest is older than that day.
 */
export function overdueDigestDay(now: Date, cal: WorkingCalendar, opts: NudgeOptions = {}): LocalDate | null {
  const today = cal.toLocalDate(now);
  if (!cal.isWorkingDay(today) || now.getTime() < cal.atLocalTime(today, opts.hour ?? 8, 0).getTime()) return null;
  return today;
}
