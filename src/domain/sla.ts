/**
 * SLA deadlines (DOMAIN.md "Deadlines"): resolve within N working days counted from the day after
 * the report reaches the unit, with a monitoring reminder R working days before the deadline.
 */
import type { WorkingCalendar } from './calendar.js';
import { DomainError } from './errors.js';
import { addDays, compareDates } from './local-date.js';
import type { Category, LocalDate } from './types.js';

export interface SlaRule {
  readonly workingDays: number;
  readonly remindBefore: number;
}

export const SLA: Readonly<Record<Category, SlaRule>> = Object.freeze({
  informasi: { workingDays: 5, remindBefore: 3 },
  normatif: { workingDays: 5, remindBefore: 3 },
  'tanpa-pengawasan': { workingDays: 14, remindBefore: 8 },
  'berkadar-pengawasan': { workingDays: 60, remindBefore: 35 },
});

export interface Deadline {
  /** Office-local date the report reached the unit. */
  receivedDate: LocalDate;
  /** The N-th working day after `receivedDate`. */
  dueDate: LocalDate;
  /** R working days before `dueDate`. */
  reminderDate: LocalDate;
  /** End of `dueDate` office-local (23:59:59.999) unless `dueHour` is given. */
  dueAt: Date;
  /** `reminderHour`:00 office-local on `reminderDate`. */
  reminderAt: Date;
  workingDays: number;
}

export interface DeadlineOptions {
  /** Local hour of the reminder, default 8. */
  reminderHour?: number;
  /** Local hour (hh:00) the deadline falls due; default is the very end of the due day. */
  dueHour?: number;
}

/** Deadline and reminder for a report that reached the unit at `reachedUnitAt`. */
export function computeDeadline(
  reachedUnitAt: Date,
  category: Category,
  cal: WorkingCalendar,
  opts: DeadlineOptions = {},
): Deadline {
  const rule = SLA[category];
  if (!rule) throw new DomainError('INVALID_ARGS', { category });
  const receivedDate = cal.toLocalDate(reachedUnitAt);
  const dueDate = cal.addWorkingDays(receivedDate, rule.workingDays);
  const reminderDate = cal.addWorkingDays(dueDate, -rule.remindBefore);
  const dueAt =
    opts.dueHour === undefined
      ? // One millisecond before the next local midnight, so it holds even where a day is not 24h.
        new Date(cal.startOfDay(addDays(dueDate, 1)).getTime() - 1)
      : cal.atLocalTime(dueDate, opts.dueHour, 0);
  const reminderAt = cal.atLocalTime(reminderDate, opts.reminderHour ?? 8, 0);
  return { receivedDate, dueDate, reminderDate, dueAt, reminderAt, workingDays: rule.workingDays };
}

/**
 * Working days left until `dueDate`, seen from the office-local date of `now` ("today"):
 *
 * - today before or on the due date: the number of working days d with today < d <= dueDate.
 *   Today itself never counts, working or not, so the count does not jump over a weekend:
 *   Friday → due next Monday = 1, Saturday and Sunday → 1, Monday (due day) = 0.
 *   0 therefore means "due today" (or, if the due date is not itself a working day, that no
 *   working day is left before it).
 * - today after the due date: minus the working days d with dueDate < d <= today, but at least
 *   −1. The floor matters on a weekend right after a Friday deadline: no working day has passed
 *   yet, but the report is already late, and 0 would wrongly read as "due today". So Saturday
 *   after a Friday deadline = −1, Monday = −1, Tuesday = −2.
 */
export function workingDaysLeft(dueDate: LocalDate, now: Date, cal: WorkingCalendar): number {
  const today = cal.toLocalDate(now);
  if (compareDates(today, dueDate) <= 0) return cal.workingDaysBetween(today, dueDate);
  return -Math.max(1, cal.workingDaysBetween(dueDate, today));
}

/** Working days past the due date (0 when not late); max(0, −workingDaysLeft). */
export function workingDaysOverdue(dueDate: LocalDate, now: Date, cal: WorkingCalendar): number {
  return Math.max(0, -workingDaysLeft(dueDate, now, cal));
}

/** True once `now` is strictly past `dueAt`. */
export function isOverdue(dueAt: Date, now: Date): boolean {
  return now.getTime() > dueAt.getTime();
}
