import { describe, expect, it } from 'vitest';
import { columnFor, headerProblem, mapHeaders } from '../../src/intake/columns.js';
import { DateReader } from '../../src/intake/dates.js';
import { Bad, parseBoolean, parseCategory, parseChannel, parseGender, parseRating, parseStatus } from '../../src/intake/values.js';
import { titleFromBody } from '../../src/intake/parse-row.js';
import { WorkingCalendar } from '../../src/domain/calendar.js';
import { formatProgress, progressLine } from '../../src/cli/progress.js';

const reason = (v: unknown): string => (v instanceof Bad ? v.reason : `not bad: ${String(v)}`);

describe('headers', () => {
  it.each([
    ['No. Tracking', 'tracking_id'], ['ID Laporan', 'tracking_id'], ['tracking_id', 'tracking_id'], ['NO TRACKING', 'tracking_id'],
    ['Tanggal Laporan', 'received_at'], ['Judul', 'title'], ['Isi Laporan', 'body'], ['Kategori', 'category'],
    ['Status', 'status'], ['Instansi/Unit Disposisi', 'unit'], ['Nama Pelapor', 'reporter_name'], ['Jenis Kelamin', 'reporter_gender'],
    ['Kanal', 'channel'], ['Tanggal Tindak Lanjut', 'follow_up_at'], ['  tanggal_disposisi ', 'disposed_at'], ['Ketepatan Solusi', 'rating_accuracy'],
  ])('"%s" is %s', (header, column) => {
    expect(columnFor(header)).toBe(column);
  });

  it('does not read an answer-text column as a date column', () => {
    expect(columnFor('Tindak Lanjut')).toBeUndefined();
    expect(columnFor('Respon Awal')).toBeUndefined();
  });

  it('maps a header row, ignoring unknown and repeated columns, and names what is missing', () => {
    const m = mapHeaders(['No. Tracking', 'Judul', 'Foto', 'ID Laporan', 'Tanggal Laporan', 'Kategori']);
    expect(m.index).toEqual({ tracking_id: 0, title: 1, received_at: 4, category: 5 });
    expect(m.ignored).toEqual(['Foto']);
    expect(m.repeated).toEqual(['ID Laporan']);
    expect(headerProblem(m)).toBeNull();
    expect(headerProblem(mapHeaders(['Judul', 'Isi']))).toMatch(/missing column\(s\): tracking_id .*received_at .*category/);
  });
});

describe('values', () => {
  it.each([
    ['Belum Terverifikasi', 'BELUM_TERVERIFIKASI'], ['', 'BELUM_TERVERIFIKASI'], ['Belum Ditindaklanjuti', 'BELUM_DITINDAKLANJUTI'],
    ['Terdisposisi Belum Ditindaklanjuti', 'BELUM_DITINDAKLANJUTI'], ['Proses', 'PROSES'], ['Sedang Diproses', 'PROSES'],
    ['Terdisposisi - Sedang Diproses', 'PROSES'], ['SELESAI', 'SELESAI'], ['Tunda', 'TUNDA'], ['Arsip', 'ARSIP'], ['BELUM_DITINDAKLANJUTI', 'BELUM_DITINDAKLANJUTI'],
  ])('status "%s" → %s', (text, status) => {
    expect(parseStatus(text)).toBe(status);
  });

  it.each([
    ['Permintaan Informasi', 'informasi'], ['Pengaduan normatif', 'normatif'], ['Pengaduan', 'normatif'],
    ['Pengaduan tidak berkadar pengawasan', 'tanpa-pengawasan'], ['tanpa-pengawasan', 'tanpa-pengawasan'],
    ['Pengaduan berkadar pengawasan', 'berkadar-pengawasan'], ['berkadar-pengawasan', 'berkadar-pengawasan'],
  ])('category "%s" → %s', (text, category) => {
    expect(parseCategory(text)).toBe(category);
  });

  it('rejects what it does not know with a reason naming the value', () => {
    expect(reason(parseStatus('Menunggu'))).toMatch(/status "Menunggu" is not a LAPOR! status/);
    expect(reason(parseCategory('Aspirasi'))).toMatch(/category "Aspirasi"/);
    expect(reason(parseChannel('merpati pos'))).toMatch(/channel "merpati pos"/);
    expect(reason(parseGender('X'))).toMatch(/reporter_gender "X"/);
    expect(reason(parseBoolean('mungkin', 'anonymous'))).toMatch(/anonymous "mungkin" is not ya\/tidak/);
    expect(reason(parseRating('0', 'rating'))).toMatch(/outside 1–5/);
    expect(reason(parseRating('4,567', 'rating'))).toMatch(/not a number from 1 to 5/);
  });

  it('reads channels, gender, yes/no and ratings as exports write them', () => {
    expect(['Website/Apps', 'SMS', 'Surat', 'E-mail', 'Datang Langsung', ''].map(parseChannel)).toEqual(['website', 'sms', 'telepon', 'telepon', 'langsung', null]);
    expect(['L', 'Laki-laki', 'Perempuan', 'p', ''].map(parseGender)).toEqual(['L', 'L', 'P', 'P', null]);
    expect(['Ya', 'tidak', '1', '', 'TRUE'].map((v) => parseBoolean(v, 'x'))).toEqual([true, false, true, false, true]);
    expect(['4,5', '3', '5.00', ''].map((v) => parseRating(v, 'rating'))).toEqual([4.5, 3, 5, null]);
  });

  it('makes a title from the first sentence of a body', () => {
    expect(titleFromBody('Gaji belum dibayar. Mohon dibantu.')).toBe('Gaji belum dibayar.');
    expect(titleFromBody('x'.repeat(100))).toHaveLength(80);
  });
});

describe('dates', () => {
  const wib = new DateReader(new WorkingCalendar({ holidays: [], timeZone: 'Asia/Jakarta' }));
  const wit = new DateReader(new WorkingCalendar({ holidays: [], timeZone: 'Asia/Jayapura' }));
  const iso = (v: Date | null | Bad): string => (v instanceof Date ? v.toISOString() : reason(v));

  it.each([
    ['2026-03-02', '2026-03-01T17:00:00.000Z'],
    ['2026-03-02 09:15', '2026-03-02T02:15:00.000Z'],
    ['2026-03-02T09:15:30', '2026-03-02T02:15:30.000Z'],
    ['02/03/2026 09:15', '2026-03-02T02:15:00.000Z'],
    ['2/3/2026 9.15', '2026-03-02T02:15:00.000Z'],
    ['02-03-2026', '2026-03-01T17:00:00.000Z'],
    ['2026-03-02T09:15:00+08:00', '2026-03-02T01:15:00.000Z'],
    ['2026-03-02T02:15:00Z', '2026-03-02T02:15:00.000Z'],
    ['Senin, 2 Maret 2026 09:15 WIB', '2026-03-02T02:15:00.000Z'],
    ['46083.5', '2026-03-02T05:00:00.000Z'],
  ])('%s (WIB) → %s', (text, expected) => {
    expect(iso(wib.read(text, 'received_at'))).toBe(expected);
  });

  it('reads zone-less times in the office zone (WIT is UTC+9)', () => {
    expect(iso(wit.read('02/03/2026 09:15', 'received_at'))).toBe('2026-03-02T00:15:00.000Z');
    expect(iso(wit.read('2026-03-02T09:15:00Z', 'received_at'))).toBe('2026-03-02T09:15:00.000Z');
  });

  it('refuses impossible dates and names the column; empty is no date', () => {
    expect(iso(wib.read('31/02/2026 10:00', 'disposed_at'))).toMatch(/disposed_at "31\/02\/2026 10:00" is not a date/);
    expect(iso(wib.read('2026-13-01', 'x'))).toMatch(/is not a date/);
    expect(iso(wib.read('02/03/2026 24:00', 'x'))).toMatch(/is not a date/);
    expect(iso(wib.read('kemarin', 'x'))).toMatch(/is not a date/);
    expect(wib.read('', 'x')).toBeNull();
  });
});

describe('progress line', () => {
  it('shows percent of bytes, rows and rows per second, redrawn at most every 200 ms', () => {
    expect(formatProgress({ rows: 450_000, bytesRead: 45, totalBytes: 100, elapsedMs: 20_000 })).toBe('[###########-------------]  45% · 450,000 rows · 22,500 rows/s');
    const out: string[] = [];
    let t = 0;
    const bar = progressLine((s) => out.push(s), 200, () => t);
    bar.update({ rows: 1, bytesRead: 1, totalBytes: 10, elapsedMs: 1 });
    t = 100;
    bar.update({ rows: 2, bytesRead: 2, totalBytes: 10, elapsedMs: 2 });
    t = 300;
    bar.update({ rows: 3, bytesRead: 3, totalBytes: 10, elapsedMs: 3 });
    bar.clear();
    expect(out).toHaveLength(3);
    expect(out[0]!.startsWith('\r\x1b[K[')).toBe(true);
    expect(out[2]).toBe('\r\x1b[K');
  });
});
