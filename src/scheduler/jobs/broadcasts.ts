/**
 * Scheduled broadcasts: every minute, send each `scheduled` broadcast whose next run has come to
 * its chats, then move it to its next occurrence (repeats) or mark it done. Each broadcast is
 * locked with SKIP LOCKED, and every occurrence has an outbox dedupe key per chat, so an
 * overlapping run (another replica's slot, `jobs run`) cannot send it twice. A bot that was down
 * sends a missed one-off late, and a repeat once (then continues from now, without a backlog).
 */
import type { ServiceContext } from '../../services/context.js';
import { deliverBroadcast } from '../../services/broadcasts/broadcast-core.js';
import type { JobDefinition, JobResult } from '../job.js';

export const BROADCASTS_CRON = '* * * * *';
const BATCH = 100;

export interface BroadcastStats {
  broadcasts: number;
  messages: number;
}

export async function sendDueBroadcasts(ctx: ServiceContext): Promise<BroadcastStats> {
  const now = ctx.clock.now();
  // Served by the (state, next_run_at) index.
  const due = await ctx.db.broadcast.findMany({ where: { state: 'scheduled', nextRunAt: { lte: now } }, orderBy: { nextRunAt: 'asc' }, take: BATCH, select: { id: true, agencyId: true } });
  const stats: BroadcastStats = { broadcasts: 0, messages: 0 };
  for (const d of due) {
    // Loaded before the transaction: PGlite has one connection.
    const cal = await ctx.calendars.get(d.agencyId);
    stats.messages += await ctx.db.$transaction(async (tx) => {
      const locked = await tx.$queryRaw<{ id: string }[]>`
        SELECT id FROM broadcast WHERE id = ${d.id}::uuid AND state = 'scheduled' AND next_run_at <= ${now}::timestamptz
        FOR UPDATE SKIP LOCKED`;
      if (locked.length === 0) return 0;
      const b = await tx.broadcast.findUniqueOrThrow({ where: { id: d.id } });
      stats.broadcasts++;
      return deliverBroadcast(tx, b, cal, now);
    });
  }
  return stats;
}

export const broadcastsJob: JobDefinition = {
  name: 'broadcasts',
  cron: BROADCASTS_CRON,
  description: 'Send scheduled and repeating admin broadcasts that are due',
  async run({ services }): Promise<JobResult> {
    const s = await sendDueBroadcasts(services);
    return { summary: `${s.broadcasts} broadcast(s), ${s.messages} message(s)` };
  },
};
