/**
 * Recap periods: inclusive spans of office-local calendar days (a week is Monday–Sunday), the
 * period before each for trends, and the instants that bound them in the office timezone.
 */
import { WorkingCalendar } from '../domain/calendar.js';
import { fail } from '../domain/errors.js';
import { addDays, dayOfWeek, daysBetween, isValidLocalDate, makeLocalDate } from '../domain/local-date.js';
import type { LocalDate } from '../domain/types.js';
import type { Period } from './types.js';

export type PeriodKind = 'week' | 'month' | 'quarter' | 'year' | 'custom';

export interface RecapPeriod extends Period {
  kind: PeriodKind;
}

const parts = (d: LocalDate): [number, number, number] => d.split('-').map(Number) as [number, number, number];

/** The Monday–Sunday week that contains `date`. */
export function weekOf(date: LocalDate): RecapPeriod {
  const back = (dayOfWeek(date) + 6) % 7; // days since Monday
  const from = addDays(date, -back);
  return { kind: 'week', from, to: addDays(from, 6) };
}

export function monthPeriod(year: number, month: number): RecapPeriod {
  const from = makeLocalDate(year, month, 1);
  const next = month === 12 ? makeLocalDate(year + 1, 1, 1) : makeLocalDate(year, month + 1, 1);
  return { kind: 'month', from, to: addDays(next, -1) };
}

export function quarterPeriod(year: number, quarter: number): RecapPeriod {
  if (!Number.isInteger(quarter) || quarter < 1 || quarter > 4) fail('INVALID_ARGS', { field: 'triwulan', value: quarter, expected: '1–4' });
  const first = monthPeriod(year, quarter * 3 - 2);
  const last = monthPeriod(year, quarter * 3);
  return { kind: 'quarter', from: first.from, to: last.to };
}

export function yearPeriod(year: number): RecapPeriod {
  return { kind: 'year', from: makeLocalDate(year, 1, 1), to: makeLocalDate(year, 12, 31) };
}

/** The month, quarter or year containing `date`. */
export function periodContaining(kind: Exclude<PeriodKind, 'custom'>, date: LocalDate): RecapPeriod {
  const [y, m] = parts(date);
  switch (kind) {
    case 'week': return weekOf(date);
    case 'month': return monthPeriod(y, m);
    case 'quarter': return quarterPeriod(y, Math.ceil(m / 3));
    case 'year': return yearPeriod(y);
  }
}

/** A custom span; `to` must not be before `from`. */
export function customPeriod(from: LocalDate, to: LocalDate): RecapPeriod {
  if (!isValidLocalDate(from) || !isValidLocalDate(to)) fail('INVALID_DATE', { value: `${from}..${to}` });
  if (to < from) fail('INVALID_ARGS', { field: 'periode', value: `${from}..${to}`, expected: 'tanggal akhir tidak sebelum tanggal awal' });
  return { kind: 'custom', from, to };
}

/** `2026-03-01..2026-03-31` */
export function parseRange(text: string): RecapPeriod | null {
  const m = /^(\d{4}-\d{2}-\d{2})\s*(?:\.\.|–|s\.?d\.?)\s*(\d{4}-\d{2}-\d{2})$/.exec(text.trim());
  return m ? customPeriod(m[1]!, m[2]!) : null;
}

/**
 * The period before `p`: the previous week, month, quarter or year; for a custom span, the same
 * number of days right before it.
 */
export function previousPeriod(p: RecapPeriod): RecapPeriod {
  const [y, m] = parts(p.from);
  switch (p.kind) {
    case 'week': return { kind: 'week', from: addDays(p.from, -7), to: addDays(p.to, -7) };
    case 'month': return m === 1 ? monthPeriod(y - 1, 12) : monthPeriod(y, m - 1);
    case 'quarter': {
      const q = Math.ceil(m / 3);
      return q === 1 ? quarterPeriod(y - 1, 4) : quarterPeriod(y, q - 1);
    }
    case 'year': return yearPeriod(y - 1);
    case 'custom': {
      const days = daysBetween(p.from, p.to) + 1;
      return { kind: 'custom', from: addDays(p.from, -days), to: addDays(p.from, -1) };
    }
  }
}

const zoneCalendars = new Map<string, WorkingCalendar>();

/** [start, end): 00:00 office time on `from` to 00:00 on the day after `to`. */
export function periodBounds(p: Period, timeZone: string): { start: Date; end: Date } {
  let cal = zoneCalendars.get(timeZone);
  if (!cal) {
    // Only the zone arithmetic is used here, so no holiday table is needed.
    cal = new WorkingCalendar({ holidays: [], timeZone, officialYears: [] });
    zoneCalendars.set(timeZone, cal);
  }
  return { start: cal.startOfDay(p.from), end: cal.startOfDay(addDays(p.to, 1)) };
}
