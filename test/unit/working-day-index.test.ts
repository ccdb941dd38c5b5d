import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WorkingCalendar } from '../../src/domain/calendar.js';
import { loadOfficialHolidays } from '../../src/domain/holidays.js';
import { addDays } from '../../src/domain/local-date.js';
import { workingDaysLeft } from '../../src/domain/sla.js';
import { countWorkingDays, workingDaysLeftOn } from '../../src/domain/working-day-index.js';

const date = fc.integer({ min: 0, max: 6 * 366 }).map((n) => addDays('2023-01-01', n));

describe('countWorkingDays / workingDaysLeftOn', () => {
  it('agree with the calendar\'s own day-by-day counts (holidays, fallback years, reversed ranges)', () => {
    const cal = new WorkingCalendar({ holidays: loadOfficialHolidays() });
    fc.assert(
      fc.property(date, date, (a, b) => {
        expect(countWorkingDays(cal, a, b)).toBe(cal.workingDaysBetween(a, b));
        // `now` at 09:00 office time on `b`.
        expect(workingDaysLeftOn(a, b, cal)).toBe(workingDaysLeft(a, cal.atLocalTime(b, 9, 0), cal));
      }),
      { numRuns: 400 },
    );
  });

  it('counts around Idul Fitri 2026 like the calendar', () => {
    const cal = new WorkingCalendar({ holidays: loadOfficialHolidays() });
    expect(countWorkingDays(cal, '2026-03-17', '2026-03-25')).toBe(1);
    expect(countWorkingDays(cal, '2026-03-25', '2026-03-17')).toBe(-1);
    expect(workingDaysLeftOn('2026-03-16', '2026-03-21', cal)).toBe(-1); // Saturday after: late, floor of 1
    // A later, older range extends the index backwards without changing earlier answers.
    expect(countWorkingDays(cal, '2019-01-01', '2019-01-08')).toBe(cal.workingDaysBetween('2019-01-01', '2019-01-08'));
    expect(countWorkingDays(cal, '2026-03-17', '2026-03-25')).toBe(1);
  });
});
