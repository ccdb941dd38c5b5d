/**
 * exceljs on demand: it is large (tens of MB of heap once loaded) and only XLSX import, export and
 * reports need it, so the bot does not load it at start.
 */
import type ExcelJS from 'exceljs';

export type { ExcelJS };

export async function loadExcel(): Promise<typeof ExcelJS> {
  return (await import('exceljs')).default;
}
