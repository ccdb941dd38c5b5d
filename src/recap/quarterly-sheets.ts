/** The sheets of the quarterly workbook (see quarterly.ts). Fixed cell positions, so tests and people can rely on them. */
import type ExcelJS from 'exceljs';
import { CATEGORY_LABEL } from '../domain/labels.js';
import { SLA } from '../domain/sla.js';
import { CATEGORIES, type Category } from '../domain/types.js';
import type { CategoryHandling, ReporterThemes } from './quarterly-figures.js';
import { RAW_COLUMNS, type RawRow } from './raw-rows.js';
import { meanDays, roundedRatio } from './rounding.js';
import type { Recap, RecapFigures } from './types.js';
import { INDICATORS, topicLabel } from './monthly-rows.js';
import type { Indicators } from './monthly.js';

export interface SummaryRow {
  label: string;
  kind: 'month' | 'total' | 'mean' | 'previous';
  figures: RecapFigures;
  received: number;
  verification: { within: number; after: number } | null;
}

type Cell = string | number | null;

const BOLD = { bold: true } as const;

function addHeading(ws: ExcelJS.Worksheet, heading: string[], width: number): void {
  heading.forEach((line, i) => {
    const row = ws.getRow(i + 1);
    row.getCell(1).value = line;
    if (i === 0) row.getCell(1).font = { bold: true, size: 14 };
    ws.mergeCells(i + 1, 1, i + 1, width);
  });
}

function addTable(ws: ExcelJS.Worksheet, firstRow: number, headers: string[], rows: Cell[][]): void {
  const head = ws.getRow(firstRow);
  headers.forEach((h, i) => {
    const c = head.getCell(i + 1);
    c.value = h;
    c.font = BOLD;
    c.alignment = { wrapText: true, vertical: 'middle' };
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EAF6' } };
  });
  rows.forEach((values, r) => {
    const row = ws.getRow(firstRow + 1 + r);
    values.forEach((v, i) => {
      row.getCell(i + 1).value = v;
    });
  });
}

export const SUMMARY_HEADERS = [
  'Bulan', 'Diterima', 'Belum Terverifikasi', 'Belum Ditindaklanjuti', 'Proses', 'Selesai', 'Tunda', 'Arsip',
  'Total (tanpa Arsip dan Tunda)', '%TL', 'RTL (hari)', 'RHP', 'RV (hari)', 'Verifikasi ≤3 hari', 'Verifikasi >3 hari',
];

/** Sheet "Ringkasan": heading rows 1–4, section title row 6, header row 7, data from row 8. */
export function addSummarySheet(wb: ExcelJS.Workbook, heading: string[], rows: SummaryRow[]): void {
  const ws = wb.addWorksheet('Ringkasan');
  ws.columns = SUMMARY_HEADERS.map((_, i) => ({ width: i === 0 ? 58 : 14 }));
  addHeading(ws, heading, SUMMARY_HEADERS.length);
  ws.getCell(6, 1).value = '1. Resume total/rata-rata laporan bulanan selama tiga bulan (otomatis)';
  ws.getCell(6, 1).font = BOLD;
  const third = (n: number): number => roundedRatio(n, 3, 1) ?? 0;
  addTable(ws, 7, SUMMARY_HEADERS, rows.map((r) => {
    const f = r.figures;
    const count = (n: number): number => (r.kind === 'mean' ? third(n) : n);
    return [
      r.label, count(r.received), count(f.belumTerverifikasi), count(f.belumDitindaklanjuti), count(f.proses), count(f.selesai),
      count(f.tunda), count(f.arsip), count(f.total), f.persenTL, f.rtl, f.rhp, f.rv,
      r.verification ? count(r.verification.within) : null, r.verification ? count(r.verification.after) : null,
    ];
  }));
  const notes = 8 + rows.length + 1;
  ws.getCell(notes, 1).value = 'Keterangan: status menurut keadaan saat laporan dibuat untuk laporan yang diterima pada bulan tersebut. %TL = (Proses + Selesai) / Total × 100. RTL, RV dalam hari kalender. Baris rata-rata per bulan membagi jumlah triwulan dengan 3; %TL, RTL, RHP dan RV-nya adalah angka triwulan.';
  ws.mergeCells(notes, 1, notes, SUMMARY_HEADERS.length);
  ws.getCell(notes, 1).alignment = { wrapText: true };
  ws.getRow(notes).height = 45;
}

/** Header of the indicator table; the month labels fill columns 2–4. */
export function indicatorHeaders(months: string[], quarter: string): string[] {
  return ['Indikator SP4N (laporan bulanan)', ...months, `Total ${quarter}`, 'Rata-rata per bulan', 'Satuan'];
}

/** Topics of 22 listed one by one in the quarterly table (the quarter's most frequent). */
export const QUARTER_TOPICS = 10;

/**
 * Part 1, second table, in "Ringkasan" from `top`: title, header, the 23 indicators (22 followed by
 * the quarter's top topics per month). Total = the months combined (counts summed, means from
 * their sums, 16 at the quarter's end, reporters distinct over the quarter); the monthly mean divides
 * counts by 3 and repeats the quarter's means; 16 and 23 have no monthly mean.
 */
export function addIndicatorSection(ws: ExcelJS.Worksheet, top: number, data: { months: { label: string; figures: Indicators }[]; quarter: Indicators }, quarterLabel: string): void {
  ws.getCell(top, 1).value = 'Resume 23 indikator laporan bulanan SP4N (Kerangka Manajemen Kinerja SP4N), laporan yang diterima pada tiap bulan';
  ws.getCell(top, 1).font = BOLD;
  const headers = indicatorHeaders(data.months.map((m) => m.label), quarterLabel);
  const third = (n: number): number => roundedRatio(n, 3, 1) ?? 0;
  const rows: Cell[][] = [];
  for (const def of INDICATORS) {
    const monthly = data.months.map((m) => def.value(m.figures));
    const total = def.value(data.quarter);
    let perMonth: Cell = null;
    if (def.mean) perMonth = total;
    else if (typeof total === 'number' && def.no !== '16') perMonth = third(total);
    rows.push([`${def.no}. ${def.label}`, ...monthly, total, perMonth, def.unit || null]);
    if (def.no === '22') {
      for (const t of data.quarter.topics.slice(0, QUARTER_TOPICS)) {
        const key = (t.topic ?? '').trim().toLowerCase();
        const inMonth = (f: Indicators): number => f.topics.find((x) => (x.topic ?? '').trim().toLowerCase() === key && (x.topic === null) === (t.topic === null))?.count ?? 0;
        rows.push([`      ${topicLabel(t)}`, ...data.months.map((m) => inMonth(m.figures)), t.count, third(t.count), null]);
      }
    }
  }
  addTable(ws, top + 1, headers, rows);
  const note = top + 2 + rows.length + 1;
  ws.getCell(note, 1).value = 'Keterangan: angka per bulan sama dengan laporan bulanan (/laporan bulanan). 12–15 dalam hari kalender; 16 = belum selesai dan diterima lebih dari 60 hari sebelum akhir bulan (kolom total: akhir triwulan); 17–19 = pelapor berbeda (kolom total dihitung atas seluruh triwulan, bukan jumlah bulan).';
  ws.mergeCells(note, 1, note, headers.length);
  ws.getCell(note, 1).alignment = { wrapText: true };
  ws.getRow(note).height = 45;
}

export const CATEGORY_HEADERS = [
  'Kategori', 'Batas (hari kerja)', 'Diterima', 'Selesai', 'Rata-rata hari kalender (diterima → selesai)',
  'Rata-rata hari kerja (sampai di unit → selesai)', 'Lebih cepat', 'Sesuai batas', 'Lebih lambat',
  '% lebih cepat', '% sesuai batas', '% lebih lambat', 'Belum selesai, lewat batas', 'Belum selesai, dalam batas',
];

/** Sheet "Per kategori": parts 2 and 3; header row 7, one row per category from row 8, "Semua kategori" last. */
export function addCategorySheet(wb: ExcelJS.Workbook, heading: string[], list: CategoryHandling[]): void {
  const ws = wb.addWorksheet('Per kategori');
  ws.columns = CATEGORY_HEADERS.map((_, i) => ({ width: i === 0 ? 36 : 14 }));
  addHeading(ws, heading, CATEGORY_HEADERS.length);
  ws.getCell(6, 1).value = '2. Rata-rata hari penanganan per kategori dan 3. jumlah yang ditangani lebih cepat, sesuai, dan lebih lambat dari ketentuan (otomatis)';
  ws.getCell(6, 1).font = BOLD;
  const known = CATEGORIES.map((c) => list.find((x) => x.category === c) ?? emptyCategory(c));
  const all = [...known, ...list.filter((x) => !(CATEGORIES as readonly string[]).includes(x.category))];
  const pct = (n: number, of: number): number | null => roundedRatio(n * 100, of, 1);
  const line = (label: string, limit: number | null, c: CategoryHandling): Cell[] => [
    label, limit, c.received, c.done, c.meanCalendarDays, c.meanWorkingDays, c.faster, c.onTime, c.slower,
    pct(c.faster, c.done), pct(c.onTime, c.done), pct(c.slower, c.done), c.openLate, c.openInTime,
  ];
  const rows = all.map((c) => line(CATEGORY_LABEL[c.category as Category] ?? c.category, SLA[c.category as Category]?.workingDays ?? null, c));
  rows.push(line('Semua kategori', null, totalOf(all)));
  addTable(ws, 7, CATEGORY_HEADERS, rows);
  const notes = 8 + rows.length + 1;
  ws.getCell(notes, 1).value = 'Keterangan: lebih cepat = selesai sebelum tanggal batas; sesuai batas = selesai pada tanggal batas; lebih lambat = selesai setelah tanggal batas. Batas dihitung dalam hari kerja sejak laporan sampai di unit (libur nasional dan cuti bersama tidak dihitung).';
  ws.mergeCells(notes, 1, notes, CATEGORY_HEADERS.length);
  ws.getCell(notes, 1).alignment = { wrapText: true };
  ws.getRow(notes).height = 45;
}

function emptyCategory(category: string): CategoryHandling {
  return { category, received: 0, done: 0, meanCalendarDays: null, meanWorkingDays: null, calendarDaysSum: 0, workingDaysSum: 0, workingCount: 0, faster: 0, onTime: 0, slower: 0, openLate: 0, openInTime: 0 };
}

function totalOf(list: CategoryHandling[]): CategoryHandling {
  const sum = (k: keyof CategoryHandling): number => list.reduce((n, c) => n + (c[k] as number), 0);
  return {
    category: '*', received: sum('received'), done: sum('done'),
    calendarDaysSum: sum('calendarDaysSum'), workingDaysSum: sum('workingDaysSum'), workingCount: sum('workingCount'),
    meanCalendarDays: meanDays(sum('calendarDaysSum'), sum('done')), meanWorkingDays: meanDays(sum('workingDaysSum'), sum('workingCount')),
    faster: sum('faster'), onTime: sum('onTime'), slower: sum('slower'), openLate: sum('openLate'), openInTime: sum('openInTime'),
  };
}

export const UNIT_HEADERS = [
  'Kode unit', 'Nama unit', 'Belum Terverifikasi', 'Belum Ditindaklanjuti', 'Proses', 'Selesai', 'Tunda', 'Arsip',
  'Total (tanpa Arsip dan Tunda)', '%TL', 'RTL (hari)', 'RHP', 'RV (hari)', 'Terlambat saat ini',
];

/** Sheet "Per unit": header row 7, units from row 8, the whole agency last. */
export function addUnitSheet(wb: ExcelJS.Workbook, heading: string[], recap: Recap): void {
  const ws = wb.addWorksheet('Per unit');
  ws.columns = UNIT_HEADERS.map((_, i) => ({ width: i === 1 ? 36 : i === 0 ? 20 : 13 }));
  addHeading(ws, heading, UNIT_HEADERS.length);
  ws.getCell(6, 1).value = 'Rekapitulasi kinerja per unit kerja (laporan yang diterima pada triwulan ini)';
  ws.getCell(6, 1).font = BOLD;
  const line = (code: string, name: string, f: RecapFigures, overdue: number): Cell[] => [
    code, name, f.belumTerverifikasi, f.belumDitindaklanjuti, f.proses, f.selesai, f.tunda, f.arsip, f.total, f.persenTL, f.rtl, f.rhp, f.rv, overdue,
  ];
  const rows = recap.units.map((u) => line(u.code, u.name, u, u.overdue));
  rows.push(line('Seluruh instansi', 'termasuk laporan yang belum sampai di unit', recap, recap.overdue));
  addTable(ws, 7, UNIT_HEADERS, rows);
}

export const ANALYSIS_SECTIONS = [
  '4. Analisis permasalahan dalam keterlambatan pengelolaan pengaduan',
  '5. Analisis terkait tema khusus (gender, penyandang disabilitas dan kelompok rentan) dari laporan/pengaduan yang masuk',
  '6. Analisis solusi untuk perbaikan kinerja pengelolaan pengaduan dalam kurun waktu 3 (tiga) bulan ke depan',
];

/** Sheet "Analisis petugas": sections 4–6 at rows 6, 16 and 26, each with an empty bordered box to write in. */
export function addAnalysisSheet(wb: ExcelJS.Workbook, heading: string[], themes: ReporterThemes): void {
  const ws = wb.addWorksheet('Analisis petugas');
  ws.columns = Array.from({ length: 8 }, () => ({ width: 16 }));
  addHeading(ws, heading, 8);
  ANALYSIS_SECTIONS.forEach((title, i) => {
    const top = 6 + i * 10;
    ws.getCell(top, 1).value = `${title} — penilaian mandiri, diisi oleh petugas`;
    ws.getCell(top, 1).font = BOLD;
    ws.mergeCells(top, 1, top, 8);
    let boxTop = top + 1;
    if (i === 1) {
      ws.getCell(top + 1, 1).value = `Data pendukung (jumlah pelapor, tanpa identitas): laki-laki ${themes.male} · perempuan ${themes.female} · penyandang disabilitas ${themes.disability} · kelompok rentan ${themes.vulnerable}`;
      ws.mergeCells(top + 1, 1, top + 1, 8);
      boxTop = top + 2;
    }
    ws.mergeCells(boxTop, 1, top + 8, 8);
    const box = ws.getCell(boxTop, 1);
    box.value = null;
    box.alignment = { vertical: 'top', wrapText: true };
    box.border = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } };
  });
}

/** Sheet "Data laporan": header row 1, one row per report. */
export async function addRawSheet(wb: ExcelJS.Workbook, rows: AsyncIterable<RawRow>): Promise<number> {
  const ws = wb.addWorksheet('Data laporan', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = RAW_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  ws.getRow(1).font = BOLD;
  let n = 0;
  for await (const r of rows) {
    ws.addRow(r);
    n++;
  }
  return n;
}
