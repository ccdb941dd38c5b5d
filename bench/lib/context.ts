/**
 * Builds the BenchContext on a database that already holds a generated data set: a Prisma client
 * whose statements can be captured (for EXPLAIN), the real ServiceContext, a pg pool for raw
 * queries, and the data set's shape (agencies by size, its "now").
 */
import pg from 'pg';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../../src/generated/prisma/client.js';
import { systemClock } from '../../src/lib/clock.js';
import type { Logger } from '../../src/lib/logger.js';
import { createCalendarSource } from '../../src/services/calendar-source.js';
import type { ServiceContext } from '../../src/services/context.js';
import { explainQuery, paramsOf } from './explain.js';
import type { BenchContext, CapturedQuery, Dataset, Mode, Sizes } from './types.js';

export const SIZES: Record<Mode, Sizes> = {
  full: { lookups: 2000, importRows: 1_000_000, baselineImportRows: 3000, outboxMessages: 900, outboxChats: 60, burst: 1000 },
  quick: { lookups: 500, importRows: 100_000, baselineImportRows: 1000, outboxMessages: 300, outboxChats: 40, burst: 1000 },
  smoke: { lookups: 30, importRows: 500, baselineImportRows: 50, outboxMessages: 40, outboxChats: 10, burst: 30 },
};

export interface OpenedContext {
  ctx: BenchContext;
  close(): Promise<void>;
}

/** The data set's shape, read from the database (works on a reused database too). */
export async function readDataset(pool: pg.Pool, asOf?: Date): Promise<Dataset> {
  const rows = (await pool.query<{ id: string; code: string; n: string }>(
    `SELECT a.id, a.code, count(r.id)::bigint AS n FROM agency a LEFT JOIN report r ON r.agency_id = a.id GROUP BY a.id, a.code ORDER BY n DESC, a.code`,
  )).rows;
  const at = asOf ?? (await pool.query<{ m: Date | null }>('SELECT max(received_at) AS m FROM report')).rows[0]?.m ?? new Date();
  return { reports: rows.reduce((s, r) => s + Number(r.n), 0), asOf: at, agencies: rows.map((r) => ({ id: r.id, code: r.code, reports: Number(r.n) })) };
}

export async function openBenchContext(opts: { url: string; mode: Mode; log: Logger; asOf?: Date; say?: (line: string) => void; sizes?: Partial<Sizes> }): Promise<OpenedContext> {
  const pool = new pg.Pool({ connectionString: opts.url, max: 10 });
  const prismaPool = new pg.Pool({ connectionString: opts.url, max: 10 });
  // A client cut off by the server (the smoke test drops its database WITH (FORCE) at the end)
  // must not surface as an unhandled error event.
  for (const p of [pool, prismaPool]) p.on('error', (err) => opts.log.debug({ err: err.message }, 'bench database connection closed'));
  const prisma = new PrismaClient({ adapter: new PrismaPg(prismaPool), log: [{ emit: 'event', level: 'query' }] });
  let sink: CapturedQuery[] | null = null;
  prisma.$on('query', (e) => {
    sink?.push({ sql: e.query, params: paramsOf(e.params) });
  });
  const services: ServiceContext = {
    db: prisma,
    clock: systemClock,
    calendars: createCalendarSource(prisma, { timeZone: 'Asia/Jakarta', cutiBersamaIsWorkday: false }, opts.log),
    log: opts.log,
  };
  const dataset = await readDataset(pool, opts.asOf);
  const ctx: BenchContext = {
    mode: opts.mode,
    url: opts.url,
    services,
    prisma,
    pool,
    dataset,
    sizes: { ...SIZES[opts.mode], ...opts.sizes },
    log: opts.log,
    say: opts.say ?? (() => {}),
    async capture(fn) {
      const queries: CapturedQuery[] = [];
      sink = queries;
      try {
        const result = await fn();
        return { result, queries };
      } finally {
        sink = null;
      }
    },
    explain: (q) => explainQuery(pool, q),
  };
  return {
    ctx,
    async close() {
      await prisma.$disconnect();
      await prismaPool.end().catch(() => {});
      await pool.end().catch(() => {});
    },
  };
}
