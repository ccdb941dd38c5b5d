/**
 * `/status` look-up (src/services/queries/report-status.ts, what the command runs) against the
 * naive way: load the report with every relation and its whole history through Prisma include.
 * Goal: p99 < 10 ms. EXPLAIN proves the look-ups use indexes (no Seq Scan on report).
 */
import { getReportStatus } from '../../src/services/queries/report-status.js';
import { systemActor } from '../../src/services/context.js';
import { assertNoSeqScanOnReport } from '../lib/explain.js';
import { plansOf } from '../lib/plans.js';
import { randomReports } from '../lib/samples.js';
import { round, sampleLatency } from '../lib/stats.js';
import type { BenchModule } from '../lib/types.js';

const bench: BenchModule = {
  name: 'status',
  title: '/status look-up',
  async run(ctx) {
    const keys = await randomReports(ctx, ctx.sizes.lookups);
    const key = (i: number) => keys[i % keys.length]!;
    const actor = systemActor('telegram', 'Bench');
    const ours = await sampleLatency(ctx.sizes.lookups, (i) => getReportStatus(ctx.services, actor, key(i).agencyId, key(i).trackingId));
    const naive = await sampleLatency(ctx.sizes.lookups, (i) =>
      ctx.prisma.report.findUnique({
        where: { agencyId_trackingId: key(i) },
        include: { events: { orderBy: { id: 'asc' } }, unit: true, claimedBy: true, reporter: true, agency: true },
      }),
    );
    const plans = await plansOf(ctx, () => getReportStatus(ctx.services, actor, key(0).agencyId, key(0).trackingId));
    assertNoSeqScanOnReport('/status', plans);
    return [
      { name: 'status p50', value: round(ours.p50), unit: 'ms', baseline: { name: 'include-all p50', value: round(naive.p50) } },
      { name: 'status p99', value: round(ours.p99), unit: 'ms', goal: { op: '<', value: 10 }, baseline: { name: 'include-all p99', value: round(naive.p99) }, plans },
    ];
  },
};
export default bench;
