/**
 * `npm run bench [-- --quick] [-- --only status,saya] [-- --reuse] [-- --reports N]`
 *
 * Creates a dedicated database (BENCH_DATABASE_URL, default
 * postgresql://postgres@127.0.0.1:5432/penghubung_bench — dropped and recreated), migrates it,
 * generates the national-scale data set (1,000,000 reports; --quick: 50,000), runs every bench
 * in bench/benches/ and writes bench/results.json plus a readable table (bench/results.txt and
 * stdout). Exit code 1 only when a bench fails with an error (or a figure misses its goal with
 * --strict); times never fail a --quick run.
 */
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { createLogger } from '../src/lib/logger.js';
import { officialCalendar } from '../src/services/calendar-source.js';
import { generateDataset, type GenerateResult } from '../src/dev/generate.js';
import { openBenchContext } from './lib/context.js';
import { recreateDatabase } from './lib/database.js';
import { machineInfo, summarize, table, type BenchOutcome, type Results } from './lib/results.js';
import { loadBenches, runBench } from './lib/runner.js';
import type { Mode } from './lib/types.js';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean' },
    reports: { type: 'string' },
    only: { type: 'string' },
    reuse: { type: 'boolean' },
    strict: { type: 'boolean' },
    seed: { type: 'string' },
  },
});

const mode: Mode = values.quick ? 'quick' : 'full';
const url = process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/penghubung_bench';
const reports = Number(values.reports ?? (mode === 'quick' ? 50_000 : 1_000_000));
const seed = Number(values.seed ?? 42);
const only = values.only?.split(',').map((s) => s.trim()).filter(Boolean);
const say = (line: string): void => void process.stderr.write(`${line}\n`);
// Error level by default: calendar warnings about years without an official table would drown the table.
const log = createLogger({ level: process.env.LOG_LEVEL ?? 'error' });

async function main(): Promise<number> {
  const loadAtStart = loadavg()[0] ?? NaN;
  const benches = await loadBenches(only);
  let gen: GenerateResult | null = null;
  const asOf = new Date();
  if (!values.reuse) {
    say(`bench database ${url.replace(/:[^:@/]*@/, ':***@')}: recreating and migrating…`);
    await recreateDatabase(url);
    say(`generating ${reports.toLocaleString('en')} reports (seed ${seed})…`);
    let last = 0;
    gen = await generateDataset({
      url, seed, reports, agencies: 50, units: 600, years: 3, asOf,
      calendar: officialCalendar({ timeZone: 'Asia/Jakarta', cutiBersamaIsWorkday: false }),
      onProgress: (p) => {
        if (p.seconds - last >= 10) {
          last = p.seconds;
          say(`  ${p.reports.toLocaleString('en')} / ${p.total.toLocaleString('en')} reports (${Math.round(p.rows / p.seconds).toLocaleString('en')} rows/s)`);
        }
      },
    });
    say(`generated in ${gen.seconds.toFixed(1)} s: ${gen.rowsPerSecond.toLocaleString('en')} rows/s`);
  }
  const opened = await openBenchContext({ url, mode, log, say, asOf: gen ? asOf : undefined });
  const outcomes: BenchOutcome[] = [];
  try {
    for (const b of benches) {
      say(`▶ ${b.name}: ${b.title}`);
      const o = await runBench(b, opened.ctx);
      say(o.status === 'ok' ? `  done in ${o.seconds} s` : o.status === 'skipped' ? `  skipped — ${o.message}` : `  ERROR — ${o.message}`);
      outcomes.push(o);
    }
    const pool = opened.ctx.pool;
    const count = async (sql: string): Promise<number> => Number((await pool.query<{ n: string }>(sql)).rows[0]?.n ?? 0);
    const results: Results = {
      date: new Date().toISOString(),
      mode,
      machine: await machineInfo(pool, loadAtStart),
      dataset: {
        reports: opened.ctx.dataset.reports,
        events: gen?.events ?? (await count('SELECT count(*) AS n FROM report_event')),
        agencies: opened.ctx.dataset.agencies.length,
        units: await count('SELECT count(*) AS n FROM unit'),
        people: await count('SELECT count(*) AS n FROM person'),
        asOf: opened.ctx.dataset.asOf.toISOString(),
        generateSeconds: gen ? Math.round(gen.seconds * 10) / 10 : null,
        generateRowsPerSecond: gen?.rowsPerSecond ?? null,
      },
      benches: outcomes,
      summary: summarize(outcomes),
    };
    const dir = new URL('./', import.meta.url);
    writeFileSync(new URL('results.json', dir), `${JSON.stringify(results, null, 2)}\n`);
    const text = table(results);
    writeFileSync(new URL('results.txt', dir), `${text}\n`);
    process.stdout.write(`\n${text}\n`);
    if (results.summary.errors.length) return 1;
    if (values.strict && mode === 'full' && results.summary.failed.length) return 1;
    return 0;
  } finally {
    await opened.close();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    log.error({ err }, 'bench harness failed');
    say(`bench harness failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  },
);
