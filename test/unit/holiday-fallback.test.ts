import { describe, expect, it } from 'vitest';
import { libraryFallback } from '../../src/services/holiday-fallback.js';
import { officialCalendar } from '../../src/services/calendar-source.js';

describe('holidays for a year without an official table', () => {
  it('uses the fixed-date holidays plus the library estimate of moving ones', () => {
    const days = libraryFallback(2027);
    const dates = days.map((d) => d.date);
    for (const fixed of ['2027-01-01', '2027-05-01', '2027-06-01', '2027-08-17', '2027-12-25']) expect(dates).toContain(fixed);
    const estimated = days.filter((d) => d.source?.includes('date-holidays'));
    expect(estimated.length).toBeGreaterThanOrEqual(5);
    expect(estimated.some((d) => /Idul Fitri/.test(d.name))).toBe(true);
  });

  it('counts them as days off and warns once per year', () => {
    const warned: number[] = [];
    const cal = officialCalendar({ timeZone: 'Asia/Jakarta', cutiBersamaIsWorkday: false }, (y) => warned.push(y));
    const fitri = libraryFallback(2027).find((d) => /Idul Fitri/.test(d.name))!;
    expect(cal.isWorkingDay(fitri.date)).toBe(false);
    expect(cal.isWorkingDay('2027-08-17')).toBe(false); // Tuesday, Proklamasi
    expect(cal.isWorkingDay('2027-08-18')).toBe(true);
    expect(warned).toEqual([2027]);
    // The official table still decides 2026: the library's Idul Fitri date (20 Mar, a cuti bersama) is not used there.
    expect(cal.isWorkingDay('2026-03-25')).toBe(true);
  });
});
