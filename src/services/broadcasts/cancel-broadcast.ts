/** `/batal-jadwal <id>`: cancel a draft or a scheduled (also repeating) broadcast. */
import { fail } from '../../domain/errors.js';
import type { Broadcast } from '../../generated/prisma/client.js';
import { requireAdmin } from '../acl.js';
import { audit } from '../audit.js';
import type { ActorRef, ServiceContext } from '../context.js';
import { findBroadcast } from './broadcast-core.js';

export async function cancelBroadcast(ctx: ServiceContext, actor: ActorRef, agencyId: string, ref: string): Promise<Broadcast> {
  requireAdmin(actor, agencyId);
  return ctx.db.$transaction(async (tx) => {
    const b = await findBroadcast(tx, agencyId, ref, true);
    if (b.state !== 'draft' && b.state !== 'scheduled') {
      fail('INVALID_ARGS', { expected: `pengumuman ${ref} sudah ${b.state === 'cancelled' ? 'dibatalkan' : 'dikirim'}; tidak ada yang dibatalkan` });
    }
    const cancelled = await tx.broadcast.update({ where: { id: b.id }, data: { state: 'cancelled', nextRunAt: null } });
    await audit(tx, actor, 'broadcast_cancelled', { agencyId, subject: b.id, data: { was: b.state } });
    return cancelled;
  });
}
