import { describe, expect, it } from 'vitest';
import { WorkingCalendar } from '../../src/domain/calendar.js';
import { loadOfficialHolidays } from '../../src/domain/holidays.js';
import { workingHoursBetween } from '../../src/domain/working-hours.js';
import { addWorkingHours, addWorkingMinutes } from '../../src/info/working-hours.js';
import { nudgeStep } from '../../src/info/nudge-ladder.js';

const cal = new WorkingCalendar({ holidays: loadOfficialHolidays() });
const cutiWorks = new WorkingCalendar({ holidays: loadOfficialHolidays(), cutiBersamaIsWorkday: true });
const wita = new WorkingCalendar({ holidays: loadOfficialHolidays(), timeZone: 'Asia/Makassar' });
/** WIB wall-clock time → instant. */
const wib = (local: string): Date => new Date(`${local}:00+07:00`);

describe('addWorkingHours (office day 08–16)', () => {
  it.each([
    ['within the day', '2026-03-02T09:00', 4, '2026-03-02T13:00'],
    ['ending exactly at closing time', '2026-03-02T12:00', 4, '2026-03-02T16:00'],
    ['over the night', '2026-03-02T14:00', 4, '2026-03-03T10:00'],
    ['over a weekend', '2026-03-06T14:00', 4, '2026-03-09T10:00'],
    ['asked before opening', '2026-03-02T06:30', 1, '2026-03-02T09:00'],
    ['asked on Saturday', '2026-03-07T10:00', 1, '2026-03-09T09:00'],
    ['asked at night', '2026-03-02T20:00', 8, '2026-03-03T16:00'],
    // Thu 15 Jan 2026 14:00; Fri 16 Jan is a national holiday (Isra Mikraj), then the weekend.
    ['over a holiday and a weekend', '2026-01-15T14:00', 4, '2026-01-19T10:00'],
    // Tue 17 Mar 2026: 18 cuti bersama, 19 Nyepi, 20 cuti, 21–22 Idul Fitri, 23–24 cuti bersama.
    ['over Idul Fitri 2026', '2026-03-17T14:00', 4, '2026-03-25T10:00'],
    ['several days of hours', '2026-03-02T08:00', 20, '2026-03-04T12:00'],
  ])('%s: %s + %dh → %s', (_what, from, hours, expected) => {
    expect(addWorkingHours(wib(from), hours, cal)).toEqual(wib(expected));
  });

  it('counts cuti bersama as working time when the agency does', () => {
    expect(addWorkingHours(wib('2026-03-17T14:00'), 4, cutiWorks)).toEqual(wib('2026-03-18T10:00'));
  });

  it('uses the office zone, not UTC', () => {
    // 09:00 WITA is 08:00 WIB; four hours later is 13:00 WITA.
    expect(addWorkingHours(new Date('2026-03-02T09:00:00+08:00'), 4, wita)).toEqual(new Date('2026-03-02T13:00:00+08:00'));
  });

  it('honours other office hours', () => {
    expect(addWorkingHours(wib('2026-03-02T14:00'), 2, cal, { start: 7, end: 15 })).toEqual(wib('2026-03-03T08:00'));
  });

  it('with zero minutes gives the next moment inside office hours', () => {
    expect(addWorkingMinutes(wib('2026-03-02T10:15'), 0, cal)).toEqual(wib('2026-03-02T10:15'));
    expect(addWorkingMinutes(wib('2026-03-02T16:00'), 0, cal)).toEqual(wib('2026-03-02T16:00'));
    expect(addWorkingMinutes(wib('2026-03-06T17:00'), 0, cal)).toEqual(wib('2026-03-09T08:00'));
  });

  it('is the inverse of workingHoursBetween', () => {
    const starts = ['2026-01-15T14:00', '2026-03-06T15:30', '2026-03-17T07:00', '2026-05-13T11:45'];
    for (const s of starts) {
      for (const h of [0.5, 1, 4, 7.25, 16, 40]) {
        const end = addWorkingHours(wib(s), h, cal);
        expect(workingHoursBetween(wib(s), end, cal)).toBeCloseTo(h, 6);
      }
    }
  });

  it('refuses negative budgets and impossible office hours', () => {
    expect(() => addWorkingMinutes(wib('2026-03-02T09:00'), -1, cal)).toThrow();
    expect(() => addWorkingMinutes(wib('2026-03-02T09:00'), 60, cal, { start: 16, end: 8 })).toThrow();
  });
});

describe('the nudge ladder', () => {
  const opts = { hasPic: true, stepMinutes: 240, repeatMinutes: 480 };

  it('climbs PIC → unit chat → admin, then repeats to unit and admin daily', () => {
    expect(nudgeStep(0, opts)).toEqual({ audiences: ['pic'], nextInMinutes: 240, repeat: false });
    expect(nudgeStep(1, opts)).toEqual({ audiences: ['unit'], nextInMinutes: 240, repeat: false });
    expect(nudgeStep(2, opts)).toEqual({ audiences: ['admin'], nextInMinutes: 480, repeat: false });
    expect(nudgeStep(3, opts)).toEqual({ audiences: ['unit', 'admin'], nextInMinutes: 480, repeat: true });
    expect(nudgeStep(9, opts)).toEqual({ audiences: ['unit', 'admin'], nextInMinutes: 480, repeat: true });
  });

  it('starts at the unit chat when the unit has no PIC', () => {
    const noPic = { ...opts, hasPic: false };
    expect(nudgeStep(0, noPic).audiences).toEqual(['unit']);
    expect(nudgeStep(1, noPic)).toEqual({ audiences: ['admin'], nextInMinutes: 480, repeat: false });
    expect(nudgeStep(2, noPic).repeat).toBe(true);
  });
});
