/**
 * The bench harness's vocabulary. A bench is one file in bench/benches/ that exports a
 * `BenchModule` as default; it measures figures on the shared data set and may say it is not
 * available yet (its feature's module is missing) by throwing NotAvailable.
 */
import type pg from 'pg';
import type { PrismaClient } from '../../src/generated/prisma/client.js';
import type { Logger } from '../../src/lib/logger.js';
import type { ServiceContext } from '../../src/services/context.js';

export type Mode = 'full' | 'quick' | 'smoke';

/** A goal a figure is held to, e.g. { op: '<', value: 10 } for "p99 < 10 ms". */
export interface Goal {
  op: '<' | '<=' | '>' | '>=';
  value: number;
}

/** One EXPLAIN (ANALYZE) of one SQL statement a service ran. */
export interface PlanSummary {
  sql: string;
  /** Plan node types, depth first, e.g. ["Limit", "Index Scan"]. */
  nodes: string[];
  /** "Index Scan on report using report_agency_id_tracking_id_key", … */
  scans: string[];
  seqScanOn: string[];
  executionMs: number;
}

export interface Figure {
  /** Short, stable name, e.g. "status p99". */
  name: string;
  value: number;
  unit: string;
  goal?: Goal;
  /** Set by the harness from the goal. */
  pass?: boolean;
  /** The naive way, measured in the same run. */
  baseline?: { name: string; value: number };
  /** How many times better than the baseline (>1 = better), from `better`. */
  ratio?: number;
  /** Which direction is better, for the ratio (default: lower for ms, higher otherwise). */
  better?: 'lower' | 'higher';
  note?: string;
  plans?: PlanSummary[];
}

export interface CapturedQuery {
  sql: string;
  params: unknown[];
}

/** Sizes of the work each bench does, by mode. */
export interface Sizes {
  lookups: number;
  importRows: number;
  baselineImportRows: number;
  outboxMessages: number;
  outboxChats: number;
  burst: number;
}

export interface AgencyInfo {
  id: string;
  code: string;
  reports: number;
}

export interface Dataset {
  reports: number;
  /** The data set's "now" (reports received before it). */
  asOf: Date;
  /** Agencies by report count, biggest first. */
  agencies: AgencyInfo[];
}

export interface BenchContext {
  mode: Mode;
  /** PostgreSQL URL of the bench database. */
  url: string;
  services: ServiceContext;
  prisma: PrismaClient;
  pool: pg.Pool;
  dataset: Dataset;
  sizes: Sizes;
  log: Logger;
  /** Progress lines (stderr); silent in the smoke test. */
  say(line: string): void;
  /** Run `fn` and return the SQL statements Prisma sent meanwhile. */
  capture<T>(fn: () => Promise<T>): Promise<{ result: T; queries: CapturedQuery[] }>;
  /** EXPLAIN (ANALYZE, FORMAT JSON) a captured statement (inside a rolled-back transaction). */
  explain(q: CapturedQuery): Promise<PlanSummary>;
}

export interface BenchModule {
  name: string;
  title: string;
  run(ctx: BenchContext): Promise<Figure[]>;
}

/** Thrown by a bench whose feature has not landed yet; the harness prints a skip line. */
export class NotAvailable extends Error {
  override readonly name = 'NotAvailable';
}
