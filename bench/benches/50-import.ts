/**
 * `penghubung import` in-process (src/services/intake/import-reports.ts): a CSV shaped like a
 * LAPOR! export, built from the biggest agency's generated reports under new tracking ids, is
 * imported into that agency. Baseline: createReport() one row at a time. Goal ≥ 20,000 rows/s.
 */
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { systemActor, type ServiceContext } from '../../src/services/context.js';
import { createReport } from '../../src/services/reports/create-report.js';
import type { Category } from '../../src/domain/types.js';
import { optionalFunction } from '../lib/optional.js';
import { round, timeMs } from '../lib/stats.js';
import type { BenchContext, BenchModule } from '../lib/types.js';

type ImportReports = (ctx: ServiceContext, opts: { file: string; agencyCode?: string; postgresUrl?: string }) => Promise<{ created: number; updated: number; unchanged: number; rejected: number; elapsedMs: number; rejections: { line: number; reason: string }[] }>;

const COLUMNS = ['tracking_id', 'received_at', 'title', 'body', 'category', 'status', 'unit', 'verified_at', 'disposed_at', 'first_response_at', 'follow_up_at', 'closed_at', 'rating', 'topic', 'reporter_name', 'reporter_contact', 'channel'] as const;
type Row = Record<(typeof COLUMNS)[number], string | null>;

const local = (col: string) => `to_char(${col} AT TIME ZONE 'Asia/Jakarta', 'YYYY-MM-DD HH24:MI:SS')`;
const SELECT = `SELECT r.id, r.tracking_id, ${local('r.received_at')} AS received_at, r.title, r.body, r.category, r.status::text AS status, u.code AS unit,
  ${local('r.verified_at')} AS verified_at, ${local('r.disposed_at')} AS disposed_at, ${local('r.first_response_at')} AS first_response_at,
  ${local('r.follow_up_at')} AS follow_up_at, ${local('r.closed_at')} AS closed_at, r.rating::text AS rating, r.topic, p.name AS reporter_name, p.contact AS reporter_contact, r.channel
  FROM report r LEFT JOIN unit u ON u.id = r.unit_id LEFT JOIN reporter p ON p.report_id = r.id
  WHERE r.agency_id = $1 AND r.id > $2 ORDER BY r.id LIMIT 10000`;

const csvField = (v: string | null): string => (v === null ? '' : /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** Rows of the agency, cycled under new tracking ids (`I<round>-<id>`) until `n` are written. */
async function* sourceRows(ctx: BenchContext, agencyId: string, n: number, prefix: string): AsyncGenerator<Row> {
  let written = 0;
  for (let round = 1; written < n; round++) {
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows = (await ctx.pool.query<Row & { id: string }>(SELECT, [agencyId, after])).rows;
      if (rows.length === 0) break;
      for (const r of rows) {
        if (written++ >= n) return;
        yield { ...r, tracking_id: `${prefix}${round}-${r.tracking_id}` };
      }
      after = rows[rows.length - 1]!.id;
    }
    if (round > 1000) throw new Error('agency has no reports to copy');
  }
}

async function writeCsv(ctx: BenchContext, file: string, agencyId: string, n: number): Promise<void> {
  const out = createWriteStream(file);
  out.write(`${COLUMNS.join(',')}\n`);
  for await (const r of sourceRows(ctx, agencyId, n, 'I')) {
    if (!out.write(`${COLUMNS.map((c) => csvField(r[c])).join(',')}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

const bench: BenchModule = {
  name: 'import',
  title: 'import (CSV, in-process)',
  async run(ctx) {
    const importReports = await optionalFunction<ImportReports>('src/services/intake/import-reports.ts', 'importReports');
    const agency = ctx.dataset.agencies[0]!;
    const dir = await mkdtemp(join(tmpdir(), 'penghubung-bench-'));
    try {
      const file = join(dir, 'import.csv');
      const written = await timeMs(() => writeCsv(ctx, file, agency.id, ctx.sizes.importRows));
      ctx.say(`  import: ${ctx.sizes.importRows.toLocaleString('en')}-row CSV written in ${(written.ms / 1000).toFixed(1)} s`);
      const cpu0 = process.cpuUsage();
      // On PostgreSQL the import writes by COPY on a connection of its own (the CLI passes DATABASE_URL).
      const s = await importReports(ctx.services, { file, agencyCode: agency.code, postgresUrl: ctx.url });
      const cpu = process.cpuUsage(cpu0);
      const rows = s.created + s.updated + s.unchanged + s.rejected;
      const rate = rows / (s.elapsedMs / 1000);

      // Baseline: the one-transaction-per-report path (createReport), as an API loop would do it.
      const actor = systemActor('import');
      const base: Row[] = [];
      for await (const r of sourceRows(ctx, agency.id, ctx.sizes.baselineImportRows, 'B')) base.push(r);
      const naive = await timeMs(async () => {
        for (const r of base) {
          await createReport(ctx.services, actor, {
            agencyId: agency.id, trackingId: r.tracking_id!, title: r.title ?? '-', body: r.body ?? '', category: r.category as Category,
            receivedAt: new Date(`${r.received_at!.replace(' ', 'T')}+07:00`), topic: r.topic, channel: r.channel,
            reporter: { name: r.reporter_name, contact: r.reporter_contact },
          });
        }
      });
      const naiveRate = base.length / (naive.ms / 1000);
      // What autovacuum does after a million-row load in any deployment (the CI cluster runs with
      // autovacuum off): without it the benches after this one would read the new rows with an
      // empty visibility map and stale statistics. Not timed.
      await ctx.pool.query('VACUUM ANALYZE report, report_reminder, reporter, report_event');
      const reasons = [...new Set(s.rejections.slice(0, 3).map((x) => x.reason))].join('; ');
      return [{
        name: 'import rows/s', value: round(rate), unit: 'rows/s', goal: { op: '>=', value: 20_000 }, better: 'higher',
        baseline: { name: 'createReport per row', value: round(naiveRate) },
        note: `${rows.toLocaleString('en')} rows into ${agency.code}: created ${s.created}, updated ${s.updated}, unchanged ${s.unchanged}, rejected ${s.rejected}${reasons ? ` (${reasons})` : ''}; ${Math.round((cpu.user + cpu.system) / rows)} µs CPU/row in Node (the database's work not included)`,
      }];
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
};
export default bench;
