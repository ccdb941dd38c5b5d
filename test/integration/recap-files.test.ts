/**
 * Files the recap produces: the quarterly XLSX (reopened with exceljs and read cell by cell), the
 * raw-data exports (CSV, streamed XLSX) and the chart PNG (decoded: signature, IHDR size).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createWriteStream } from 'node:fs';
import { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildQuarterlyWorkbook } from '../../src/recap/quarterly.js';
import { csvCell, exportCsv, exportXlsx } from '../../src/recap/export.js';
import { periodBounds } from '../../src/recap/period.js';
import { chartHeight, CHART_WIDTH, recapChartPng } from '../../src/recap/chart.js';
import { ANALYSIS_SECTIONS, CATEGORY_HEADERS, SUMMARY_HEADERS, UNIT_HEADERS } from '../../src/recap/quarterly-sheets.js';
import { RAW_COLUMNS } from '../../src/recap/raw-rows.js';
import { createTestDb, type TestDb } from '../helpers/test-db.js';
import { buildWorld, type World } from '../helpers/world.js';
import { buildRecapScenario, wib } from '../helpers/recap-world.js';

let db: TestDb;
let w: World;
let dir: string;
let wb: ExcelJS.Workbook;

/** Three closed permintaan informasi with hand-set timestamps: faster (across Idul Fitri), on the due day, late. */
async function addInformationRequests(): Promise<void> {
  const base = { agencyId: w.agencyId, title: 'Permintaan informasi', body: 'Isi', category: 'informasi', status: 'SELESAI' as const, unitId: w.units.A.id };
  const closed = (at: Date) => ({ firstResponseAt: at, followUpAt: at, closedAt: at });
  await w.ctx.db.report.createMany({ data: [
    // Disposed Tue 17 Mar; 18–24 Mar are cuti bersama, Nyepi and Idul Fitri: the 25th is the 1st working day, due 31 Mar.
    { ...base, trackingId: 'INF1', receivedAt: wib('03-17', '08:00'), verifiedAt: wib('03-17', '09:00'), disposedAt: wib('03-17', '09:00'), dueDate: new Date('2026-03-31T00:00:00Z'), ...closed(wib('03-25', '10:00')) },
    // Disposed Mon 2 Mar, due Mon 9 Mar (3, 4, 5, 6, 9): closed on the day, then a day late.
    { ...base, trackingId: 'INF2', receivedAt: wib('03-02', '08:00'), verifiedAt: wib('03-02', '09:00'), disposedAt: wib('03-02', '09:00'), dueDate: new Date('2026-03-09T00:00:00Z'), ...closed(wib('03-09', '10:00')) },
    { ...base, trackingId: 'INF3', receivedAt: wib('03-02', '08:00'), verifiedAt: wib('03-02', '09:00'), disposedAt: wib('03-02', '09:00'), dueDate: new Date('2026-03-09T00:00:00Z'), ...closed(wib('03-10', '10:00')) },
  ] });
}

beforeAll(async () => {
  db = await createTestDb();
  w = await buildWorld(db);
  await buildRecapScenario(w);
  await addInformationRequests();
  const r1 = await w.ctx.db.report.findFirstOrThrow({ where: { trackingId: 'CUR1' } });
  await w.ctx.db.reporter.update({ where: { reportId: r1.id }, data: { gender: 'P', disability: true } });
  dir = mkdtempSync(join(tmpdir(), 'recap-files-'));
  w.clock.set(wib('04-01', '10:00'));
  const { buffer } = await buildQuarterlyWorkbook(w.ctx, { agencyId: w.agencyId, year: 2026, quarter: 1 });
  wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ExcelJS.Buffer);
});

afterAll(async () => {
  await db?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Values of a row from column 1, as exceljs reads them back (empty cells as null). */
function row(sheet: string, n: number, width: number): unknown[] {
  const ws = wb.getWorksheet(sheet)!;
  return Array.from({ length: width }, (_, i) => ws.getRow(n).getCell(i + 1).value ?? null);
}

describe('quarterly workbook', () => {
  it('has the sheets in order, each with the heading', () => {
    expect(wb.worksheets.map((s) => s.name)).toEqual(['Ringkasan', 'Per kategori', 'Per unit', 'Analisis petugas', 'Data laporan']);
    expect(row('Ringkasan', 1, 1)).toEqual(['Laporan Triwulan Pengelolaan Pengaduan SP4N-LAPOR!']);
    expect(row('Ringkasan', 2, 1)).toEqual(['Instansi: Badan Kepegawaian Negara (BKN)']);
    expect(row('Per unit', 3, 1)).toEqual(['Periode: Triwulan I 2026 (1 Jan–31 Mar 2026)']);
  });

  it('part 1: the three months, the quarter, the monthly mean and the quarter before', () => {
    expect(row('Ringkasan', 7, SUMMARY_HEADERS.length)).toEqual(SUMMARY_HEADERS);
    const zero = [0, 0, 0, 0, 0, 0, 0, 0, null, null, null, null, 0, 0];
    expect(row('Ringkasan', 8, 15)).toEqual(['Januari 2026', ...zero]);
    expect(row('Ringkasan', 9, 15)).toEqual(['Februari 2026', ...zero]);
    // March: BT PRV2, CUR4, CUR7, CUR8 · BD CUR3 · P CUR2 · S PRV1, CUR1, INF1–3 · Tunda CUR6 · Arsip CUR5.
    // %TL 6/11 = 54.5; RTL (0+2+1+8+7+8)/6 = 4.3; RV (0+0+1+6+0+0+0+0)/8 = 0.9; verified ≤3 days: all but CUR3.
    const march = [13, 4, 1, 1, 5, 1, 1, 11, 54.5, 4.3, 3.75, 0.9, 7, 1];
    expect(row('Ringkasan', 10, 15)).toEqual(['Maret 2026', ...march]);
    expect(row('Ringkasan', 11, 15)).toEqual(['Total Triwulan I 2026', ...march]);
    expect(row('Ringkasan', 12, 15)).toEqual(['Rata-rata per bulan', 4.3, 1.3, 0.3, 0.3, 1.7, 0.3, 0.3, 3.7, 54.5, 4.3, 3.75, 0.9, 2.3, 0.3]);
    expect(row('Ringkasan', 13, 15)).toEqual(['Triwulan IV 2025 (pembanding)', 0, 0, 0, 0, 0, 0, 0, 0, null, null, null, null, null, null]);
  });

  it('parts 2 and 3: handling days and faster / on time / slower per category', () => {
    expect(row('Per kategori', 7, CATEGORY_HEADERS.length)).toEqual(CATEGORY_HEADERS);
    // INF1: 8 calendar days but 1 working day (25 Mar) → faster; INF2 on the due day; INF3 a day late.
    expect(row('Per kategori', 8, 14)).toEqual(['Permintaan informasi', 5, 3, 3, 7.7, 4, 1, 1, 1, 33.3, 33.3, 33.3, 0, 0]);
    // PRV1 closed the day it arrived, CUR1 after 3 days: both before the due date; CUR2 and CUR3 are open and late on 1 Apr.
    expect(row('Per kategori', 9, 14)).toEqual(['Pengaduan normatif', 5, 10, 2, 1.5, 1.5, 2, 0, 0, 100, 0, 0, 2, 0]);
    expect(row('Per kategori', 10, 14)).toEqual(['Pengaduan tidak berkadar pengawasan', 14, 0, 0, null, null, 0, 0, 0, null, null, null, 0, 0]);
    expect(row('Per kategori', 11, 14)).toEqual(['Pengaduan berkadar pengawasan', 60, 0, 0, null, null, 0, 0, 0, null, null, null, 0, 0]);
    expect(row('Per kategori', 12, 14)).toEqual(['Semua kategori', null, 13, 5, 5.2, 3, 3, 1, 1, 60, 20, 20, 2, 0]);
  });

  it('per unit, with the whole agency last', () => {
    expect(row('Per unit', 7, UNIT_HEADERS.length)).toEqual(UNIT_HEADERS);
    // A: PRV1, CUR1, INF1–3 Selesai, CUR2 Proses, CUR6 Tunda; RV 1/7 = 0.1 (only CUR2 took a day).
    expect(row('Per unit', 8, 14)).toEqual(['BKN-PENGADAAN', 'Direktorat Pengadaan', 0, 0, 1, 5, 1, 0, 6, 100, 4.3, 3.75, 0.1, 1]);
    expect(row('Per unit', 9, 14)).toEqual(['BKN-PENSIUN', 'Direktorat Pensiun', 0, 1, 0, 0, 0, 0, 1, 0, null, null, 6, 1]);
    expect(row('Per unit', 10, 3)).toEqual(['Seluruh instansi', 'termasuk laporan yang belum sampai di unit', 4]);
  });

  it('leaves labelled empty boxes for what the officers write, with counts (never identities) for section 5', () => {
    const ws = wb.getWorksheet('Analisis petugas')!;
    ANALYSIS_SECTIONS.forEach((title, i) => {
      expect(ws.getCell(6 + i * 10, 1).value).toBe(`${title} — penilaian mandiri, diisi oleh petugas`);
    });
    expect(ws.getCell('A17').value).toBe('Data pendukung (jumlah pelapor, tanpa identitas): laki-laki 0 · perempuan 1 · penyandang disabilitas 1 · kelompok rentan 0');
    for (const box of ['A7', 'H14', 'A18', 'A27']) {
      expect(ws.getCell(box).isMerged, box).toBe(true);
      expect(ws.getCell(box).value, box).toBeNull();
    }
  });

  it('holds the raw data without the reporter\'s identity', () => {
    const ws = wb.getWorksheet('Data laporan')!;
    expect(row('Data laporan', 1, RAW_COLUMNS.length)).toEqual(RAW_COLUMNS.map((c) => c.header));
    expect(ws.rowCount).toBe(1 + 13);
    const all: string[] = [];
    ws.eachRow((r) => r.eachCell((c) => all.push(String(c.value))));
    const cur1 = Array.from({ length: ws.rowCount }, (_, i) => row('Data laporan', i + 1, RAW_COLUMNS.length)).find((r) => r[0] === 'CUR1')!;
    expect(cur1.slice(0, 14)).toEqual(['CUR1', '2026-03-09 08:00', 'Pengaduan normatif', 'PPPK', '', 'BKN-PENGADAAN', 'Selesai', '2026-03-09 10:00', '2026-03-09 10:05', '2026-03-11 10:00', '2026-03-12 11:00', '2026-03-12 11:00', '2026-03-16', '4.00']);
    expect(cur1[15]).toContain('[TELEPON]');
    expect(all.join('\n')).not.toMatch(/Rina|Kartika|0812/);
  });
});

describe('raw data export', () => {
  const q = () => ({ agencyId: w.agencyId, ...periodBounds({ from: '2026-03-01', to: '2026-03-31' }, 'Asia/Jakarta'), timeZone: 'Asia/Jakarta', pageSize: 4 });

  it('streams CSV page by page with a header, masked text and formula-safe cells', async () => {
    const chunks: string[] = [];
    const out = new Writable({ write(c: Buffer, _e, done) { chunks.push(c.toString()); done(); } });
    const n = await exportCsv(w.ctx.db, q(), out);
    const lines = chunks.join('').split('\r\n').filter(Boolean);
    expect(n).toBe(13);
    expect(lines).toHaveLength(14);
    expect(lines[0]).toBe(`\uFEFF${RAW_COLUMNS.map((c) => c.header).join(',')}`);
    expect(new Set(lines.slice(1).map((l) => l.split(',')[0])).size).toBe(13); // no report twice across pages
    expect(lines.join('\n')).not.toMatch(/Rina|0812/);
    expect([csvCell('=HYPERLINK("x")'), csvCell('a,b'), csvCell('-5')]).toEqual([`"'=HYPERLINK(""x"")"`, '"a,b"', "'-5"]);
  });

  it('streams XLSX that opens again with every report', async () => {
    const file = join(dir, 'export.xlsx');
    const out = createWriteStream(file);
    const n = await exportXlsx(w.ctx.db, q(), out);
    await finished(out);
    const back = new ExcelJS.Workbook();
    await back.xlsx.readFile(file);
    const ws = back.getWorksheet('Data laporan')!;
    expect([n, ws.rowCount, ws.getCell('A1').value]).toEqual([13, 14, 'Nomor laporan']);
  });
});

describe('chart', () => {
  const bars = [
    { label: 'BKN-PENGADAAN', counts: { belumTerverifikasi: 0, belumDitindaklanjuti: 3, proses: 5, selesai: 12, tunda: 1, arsip: 2 } },
    { label: 'BKN-PENSIUN', counts: { belumTerverifikasi: 0, belumDitindaklanjuti: 1, proses: 0, selesai: 4, tunda: 0, arsip: 0 } },
    { label: '(belum di unit)', counts: { belumTerverifikasi: 4, belumDitindaklanjuti: 0, proses: 0, selesai: 0, tunda: 0, arsip: 1 } },
  ];
  const ihdr = (png: Buffer) => ({
    signature: png.subarray(0, 8).toString('hex'),
    chunk: png.subarray(12, 16).toString('ascii'),
    width: png.readUInt32BE(16),
    height: png.readUInt32BE(20),
  });

  it('is a PNG of the stated size, one bar row per unit', () => {
    const png = recapChartPng({ title: 'Rekapitulasi Kinerja — BKN', subtitle: 'Minggu 9–15 Mar 2026', bars });
    expect(ihdr(png)).toEqual({ signature: '89504e470d0a1a0a', chunk: 'IHDR', width: CHART_WIDTH, height: chartHeight(3) });
    expect(chartHeight(3)).toBe(298);
    expect(png.length).toBeGreaterThan(5_000);
    expect(png.length).toBeLessThan(200_000);
  });

  it('draws text with the bundled font (a different title gives a different picture)', () => {
    const a = recapChartPng({ title: 'Rekap A', bars });
    const b = recapChartPng({ title: 'Rekap B', bars });
    expect(a.equals(b)).toBe(false);
  });

  it('still renders with no report at all', () => {
    expect(ihdr(recapChartPng({ title: 'Kosong', bars: [] }))).toMatchObject({ width: CHART_WIDTH, height: chartHeight(0) });
  });
});
