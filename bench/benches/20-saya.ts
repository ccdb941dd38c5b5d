/**
 * `/saya` (src/services/queries/my-open-reports.ts): an officer's open claimed reports, nearest
 * deadline first, page 1 — for the officers with the most open claims (the heaviest lists).
 * Baseline: load every report the officer ever claimed and filter and sort in JS.
 */
import { OPEN_STATUSES } from '../../src/domain/report-state.js';
import { listMyOpenReports } from '../../src/services/queries/my-open-reports.js';
import { assertNoSeqScanOnReport } from '../lib/explain.js';
import { plansOf } from '../lib/plans.js';
import { busyOfficers } from '../lib/samples.js';
import { round, sampleLatency } from '../lib/stats.js';
import type { BenchModule } from '../lib/types.js';

const bench: BenchModule = {
  name: 'saya',
  title: '/saya (my open reports)',
  async run(ctx) {
    const officers = await busyOfficers(ctx, 50);
    if (officers.length === 0) throw new Error('no officer with open claimed reports in the data set');
    const pick = (i: number) => officers[i % officers.length]!;
    const ours = await sampleLatency(ctx.sizes.lookups, (i) => listMyOpenReports(ctx.services, pick(i).actor, pick(i).agencyId, 1));
    const naive = await sampleLatency(Math.ceil(ctx.sizes.lookups / 4), async (i) => {
      const all = await ctx.prisma.report.findMany({ where: { claimedById: pick(i).actor.personId }, include: { unit: true, claimedBy: true } });
      const open = all.filter((r) => OPEN_STATUSES.includes(r.status)).sort((a, b) => (a.dueAt?.getTime() ?? Infinity) - (b.dueAt?.getTime() ?? Infinity));
      return open.slice(0, 10);
    });
    const plans = await plansOf(ctx, () => listMyOpenReports(ctx.services, pick(0).actor, pick(0).agencyId, 1));
    assertNoSeqScanOnReport('/saya', plans);
    const note = `officers with ${officers[officers.length - 1]!.open}–${officers[0]!.open} open claims`;
    return [
      { name: 'saya p50', value: round(ours.p50), unit: 'ms', baseline: { name: 'load-all p50', value: round(naive.p50) }, note },
      { name: 'saya p99', value: round(ours.p99), unit: 'ms', goal: { op: '<', value: 50 }, baseline: { name: 'load-all p99', value: round(naive.p99) }, plans },
    ];
  },
};
export default bench;
