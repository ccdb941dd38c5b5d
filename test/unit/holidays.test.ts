import { describe, expect, it } from 'vitest';
import { isDomainError } from '../../src/domain/errors.js';
import {
  fixedDateHolidays,
  loadOfficialHolidays,
  parseHolidayCsv,
  type HolidayEntry,
} from '../../src/domain/holidays.js';
import { dayOfWeek, isValidLocalDate } from '../../src/domain/local-date.js';

describe('loadOfficialHolidays (data/holidays-id.csv)', () => {
  const table = loadOfficialHolidays();
  const count = (year: string, kind: HolidayEntry['kind']): number =>
    table.filter((e) => e.date.startsWith(year) && e.kind === kind).length;

  it.each([
    // 2025: 17 libur nasional rows (Tahun Baru … Natal) and 11 cuti bersama rows, incl. the 18 Aug amendment.
    ['2025', 'libur_nasional', 17],
    ['2025', 'cuti_bersama', 11],
    // 2026: the 17 libur nasional and 8 cuti bersama of SKB 1497/2025 listed in DOMAIN.md.
    ['2026', 'libur_nasional', 17],
    ['2026', 'cuti_bersama', 8],
  ] as const)('%s has %s × %i', (year, kind, expected) => {
    expect(count(year, kind)).toBe(expected);
  });

  it('has 53 rows, all valid, no duplicate dates', () => {
    expect(table).toHaveLength(53);
    expect(table.every((e) => isValidLocalDate(e.date))).toBe(true);
    expect(new Set(table.map((e) => e.date)).size).toBe(53);
  });

  it('matches the 2026 list in DOMAIN.md "Deadlines" exactly', () => {
    const libur = ['01-01', '01-16', '02-17', '03-19', '03-21', '03-22', '04-03', '04-05', '05-01', '05-14', '05-27', '05-31', '06-01', '06-16', '08-17', '08-25', '12-25'];
    const cuti = ['02-16', '03-18', '03-20', '03-23', '03-24', '05-15', '05-28', '12-24'];
    const dates = (kind: HolidayEntry['kind']): string[] =>
      table.filter((e) => e.date.startsWith('2026') && e.kind === kind).map((e) => e.date.slice(5)).sort();
    expect(dates('libur_nasional')).toEqual(libur);
    expect(dates('cuti_bersama')).toEqual(cuti);
  });

  it.each([
    // Idul Fitri 1446 H: libur Mon 31 Mar + Tue 1 Apr, cuti bersama Wed 2 – Fri 4 Apr and Mon 7 Apr.
    ['2025-03-31', 'libur_nasional', 1],
    ['2025-04-01', 'libur_nasional', 2],
    ['2025-04-02', 'cuti_bersama', 3],
    ['2025-04-03', 'cuti_bersama', 4],
    ['2025-04-04', 'cuti_bersama', 5],
    ['2025-04-07', 'cuti_bersama', 1],
    // Idul Fitri 1447 H: cuti Fri 20 Mar, libur Sat 21 + Sun 22 Mar, cuti Mon 23 + Tue 24 Mar.
    ['2026-03-20', 'cuti_bersama', 5],
    ['2026-03-21', 'libur_nasional', 6],
    ['2026-03-22', 'libur_nasional', 0],
    ['2026-03-23', 'cuti_bersama', 1],
    ['2026-03-24', 'cuti_bersama', 2],
  ] as const)('%s is %s (weekday %i)', (date, kind, dow) => {
    const entry = table.find((e) => e.date === date);
    expect(entry?.kind).toBe(kind);
    expect(entry?.name).toMatch(/^Idul Fitri/);
    expect(dayOfWeek(date)).toBe(dow);
  });

  it('keeps the decree as source', () => {
    expect(table.find((e) => e.date === '2025-08-18')?.source).toBe('SKB 933/2025 1/2025 3/2025 (amendment)');
    expect(table.find((e) => e.date === '2026-01-01')?.source).toBe('SKB 1497/2025 2/2025 5/2025');
  });

  it('is cached yet hands each caller its own array of frozen entries', () => {
    const a = loadOfficialHolidays();
    a.push({ date: '2026-02-11', kind: 'lokal', name: 'Banjir' });
    const b = loadOfficialHolidays();
    expect(b).toHaveLength(53);
    expect(b[0]).toBe(a[0]);
    expect(Object.isFrozen(b[0])).toBe(true);
  });
});

describe('parseHolidayCsv', () => {
  it('parses all four kinds, skips blanks and comments, tolerates BOM and CRLF', () => {
    const text =
      '\uFEFFdate,kind,name,decree\r\n' +
      '# admin additions\r\n' +
      '\r\n' +
      '2026-02-11,lokal,Banjir,admin@kab\r\n' +
      '2026-03-19,hari_kerja,Masuk pengganti,\r\n' +
      '2026-01-01,libur_nasional,"Tahun Baru, Masehi","SKB 1, 2"\r\n' +
      '2026-03-20,cuti_bersama,Idul Fitri,x\r\n';
    expect(parseHolidayCsv(text)).toEqual([
      { date: '2026-02-11', kind: 'lokal', name: 'Banjir', source: 'admin@kab' },
      // An empty decree cell leaves source out rather than storing ''.
      { date: '2026-03-19', kind: 'hari_kerja', name: 'Masuk pengganti' },
      { date: '2026-01-01', kind: 'libur_nasional', name: 'Tahun Baru, Masehi', source: 'SKB 1, 2' },
      { date: '2026-03-20', kind: 'cuti_bersama', name: 'Idul Fitri', source: 'x' },
    ]);
  });

  it('reads columns by header name, in any order, with optional source column', () => {
    expect(parseHolidayCsv('name,date,kind\nNyepi,2026-03-19,libur_nasional\n')).toEqual([
      { date: '2026-03-19', kind: 'libur_nasional', name: 'Nyepi' },
    ]);
    expect(parseHolidayCsv('date,kind,name,source\n2026-03-19,lokal,Rapat,ops\n')[0]?.source).toBe('ops');
  });

  it('handles escaped quotes inside quoted fields', () => {
    expect(parseHolidayCsv('date,kind,name\n2026-03-19,lokal,"Hari ""X"""\n')[0]?.name).toBe('Hari "X"');
  });

  it.each([
    // [input, expected code, expected line]
    ['', 'INVALID_ARGS', 1], // no header at all
    ['date,name\n2026-01-01,x\n', 'INVALID_ARGS', 1], // header lacks kind
    ['date,kind,name\n2026-02-30,lokal,x\n', 'INVALID_DATE', 2], // 30 Feb does not exist
    ['date,kind,name\n2026-2-3,lokal,x\n', 'INVALID_DATE', 2], // not zero-padded
    ['date,kind,name\n\n2026-02-03,weekend,x\n', 'INVALID_ARGS', 3], // unknown kind, line counts blanks
    ['date,kind,name\n2026-02-03,lokal,\n', 'INVALID_ARGS', 2], // empty name
    ['date,kind,name\n2026-02-03,lokal\n', 'INVALID_ARGS', 2], // missing name cell
  ] as const)('rejects %j with %s on line %i', (text, code, line) => {
    let caught: unknown;
    try {
      parseHolidayCsv(text);
    } catch (e) {
      caught = e;
    }
    expect(isDomainError(caught)).toBe(true);
    if (!isDomainError(caught)) return;
    expect(caught.code).toBe(code);
    expect(caught.data['line']).toBe(line);
  });
});

describe('fixedDateHolidays', () => {
  it.each([
    // 2027 has no SKB in the table; these five dates never move in the Gregorian calendar.
    [2027, ['2027-01-01', '2027-05-01', '2027-06-01', '2027-08-17', '2027-12-25']],
    [2030, ['2030-01-01', '2030-05-01', '2030-06-01', '2030-08-17', '2030-12-25']],
  ] as const)('%i', (year, dates) => {
    const list = fixedDateHolidays(year);
    expect(list.map((e) => e.date)).toEqual(dates);
    expect(list.every((e) => e.kind === 'libur_nasional' && e.name !== '' && e.source)).toBe(true);
  });

  it('agrees with the official 2026 table on those five dates', () => {
    const official = new Map(loadOfficialHolidays().map((e) => [e.date, e.kind]));
    for (const e of fixedDateHolidays(2026)) expect(official.get(e.date)).toBe('libur_nasional');
  });
});
