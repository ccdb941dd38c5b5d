/** Capture the statements one service call sends and EXPLAIN ANALYZE each of them. */
import { touchesReport } from './explain.js';
import type { BenchContext, PlanSummary } from './types.js';

export async function plansOf(ctx: BenchContext, fn: () => Promise<unknown>, filter = touchesReport): Promise<PlanSummary[]> {
  const { queries } = await ctx.capture(fn);
  const out: PlanSummary[] = [];
  for (const q of queries.filter(filter)) out.push(await ctx.explain(q));
  return out;
}
