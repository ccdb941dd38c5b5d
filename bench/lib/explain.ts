/**
 * EXPLAIN (ANALYZE, FORMAT JSON) of the statements a service sent, to prove each hot query uses
 * an index. Run inside a transaction that is rolled back: ANALYZE executes the statement, and
 * some hot statements write (the sweep's updates).
 */
import type pg from 'pg';
import type { CapturedQuery, PlanSummary } from './types.js';

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

function walk(node: PlanNode, out: PlanSummary): void {
  out.nodes.push(node['Node Type']);
  const rel = node['Relation Name'];
  if (rel) {
    out.scans.push(`${node['Node Type']} on ${rel}${node['Index Name'] ? ` using ${node['Index Name']}` : ''}`);
    if (node['Node Type'] === 'Seq Scan') out.seqScanOn.push(rel);
  }
  for (const child of node.Plans ?? []) walk(child, out);
}

/** Prisma's query event gives params as a JSON array text; raw values pass through. */
export function paramsOf(raw: unknown): unknown[] {
  if (Array.isArray(raw)) return raw;
  if (typeof raw === 'string') {
    try {
      const v: unknown = JSON.parse(raw);
      return Array.isArray(v) ? v : [];
    } catch {
      return [];
    }
  }
  return [];
}

export async function explainQuery(pool: pg.Pool, q: CapturedQuery): Promise<PlanSummary> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const res = await client.query<{ 'QUERY PLAN': [{ Plan: PlanNode; 'Execution Time': number }] }>(`EXPLAIN (ANALYZE, FORMAT JSON) ${q.sql}`, q.params);
    const top = res.rows[0]?.['QUERY PLAN'][0];
    const out: PlanSummary = { sql: q.sql.length > 400 ? `${q.sql.slice(0, 397)}...` : q.sql, nodes: [], scans: [], seqScanOn: [], executionMs: top?.['Execution Time'] ?? NaN };
    if (top) walk(top.Plan, out);
    return out;
  } finally {
    await client.query('ROLLBACK').catch(() => {});
    client.release();
  }
}

/** Statements that read or write the report table (the hot ones). */
export const touchesReport = (q: CapturedQuery): boolean => /"report"(?!_)|\breport\b(?!_)/.test(q.sql) && !/^\s*(BEGIN|COMMIT|ROLLBACK)/i.test(q.sql);

/** Seq Scans on `report` in point-lookup plans are a regression: an index went missing. */
export function assertNoSeqScanOnReport(what: string, plans: readonly PlanSummary[]): void {
  const bad = plans.filter((p) => p.seqScanOn.includes('report'));
  if (bad.length) throw new Error(`${what}: Seq Scan on report in ${bad.map((p) => p.sql.slice(0, 120)).join(' | ')}`);
}
