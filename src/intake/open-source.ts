/** Opens an import file by its extension as a stream of records, and says how far it has read. */
import { createReadStream, statSync } from 'node:fs';
import { extname } from 'node:path';
import { readCsv, type RawRecord } from './csv-reader.js';
import { readXlsx } from './xlsx-reader.js';

export interface ImportSource {
  kind: 'csv' | 'xlsx';
  records: AsyncGenerator<RawRecord>;
  totalBytes: number;
  /** Bytes of the file read so far (for the progress bar). */
  bytesRead(): number;
}

/** Thrown for a file that cannot be imported at all (nothing is written). */
export class ImportFileError extends Error {
  override readonly name = 'ImportFileError';
}

export function openSource(file: string): ImportSource {
  const ext = extname(file).toLowerCase();
  let totalBytes: number;
  try {
    totalBytes = statSync(file).size;
  } catch {
    throw new ImportFileError(`cannot read ${file}: no such file`);
  }
  if (ext === '.csv' || ext === '.txt' || ext === '.tsv') {
    const stream = createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 });
    return { kind: 'csv', records: readCsv(stream, ext === '.tsv' ? { delimiter: '\t' } : {}), totalBytes, bytesRead: () => stream.bytesRead };
  }
  if (ext === '.xlsx') {
    const stream = createReadStream(file, { highWaterMark: 1 << 20 });
    return { kind: 'xlsx', records: readXlsx(stream), totalBytes, bytesRead: () => stream.bytesRead };
  }
  if (ext === '.xls') throw new ImportFileError('old Excel .xls files are not supported: save the sheet as .xlsx or .csv');
  throw new ImportFileError(`unsupported file type "${ext || file}": use .csv or .xlsx`);
}
