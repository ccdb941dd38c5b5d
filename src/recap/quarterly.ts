/**
 * The quarterly report for the Inspektorat (seeds/003, Tabel 2) as an XLSX workbook: the
 * auto-generated parts 1–3 (three-month summary, handling days per category, faster / on time /
 * slower than the deadline), the figures per unit, the raw data (reporter identity omitted, text
 * masked) and empty labelled sections 4–6 that the officers write themselves.
 *
 * The three-month summary (part 1) has two tables: the LAPOR! recap columns per month
 * (`monthlySummaryRows`) and, below it, the 23 SP4N indicators of the monthly report per month with
 * the quarter's total and monthly mean (`quarterIndicators`, monthly.ts).
 */
import { loadExcel } from '../lib/excel.js';
import { fail } from '../domain/errors.js';
import { addDays } from '../domain/local-date.js';
import type { ServiceContext } from '../services/context.js';
import { computeRecap } from './compute-recap.js';
import { monthPeriod, periodBounds, previousPeriod, quarterPeriod, type RecapPeriod } from './period.js';
import { calendarExceptions, categoryHandling, reporterThemes, type CategoryHandling, type ReporterThemes } from './quarterly-figures.js';
import { localStamp, rawRows } from './raw-rows.js';
import { resolveScope, scopeCondition } from './scope.js';
import { addAnalysisSheet, addCategorySheet, addIndicatorSection, addRawSheet, addSummarySheet, addUnitSheet, type SummaryRow } from './quarterly-sheets.js';
import { combineMonths, computeIndicators, computeReporters, type Indicators } from './monthly.js';
import type { Recap } from './types.js';
import { periodLabel, spanLabel } from './render-text.js';

export interface QuarterlyInput {
  agencyId: string;
  year: number;
  quarter: number;
}

export interface QuarterlyData {
  agency: { code: string; name: string };
  period: RecapPeriod;
  timeZone: string;
  generatedAt: Date;
  summary: SummaryRow[];
  quarter: Recap;
  categories: CategoryHandling[];
  themes: ReporterThemes;
  /** The monthly SP4N indicators of the three months, and the quarter made of them. */
  indicators: QuarterIndicators;
}

export interface QuarterIndicators {
  months: { label: string; figures: Indicators }[];
  quarter: Indicators;
}

/** Part 1, second table: the monthly report's figures for each month, combined into the quarter. */
export async function quarterIndicators(ctx: ServiceContext, agencyId: string, q: RecapPeriod, timeZone: string, asOf: Date): Promise<QuarterIndicators> {
  const year = Number(q.from.slice(0, 4));
  const firstMonth = Number(q.from.slice(5, 7));
  const months: QuarterIndicators['months'] = [];
  for (let m = firstMonth; m < firstMonth + 3; m++) {
    months.push({ label: `${MONTHS[m - 1]} ${year}`, figures: await computeIndicators(ctx.db, { period: monthPeriod(year, m), agencyId, timeZone, asOf }) });
  }
  const reporters = await computeReporters(ctx.db, { period: q, agencyId, timeZone, asOf });
  return { months, quarter: combineMonths(months.map((m) => m.figures), q, reporters) };
}

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const MONTHS = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];

function summaryRow(label: string, kind: SummaryRow['kind'], r: Recap): SummaryRow {
  return { label, kind, figures: r, received: r.received, verification: { within: r.verification.withinThreeDays, after: r.verification.afterThreeDays } };
}

/** Part 1: one row per month, the quarter, the monthly mean, and the quarter before for comparison. */
export async function monthlySummaryRows(ctx: ServiceContext, agencyId: string, q: RecapPeriod, timeZone: string, asOf: Date): Promise<{ rows: SummaryRow[]; quarter: Recap }> {
  const year = Number(q.from.slice(0, 4));
  const firstMonth = Number(q.from.slice(5, 7));
  const rows: SummaryRow[] = [];
  for (let m = firstMonth; m < firstMonth + 3; m++) {
    const r = await computeRecap(ctx.db, { ...monthPeriod(year, m), agencyId, timeZone, asOf, previous: false });
    rows.push(summaryRow(`${MONTHS[m - 1]} ${year}`, 'month', r));
  }
  const prev = previousPeriod(q);
  const quarter = await computeRecap(ctx.db, { ...q, agencyId, timeZone, asOf, previous: prev });
  rows.push(summaryRow(`Total ${periodLabel(q)}`, 'total', quarter));
  rows.push(summaryRow('Rata-rata per bulan', 'mean', quarter));
  const p = quarter.previous;
  if (p) rows.push({ label: `${periodLabel(prev)} (pembanding)`, kind: 'previous', figures: p, received: p.total + p.tunda + p.arsip, verification: null });
  return { rows, quarter };
}

export async function quarterlyData(ctx: ServiceContext, input: QuarterlyInput): Promise<QuarterlyData> {
  const agency = (await ctx.db.agency.findUnique({ where: { id: input.agencyId } })) ?? fail('NOT_FOUND', { what: 'instansi' });
  const cal = await ctx.calendars.get(agency.id);
  const period = quarterPeriod(input.year, input.quarter);
  const now = ctx.clock.now();
  const { rows, quarter } = await monthlySummaryRows(ctx, agency.id, period, cal.timeZone, now);
  const scope = scopeCondition(await resolveScope(ctx.db, { agencyId: agency.id }));
  const window = { ...periodBounds(period, cal.timeZone), timeZone: cal.timeZone, scope };
  const today = cal.toLocalDate(now);
  // Working days are counted from disposition (on or after the quarter starts) to closure (by today).
  const exceptions = calendarExceptions(cal, period.from, today > period.to ? today : addDays(period.to, 1));
  return {
    agency: { code: agency.code, name: agency.name },
    period,
    timeZone: cal.timeZone,
    generatedAt: now,
    summary: rows,
    quarter,
    categories: await categoryHandling(ctx.db, window, now, exceptions),
    themes: await reporterThemes(ctx.db, window),
    indicators: await quarterIndicators(ctx, agency.id, period, cal.timeZone, now),
  };
}

/** First row of the indicator table in "Ringkasan": two rows below the recap table's note. */
export const summaryIndicatorRow = (summaryRows: number): number => 8 + summaryRows + 1 + 2;

/** File name: laporan-triwulan-BKN-2026-TW1.xlsx */
export function quarterlyFilename(code: string, year: number, quarter: number): string {
  return `laporan-triwulan-${code}-${year}-TW${quarter}.xlsx`;
}

export async function buildQuarterlyWorkbook(ctx: ServiceContext, input: QuarterlyInput): Promise<{ buffer: Buffer; filename: string; data: QuarterlyData }> {
  const data = await quarterlyData(ctx, input);
  const wb = new (await loadExcel()).Workbook();
  wb.creator = 'Penghubung';
  wb.created = data.generatedAt;
  const heading = [
    'Laporan Triwulan Pengelolaan Pengaduan SP4N-LAPOR!',
    `Instansi: ${data.agency.name} (${data.agency.code})`,
    `Periode: ${periodLabel(data.period)} (${spanLabel(data.period.from, data.period.to)})`,
    `Dibuat: ${localStamp(data.generatedAt, data.timeZone)} (${data.timeZone}). Status menurut keadaan saat dibuat; laporan dihitung menurut tanggal diterima.`,
  ];
  addSummarySheet(wb, heading, data.summary);
  addIndicatorSection(wb.getWorksheet('Ringkasan')!, summaryIndicatorRow(data.summary.length), data.indicators, periodLabel(data.period));
  addCategorySheet(wb, heading, data.categories);
  addUnitSheet(wb, heading, data.quarter);
  addAnalysisSheet(wb, heading, data.themes);
  const bounds = periodBounds(data.period, data.timeZone);
  await addRawSheet(wb, rawRows(ctx.db, { agencyId: input.agencyId, start: bounds.start, end: bounds.end, timeZone: data.timeZone }));
  const buffer = Buffer.from(await wb.xlsx.writeBuffer());
  return { buffer, filename: quarterlyFilename(data.agency.code, input.year, input.quarter), data };
}
