/** Random keys to look up, drawn from the generated data set (seeded, so runs are comparable). */
import { FIRST_TRACKING } from '../../src/dev/generate.js';
import { Prng } from '../../src/dev/prng.js';
import type { ActorRef, Grant } from '../../src/services/context.js';
import type { BenchContext } from './types.js';

export interface ReportKey {
  agencyId: string;
  trackingId: string;
}

/** `n` existing (agency, tracking id) pairs spread over the whole table. */
export async function randomReports(ctx: BenchContext, n: number, seed = 7): Promise<ReportKey[]> {
  const rng = new Prng(seed, 9);
  const wanted = Array.from({ length: Math.ceil(n * 1.2) + 10 }, () => String(FIRST_TRACKING + rng.int(0, Math.max(0, ctx.dataset.reports - 1))));
  const rows = (await ctx.pool.query<{ agency_id: string; tracking_id: string }>('SELECT agency_id, tracking_id FROM report WHERE tracking_id = ANY($1::text[])', [wanted])).rows;
  const byTracking = new Map(rows.map((r) => [r.tracking_id, r.agency_id]));
  const out: ReportKey[] = [];
  for (const t of wanted) {
    const a = byTracking.get(t);
    if (a && out.length < n) out.push({ agencyId: a, trackingId: t });
  }
  if (out.length === 0) throw new Error('no generated reports found (tracking ids start at 1000000)');
  return out;
}

/** Liaison officers with the most open claimed reports (the heaviest /saya), with their grants. */
export async function busyOfficers(ctx: BenchContext, n: number): Promise<{ actor: ActorRef; agencyId: string; open: number }[]> {
  const rows = (await ctx.pool.query<{ claimed_by_id: string; agency_id: string; n: string }>(
    `SELECT claimed_by_id, agency_id, count(*) AS n FROM report
     WHERE claimed_by_id IS NOT NULL AND status IN ('BELUM_DITINDAKLANJUTI', 'PROSES')
     GROUP BY 1, 2 ORDER BY 3 DESC LIMIT $1`, [n])).rows;
  return Promise.all(rows.map(async (r) => ({ actor: await actorOf(ctx, r.claimed_by_id), agencyId: r.agency_id, open: Number(r.n) })));
}

/** An ActorRef with the person's approved grants, as the chat core builds it. */
export async function actorOf(ctx: BenchContext, personId: string): Promise<ActorRef> {
  const p = await ctx.prisma.person.findUniqueOrThrow({ where: { id: personId }, include: { roles: { where: { state: 'APPROVED' } } } });
  const roles: Grant[] = p.roles.map((g) => ({ role: g.role, agencyId: g.agencyId, unitId: g.unitId }));
  return { personId: p.id, label: p.name, source: 'telegram', roles };
}

/** The Admin Instansi of an agency. */
export async function adminOf(ctx: BenchContext, agencyId: string): Promise<ActorRef> {
  const g = await ctx.prisma.roleAssignment.findFirstOrThrow({ where: { agencyId, role: 'admin_instansi', state: 'APPROVED' } });
  return actorOf(ctx, g.personId);
}
