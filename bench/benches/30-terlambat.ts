/**
 * `/terlambat` (src/services/queries/overdue-reports.ts): overdue open reports, page 1 with the
 * per-unit counts — for the Admin Instansi of the biggest agencies (whole agency) and for liaison
 * officers (their unit). Baseline: load the agency's open reports and filter, count and sort in JS.
 */
import { OPEN_STATUSES } from '../../src/domain/report-state.js';
import { listOverdueReports } from '../../src/services/queries/overdue-reports.js';
import { plansOf } from '../lib/plans.js';
import { round, sampleLatency } from '../lib/stats.js';
import type { BenchModule, Figure } from '../lib/types.js';

const bench: BenchModule = {
  name: 'terlambat',
  title: '/terlambat (overdue reports)',
  async run(ctx) {
    const big = ctx.dataset.agencies.slice(0, 5);
    const units = (await ctx.pool.query<{ unit_id: string; agency_id: string }>(
      `SELECT unit_id, agency_id FROM report WHERE unit_id IS NOT NULL AND status IN ('BELUM_DITINDAKLANJUTI','PROSES') AND due_at < now()
       GROUP BY 1, 2 ORDER BY count(*) DESC LIMIT 50`)).rows;
    const now = () => ctx.services.clock.now();
    const n = Math.ceil(ctx.sizes.lookups / 4);
    const agencyWide = await sampleLatency(n, (i) => listOverdueReports(ctx.services, { agencyId: big[i % big.length]!.id, unitIds: null }, now(), 1));
    const unitScope = units.length
      ? await sampleLatency(n, (i) => listOverdueReports(ctx.services, { agencyId: units[i % units.length]!.agency_id, unitIds: [units[i % units.length]!.unit_id] }, now(), 1))
      : null;
    const naive = await sampleLatency(Math.max(3, Math.ceil(n / 10)), async (i) => {
      const rows = await ctx.prisma.report.findMany({ where: { agencyId: big[i % big.length]!.id, status: { in: OPEN_STATUSES } }, include: { unit: true, claimedBy: true } });
      const late = rows.filter((r) => r.dueAt && r.dueAt < now() && r.unitId);
      const perUnit = new Map<string, number>();
      for (const r of late) perUnit.set(r.unit!.code, (perUnit.get(r.unit!.code) ?? 0) + 1);
      return late.sort((a, b) => a.unit!.code.localeCompare(b.unit!.code) || a.dueAt!.getTime() - b.dueAt!.getTime()).slice(0, 10);
    }, 1);
    const plans = await plansOf(ctx, () => listOverdueReports(ctx.services, { agencyId: big[0]!.id, unitIds: null }, now(), 1));
    const figures: Figure[] = [
      { name: 'terlambat agency p50', value: round(agencyWide.p50), unit: 'ms', baseline: { name: 'load-open p50', value: round(naive.p50) }, note: `5 biggest agencies (${big[0]!.reports.toLocaleString('en')} reports max)` },
      { name: 'terlambat agency p99', value: round(agencyWide.p99), unit: 'ms', goal: { op: '<', value: 200 }, baseline: { name: 'load-open p99', value: round(naive.p99) }, plans },
    ];
    if (unitScope) figures.push({ name: 'terlambat unit p99', value: round(unitScope.p99), unit: 'ms', goal: { op: '<', value: 50 } });
    return figures;
  },
};
export default bench;
