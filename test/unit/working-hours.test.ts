import { describe, expect, it } from 'vitest';
import { WorkingCalendar } from '../../src/domain/calendar.js';
import { isDomainError } from '../../src/domain/errors.js';
import { loadOfficialHolidays } from '../../src/domain/holidays.js';
import { isWithinWorkingHours, workingHoursBetween } from '../../src/domain/working-hours.js';

const cal = new WorkingCalendar({ holidays: loadOfficialHolidays() });
const wib = (date: string, hh: number, mm = 0): Date => cal.atLocalTime(date, hh, mm);

describe('workingHoursBetween (08–16 by default)', () => {
  it.each([
    ['same morning', wib('2026-03-02', 9), wib('2026-03-02', 11), 2],
    ['before opening counts from 08:00', wib('2026-03-02', 6), wib('2026-03-02', 10, 30), 2.5],
    ['after closing counts nothing', wib('2026-03-02', 16, 30), wib('2026-03-02', 22), 0],
    ['Friday 15:00 → Monday 11:00 = 1 + 3 (weekend skipped)', wib('2026-03-06', 15), wib('2026-03-09', 11), 4],
    ['a whole working week', wib('2026-03-02', 0), wib('2026-03-07', 0), 40],
    ['Tue 17 Mar 14:00 → Wed 25 Mar 10:00 skips Nyepi and Idul Fitri', wib('2026-03-17', 14), wib('2026-03-25', 10), 4],
    ['reversed interval is 0', wib('2026-03-03', 10), wib('2026-03-02', 10), 0],
    ['a holiday alone is 0', wib('2026-03-19', 8), wib('2026-03-19', 16), 0],
  ])('%s', (_name, from, to, hours) => {
    expect(workingHoursBetween(from, to, cal)).toBeCloseTo(hours, 6);
  });

  it('uses the given office hours', () => {
    expect(workingHoursBetween(wib('2026-03-02', 7), wib('2026-03-02', 18), cal, { start: 7, end: 17 })).toBe(10);
    expect(workingHoursBetween(wib('2026-03-02', 0), wib('2026-03-03', 0), cal, { start: 0, end: 24 })).toBe(24);
  });

  it('refuses impossible office hours', () => {
    expect(() => workingHoursBetween(wib('2026-03-02', 7), wib('2026-03-02', 18), cal, { start: 16, end: 8 })).toThrow(expect.objectContaining({ code: 'INVALID_ARGS' }));
    try {
      workingHoursBetween(wib('2026-03-02', 7), wib('2026-03-02', 18), cal, { start: 8, end: 25 });
    } catch (e) {
      expect(isDomainError(e)).toBe(true);
    }
  });

  it('counts in the office zone, not the machine zone (WITA office)', () => {
    const wita = new WorkingCalendar({ holidays: loadOfficialHolidays(), timeZone: 'Asia/Makassar' });
    // 00:00Z–08:00Z on Monday is 08:00–16:00 WITA.
    expect(workingHoursBetween(new Date('2026-03-02T00:00:00Z'), new Date('2026-03-02T08:00:00Z'), wita)).toBe(8);
    expect(workingHoursBetween(new Date('2026-03-02T00:00:00Z'), new Date('2026-03-02T08:00:00Z'), cal)).toBe(7);
  });
});

describe('isWithinWorkingHours', () => {
  it.each([
    [wib('2026-03-02', 8), true],
    [wib('2026-03-02', 15, 59), true],
    [wib('2026-03-02', 16), false],
    [wib('2026-03-02', 7, 59), false],
    [wib('2026-03-07', 10), false], // Saturday
    [wib('2026-03-20', 10), false], // cuti bersama Idul Fitri
  ])('%s → %s', (at, inside) => {
    expect(isWithinWorkingHours(at, cal)).toBe(inside);
  });
});
