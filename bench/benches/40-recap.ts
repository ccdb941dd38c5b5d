/**
 * The recap engine (src/recap/compute-recap.ts) for one agency-quarter (the biggest agency, the
 * last full quarter) and for the national year (every agency, the last full year), against the
 * naive way: load the period's rows and count in JS. Goal: < 1 s each.
 */
import type { PrismaClient } from '../../src/generated/prisma/client.js';
import { optionalFunction } from '../lib/optional.js';
import { plansOf } from '../lib/plans.js';
import { round, timeMs } from '../lib/stats.js';
import type { BenchContext, BenchModule, Figure } from '../lib/types.js';

/** The shape the bench relies on (declared here so the harness compiles without the module). */
type ComputeRecap = (db: PrismaClient, opts: { from: string; to: string; agencyId?: string; asOf?: Date; previous?: false }) => Promise<{ received: number; total: number }>;

interface Period {
  from: string;
  to: string;
  start: Date;
  end: Date;
}

/** The last full quarter and year before `asOf`, as office-local dates (WIB) and instants. */
function periods(asOf: Date): { quarter: Period; year: Period } {
  const wib = new Date(asOf.getTime() + 7 * 3_600_000);
  const y = wib.getUTCFullYear();
  const q = Math.floor(wib.getUTCMonth() / 3); // current quarter index 0–3
  const [qy, qi] = q === 0 ? [y - 1, 3] : [y, q - 1];
  const pad = (n: number) => String(n).padStart(2, '0');
  const lastDay = (yy: number, m: number) => new Date(Date.UTC(yy, m, 0)).getUTCDate();
  const at = (d: string) => new Date(`${d}T00:00:00+07:00`);
  const mk = (from: string, to: string, endExclusive: string): Period => ({ from, to, start: at(from), end: at(endExclusive) });
  const qFrom = `${qy}-${pad(qi * 3 + 1)}-01`;
  const qTo = `${qy}-${pad(qi * 3 + 3)}-${lastDay(qy, qi * 3 + 3)}`;
  const qEnd = qi === 3 ? `${qy + 1}-01-01` : `${qy}-${pad(qi * 3 + 4)}-01`;
  return { quarter: mk(qFrom, qTo, qEnd), year: mk(`${y - 1}-01-01`, `${y - 1}-12-31`, `${y}-01-01`) };
}

/** The naive recap: every row of the period into memory, counted in JS. */
async function naiveRecap(ctx: BenchContext, p: Period, agencyId?: string): Promise<number> {
  const rows = await ctx.prisma.report.findMany({
    where: { receivedAt: { gte: p.start, lt: p.end }, ...(agencyId ? { agencyId } : {}) },
    select: { status: true, unitId: true, rating: true, receivedAt: true, firstResponseAt: true, verifiedAt: true, topic: true },
  });
  const byUnit = new Map<string, Record<string, number>>();
  for (const r of rows) {
    const k = r.unitId ?? '-';
    const c = byUnit.get(k) ?? {};
    c[r.status] = (c[r.status] ?? 0) + 1;
    if (r.rating) c.rating = (c.rating ?? 0) + Number(r.rating);
    if (r.firstResponseAt) c.rtl = (c.rtl ?? 0) + (r.firstResponseAt.getTime() - r.receivedAt.getTime()) / 86_400_000;
    byUnit.set(k, c);
  }
  return rows.length;
}

const bench: BenchModule = {
  name: 'recap',
  title: 'recap (agency quarter, national year)',
  async run(ctx) {
    const computeRecap = await optionalFunction<ComputeRecap>('src/recap/compute-recap.ts', 'computeRecap');
    const { quarter, year } = periods(ctx.dataset.asOf);
    const agency = ctx.dataset.agencies[0]!;
    const asOf = ctx.dataset.asOf;
    const out: Figure[] = [];
    for (const [label, p, agencyId] of [['agency quarter', quarter, agency.id], ['national year', year, undefined]] as const) {
      const opts = { from: p.from, to: p.to, ...(agencyId ? { agencyId } : {}), asOf, previous: false as const };
      await computeRecap(ctx.prisma, opts); // warm the cache once, as a scheduled recap would find it
      const ours = await timeMs(() => computeRecap(ctx.prisma, opts));
      const naive = await timeMs(() => naiveRecap(ctx, p, agencyId));
      const plans = label === 'agency quarter' ? await plansOf(ctx, () => computeRecap(ctx.prisma, opts)) : undefined;
      out.push({
        name: `recap ${label}`, value: round(ours.ms), unit: 'ms', goal: { op: '<', value: 1000 },
        baseline: { name: 'load rows + count in JS', value: round(naive.ms) },
        note: `${p.from}…${p.to}${agencyId ? ` ${agency.code}` : ''}: ${ours.result.received.toLocaleString('en')} reports`, plans,
      });
    }
    return out;
  },
};
export default bench;
