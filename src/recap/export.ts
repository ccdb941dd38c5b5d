/**
 * Raw data exports (CSV or XLSX) for the Inspektorat, streamed: rows are read page by page and
 * written as they come, so a year of a large agency never sits in memory. Reporter identity is
 * omitted and the text masked (see raw-rows.ts).
 */
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { loadExcel } from '../lib/excel.js';
import type { PrismaClient } from '../generated/prisma/client.js';
import { RAW_COLUMNS, rawRows, type RawQuery, type RawRow } from './raw-rows.js';

/** RFC 4180 quoting; a leading = + - @ is neutralised so a spreadsheet never runs text as a formula. */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const csvLine = (cells: string[]): string => `${cells.map(csvCell).join(',')}\r\n`;

async function write(out: Writable, chunk: string): Promise<void> {
  if (!out.write(chunk)) await once(out, 'drain');
}

/** CSV with a header line; returns the number of reports written. Does not end `out`. */
export async function exportCsv(db: PrismaClient, q: RawQuery, out: Writable): Promise<number> {
  await write(out, `\uFEFF${csvLine(RAW_COLUMNS.map((c) => c.header))}`); // BOM: Excel reads UTF-8 correctly
  let n = 0;
  for await (const r of rawRows(db, q)) {
    await write(out, csvLine(RAW_COLUMNS.map((c) => r[c.key])));
    n++;
  }
  return n;
}

/** XLSX through exceljs' streaming writer (rows are committed as they are written). */
export async function exportXlsx(db: PrismaClient, q: RawQuery, out: Writable): Promise<number> {
  const wb = new (await loadExcel()).stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: true });
  const ws = wb.addWorksheet('Data laporan', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = RAW_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).commit();
  let n = 0;
  for await (const r of rawRows(db, q)) {
    ws.addRow(r satisfies RawRow).commit();
    n++;
  }
  ws.commit();
  await wb.commit();
  return n;
}
