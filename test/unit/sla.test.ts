import { describe, expect, it, vi } from 'vitest';
import { WorkingCalendar, type CalendarOptions } from '../../src/domain/calendar.js';
import { isDomainError } from '../../src/domain/errors.js';
import { loadOfficialHolidays } from '../../src/domain/holidays.js';
import { addDays } from '../../src/domain/local-date.js';
import {
  SLA,
  computeDeadline,
  isOverdue,
  workingDaysLeft,
  workingDaysOverdue,
} from '../../src/domain/sla.js';
import { CATEGORIES, type Category } from '../../src/domain/types.js';

const OFFICIAL = loadOfficialHolidays();
const JKT = 'Asia/Jakarta';
const MKS = 'Asia/Makassar';
const JAY = 'Asia/Jayapura';

function cal(opts: Partial<CalendarOptions> = {}): WorkingCalendar {
  return new WorkingCalendar({ holidays: OFFICIAL, ...opts });
}

describe('SLA table (DOMAIN.md "Deadlines")', () => {
  it.each([
    ['informasi', 5, 3],
    ['normatif', 5, 3],
    ['tanpa-pengawasan', 14, 8],
    ['berkadar-pengawasan', 60, 35],
  ] as const)('%s: %i working days, reminder %i before', (category, days, before) => {
    expect(SLA[category]).toEqual({ workingDays: days, remindBefore: before });
  });

  it('covers every category', () => {
    expect(Object.keys(SLA).sort()).toEqual([...CATEGORIES].sort());
  });
});

describe('computeDeadline', () => {
  type Row = readonly [
    reachedUnitAt: string,
    category: Category,
    zone: string,
    cutiIsWork: boolean,
    received: string,
    due: string,
    reminder: string,
    why: string,
  ];
  const rows: readonly Row[] = [
    // Idul Fitri 2025. Thu 27 Mar 10:00 WIB. Closed: 28 (cuti), 29–30 weekend, 31 & 1 (libur), 2–4 & 7 (cuti).
    ['2025-03-27T03:00:00Z', 'informasi', JKT, false, '2025-03-27', '2025-04-14', '2025-04-09', 'due: 8,9,10,11,14; reminder back 11,10,9'],
    ['2025-03-27T03:00:00Z', 'informasi', JKT, true, '2025-03-27', '2025-04-07', '2025-04-02', 'due: 28,2,3,4,7; reminder back 4,3,2'],
    ['2025-03-27T03:00:00Z', 'tanpa-pengawasan', JKT, false, '2025-03-27', '2025-04-28', '2025-04-15', '8..11 (4), 14..17 (8), 18 Wafat, 21..25 (13), 28; reminder back 25,24,23,22,21,17,16,15'],
    ['2025-03-27T03:00:00Z', 'tanpa-pengawasan', JKT, true, '2025-03-27', '2025-04-21', '2025-04-08', '28,2,3,4,7 (5), 8..11 (9), 14..17 (13), 18 Wafat, 21; reminder back 17,16,15,14,11,10,9,8'],
    // Idul Fitri 2026. Closed: 18 (cuti), 19 (Nyepi), 20 (cuti), 21–22 (libur, weekend), 23–24 (cuti).
    ['2026-03-17T03:00:00Z', 'informasi', JKT, false, '2026-03-17', '2026-03-31', '2026-03-26', 'due: 25,26,27,30,31; reminder back 30,27,26'],
    ['2026-03-17T03:00:00Z', 'normatif', JKT, true, '2026-03-17', '2026-03-25', '2026-03-20', 'due: 18,20,23,24,25; reminder back 24,23,20'],
    ['2026-03-16T03:00:00Z', 'tanpa-pengawasan', JKT, false, '2026-03-16', '2026-04-13', '2026-03-31', '17, 25..27 (4), 30..2 (8), 3 Wafat, 6..10 (13), 13; reminder back 10,9,8,7,6,2,1,31'],
    ['2026-03-16T03:00:00Z', 'tanpa-pengawasan', JKT, true, '2026-03-16', '2026-04-07', '2026-03-25', '17,18,20,23,24 (5), 25..27 (8), 30..2 (12), 3 Wafat, 6, 7; reminder back 6,2,1,31,30,27,26,25'],
    // All four categories from Mon 6 Jul 2026 (no holiday until 17 Aug; 17 & 25 Aug are libur).
    ['2026-07-06T03:00:00Z', 'informasi', JKT, false, '2026-07-06', '2026-07-13', '2026-07-08', '7,8,9,10,13; reminder = 2nd working day'],
    ['2026-07-06T03:00:00Z', 'normatif', JKT, false, '2026-07-06', '2026-07-13', '2026-07-08', 'same as informasi'],
    ['2026-07-06T03:00:00Z', 'tanpa-pengawasan', JKT, false, '2026-07-06', '2026-07-24', '2026-07-14', '4+5+5 days; reminder = 6th working day (7,8,9,10,13,14)'],
    ['2026-07-06T03:00:00Z', 'berkadar-pengawasan', JKT, false, '2026-07-06', '2026-09-30', '2026-08-10', 'weeks: 4,9,14,19,24,29, 17 Aug week 33, 25 Aug week 37, 42,47,52,57, then 28,29,30 Sep; reminder = 25th working day = Mon 10 Aug'],
    // Weekend receipt: counting starts Monday either way.
    ['2026-02-07T03:00:00Z', 'informasi', JKT, false, '2026-02-07', '2026-02-13', '2026-02-10', 'Sat: 9..13; reminder back 12,11,10'],
    ['2026-02-08T03:00:00Z', 'informasi', JKT, false, '2026-02-08', '2026-02-13', '2026-02-10', 'Sun: same'],
    ['2026-02-09T03:00:00Z', 'informasi', JKT, false, '2026-02-09', '2026-02-18', '2026-02-11', '10..13, (16 cuti, 17 Imlek) 18; reminder back 13,12,11'],
    ['2026-02-09T03:00:00Z', 'informasi', JKT, true, '2026-02-09', '2026-02-16', '2026-02-11', '10..13,16; reminder back 13,12,11'],
    // Year end 2025 → 2026: 25 Dec libur, 26 Dec cuti, 1 Jan libur.
    ['2025-12-24T03:00:00Z', 'informasi', JKT, false, '2025-12-24', '2026-01-05', '2025-12-30', '29,30,31,2,5; reminder back 2,31,30'],
    ['2025-12-24T03:00:00Z', 'informasi', JKT, true, '2025-12-24', '2026-01-02', '2025-12-29', '26,29,30,31,2; reminder back 31,30,29'],
    // Near midnight: 23:59 WIB Fri 6 Mar = 00:59 WITA / 01:59 WIT Sat 7 Mar; the weekend absorbs the difference.
    ['2026-03-06T16:59:00Z', 'informasi', JKT, false, '2026-03-06', '2026-03-13', '2026-03-10', 'Fri: 9..13'],
    ['2026-03-06T16:59:00Z', 'informasi', JAY, false, '2026-03-07', '2026-03-13', '2026-03-10', 'Sat: 9..13'],
    // 23:59 WIB Thu 5 Mar = 01:59 WIT Fri 6 Mar: here the due date moves by a day.
    ['2026-03-05T16:59:00Z', 'informasi', JKT, false, '2026-03-05', '2026-03-12', '2026-03-09', 'Thu: 6,9,10,11,12'],
    ['2026-03-05T16:59:00Z', 'informasi', JAY, false, '2026-03-06', '2026-03-13', '2026-03-10', 'Fri: 9..13'],
    ['2026-03-05T15:59:00Z', 'informasi', MKS, false, '2026-03-05', '2026-03-12', '2026-03-09', '23:59 WITA Thu'],
    ['2026-03-05T16:00:00Z', 'informasi', MKS, false, '2026-03-06', '2026-03-13', '2026-03-10', '00:00 WITA Fri'],
    // 23:30 WIB Tue 17 Mar 2026 = 01:30 WIT Wed 18 Mar (a cuti day) — differs only when cuti counts as work.
    ['2026-03-17T16:30:00Z', 'informasi', JKT, true, '2026-03-17', '2026-03-25', '2026-03-20', '18,20,23,24,25'],
    ['2026-03-17T16:30:00Z', 'informasi', JAY, true, '2026-03-18', '2026-03-26', '2026-03-23', '20,23,24,25,26; reminder back 25,24,23'],
    ['2026-03-17T16:30:00Z', 'informasi', JAY, false, '2026-03-18', '2026-03-31', '2026-03-26', '25,26,27,30,31 like a Tue receipt'],
  ];

  it.each(rows)('%s %s %s cuti=%s → received %s, due %s, reminder %s (%s)', (at, category, zone, cuti, received, due, reminder, why) => {
    const d = computeDeadline(new Date(at), category, cal({ timeZone: zone, cutiBersamaIsWorkday: cuti }));
    expect(d, why).toMatchObject({ receivedDate: received, dueDate: due, reminderDate: reminder, workingDays: SLA[category].workingDays });
  });

  it.each([
    // [zone, dueAt, reminderAt] for berkadar-pengawasan from Mon 6 Jul 2026 (due 30 Sep, reminder 10 Aug).
    [JKT, '2026-09-30T16:59:59.999Z', '2026-08-10T01:00:00.000Z'], // UTC+7
    [MKS, '2026-09-30T15:59:59.999Z', '2026-08-10T00:00:00.000Z'], // UTC+8
    [JAY, '2026-09-30T14:59:59.999Z', '2026-08-09T23:00:00.000Z'], // UTC+9: 08:00 WIT is the previous UTC day
  ] as const)('%s instants: dueAt %s, reminderAt %s', (zone, dueAt, reminderAt) => {
    const d = computeDeadline(new Date('2026-07-06T03:00:00Z'), 'berkadar-pengawasan', cal({ timeZone: zone }));
    expect(d.dueDate).toBe('2026-09-30');
    expect(d.dueAt.toISOString()).toBe(dueAt);
    expect(d.reminderAt.toISOString()).toBe(reminderAt);
  });

  it('honours reminderHour and dueHour', () => {
    const d = computeDeadline(new Date('2026-07-06T03:00:00Z'), 'informasi', cal(), { reminderHour: 13, dueHour: 16 });
    expect(d.reminderAt.toISOString()).toBe('2026-07-08T06:00:00.000Z'); // 13:00 WIB Wed 8 Jul
    expect(d.dueAt.toISOString()).toBe('2026-07-13T09:00:00.000Z'); // 16:00 WIB Mon 13 Jul
  });

  it('crosses into 2027 with the fallback and warns once', () => {
    const onMissingYear = vi.fn();
    const c = cal({ onMissingYear });
    // Wed 23 Dec 2026: (24 cuti, 25 Natal) 28,29,30,31, (1 Jan fallback) Mon 4 Jan; reminder back 31,30,29.
    const d = computeDeadline(new Date('2026-12-23T03:00:00Z'), 'informasi', c);
    expect([d.dueDate, d.reminderDate]).toEqual(['2027-01-04', '2026-12-29']);
    expect(onMissingYear).toHaveBeenCalledExactlyOnceWith(2027);
    computeDeadline(new Date('2026-12-28T03:00:00Z'), 'normatif', c);
    expect(onMissingYear).toHaveBeenCalledTimes(1);
  });

  it('never reaches 2027 when cuti counts as work, so no warning', () => {
    const onMissingYear = vi.fn();
    // 24 (1), (25 Natal) 28, 29, 30, 31 (5).
    const d = computeDeadline(new Date('2026-12-23T03:00:00Z'), 'informasi', cal({ onMissingYear, cutiBersamaIsWorkday: true }));
    expect(d.dueDate).toBe('2026-12-31');
    expect(onMissingYear).not.toHaveBeenCalled();
  });

  it('rejects an invalid instant', () => {
    let caught: unknown;
    try {
      computeDeadline(new Date('not a date'), 'informasi', cal());
    } catch (e) {
      caught = e;
    }
    expect(isDomainError(caught) && caught.code).toBe('INVALID_DATE');
  });

  it('for every receipt day in 2025–2026: due is N working days out, reminder R before it', () => {
    // Collect mismatches instead of 23k expect() calls: faster, and one readable failure.
    const bad: string[] = [];
    for (const cuti of [false, true]) {
      const c = cal({ cutiBersamaIsWorkday: cuti });
      for (let day = '2025-01-01'; day <= '2026-12-31'; day = addDays(day, 1)) {
        const at = c.atLocalTime(day, 10, 0);
        for (const category of CATEGORIES) {
          const d = computeDeadline(at, category, c);
          const { workingDays, remindBefore } = SLA[category];
          const ok =
            d.receivedDate === day &&
            c.isWorkingDay(d.dueDate) &&
            c.workingDaysBetween(day, d.dueDate) === workingDays &&
            c.workingDaysBetween(d.reminderDate, d.dueDate) === remindBefore &&
            workingDaysLeft(d.dueDate, at, c) === workingDays;
          if (!ok) bad.push(`${day} ${category} cuti=${cuti}: ${JSON.stringify(d)}`);
        }
      }
    }
    expect(bad).toEqual([]);
  });
});

describe('workingDaysLeft / workingDaysOverdue', () => {
  const at10 = (date: string): Date => new Date(`${date}T03:00:00Z`); // 10:00 WIB
  it.each([
    // Due Wed 18 Feb 2026; 16 Feb cuti, 17 Feb Imlek libur. [today, cuti work?, left, why]
    ['2026-02-12', false, 2, 'Thu: 13, 18'],
    ['2026-02-13', false, 1, 'Fri: only 18 (16 cuti, 17 libur)'],
    ['2026-02-13', true, 2, 'Fri: 16, 18'],
    ['2026-02-14', false, 1, 'Sat: 18'],
    ['2026-02-15', false, 1, 'Sun: 18'],
    ['2026-02-16', false, 1, 'Mon (cuti): 18'],
    ['2026-02-16', true, 1, 'Mon (cuti as work): today never counts, 18'],
    ['2026-02-17', false, 1, 'Tue (libur): 18'],
    ['2026-02-18', false, 0, 'due today'],
    ['2026-02-19', false, -1, 'Thu: 19 has passed'],
    ['2026-02-20', false, -2, 'Fri: 19, 20'],
    ['2026-02-21', false, -2, 'Sat: still 19, 20'],
    ['2026-02-23', false, -3, 'Mon: 19, 20, 23'],
  ] as const)('due 2026-02-18, today %s (cuti work=%s): left %i — %s', (today, cuti, left, why) => {
    const c = cal({ cutiBersamaIsWorkday: cuti });
    expect(workingDaysLeft('2026-02-18', at10(today), c), why).toBe(left);
    expect(workingDaysOverdue('2026-02-18', at10(today), c)).toBe(Math.max(0, -left));
  });

  it.each([
    // Due Fri 13 Feb 2026, followed by weekend, 16 cuti, 17 libur. [today, cuti work?, left, why]
    ['2026-02-13', false, 0, 'due today'],
    ['2026-02-14', false, -1, 'Sat: no working day passed yet, floor −1 because the deadline is gone'],
    ['2026-02-15', false, -1, 'Sun: same'],
    ['2026-02-16', false, -1, 'Mon cuti: still no working day passed'],
    ['2026-02-17', false, -1, 'Tue libur: same'],
    ['2026-02-18', false, -1, 'Wed: first working day late'],
    ['2026-02-19', false, -2, 'Thu: 18, 19'],
    ['2026-02-16', true, -1, 'Mon cuti as work: 16'],
    ['2026-02-18', true, -2, 'Wed: 16, 18'],
  ] as const)('due 2026-02-13, today %s (cuti work=%s): left %i — %s', (today, cuti, left, why) => {
    const c = cal({ cutiBersamaIsWorkday: cuti });
    expect(workingDaysLeft('2026-02-13', at10(today), c), why).toBe(left);
    expect(workingDaysOverdue('2026-02-13', at10(today), c)).toBe(Math.max(0, -left));
  });

  it.each([
    // 23:30 WIB Wed 18 Feb = 01:30 WIT Thu 19 Feb: due today in Jakarta, one day late in Jayapura.
    [JKT, 0, 0],
    [JAY, -1, 1],
  ] as const)('near midnight in %s: left %i, overdue %i', (zone, left, overdue) => {
    const now = new Date('2026-02-18T16:30:00Z');
    expect(workingDaysLeft('2026-02-18', now, cal({ timeZone: zone }))).toBe(left);
    expect(workingDaysOverdue('2026-02-18', now, cal({ timeZone: zone }))).toBe(overdue);
  });

  it('agrees with isOverdue on the weekend after a Friday deadline', () => {
    const c = cal();
    const { dueDate, dueAt } = computeDeadline(at10('2026-02-06'), 'informasi', c); // Fri → Fri 13 Feb
    expect(dueDate).toBe('2026-02-13');
    const saturday = at10('2026-02-14');
    expect(isOverdue(dueAt, saturday)).toBe(true);
    expect(workingDaysOverdue(dueDate, saturday, c)).toBe(1);
  });
});

describe('isOverdue', () => {
  const dueAt = new Date('2026-02-18T16:59:59.999Z'); // end of Wed 18 Feb WIB
  it.each([
    ['2026-02-18T03:00:00.000Z', false], // morning of the due day
    ['2026-02-18T16:59:59.999Z', false], // the last millisecond still counts as on time
    ['2026-02-18T17:00:00.000Z', true], // 00:00 WIB Thu
    ['2026-03-01T00:00:00.000Z', true],
  ] as const)('now %s → %s', (now, expected) => {
    expect(isOverdue(dueAt, new Date(now))).toBe(expected);
  });
});
