/**
 * Intake commands. `penghubung import <file>` exit codes: 0 every row imported (or unchanged),
 * 3 finished but some rows were rejected (each printed on stderr with its line), 2 bad arguments
 * or a file that cannot be imported at all (nothing written), 1 unexpected failure.
 */
import { DEFAULT_BATCH_SIZE, ImportFileError, importReports, type ImportSummary } from '../../services/intake/import-reports.js';
import type { Rejected } from '../../intake/parse-row.js';
import { progressLine } from '../progress.js';
import { optional, UsageError, type CliCommand, type Values } from '../types.js';

export const EXIT_ROWS_REJECTED = 3;

function numberOption(values: Values, name: string, def: number, min: number, max: number): number {
  const raw = optional(values, name);
  if (raw === undefined) return def;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < min || n > max) throw new UsageError(`--${name} must be a number from ${min} to ${max} (got "${raw}")`);
  return n;
}

function summaryLines(file: string, s: ImportSummary): string[] {
  const rate = s.elapsedMs > 0 ? Math.round(((s.created + s.updated + s.unchanged + s.rejected) * 1000) / s.elapsedMs) : 0;
  const lines = [
    `${s.dryRun ? 'dry run (nothing was written): ' : ''}import of ${file} into ${s.agency}`,
    `created ${s.created} · updated ${s.updated} · unchanged ${s.unchanged} · rejected ${s.rejected}`,
    `${(s.elapsedMs / 1000).toFixed(1)} s, ${rate} rows/s`,
  ];
  if (s.ignoredColumns.length) lines.push(`ignored columns: ${s.ignoredColumns.join(', ')}`);
  if (s.repeatedColumns.length) lines.push(`repeated columns (only the first is read): ${s.repeatedColumns.join(', ')}`);
  return lines;
}

export const importCommand: CliCommand = {
  path: ['import'],
  summary: 'Import reports from a LAPOR! export (CSV or XLSX), upserting by tracking id; --notify posts new reports to the chats',
  usage: 'penghubung import <file.csv|file.xlsx> [--agency <CODE>] [--dry-run] [--notify] [--json] [--batch-size <n>] [--duplicate-threshold <0..1>]',
  options: {
    agency: { type: 'string' },
    'dry-run': { type: 'boolean' },
    notify: { type: 'boolean' },
    json: { type: 'boolean' },
    'batch-size': { type: 'string' },
    'duplicate-threshold': { type: 'string' },
  },
  positionals: 1,
  async run(env, values, positionals) {
    if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'give the file to import' : 'give exactly one file');
    const file = positionals[0]!;
    const batchSize = numberOption(values, 'batch-size', DEFAULT_BATCH_SIZE, 1, 10_000);
    const duplicateThreshold = numberOption(values, 'duplicate-threshold', env.config.duplicateThreshold, 0, 1);
    const json = values.json === true;
    const ctx = await env.services();
    // The bar is drawn on a terminal only; piped output stays clean.
    const bar = process.stderr.isTTY ? progressLine((t) => process.stderr.write(t)) : null;
    const where = file.toLowerCase().endsWith('.xlsx') ? 'row' : 'line';
    const onReject = (r: Rejected): void => {
      bar?.clear();
      env.io.err(`${where} ${r.line}${r.trackingId ? ` (#${r.trackingId})` : ''}: ${r.reason}`);
    };
    let summary: ImportSummary;
    try {
      summary = await importReports(ctx, {
        file,
        agencyCode: optional(values, 'agency'),
        dryRun: values['dry-run'] === true,
        notify: values.notify === true,
        batchSize,
        duplicateThreshold,
        // On PostgreSQL the batches go in by COPY on a connection of their own (PGlite: through Prisma).
        postgresUrl: env.config.database.kind === 'postgres' ? env.config.database.url : undefined,
        onReject,
        onProgress: bar ? (p) => bar.update(p) : undefined,
      });
    } catch (e) {
      bar?.clear();
      if (e instanceof ImportFileError) {
        env.io.err(`error: ${e.message}`);
        return 2;
      }
      throw e;
    }
    bar?.clear();
    if (json) {
      const { rejections: _omitted, ...rest } = summary;
      env.io.out(JSON.stringify(rest));
    } else for (const line of summaryLines(file, summary)) env.io.out(line);
    return summary.rejected > 0 ? EXIT_ROWS_REJECTED : 0;
  },
};

/** CLI commands of this feature; registered in src/cli.ts. */
export const intakeCliCommands: CliCommand[] = [importCommand];
