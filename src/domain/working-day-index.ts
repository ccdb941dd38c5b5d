/**
 * Fast working-day counts for sweeps over many reports. `WorkingCalendar.workingDaysBetween`
 * walks day by day, which is fine for one report but not for thousands of reports overdue since
 * last year: this keeps, per calendar, a cumulative count of working days over the dates seen so
 * far, so each count is two look-ups. Results equal the calendar's own (see the unit test).
 */
import type { WorkingCalendar } from './calendar.js';
import { addDays, compareDates, daysBetween } from './local-date.js';
import type { LocalDate } from './types.js';

interface Index {
  /** First date covered; cumulative[i] = working days in (start, start + i]. */
  start: LocalDate;
  cumulative: number[];
}

const indexes = new WeakMap<WorkingCalendar, Index>();

function indexCovering(cal: WorkingCalendar, from: LocalDate, to: LocalDate): Index {
  let idx = indexes.get(cal);
  if (!idx || compareDates(from, idx.start) < 0) {
    // (Re)build from the earlier date; a month of margin avoids rebuilding for a slightly older date.
    idx = { start: addDays(from, -31), cumulative: [0] };
    indexes.set(cal, idx);
  }
  const need = daysBetween(idx.start, to);
  for (let i = idx.cumulative.length; i <= need; i++) {
    idx.cumulative.push(idx.cumulative[i - 1]! + (cal.isWorkingDay(addDays(idx.start, i)) ? 1 : 0));
  }
  return idx;
}

/** Same as cal.workingDaysBetween(from, to): working days d with from < d <= to, negated when reversed. */
export function countWorkingDays(cal: WorkingCalendar, from: LocalDate, to: LocalDate): number {
  if (compareDates(from, to) > 0) {
    const back = countWorkingDays(cal, to, from);
    return back === 0 ? 0 : -back;
  }
  const idx = indexCovering(cal, from, to);
  return idx.cumulative[daysBetween(idx.start, to)]! - idx.cumulative[daysBetween(idx.start, from)]!;
}

/** Same as sla.workingDaysLeft, from the office-local date `today`. */
export function workingDaysLeftOn(dueDate: LocalDate, today: LocalDate, cal: WorkingCalendar): number {
  if (compareDates(today, dueDate) <= 0) return countWorkingDays(cal, today, dueDate);
  return -Math.max(1, countWorkingDays(cal, dueDate, today));
}
