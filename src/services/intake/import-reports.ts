/**
 * `penghubung import`: stream a LAPOR! export (CSV or XLSX) into the database in batches, upsert
 * by (agency, tracking id). Memory stays bounded: one batch of rows, the agency's unit list and a
 * capped list of rejections are all that is held, whatever the file's size.
 *
 * - A bad row is rejected with its line and reason; the other rows go on.
 * - A real run commits a transaction per batch (an interrupted import keeps what it finished;
 *   running it again completes it, as re-importing is idempotent).
 * - A dry run does everything inside ONE transaction and rolls it back, so its counts are exactly
 *   those of a real run (later rows see earlier ones, as they would).
 * - Imported status is taken as given (history). With `notify`, reports newly at a unit get the
 *   unit post and new Belum Terverifikasi reports the admin notice; without it nothing is posted.
 * - Writers: on PostgreSQL (`postgresUrl`) batches go in by COPY and set-based updates on a
 *   connection of the import's own (import-copy.ts); on PGlite, or with `notify`, through Prisma
 *   (import-batch.ts). Both write the same rows and events; the tests run both.
 * - Pipelining: while one batch is in the database, the next is read, parsed and prepared.
 */
import pg from 'pg';
import { DEFAULT_DUPLICATE_THRESHOLD } from '../../intake/duplicates.js';
import { headerProblem, mapHeaders, type HeaderMap } from '../../intake/columns.js';
import { DateReader } from '../../intake/dates.js';
import { ImportFileError, openSource } from '../../intake/open-source.js';
import { isRejected, parseRow, UnitDirectory, type ImportRow, type Rejected } from '../../intake/parse-row.js';
import { systemActor, type ServiceContext } from '../context.js';
import { findAgency } from '../directory/agency-and-units.js';
import type { Tx } from '../report-row.js';
import { writeBatch, type BatchResult, type BatchSettings } from './import-batch.js';
import { CopyBatchWriter } from './import-copy.js';
import { ImportDeadlines } from './import-deadline.js';
import { addSuggestionToNotice, announceNewReport } from './notify-new-report.js';

export { ImportFileError } from '../../intake/open-source.js';

export interface ImportProgress {
  rows: number;
  bytesRead: number;
  totalBytes: number;
  elapsedMs: number;
}

export interface ImportOptions {
  file: string;
  /** Agency code; may be left out when there is only one agency. */
  agencyCode?: string;
  dryRun?: boolean;
  notify?: boolean;
  batchSize?: number;
  /** Similarity from which a new report is flagged as a duplicate (config DUPLICATE_THRESHOLD; default 0.8). */
  duplicateThreshold?: number;
  /**
   * The PostgreSQL URL (config DATABASE_URL): batches are then written by COPY on a connection of
   * their own (import-copy.ts), several times faster. Left out (PGlite) or with `notify`, they go
   * through Prisma.
   */
  postgresUrl?: string;
  onProgress?: (p: ImportProgress) => void;
  /** Every rejected row, as it happens (the summary keeps only the first MAX_KEPT). */
  onReject?: (r: Rejected) => void;
}

export interface ImportSummary {
  agency: string;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  /** The first rejections (at most MAX_KEPT), in file order. */
  rejections: Rejected[];
  ignoredColumns: string[];
  repeatedColumns: string[];
  dryRun: boolean;
  elapsedMs: number;
}

export const DEFAULT_BATCH_SIZE = 1000;
const MAX_KEPT = 1000;
/** Rows searched for the header row (exports may open with a title block). */
const HEADER_SEARCH_ROWS = 10;

class Rollback extends Error {}

/** Writes batches: `prepare` (CPU only) runs while the previous batch is still being written. */
interface BatchWriter<P> {
  prepare(s: BatchSettings, rows: readonly ImportRow[]): P;
  write(s: BatchSettings, prepared: P): Promise<BatchResult>;
}

const plain = (write: (s: BatchSettings, rows: readonly ImportRow[]) => Promise<BatchResult>): BatchWriter<readonly ImportRow[]> => ({ prepare: (_s, rows) => rows, write });

export async function importReports(ctx: ServiceContext, opts: ImportOptions): Promise<ImportSummary> {
  const started = Date.now();
  const agency = await findAgency(ctx, opts.agencyCode);
  const units = new UnitDirectory(agency.code, await ctx.db.unit.findMany({ where: { agencyId: agency.id }, select: { id: true, code: true, name: true } }));
  const cal = await ctx.calendars.get(agency.id);
  const source = openSource(opts.file);
  const dates = new DateReader(cal);
  const dryRun = opts.dryRun ?? false;
  const notify = opts.notify ?? false;
  const batchSize = opts.batchSize ?? DEFAULT_BATCH_SIZE;
  const threshold = opts.duplicateThreshold ?? DEFAULT_DUPLICATE_THRESHOLD;
  const summary: ImportSummary = { agency: agency.code, created: 0, updated: 0, unchanged: 0, rejected: 0, rejections: [], ignoredColumns: [], repeatedColumns: [], dryRun, elapsedMs: 0 };

  let header: HeaderMap | undefined;
  let settings: BatchSettings | undefined;
  let rows = 0;
  let firstProblem: string | undefined;
  let beforeHeader = 0;
  const reject = (r: Rejected): void => {
    summary.rejected++;
    if (summary.rejections.length < MAX_KEPT) summary.rejections.push(r);
    opts.onReject?.(r);
  };

  const run = async <P>(writer: BatchWriter<P>): Promise<void> => {
    let batch: ImportRow[] = [];
    let inBatch = new Set<string>();
    const write = async (s: BatchSettings, prepared: P): Promise<void> => {
      const result = await writer.write(s, prepared);
      summary.created += result.created;
      summary.updated += result.updated;
      summary.unchanged += result.unchanged;
      // After commit (a dry run never asks: a suggestion may cost an AI call).
      if (!dryRun) for (const report of result.createdUnverified) await addSuggestionToNotice(ctx, report.id);
      opts.onProgress?.({ rows, bytesRead: source.bytesRead(), totalBytes: source.totalBytes, elapsedMs: Date.now() - started });
    };
    // One batch is written while the next is read, parsed and prepared, so the database and this
    // process work at the same time; batches still start in file order, each after the previous one.
    let inFlight: Promise<void> = Promise.resolve();
    let failure: { error: unknown } | null = null;
    const settle = async (): Promise<void> => {
      await inFlight;
      if (failure) throw failure.error;
    };
    const flush = async (): Promise<void> => {
      if (batch.length === 0 || !settings) return settle();
      const s = settings;
      const prepared = writer.prepare(s, batch);
      batch = [];
      inBatch = new Set();
      await settle();
      inFlight = write(s, prepared).catch((error: unknown) => {
        failure = { error };
      });
    };

    try {
      for await (const rec of source.records) {
        if (!header) {
          // Exports may start with a title block: the header is the first row naming the columns.
          const candidate = mapHeaders(rec.cells);
          const problem = headerProblem(candidate);
          if (problem) {
            firstProblem ??= `line ${rec.line}: ${problem}`;
            if (++beforeHeader >= HEADER_SEARCH_ROWS) throw new ImportFileError(firstProblem);
            continue;
          }
          header = candidate;
          summary.ignoredColumns = header.ignored;
          summary.repeatedColumns = header.repeated;
          settings = { agencyId: agency.id, cal, deadlines: new ImportDeadlines(cal), now: ctx.clock.now(), actor: systemActor('import', 'Impor LAPOR!'), present: header.present, notify };
          continue;
        }
        rows++;
        if (rec.error) {
          reject({ line: rec.line, trackingId: null, reason: rec.error });
          continue;
        }
        if (rec.cells.every((c) => c.trim() === '')) continue;
        const parsed = parseRow(rec.line, rec.cells, header, units, dates);
        if (isRejected(parsed)) {
          reject(parsed);
          continue;
        }
        // A tracking id seen again in the same batch: write what came before first, so the later
        // row updates the earlier one exactly as it would in a later batch.
        if (inBatch.has(parsed.trackingId)) await flush();
        batch.push(parsed);
        inBatch.add(parsed.trackingId);
        if (batch.length >= batchSize) await flush();
      }
      await flush();
      await settle();
    } finally {
      // Never leave a batch writing behind an error (its own failure is already recorded).
      await inFlight;
    }
    if (!header) throw new ImportFileError(firstProblem ?? 'the file is empty: expected a header row and report rows');
  };

  // Through Prisma (any database, and --notify, whose posts and notices need its transaction).
  const viaPrisma = async (tx: Tx, s: BatchSettings, rowsOfBatch: readonly ImportRow[]): Promise<BatchResult> => {
    const r = await writeBatch(tx, s, rowsOfBatch);
    for (const report of r.createdUnverified) await announceNewReport(tx, report, cal, threshold);
    return r;
  };
  if (opts.postgresUrl !== undefined && !notify) {
    const client = new pg.Client({ connectionString: opts.postgresUrl });
    // A lost connection fails the running (or next) query, which ends the import; no crash from the event.
    client.on('error', () => undefined);
    await client.connect();
    try {
      // A real run commits each batch; a dry run writes all of them in one transaction and rolls it back.
      if (dryRun) await client.query('BEGIN');
      try {
        await run(new CopyBatchWriter(client, { commitEachBatch: !dryRun }));
      } finally {
        if (dryRun) await client.query('ROLLBACK');
      }
    } finally {
      await client.end().catch(() => undefined);
    }
  } else if (dryRun) {
    try {
      await ctx.db.$transaction(
        async (tx) => {
          await run(plain((s, rowsOfBatch) => viaPrisma(tx, s, rowsOfBatch)));
          throw new Rollback();
        },
        { timeout: 6 * 3_600_000, maxWait: 60_000 },
      );
    } catch (e) {
      if (!(e instanceof Rollback)) throw e;
    }
  } else {
    await run(plain((s, rowsOfBatch) => ctx.db.$transaction((tx) => viaPrisma(tx, s, rowsOfBatch), { timeout: 300_000, maxWait: 60_000 })));
  }
  summary.elapsedMs = Date.now() - started;
  return summary;
}
