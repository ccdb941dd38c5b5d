/**
 * Holidays for years without an official SKB table: the fixed-date national holidays plus the
 * `date-holidays` library's Indonesian public holidays. The library is known to be wrong for
 * Indonesia (e.g. Idul Fitri 2026 off by a day, no cuti bersama), which is why the calendar logs
 * a warning for such years and admins should add the official days with `holidays add`.
 */
import { createRequire } from 'node:module';
import type Holidays from 'date-holidays';
import { fixedDateHolidays, type HolidayEntry } from '../domain/holidays.js';

let lib: Holidays | undefined;

export function libraryFallback(year: number): HolidayEntry[] {
  const entries = new Map<string, HolidayEntry>();
  for (const e of fixedDateHolidays(year)) entries.set(e.date, e);
  try {
    // Loaded on first use (CommonJS entry): years with an official table never need it.
    lib ??= new (createRequire(import.meta.url)('date-holidays') as typeof Holidays)('ID');
    for (const h of lib.getHolidays(year)) {
      if (h.type !== 'public') continue;
      // Islamic holidays "start the evening before" in the library: the date part is the day itself.
      const date = h.date.slice(0, 10);
      if (!entries.has(date)) entries.set(date, { date, kind: 'libur_nasional', name: h.name, source: 'fallback: date-holidays (estimate)' });
    }
  } catch {
    // The library is only an estimate; fixed dates alone are a safe answer.
  }
  return [...entries.values()].sort((a, b) => a.date.localeCompare(b.date));
}
