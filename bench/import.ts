/**
 * Import benchmark: N generated LAPOR! rows (default 100,000) into a fresh PostgreSQL database,
 * new rows first, then the same file again (all unchanged). Prints rows/s and peak RSS.
 *
 *   npx tsx bench/import.ts [rows] [--no-reimport]     (PostgreSQL at TEST_DATABASE_URL or 127.0.0.1:5432)
 *   node --max-old-space-size=160 --import tsx bench/import.ts 1000000 --no-reimport   (bounded memory)
 *
 * `benchImport` is exported for bench/run.ts.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../src/db/database.js';
import { migrate } from '../src/db/migrate.js';
import { pgRunner } from '../src/db/sql-runner.js';
import { systemClock } from '../src/lib/clock.js';
import { silentLogger } from '../src/lib/logger.js';
import { createCalendarSource } from '../src/services/calendar-source.js';
import { systemActor, type ServiceContext } from '../src/services/context.js';
import { addAgency, addUnit } from '../src/services/directory/agency-and-units.js';
import { importReports, type ImportSummary } from '../src/services/intake/import-reports.js';
import { createDatabase } from '../test/helpers/pg.js';
import { generateExport, toCsv } from '../test/fixtures/lapor-export.js';

export interface ImportBench {
  rows: number;
  newRowsPerSecond: number;
  unchangedRowsPerSecond: number;
  peakRssMb: number;
  /** RSS after opening the database and writing the file, before importing. */
  baselineRssMb: number;
  fileMb: number;
  /** This process's CPU time per new row (the database's own work is not included). */
  nodeCpuMicrosPerRow: number;
}

/** Write the CSV in slices so generating a big file does not itself hold every row. */
function writeCsv(path: string, rows: number, units: string[]): number {
  const slice = 20_000;
  let bytes = 0;
  for (let start = 0; start < rows; start += slice) {
    const gen = generateExport({ rows: Math.min(slice, rows - start), units, trackingBase: 5_000_000 + start });
    const text = toCsv(gen.header, gen.rows);
    const chunk = start === 0 ? text : text.slice(text.indexOf('\n') + 1);
    writeFileSync(path, chunk, { flag: start === 0 ? 'w' : 'a' });
    bytes += Buffer.byteLength(chunk);
  }
  return bytes;
}

export async function benchImport(rows = 100_000, log: (line: string) => void = console.log, opts: { reimport?: boolean } = {}): Promise<ImportBench> {
  const dir = mkdtempSync(join(tmpdir(), 'penghubung-bench-'));
  const created = await createDatabase();
  const runner = await pgRunner(created.url);
  await migrate(runner);
  await runner.close();
  const db = await openDatabase({ kind: 'postgres', url: created.url });
  let peak = process.memoryUsage().rss;
  const sample = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  try {
    const ctx: ServiceContext = { db: db.prisma, clock: systemClock, calendars: createCalendarSource(db.prisma, { timeZone: 'Asia/Jakarta', cutiBersamaIsWorkday: false }), log: silentLogger() };
    const sys = systemActor('cli');
    const agency = await addAgency(ctx, sys, { code: 'BENCH', name: 'Instansi Uji' });
    await addUnit(ctx, sys, { agencyId: agency.id, code: 'BENCH-A', name: 'Unit A' });
    await addUnit(ctx, sys, { agencyId: agency.id, code: 'BENCH-B', name: 'Unit B' });
    const file = join(dir, 'bench.csv');
    const bytes = writeCsv(file, rows, ['BENCH-A', 'BENCH-B']);
    const rate = (s: ImportSummary): number => Math.round(((s.created + s.updated + s.unchanged) * 1000) / s.elapsedMs);
    const baselineRss = process.memoryUsage().rss;
    peak = baselineRss;
    const cpu0 = process.cpuUsage();
    const first = await importReports(ctx, { file, agencyCode: 'BENCH', postgresUrl: created.url });
    const cpu = process.cpuUsage(cpu0);
    const second = opts.reimport === false ? first : await importReports(ctx, { file, agencyCode: 'BENCH', postgresUrl: created.url });
    const result: ImportBench = {
      rows,
      newRowsPerSecond: rate(first),
      unchangedRowsPerSecond: rate(second),
      peakRssMb: Math.round(peak / 1_048_576),
      baselineRssMb: Math.round(baselineRss / 1_048_576),
      fileMb: Math.round(bytes / 104_857.6) / 10,
      nodeCpuMicrosPerRow: Math.round((cpu.user + cpu.system) / rows),
    };
    log(`import: ${rows} rows (${result.fileMb} MB CSV): new ${result.newRowsPerSecond} rows/s (${(first.elapsedMs / 1000).toFixed(1)} s), re-import ${result.unchangedRowsPerSecond} rows/s, peak RSS ${result.peakRssMb} MB (${result.baselineRssMb} MB before importing), ${result.nodeCpuMicrosPerRow} µs CPU/row in Node (load average ${loadavg()[0]!.toFixed(1)})`);
    return result;
  } finally {
    clearInterval(sample);
    await db.close();
    await created.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await benchImport(Number(process.argv[2] ?? 100_000), console.log, { reimport: process.argv[3] !== '--no-reimport' });
}
