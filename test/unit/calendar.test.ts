import { describe, expect, it, vi } from 'vitest';
import { WorkingCalendar, type CalendarOptions } from '../../src/domain/calendar.js';
import { isDomainError } from '../../src/domain/errors.js';
import { loadOfficialHolidays, type HolidayEntry } from '../../src/domain/holidays.js';
import {
  addDays,
  compareDates,
  dayOfWeek,
  daysBetween,
  isValidLocalDate,
  makeLocalDate,
  parseLocalDate,
  yearOf,
} from '../../src/domain/local-date.js';

const OFFICIAL = loadOfficialHolidays();
const JKT = 'Asia/Jakarta';
const MKS = 'Asia/Makassar';
const JAY = 'Asia/Jayapura';

function cal(opts: Partial<CalendarOptions> = {}, extra: HolidayEntry[] = []): WorkingCalendar {
  return new WorkingCalendar({ holidays: [...OFFICIAL, ...extra], ...opts });
}
const offCal = cal({ cutiBersamaIsWorkday: false });
const onCal = cal({ cutiBersamaIsWorkday: true });
const pick = (cuti: boolean): WorkingCalendar => (cuti ? onCal : offCal);

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return isDomainError(e) ? e.code : 'not a DomainError';
  }
  return undefined;
}

describe('test environment', () => {
  it('runs in a non-Indonesian machine zone, so any reliance on it would show', () => {
    expect(process.env.TZ).toBe('America/New_York');
    expect(['Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura', 'Asia/Pontianak']).not.toContain(process.env.TZ);
    // 23:30Z on 5 Mar is still 5 Mar on this machine but already 6 Mar in Jakarta.
    expect(new Date('2026-03-05T23:30:00Z').getDate()).toBe(5);
    expect(offCal.toLocalDate(new Date('2026-03-05T23:30:00Z'))).toBe('2026-03-06');
  });
});

describe('local-date helpers', () => {
  it.each([
    ['2024-02-28', 1, '2024-02-29'], // 2024 is a leap year
    ['2025-02-28', 1, '2025-03-01'], // 2025 is not
    ['2025-12-31', 1, '2026-01-01'],
    ['2026-03-01', -1, '2026-02-28'],
    ['2026-03-08', 0, '2026-03-08'],
    ['2026-03-29', 1, '2026-03-30'], // European DST day: no 23h/25h artefacts on the UTC axis
    ['2026-11-01', 1, '2026-11-02'], // New York DST end, the machine zone here
    ['2026-01-01', 365, '2027-01-01'],
  ] as const)('addDays(%s, %i) = %s', (d, n, expected) => {
    expect(addDays(d, n)).toBe(expected);
  });

  it.each([
    ['2025-03-27', 4], // Thursday before Idul Fitri 2025
    ['2025-03-31', 1],
    ['2026-03-06', 5],
    ['2026-03-07', 6],
    ['2026-03-08', 0],
    ['2027-01-01', 5], // 2026 has 365 days; 1 Jan 2026 was Thursday, so 1 Jan 2027 is Friday
  ] as const)('dayOfWeek(%s) = %i', (d, dow) => {
    expect(dayOfWeek(d)).toBe(dow);
  });

  it.each([
    ['2024-02-29', true],
    ['2025-02-29', false],
    ['2026-02-30', false],
    ['2026-13-01', false],
    ['2026-3-6', false],
    ['2026-03-06T00:00', false],
    ['', false],
  ] as const)('isValidLocalDate(%j) = %s', (d, ok) => {
    expect(isValidLocalDate(d)).toBe(ok);
  });

  it('compares, diffs and parses', () => {
    expect(compareDates('2025-12-31', '2026-01-01')).toBeLessThan(0);
    expect(compareDates('2026-01-01', '2026-01-01')).toBe(0);
    expect(compareDates('2026-10-01', '2026-09-30')).toBeGreaterThan(0);
    expect(daysBetween('2026-02-27', '2026-03-02')).toBe(3);
    expect(daysBetween('2026-03-02', '2026-02-27')).toBe(-3);
    expect(parseLocalDate(' 2026-03-06 ')).toBe('2026-03-06');
    expect(codeOf(() => parseLocalDate('06/03/2026'))).toBe('INVALID_DATE');
    expect(codeOf(() => addDays('2026-02-30', 1))).toBe('INVALID_DATE');
    expect(codeOf(() => addDays('2026-02-03', 1.5))).toBe('INVALID_ARGS');
    expect(makeLocalDate(2026, 3, 6)).toBe('2026-03-06');
    expect(codeOf(() => makeLocalDate(2026, 2, 29))).toBe('INVALID_DATE');
    expect(yearOf('2027-01-01')).toBe(2027);
  });
});

describe('isWorkingDay / holidayOn', () => {
  it.each([
    // [date, working when cuti bersama is off, working when cuti bersama counts as work, why]
    ['2025-03-27', true, true, 'Thu, ordinary'],
    ['2025-03-28', false, true, 'Fri, cuti bersama Nyepi'],
    ['2025-03-29', false, false, 'Sat, also Nyepi'],
    ['2025-03-30', false, false, 'Sun'],
    ['2025-03-31', false, false, 'Mon, Idul Fitri libur'],
    ['2025-04-01', false, false, 'Tue, Idul Fitri libur'],
    ['2025-04-02', false, true, 'Wed, cuti bersama Idul Fitri'],
    ['2025-04-03', false, true, 'Thu, cuti bersama'],
    ['2025-04-04', false, true, 'Fri, cuti bersama'],
    ['2025-04-05', false, false, 'Sat'],
    ['2025-04-07', false, true, 'Mon, cuti bersama'],
    ['2025-04-08', true, true, 'Tue, back to work'],
    ['2025-04-20', false, false, 'Sun, Paskah'],
    ['2025-08-18', false, true, 'Mon, HUT RI ke-80 cuti (amendment)'],
    ['2026-03-17', true, true, 'Tue, ordinary'],
    ['2026-03-18', false, true, 'Wed, cuti bersama Nyepi'],
    ['2026-03-19', false, false, 'Thu, Nyepi libur'],
    ['2026-03-20', false, true, 'Fri, cuti bersama Idul Fitri'],
    ['2026-03-21', false, false, 'Sat, Idul Fitri libur'],
    ['2026-03-22', false, false, 'Sun, Idul Fitri libur'],
    ['2026-03-23', false, true, 'Mon, cuti bersama'],
    ['2026-03-24', false, true, 'Tue, cuti bersama'],
    ['2026-03-25', true, true, 'Wed, back to work'],
    ['2025-12-26', false, true, 'Fri, cuti bersama Natal'],
    ['2025-12-31', true, true, 'Wed, ordinary'],
    ['2026-01-01', false, false, 'Thu, Tahun Baru'],
    ['2026-01-02', true, true, 'Fri, ordinary'],
  ] as const)('%s → %s / %s (%s)', (date, off, on, why) => {
    expect(offCal.isWorkingDay(date), why).toBe(off);
    expect(onCal.isWorkingDay(date), why).toBe(on);
  });

  it('holidayOn returns only entries that close the office', () => {
    expect(offCal.holidayOn('2025-03-31')?.kind).toBe('libur_nasional');
    expect(offCal.holidayOn('2025-04-02')?.kind).toBe('cuti_bersama');
    expect(onCal.holidayOn('2025-04-02')).toBeUndefined(); // counted as a working day
    expect(onCal.entryOn('2025-04-02')?.kind).toBe('cuti_bersama');
    expect(offCal.holidayOn('2025-04-20')?.name).toBe('Kebangkitan Yesus Kristus (Paskah)');
    expect(offCal.holidayOn('2026-03-07')).toBeUndefined(); // plain Saturday: not a holiday, just a weekend
    expect(offCal.isWorkingDay('2026-03-07')).toBe(false);
  });

  it('rejects malformed dates', () => {
    expect(codeOf(() => offCal.isWorkingDay('2026-02-30'))).toBe('INVALID_DATE');
    expect(codeOf(() => offCal.holidayOn('today'))).toBe('INVALID_DATE');
    expect(codeOf(() => offCal.addWorkingDays('2026-13-01', 1))).toBe('INVALID_DATE');
    expect(codeOf(() => offCal.addWorkingDays('2026-03-01', 0.5))).toBe('INVALID_ARGS');
  });
});

describe('addWorkingDays / nextWorkingDay', () => {
  it.each([
    // [from, n, cuti counts as work?, expected, hand count]
    ['2025-03-27', 5, false, '2025-04-14', 'skip 28 cuti, 31/1 libur, 2-4 & 7 cuti: 8,9,10,11,14'],
    ['2025-03-27', 5, true, '2025-04-07', '28, (31/1 libur) 2,3,4,7'],
    ['2025-03-27', 1, false, '2025-04-08', 'first day after the whole Lebaran block'],
    ['2025-03-27', 1, true, '2025-03-28', 'the Nyepi cuti day itself'],
    ['2025-04-14', -3, false, '2025-04-09', 'back: 11,10,9'],
    ['2025-04-07', -3, true, '2025-04-02', 'back: 4,3,2'],
    ['2025-04-08', -1, false, '2025-03-27', 'back over the block: 7,4,3,2 cuti, 1,31 libur, 28 cuti'],
    ['2026-03-17', 5, false, '2026-03-31', 'skip 18 cuti,19 libur,20 cuti,21/22,23/24 cuti: 25,26,27,30,31'],
    ['2026-03-17', 5, true, '2026-03-25', '18, (19 libur) 20, (21/22) 23, 24, 25'],
    ['2026-03-31', -5, false, '2026-03-17', 'inverse of the row above'],
    ['2026-03-25', -5, true, '2026-03-17', 'inverse of the row above'],
    ['2026-02-06', 5, false, '2026-02-13', 'Fri → Mon 9 … Fri 13'],
    ['2026-02-07', 5, false, '2026-02-13', 'Sat: weekend adds nothing'],
    ['2026-02-08', 5, false, '2026-02-13', 'Sun: same'],
    ['2026-02-09', 5, false, '2026-02-18', '10,11,12,13, (16 cuti, 17 Imlek) 18'],
    ['2026-02-09', 5, true, '2026-02-16', '10,11,12,13,16'],
    ['2026-02-07', 0, false, '2026-02-07', 'n = 0 returns the date even on a weekend'],
    ['2026-02-09', -1, false, '2026-02-06', 'Mon back to Fri'],
    ['2025-12-24', 5, false, '2026-01-05', '(25 libur, 26 cuti) 29,30,31, (1 Jan) 2, 5'],
    ['2025-12-24', 5, true, '2026-01-02', '26,29,30,31, (1 Jan) 2'],
    ['2026-01-05', -5, false, '2025-12-24', 'inverse across the year boundary'],
    ['2026-01-09', 5, false, '2026-01-19', '12,13,14,15, (16 Isra Mikraj) 19'],
  ] as const)('%s %i (cuti work=%s) = %s — %s', (from, n, cuti, expected, why) => {
    expect(pick(cuti).addWorkingDays(from, n), why).toBe(expected);
  });

  it.each([
    ['2025-03-27', false, '2025-04-08'],
    ['2025-03-27', true, '2025-03-28'],
    ['2026-02-07', false, '2026-02-09'],
    ['2025-12-24', false, '2025-12-29'],
    ['2025-12-24', true, '2025-12-26'],
    ['2025-12-31', false, '2026-01-02'],
  ] as const)('nextWorkingDay(%s, cuti work=%s) = %s', (d, cuti, expected) => {
    expect(pick(cuti).nextWorkingDay(d)).toBe(expected);
  });
});

describe('workingDaysBetween (from < d <= to)', () => {
  it.each([
    ['2025-03-27', '2025-04-14', false, 5, '8,9,10,11,14'],
    ['2025-03-27', '2025-04-14', true, 10, '28, 2,3,4,7, 8,9,10,11,14'],
    ['2026-03-17', '2026-03-31', false, 5, '25,26,27,30,31'],
    ['2026-03-17', '2026-03-31', true, 9, '18,20,23,24,25,26,27,30,31'],
    ['2025-12-24', '2026-01-05', false, 5, '29,30,31,2,5'],
    ['2025-12-24', '2026-01-05', true, 6, '26,29,30,31,2,5'],
    ['2026-02-07', '2026-02-08', false, 0, 'Sat → Sun'],
    ['2026-02-06', '2026-02-09', false, 1, 'Fri → Mon: only Monday'],
    ['2026-03-06', '2026-03-06', false, 0, 'same day'],
    ['2026-04-14', '2026-03-31', false, -9, 'reverse: 1,2,(3 Wafat),6,7,8,9,10,13,14 = 9'],
    ['2026-03-31', '2026-03-17', true, -9, 'reverse of the 2026 row with cuti as work'],
  ] as const)('%s → %s (cuti work=%s) = %i — %s', (from, to, cuti, expected, why) => {
    expect(pick(cuti).workingDaysBetween(from, to), why).toBe(expected);
  });

  it('agrees with addWorkingDays for every start day of 2025–2026', () => {
    const bad: string[] = [];
    for (const c of [offCal, onCal]) {
      for (let d = '2025-01-01'; d <= '2026-12-31'; d = addDays(d, 1)) {
        for (const n of [1, 5, 14, -1, -5]) {
          const target = c.addWorkingDays(d, n);
          // Going back, (target, d] holds |n| − 1 working days strictly between, plus d if d is one.
          const expected = n > 0 ? n : n + (c.isWorkingDay(d) ? 0 : 1);
          if (c.workingDaysBetween(d, target) !== expected || !c.isWorkingDay(target)) bad.push(`${d} ${n} → ${target}`);
        }
      }
    }
    expect(bad).toEqual([]);
  });
});

describe('year without an official table (fallback)', () => {
  it('calls onMissingYear exactly once for 2027 and applies fixed-date holidays', () => {
    const onMissingYear = vi.fn();
    const c = cal({ onMissingYear });
    // 2026 dates alone never warn.
    expect(c.addWorkingDays('2026-12-01', 5)).toBe('2026-12-08');
    expect(onMissingYear).not.toHaveBeenCalled();
    // Wed 23 Dec 2026: (24 cuti, 25 Natal) 28,29,30,31, (1 Jan 2027 fallback Tahun Baru) 4 Jan.
    expect(c.addWorkingDays('2026-12-23', 5)).toBe('2027-01-04');
    expect(c.addWorkingDays('2027-01-04', -3)).toBe('2026-12-29'); // back: 31, 30, 29
    expect(c.isWorkingDay('2027-01-01')).toBe(false);
    expect(c.holidayOn('2027-01-01')?.name).toBe('Tahun Baru Masehi');
    expect(c.isWorkingDay('2027-06-01')).toBe(false); // Tue, Pancasila
    expect(c.isWorkingDay('2027-08-17')).toBe(false); // Tue, Proklamasi
    expect(c.isWorkingDay('2027-03-10')).toBe(true); // Wed: moving holidays are unknown, hence the warning
    expect(onMissingYear).toHaveBeenCalledTimes(1);
    expect(onMissingYear).toHaveBeenCalledWith(2027);
    c.isWorkingDay('2028-01-03');
    expect(onMissingYear).toHaveBeenCalledTimes(2);
    expect(onMissingYear).toHaveBeenLastCalledWith(2028);
  });

  it('lets admin entries win over the fallback', () => {
    const c = cal({}, [
      { date: '2027-01-01', kind: 'hari_kerja', name: 'Masuk' },
      { date: '2027-01-05', kind: 'lokal', name: 'Banjir' },
    ]);
    expect(c.isWorkingDay('2027-01-01')).toBe(true);
    expect(c.isWorkingDay('2027-01-05')).toBe(false);
    // An admin 'lokal' entry does not make 2027 "official": fixed dates still apply.
    expect(c.isWorkingDay('2027-08-17')).toBe(false);
  });

  it('honours an explicit officialYears list', () => {
    const onMissingYear = vi.fn();
    const c = cal({ officialYears: [2025], onMissingYear });
    // 2026 now counts as missing: the table's 16 Jan Isra Mikraj row is still used (explicit entries win),
    // and the warning fires once.
    expect(c.isWorkingDay('2026-01-16')).toBe(false);
    expect(c.isWorkingDay('2026-01-15')).toBe(true);
    expect(onMissingYear).toHaveBeenCalledExactlyOnceWith(2026);
  });

  it('works without a callback', () => {
    expect(cal().addWorkingDays('2026-12-23', 5)).toBe('2027-01-04');
  });
});

describe('admin overrides', () => {
  it.each([
    // [extra entries, from, n, expected, why]
    [[{ date: '2026-02-11', kind: 'lokal', name: 'Banjir' }], '2026-02-09', 5, '2026-02-19', '10, (11 lokal) 12, 13, (16,17) 18, 19'],
    [[{ date: '2026-03-19', kind: 'hari_kerja', name: 'Masuk' }], '2026-03-17', 5, '2026-03-30', '19 opened: 19, 25, 26, 27, 30'],
    [[{ date: '2026-03-20', kind: 'hari_kerja', name: 'Masuk' }], '2026-03-17', 1, '2026-03-20', 'cuti day opened'],
    [[{ date: '2026-03-28', kind: 'hari_kerja', name: 'Sabtu masuk' }], '2026-03-27', 1, '2026-03-28', 'a Saturday opened by override'],
    [
      [
        { date: '2026-02-11', kind: 'lokal', name: 'Banjir' },
        { date: '2026-02-11', kind: 'hari_kerja', name: 'Dibatalkan' },
      ],
      '2026-02-09',
      2,
      '2026-02-11',
      'later hari_kerja cancels the earlier closure: 10, 11',
    ],
    [
      [
        { date: '2026-02-11', kind: 'hari_kerja', name: 'Masuk' },
        { date: '2026-02-11', kind: 'lokal', name: 'Banjir' },
      ],
      '2026-02-09',
      2,
      '2026-02-12',
      'later closure wins: 10, (11) 12',
    ],
  ] as const)('%#: from %s +%i = %s (%s)', (extra, from, n, expected, why) => {
    expect(cal({}, [...extra]).addWorkingDays(from, n), why).toBe(expected);
  });

  it('exposes the override entry', () => {
    const c = cal({}, [{ date: '2026-03-19', kind: 'hari_kerja', name: 'Masuk', source: 'admin' }]);
    expect(c.holidayOn('2026-03-19')).toBeUndefined();
    expect(c.entryOn('2026-03-19')).toEqual({ date: '2026-03-19', kind: 'hari_kerja', name: 'Masuk', source: 'admin' });
    const closed = cal({}, [{ date: '2026-02-11', kind: 'lokal', name: 'Banjir' }]);
    expect(closed.holidayOn('2026-02-11')?.kind).toBe('lokal');
  });

  it('rejects bad entries and zones', () => {
    expect(codeOf(() => cal({}, [{ date: '2026-02-30', kind: 'lokal', name: 'x' }]))).toBe('INVALID_DATE');
    expect(codeOf(() => cal({ timeZone: 'Asia/Atlantis' }))).toBe('INVALID_ARGS');
  });
});

describe('zones: toLocalDate / startOfDay / atLocalTime', () => {
  it.each([
    // [instant, Jakarta (UTC+7), Makassar (UTC+8), Jayapura (UTC+9)]
    ['2026-03-06T16:59:00Z', '2026-03-06', '2026-03-07', '2026-03-07'], // 23:59 WIB Fri, 00:59 WITA / 01:59 WIT Sat
    ['2026-03-06T15:59:00Z', '2026-03-06', '2026-03-06', '2026-03-07'], // 22:59 WIB, 23:59 WITA, 00:59 WIT
    ['2026-03-06T14:59:59.999Z', '2026-03-06', '2026-03-06', '2026-03-06'], // last ms of the day in WIT
    ['2026-03-06T16:59:59.999Z', '2026-03-06', '2026-03-07', '2026-03-07'], // last ms of the day in WIB
    ['2026-03-06T17:00:00Z', '2026-03-07', '2026-03-07', '2026-03-07'], // 00:00 WIB Sat
    ['2025-12-31T16:59:59Z', '2025-12-31', '2026-01-01', '2026-01-01'],
    ['2025-12-31T17:00:00Z', '2026-01-01', '2026-01-01', '2026-01-01'],
  ] as const)('%s → %s / %s / %s', (iso, jkt, mks, jay) => {
    const at = new Date(iso);
    expect(cal({ timeZone: JKT }).toLocalDate(at)).toBe(jkt);
    expect(cal({ timeZone: MKS }).toLocalDate(at)).toBe(mks);
    expect(cal({ timeZone: JAY }).toLocalDate(at)).toBe(jay);
  });

  it.each([
    // [zone, date, hh, mm, instant]
    [JKT, '2026-03-06', 0, 0, '2026-03-05T17:00:00.000Z'],
    [MKS, '2026-03-06', 0, 0, '2026-03-05T16:00:00.000Z'],
    [JAY, '2026-03-06', 0, 0, '2026-03-05T15:00:00.000Z'],
    [JKT, '2026-03-06', 8, 0, '2026-03-06T01:00:00.000Z'],
    [JKT, '2026-03-06', 23, 59, '2026-03-06T16:59:00.000Z'],
    [JAY, '2027-01-01', 8, 30, '2026-12-31T23:30:00.000Z'],
    // Not an office zone, but proves the offset is taken per date: CET→CEST on 29 Mar 2026.
    ['Europe/Berlin', '2026-03-29', 0, 0, '2026-03-28T23:00:00.000Z'],
    ['Europe/Berlin', '2026-03-29', 12, 0, '2026-03-29T10:00:00.000Z'],
    ['America/New_York', '2026-11-01', 0, 0, '2026-11-01T04:00:00.000Z'], // still EDT at midnight
    ['America/New_York', '2026-11-02', 0, 0, '2026-11-02T05:00:00.000Z'], // EST
  ] as const)('%s %s %i:%i = %s', (zone, date, hh, mm, iso) => {
    const c = cal({ timeZone: zone });
    const got = hh === 0 && mm === 0 ? c.startOfDay(date) : c.atLocalTime(date, hh, mm);
    expect(got.toISOString()).toBe(iso);
    expect(c.toLocalDate(got)).toBe(date);
  });

  it('defaults to WIB and validates input', () => {
    expect(cal().timeZone).toBe('Asia/Jakarta');
    expect(codeOf(() => offCal.atLocalTime('2026-03-06', 24, 0))).toBe('INVALID_ARGS');
    expect(codeOf(() => offCal.atLocalTime('2026-03-06', 8, 60))).toBe('INVALID_ARGS');
    expect(codeOf(() => offCal.toLocalDate(new Date('nope')))).toBe('INVALID_DATE');
  });
});
