/**
 * Office working hours ("jam kerja"): how many working hours lie between two instants, counting
 * only the hours [start, end) of working days in the office calendar. Used for "not claimed
 * within N working hours": a disposition on Friday 15:00 has used one hour by Friday's close and
 * reaches four hours on Monday 11:00, not on Friday 19:00.
 */
import type { WorkingCalendar } from './calendar.js';
import { DomainError } from './errors.js';
import { addDays, compareDates } from './local-date.js';

export interface WorkingHours {
  /** Local hour the office opens (inclusive), e.g. 8. */
  start: number;
  /** Local hour the office closes (exclusive), e.g. 16. */
  end: number;
}

export const DEFAULT_WORKING_HOURS: WorkingHours = Object.freeze({ start: 8, end: 16 });

function check(h: WorkingHours): void {
  if (!Number.isInteger(h.start) || !Number.isInteger(h.end) || h.start < 0 || h.end > 24 || h.start >= h.end) {
    throw new DomainError('INVALID_ARGS', { workingHours: `${h.start}-${h.end}` }, 'working hours must be 0 <= start < end <= 24');
  }
}

/** The open interval of a working day, as instants; null when the office is closed that day. */
function window(cal: WorkingCalendar, date: string, h: WorkingHours): [number, number] | null {
  if (!cal.isWorkingDay(date)) return null;
  const open = cal.atLocalTime(date, h.start, 0).getTime();
  const close = h.end === 24 ? cal.startOfDay(addDays(date, 1)).getTime() : cal.atLocalTime(date, h.end, 0).getTime();
  return [open, close];
}

/**
 * Working hours (fractional) between `from` and `to`; 0 when `to` is not after `from`.
 * workingHoursBetween(Fri 15:00, Mon 11:00) = 1 + 3 = 4 with the default 08–16.
 */
export function workingHoursBetween(from: Date, to: Date, cal: WorkingCalendar, hours: WorkingHours = DEFAULT_WORKING_HOURS): number {
  check(hours);
  const a = from.getTime();
  const b = to.getTime();
  if (!(b > a)) return 0;
  let ms = 0;
  const last = cal.toLocalDate(to);
  for (let d = cal.toLocalDate(from); compareDates(d, last) <= 0; d = addDays(d, 1)) {
    const w = window(cal, d, hours);
    if (w) ms += Math.max(0, Math.min(b, w[1]) - Math.max(a, w[0]));
  }
  return ms / 3_600_000;
}

/** True when `at` lies within working hours of a working day. */
export function isWithinWorkingHours(at: Date, cal: WorkingCalendar, hours: WorkingHours = DEFAULT_WORKING_HOURS): boolean {
  check(hours);
  const w = window(cal, cal.toLocalDate(at), hours);
  return w !== null && at.getTime() >= w[0] && at.getTime() < w[1];
}
