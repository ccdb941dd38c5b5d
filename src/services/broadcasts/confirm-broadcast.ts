/**
 * `/kirim <id>` (or the Kirim button): the admin confirms a draft. A broadcast for "now" is queued
 * at once in the same transaction; a scheduled or repeating one becomes `scheduled` and the
 * broadcasts job sends it when due.
 */
import { fail } from '../../domain/errors.js';
import { decodeRepeat, nextRepeatRun } from '../../domain/schedule-phrase.js';
import type { Broadcast } from '../../generated/prisma/client.js';
import { requireAdmin } from '../acl.js';
import { audit } from '../audit.js';
import type { ActorRef, ServiceContext } from '../context.js';
import { deliverBroadcast, findBroadcast } from './broadcast-core.js';

export interface Confirmed {
  broadcast: Broadcast;
  /** Messages queued now; null when it was scheduled for later. */
  sent: number | null;
}

export async function confirmBroadcast(ctx: ServiceContext, actor: ActorRef, agencyId: string, ref: string): Promise<Confirmed> {
  requireAdmin(actor, agencyId);
  const now = ctx.clock.now();
  // Loaded before the transaction: PGlite has one connection.
  const cal = await ctx.calendars.get(agencyId);
  return ctx.db.$transaction(async (tx) => {
    const b = await findBroadcast(tx, agencyId, ref, true);
    if (b.state !== 'draft') {
      fail('INVALID_ARGS', { expected: `pengumuman ${ref} sudah ${b.state === 'cancelled' ? 'dibatalkan' : b.state === 'done' ? 'dikirim' : 'dijadwalkan'}; lihat /jadwal` });
    }
    if (!b.nextRunAt) {
      const sent = await deliverBroadcast(tx, b, cal, now);
      await audit(tx, actor, 'broadcast_sent', { agencyId, subject: b.id, data: { messages: sent } });
      return { broadcast: await tx.broadcast.findUniqueOrThrow({ where: { id: b.id } }), sent };
    }
    let nextRunAt = b.nextRunAt;
    if (nextRunAt.getTime() <= now.getTime()) {
      // Confirmed after its time: a repeat moves on to its next occurrence, a one-off must be redone.
      if (!b.repeatCron) fail('INVALID_ARGS', { expected: 'waktu pengumuman itu sudah lewat; buat ulang dengan /jadwalkan' });
      nextRunAt = nextRepeatRun(decodeRepeat(b.repeatCron), now, cal) ?? fail('INVALID_ARGS', { expected: 'jadwal berulang itu tidak pernah terjadi lagi' });
    }
    const broadcast = await tx.broadcast.update({ where: { id: b.id }, data: { state: 'scheduled', nextRunAt } });
    await audit(tx, actor, 'broadcast_scheduled', { agencyId, subject: b.id, data: { nextRunAt: nextRunAt.toISOString(), repeat: b.repeatCron } });
    return { broadcast, sent: null };
  });
}
