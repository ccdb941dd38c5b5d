/**
 * The monthly report for a scope: who it is for (agency, group of agencies, or all), its office
 * timezone, the indicators, and the XLSX workbook (sheets "Indikator" and "Per topik", and for a
 * group or all agencies "Per instansi": the figures are compiled per agency and aggregated).
 */
import { loadExcel, type ExcelJS } from '../lib/excel.js';
import { fail } from '../domain/errors.js';
import type { ServiceContext } from '../services/context.js';
import { computeScopeIndicators, type Indicators } from './monthly.js';
import { INDICATORS, NOTES, topicLabel, type Cell } from './monthly-rows.js';
import { periodLine, type MonthlyHeading } from './monthly-text.js';
import { monthPeriod } from './period.js';
import { localStamp } from './raw-rows.js';

export interface MonthlyScope {
  agencyId?: string | null;
  groupId?: string | null;
}

export interface MonthlyInput extends MonthlyScope {
  year: number;
  month: number;
  /** When the report is made (default: the clock's now). */
  asOf?: Date;
}

export interface MonthlyReport {
  heading: MonthlyHeading;
  /** Agency or group code, or SEMUA; used in file names and dedupe keys. */
  code: string;
  indicators: Indicators;
  /** For a group or all agencies: each agency's indicators (by code); empty for one agency. */
  agencies: { code: string; name: string; indicators: Indicators }[];
}

/** Who the report is for, and the timezone its month is counted in (the agency's, else the national one). */
async function describeScope(ctx: ServiceContext, s: MonthlyScope): Promise<{ heading: MonthlyHeading; code: string; timeZone: string }> {
  if (s.agencyId) {
    const a = (await ctx.db.agency.findUnique({ where: { id: s.agencyId }, select: { code: true, name: true } })) ?? fail('NOT_FOUND', { what: 'instansi' });
    return { heading: { scope: `${a.code} — ${a.name}` }, code: a.code, timeZone: (await ctx.calendars.get(s.agencyId)).timeZone };
  }
  const timeZone = (await ctx.calendars.get(null)).timeZone;
  if (s.groupId) {
    const g = (await ctx.db.agencyGroup.findUnique({ where: { id: s.groupId }, select: { code: true, name: true, _count: { select: { members: true } } } })) ?? fail('NOT_FOUND', { what: 'simpul' });
    return { heading: { scope: `Simpul ${g.code} — ${g.name} (${g._count.members} instansi)` }, code: g.code, timeZone };
  }
  const n = await ctx.db.agency.count();
  return { heading: { scope: `Semua instansi (${n})` }, code: 'SEMUA', timeZone };
}

/** The indicators of one calendar month (office timezone) for a scope, as of now. */
export async function monthlyReport(ctx: ServiceContext, input: MonthlyInput): Promise<MonthlyReport> {
  if (!Number.isInteger(input.month) || input.month < 1 || input.month > 12) fail('INVALID_ARGS', { field: 'bulan', value: input.month, expected: '1–12' });
  const { heading, code, timeZone } = await describeScope(ctx, input);
  const all = await computeScopeIndicators(ctx.db, {
    period: monthPeriod(input.year, input.month),
    agencyId: input.agencyId ?? null,
    groupId: input.groupId ?? null,
    timeZone,
    asOf: input.asOf ?? ctx.clock.now(),
  });
  let agencies: MonthlyReport['agencies'] = [];
  if (!input.agencyId && all.agencies.size) {
    const rows = await ctx.db.agency.findMany({ where: { id: { in: [...all.agencies.keys()] } }, select: { id: true, code: true, name: true }, orderBy: { code: 'asc' } });
    agencies = rows.map((a) => ({ code: a.code, name: a.name, indicators: all.agencies.get(a.id)! }));
  }
  return { heading, code, indicators: all.total, agencies };
}

/** laporan-bulanan-BKN-2026-03.xlsx */
export function monthlyFilename(code: string, period: { from: string }): string {
  return `laporan-bulanan-${code}-${period.from.slice(0, 7)}.xlsx`;
}

const BOLD = { bold: true } as const;
const HEAD_FILL = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EAF6' } } as const;

export const INDICATOR_HEADERS = ['No', 'Indikator', 'Nilai', 'Satuan', 'Jumlah laporan (dasar rata-rata)'];
export const TOPIC_HEADERS = ['Kategori/topik', 'Jumlah aduan'];

/** Row of an indicator in the "Indikator" sheet: header row 6, indicator i (0-based) at row 7 + i. */
export const INDICATOR_FIRST_ROW = 7;

function header(ws: ExcelJS.Worksheet, rowNo: number, headers: string[]): void {
  const row = ws.getRow(rowNo);
  headers.forEach((h, i) => {
    const c = row.getCell(i + 1);
    c.value = h;
    c.font = BOLD;
    c.fill = HEAD_FILL;
    c.alignment = { wrapText: true, vertical: 'middle' };
  });
}

/** Title lines on rows 1–4, the first in bold. */
function heading(ws: ExcelJS.Worksheet, r: MonthlyReport): void {
  const f = r.indicators;
  const lines = [
    'Laporan Bulanan Pemantauan Kinerja SP4N-LAPOR! (Kerangka Manajemen Kinerja SP4N)',
    r.heading.scope,
    periodLine(f),
    `Dibuat: ${localStamp(f.asOf, f.timeZone)} (${f.timeZone}). Rata-rata waktu dalam hari kalender sejak laporan diterima.`,
  ];
  lines.forEach((line, i) => {
    ws.getCell(i + 1, 1).value = line;
    if (i === 0) ws.getCell(i + 1, 1).font = { bold: true, size: 14 };
  });
}

/** The "Indikator" and "Per topik" sheets of `r`, added to `wb`. */
export function addMonthlySheets(wb: ExcelJS.Workbook, r: MonthlyReport): void {
  const f = r.indicators;
  const ws = wb.addWorksheet('Indikator');
  ws.columns = [{ width: 6 }, { width: 62 }, { width: 16 }, { width: 14 }, { width: 18 }];
  heading(ws, r);
  header(ws, 6, INDICATOR_HEADERS);
  INDICATORS.forEach((def, i) => {
    const row = ws.getRow(INDICATOR_FIRST_ROW + i);
    const cells: Cell[] = [def.no, def.label, def.value(f), def.unit || null, def.mean ? def.mean(f).count : null];
    cells.forEach((v, j) => { row.getCell(j + 1).value = v; });
  });
  let at = INDICATOR_FIRST_ROW + INDICATORS.length + 1;
  ws.getCell(at, 1).value = 'Catatan';
  ws.getCell(at, 1).font = BOLD;
  for (const note of NOTES) {
    at++;
    ws.getCell(at, 2).value = note.label;
    ws.getCell(at, 3).value = note.value(f);
  }
  at += 2;
  for (const text of DEFINITIONS) {
    ws.getCell(at, 1).value = text;
    ws.mergeCells(at, 1, at, INDICATOR_HEADERS.length);
    ws.getCell(at, 1).alignment = { wrapText: true, vertical: 'top' };
    ws.getRow(at).height = 30;
    at++;
  }

  const topics = wb.addWorksheet('Per topik');
  topics.columns = [{ width: 48 }, { width: 14 }];
  heading(topics, r);
  header(topics, 6, TOPIC_HEADERS);
  f.topics.forEach((t, i) => {
    const row = topics.getRow(7 + i);
    row.getCell(1).value = topicLabel(t);
    row.getCell(2).value = t.count;
  });
  const total = topics.getRow(7 + f.topics.length);
  total.getCell(1).value = 'Jumlah (= indikator 2)';
  total.getCell(2).value = f.received;
  total.font = BOLD;
}

/**
 * Sheet "Per instansi" (a group or all agencies): one row per agency with reports, the scope's
 * total last; columns are the indicator numbers (labels in "Indikator"); 22 is the count, 23 the topic.
 */
export function addAgencySheet(wb: ExcelJS.Workbook, r: MonthlyReport): void {
  const ws = wb.addWorksheet('Per instansi', { views: [{ state: 'frozen', xSplit: 2, ySplit: 6 }] });
  ws.columns = [{ width: 18 }, { width: 40 }, ...INDICATORS.map((d) => ({ width: d.no === '23' ? 24 : 8 }))];
  heading(ws, r);
  header(ws, 6, ['Kode', 'Instansi', ...INDICATORS.map((d) => d.no)]);
  const line = (code: string, name: string, f: Indicators): Cell[] => [code, name, ...INDICATORS.map((d) => d.value(f))];
  const rows = [...r.agencies.map((a) => line(a.code, a.name, a.indicators)), line('Total', r.heading.scope, r.indicators)];
  rows.forEach((values, i) => {
    const row = ws.getRow(7 + i);
    values.forEach((v, j) => { row.getCell(j + 1).value = v; });
    if (i === rows.length - 1) row.font = BOLD;
  });
}

/** What each group of indicators counts (also in the README). */
export const DEFINITIONS = [
  '1.1–15 dan 17–23 dihitung atas laporan yang DITERIMA pada periode ini (batas bulan menurut zona waktu kantor), dengan keadaan saat laporan ini dibuat. 2 = 1.1 + 1.2 + 1.3 + 1.4 + kanal tidak tercatat = jumlah 22 = 8 + 9 + diarsipkan.',
  '3–5: laporan yang pernah terverifikasi / terdisposisi / direspon (respon awal atau tindak lanjut). 6 = Belum Ditindaklanjuti (sudah di unit, belum ada respon), 7 = Proses, 8 = Selesai, 9 = Belum Terverifikasi + Belum Ditindaklanjuti + Proses + Tunda, 10 = Tunda.',
  '12–15: rata-rata hari kalender dari tanggal diterima sampai disposisi pertama (12), respon pertama (13, seperti RTL), tindak lanjut pertama (14), selesai (15); satu desimal, dibulatkan ke atas mulai 0,05. Laporan tanpa tanggal tersebut tidak ikut dihitung.',
  '16: laporan (diterima kapan pun) yang belum selesai dan diterima lebih dari 60 hari kalender sebelum hari terakhir periode. 17–19: jumlah pelapor berbeda (tanpa identitas). 20–21: rata-rata nilai 1–5, dua desimal.',
];

export async function buildMonthlyWorkbook(ctx: ServiceContext, input: MonthlyInput): Promise<{ buffer: Buffer; filename: string; report: MonthlyReport }> {
  const report = await monthlyReport(ctx, input);
  const wb = new (await loadExcel()).Workbook();
  wb.creator = 'Penghubung';
  wb.created = report.indicators.asOf;
  addMonthlySheets(wb, report);
  if (!input.agencyId) addAgencySheet(wb, report);
  const buffer = Buffer.from(await wb.xlsx.writeBuffer());
  return { buffer, filename: monthlyFilename(report.code, report.indicators.period), report };
}

/**
 * The CLI's `--json`: the indicators in their order as `{ no, label, value }` (an array: numeric
 * object keys would be reordered); means add `unit` and `count`; 22's value is the topic list and
 * 23's the top topic(s) with their count. A group or all agencies adds `agencies`, each the same.
 */
export function monthlyJson(r: MonthlyReport): Record<string, unknown> {
  const f = r.indicators;
  const out: Record<string, unknown> = {
    scope: r.heading.scope,
    code: r.code,
    period: { from: f.period.from, to: f.period.to },
    timeZone: f.timeZone,
    asOf: f.asOf.toISOString(),
    indicators: indicatorJson(f),
    notes: { channelUnknown: f.channels.unknown, archived: f.archived, reporters: f.reporters.total, vulnerableReporters: f.reporters.vulnerable },
  };
  // A group or all agencies: the same per agency.
  if (r.agencies.length) out.agencies = r.agencies.map((a) => ({ code: a.code, name: a.name, indicators: indicatorJson(a.indicators) }));
  return out;
}

function indicatorJson(f: Indicators): Record<string, unknown>[] {
  return INDICATORS.map((def) => {
    const base = { no: def.no, label: def.label };
    if (def.no === '22') return { ...base, value: f.topics };
    if (def.no === '23') return { ...base, value: f.topTopic };
    if (def.mean) {
      const m = def.mean(f);
      return { ...base, value: m.value, unit: m.unit, count: m.count };
    }
    return { ...base, value: def.value(f) };
  });
}
