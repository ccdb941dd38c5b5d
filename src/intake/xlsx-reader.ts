/**
 * Streams the first worksheet of an XLSX file as text cells, row by row (exceljs' streaming
 * reader). Memory stays bounded by one row plus the workbook's shared-strings table: XLSX keeps
 * every distinct text in that table, so a very large export is cheaper to import as CSV.
 */
import type { Readable } from 'node:stream';
import { loadExcel } from '../lib/excel.js';
import type { RawRecord } from './csv-reader.js';

/** An Excel date cell is a wall-clock time without a zone: exceljs hands it over as that wall clock in UTC. */
function wallClock(d: Date): string {
  const p = (n: number): string => String(n).padStart(2, '0');
  const date = `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())}`;
  const time = d.getUTCHours() || d.getUTCMinutes() || d.getUTCSeconds() ? ` ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}` : '';
  return date + time;
}

/** The text of one cell value, whatever exceljs made of it. */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : wallClock(v);
  if (typeof v === 'object') {
    const o = v as { richText?: { text: string }[]; text?: unknown; result?: unknown; error?: unknown };
    if (Array.isArray(o.richText)) return o.richText.map((r) => r.text).join('');
    if ('result' in o) return cellText(o.result); // formula: its cached result
    if (o.text !== undefined) return cellText(o.text); // hyperlink
    if (o.error !== undefined) return '';
  }
  return String(v);
}

/** Rows of the first worksheet; `line` is the sheet's row number (what a person sees in Excel). */
export async function* readXlsx(input: Readable | string): AsyncGenerator<RawRecord> {
  // Styles are needed to tell a date cell from a number; hyperlinks and other entries are not.
  const workbook = new (await loadExcel()).stream.xlsx.WorkbookReader(input, { sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'ignore' });
  for await (const sheet of workbook) {
    for await (const row of sheet) {
      const values = row.values as unknown[];
      const cells: string[] = [];
      // exceljs row values are 1-based and sparse.
      for (let c = 1; c < values.length; c++) cells.push(cellText(values[c]).trim());
      if (cells.some((x) => x !== '')) yield { line: row.number, cells };
    }
    // Only the first worksheet is read; the loop must still drain the workbook stream to finish.
    break;
  }
}
