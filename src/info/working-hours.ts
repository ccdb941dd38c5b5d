/**
 * Adding working hours to an instant (pure): "4 working hours after Friday 14:00" is Monday 10:00
 * with the default 08–16 office day. Counting between instants lives in
 * src/domain/working-hours.ts; this is its inverse, with the same [start, end) day window.
 */
import type { WorkingCalendar } from '../domain/calendar.js';
import { DomainError } from '../domain/errors.js';
import { addDays } from '../domain/local-date.js';
import { DEFAULT_WORKING_HOURS, type WorkingHours } from '../domain/working-hours.js';

const MINUTE = 60_000;
/** Ten years of days: a calendar with no working day at all must not loop forever. */
const MAX_DAYS = 3660;

function dayWindow(cal: WorkingCalendar, date: string, h: WorkingHours): [number, number] | null {
  if (!cal.isWorkingDay(date)) return null;
  const open = cal.atLocalTime(date, h.start, 0).getTime();
  const close = h.end === 24 ? cal.startOfDay(addDays(date, 1)).getTime() : cal.atLocalTime(date, h.end, 0).getTime();
  return [open, close];
}

/**
 * The instant `minutes` working minutes after `from`. Time outside working hours does not count;
 * the result may be a day's closing instant (16:00 exactly) when the budget ends there.
 * addWorkingMinutes(Fri 14:00, 240) = Mon 10:00; addWorkingMinutes(Sat 10:00, 60) = Mon 09:00.
 */
export function addWorkingMinutes(from: Date, minutes: number, cal: WorkingCalendar, hours: WorkingHours = DEFAULT_WORKING_HOURS): Date {
  if (!Number.isFinite(minutes) || minutes < 0) throw new DomainError('INVALID_ARGS', { workingMinutes: minutes });
  if (!Number.isInteger(hours.start) || !Number.isInteger(hours.end) || hours.start < 0 || hours.end > 24 || hours.start >= hours.end) {
    throw new DomainError('INVALID_ARGS', { workingHours: `${hours.start}-${hours.end}` });
  }
  let left = minutes * MINUTE;
  let cursor = from.getTime();
  let date = cal.toLocalDate(from);
  for (let i = 0; i < MAX_DAYS; i++) {
    const w = dayWindow(cal, date, hours);
    if (w) {
      const begin = Math.max(cursor, w[0]);
      if (begin < w[1] || (left === 0 && begin <= w[1])) {
        if (begin + left <= w[1]) return new Date(begin + left);
        left -= w[1] - begin;
      }
    }
    date = addDays(date, 1);
    cursor = cal.startOfDay(date).getTime();
  }
  throw new DomainError('INVALID_ARGS', { workingMinutes: minutes }, 'no working time found within ten years');
}

/** `addWorkingMinutes` in hours (fractions allowed: 1.5 = 90 minutes). */
export function addWorkingHours(from: Date, hoursToAdd: number, cal: WorkingCalendar, hours: WorkingHours = DEFAULT_WORKING_HOURS): Date {
  return addWorkingMinutes(from, Math.round(hoursToAdd * 60), cal, hours);
}
