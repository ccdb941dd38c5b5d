/** `/jadwal`: the agency's scheduled (and still unconfirmed) broadcasts, soonest first. */
import type { Broadcast } from '../../generated/prisma/client.js';
import { requireAdmin } from '../acl.js';
import type { ActorRef, ServiceContext } from '../context.js';

export type ListedBroadcast = Broadcast & { unitCode: string | null };

export async function listBroadcasts(ctx: ServiceContext, actor: ActorRef, agencyId: string): Promise<ListedBroadcast[]> {
  requireAdmin(actor, agencyId);
  // Served by the (agency_id, state) index.
  const rows = await ctx.db.broadcast.findMany({
    where: { agencyId, state: { in: ['scheduled', 'draft'] } },
    orderBy: [{ state: 'desc' }, { nextRunAt: { sort: 'asc', nulls: 'first' } }, { createdAt: 'asc' }],
    take: 50,
  });
  const unitIds = [...new Set(rows.map((r) => r.unitId).filter((id): id is string => id !== null))];
  const units = unitIds.length ? await ctx.db.unit.findMany({ where: { id: { in: unitIds } }, select: { id: true, code: true } }) : [];
  const code = new Map(units.map((u) => [u.id, u.code]));
  return rows.map((r) => ({ ...r, unitCode: r.unitId ? (code.get(r.unitId) ?? null) : null }));
}
