import { describe, expect, it } from 'vitest';
import { WorkingCalendar } from '../../src/domain/calendar.js';
import { DomainError } from '../../src/domain/errors.js';
import { loadOfficialHolidays } from '../../src/domain/holidays.js';
import { decodeRepeat, describeRepeat, encodeRepeat, nextRepeatRun, parseSchedulePhrase } from '../../src/domain/schedule-phrase.js';

const cal = new WorkingCalendar({ holidays: loadOfficialHolidays() });
/** Wednesday 4 March 2026, 10:00 WIB. */
const NOW = new Date('2026-03-04T03:00:00Z');

describe('parseSchedulePhrase — one-off times (office time, WIB)', () => {
  it.each([
    ['2026-12-01 09:00 Rapat evaluasi', '2026-12-01T02:00:00.000Z', 'Rapat evaluasi'],
    ['1 Desember 2026 09.00 Rapat evaluasi', '2026-12-01T02:00:00.000Z', 'Rapat evaluasi'],
    ['1 Des 09:00 Rapat', '2026-12-01T02:00:00.000Z', 'Rapat'],
    ['4 Mar 09:00 Ulang tahun instansi', '2027-03-04T02:00:00.000Z', 'Ulang tahun instansi'], // passed this year → next year
    ['besok 09:00 Batas rekap', '2026-03-05T02:00:00.000Z', 'Batas rekap'],
    ['Besok pukul 09.00 WIB Batas rekap', '2026-03-05T02:00:00.000Z', 'Batas rekap'],
    ['lusa jam 08.30 Apel pagi', '2026-03-06T01:30:00.000Z', 'Apel pagi'],
    ['hari ini 15:00 Rapat sore', '2026-03-04T08:00:00.000Z', 'Rapat sore'],
    ['Senin 09:00 Rapat mingguan', '2026-03-09T02:00:00.000Z', 'Rapat mingguan'],
    ['rabu 11:00 Nanti siang', '2026-03-04T04:00:00.000Z', 'Nanti siang'], // today, still ahead
    ['Rabu 09:00 Minggu depan', '2026-03-11T02:00:00.000Z', 'Minggu depan'], // today, already past
    ["Jum'at 09:00 Senam", '2026-03-06T02:00:00.000Z', 'Senam'],
  ])('%s', (input, at, text) => {
    const p = parseSchedulePhrase(input, NOW, cal);
    expect(p.kind).toBe('once');
    if (p.kind !== 'once') return;
    expect(p.at.toISOString()).toBe(at);
    expect(p.text).toBe(text);
  });

  it('reads times in the office zone (WITA)', () => {
    const wita = new WorkingCalendar({ holidays: loadOfficialHolidays(), timeZone: 'Asia/Makassar' });
    const p = parseSchedulePhrase('besok 09:00 WITA Apel', NOW, wita);
    expect(p.kind === 'once' && p.at.toISOString()).toBe('2026-03-05T01:00:00.000Z');
  });
});

describe('parseSchedulePhrase — repeats', () => {
  it.each([
    ['setiap Jumat 09:00 Perbarui status laporan', '0 9 * * 5', false, '2026-03-06T02:00:00.000Z'],
    ['tiap senin 07.30 Apel', '30 7 * * 1', false, '2026-03-09T00:30:00.000Z'],
    ['setiap hari 07:30 Cek grup', '30 7 * * *', false, '2026-03-05T00:30:00.000Z'],
    ['setiap hari kerja 08:00 Cek laporan baru', '0 8 * * 1-5', true, '2026-03-05T01:00:00.000Z'],
    ['setiap tanggal 1 09:00 Kirim rekap bulanan', '0 9 1 * *', false, '2026-04-01T02:00:00.000Z'],
  ])('%s', (input, cronExpr, workingDaysOnly, first) => {
    const p = parseSchedulePhrase(input, NOW, cal);
    expect(p.kind).toBe('repeat');
    if (p.kind !== 'repeat') return;
    expect(p.repeat).toEqual({ cron: cronExpr, workingDaysOnly });
    expect(p.first.toISOString()).toBe(first);
    expect(p.text.length).toBeGreaterThan(0);
  });

  it('"setiap hari kerja" skips Nyepi, Idul Fitri and cuti bersama (Tue 17 → Wed 25 Mar 2026)', () => {
    const p = parseSchedulePhrase('setiap hari kerja 08:00 Cek', new Date('2026-03-17T02:00:00Z'), cal);
    expect(p.kind === 'repeat' && p.first.toISOString()).toBe('2026-03-25T01:00:00.000Z');
  });

  it('"setiap Jumat" does not skip a holiday Friday', () => {
    // Fri 20 Mar 2026 is cuti bersama; a weekly reminder still fires.
    expect(nextRepeatRun({ cron: '0 9 * * 5', workingDaysOnly: false }, new Date('2026-03-17T02:00:00Z'), cal)?.toISOString()).toBe('2026-03-20T02:00:00.000Z');
  });
});

describe('parseSchedulePhrase — refusals', () => {
  it.each([
    ['hari ini 09:00 Sudah lewat', 'sudah lewat'],
    ['2026-01-01 09:00 Lalu', 'sudah lewat'],
    ['besok 25:00 Jam salah', 'jam tidak valid'],
    ['besok 09:00 WITA Zona lain', 'zona waktu kantor adalah WIB'],
    ['2026-02-30 09:00 Tanggal salah', 'tanggal tidak valid'],
    ['31 Februari 09:00 Tanggal salah', 'tanggal tidak valid'],
    ['setiap tanggal 31 09:00 Akhir bulan', 'tanggal bulanan 1–28'],
    ['nanti sore Rapat', 'waktu di awal pesan'],
    ['besok Rapat', 'waktu di awal pesan'],
  ])('%s', (input, why) => {
    let error: unknown;
    try {
      parseSchedulePhrase(input, NOW, cal);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('INVALID_ARGS');
    expect(String((error as DomainError).data.expected)).toContain(why);
  });
});

describe('stored repeats', () => {
  it('round-trips the working-days marker', () => {
    for (const r of [{ cron: '0 8 * * 1-5', workingDaysOnly: true }, { cron: '0 9 * * 5', workingDaysOnly: false }]) {
      expect(decodeRepeat(encodeRepeat(r))).toEqual(r);
    }
    expect(encodeRepeat({ cron: '0 8 * * 1-5', workingDaysOnly: true })).toBe('0 8 * * 1-5 @hari-kerja');
  });

  it.each([
    [{ cron: '0 9 * * 5', workingDaysOnly: false }, 'setiap Jumat pukul 09.00'],
    [{ cron: '0 8 * * 1-5', workingDaysOnly: true }, 'setiap hari kerja pukul 08.00'],
    [{ cron: '30 7 * * *', workingDaysOnly: false }, 'setiap hari pukul 07.30'],
    [{ cron: '0 9 1 * *', workingDaysOnly: false }, 'setiap tanggal 1 pukul 09.00'],
    [{ cron: '0 9 * 1 1', workingDaysOnly: false }, 'jadwal cron "0 9 * 1 1"'],
  ])('describes %j as "%s"', (r, text) => {
    expect(describeRepeat(r)).toBe(text);
  });
});
