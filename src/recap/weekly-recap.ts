/**
 * The weekly recap (Monday 08:00 by default): for every agency, the last complete Monday–Sunday
 * week against the week before — agency-level to the admin chats, unit-level to each unit's chats,
 * each with its chart. Only enqueues; the dispatcher sends. Every message carries a dedupe key
 * made of the agency, the chat and the slot, so running a slot again never sends twice.
 */
import { previousPeriod, weekOf } from './period.js';
import { computeRecap } from './compute-recap.js';
import { infoStatsForPeriod, type InfoRequestStats } from '../info/stats.js';
import { recapMessages, scopeBars, scopeView, unitBars, unitView, type Heading } from './recap-messages.js';
import type { ServiceContext } from '../services/context.js';
import { adminTargets, enqueue, unitTargets } from '../services/outbox.js';
import type { OutMessage, Target } from '../lib/message.js';

export interface WeeklyRecapResult {
  agencies: number;
  chats: number;
  /** Messages newly queued (0 when the slot had already been queued). */
  queued: number;
}

export async function enqueueWeeklyRecaps(ctx: ServiceContext, slot: Date): Promise<WeeklyRecapResult> {
  const result: WeeklyRecapResult = { agencies: 0, chats: 0, queued: 0 };
  const agencies = await ctx.db.agency.findMany({ orderBy: { code: 'asc' }, select: { id: true, code: true, name: true } });
  for (const agency of agencies) {
    const chats = await ctx.db.chat.count({ where: { agencyId: agency.id, healthy: true } });
    if (chats === 0) continue;
    const cal = await ctx.calendars.get(agency.id);
    const period = previousPeriod(weekOf(cal.toLocalDate(slot)));
    const before = previousPeriod(period);
    const recap = await computeRecap(ctx.db, { ...period, agencyId: agency.id, timeZone: cal.timeZone, asOf: slot, previous: before });
    const heading = (code: string, name: string, info: InfoRequestStats): Heading => ({ code, name, period, previousPeriod: before, info });
    const infoStats = (unitIds: string[] | null): Promise<InfoRequestStats> => infoStatsForPeriod(ctx.db, { agencyId: agency.id, period, timeZone: cal.timeZone, now: slot, unitIds });

    // Rendered before the transaction: drawing charts must not hold a transaction open.
    const plan: { targets: (tx: Parameters<typeof adminTargets>[0]) => Promise<Target[]>; messages: OutMessage[] }[] = [];
    const agencyView = scopeView(recap, heading(agency.code, agency.name, await infoStats(null)));
    plan.push({ targets: (tx) => adminTargets(tx, agency.id), messages: recapMessages(agencyView, scopeBars(recap), agency.code) });
    const unitsWithChats = new Set((await ctx.db.chat.findMany({ where: { agencyId: agency.id, unitId: { not: null }, healthy: true }, select: { unitId: true } })).map((c) => c.unitId));
    for (const unit of recap.units.filter((u) => unitsWithChats.has(u.id))) {
      const view = unitView(recap, unit, heading(unit.code, unit.name, await infoStats([unit.id])));
      plan.push({ targets: (tx) => unitTargets(tx, unit.id), messages: recapMessages(view, unitBars(view), unit.code) });
    }

    const slotKey = slot.toISOString();
    await ctx.db.$transaction(async (tx) => {
      for (const item of plan) {
        for (const target of await item.targets(tx)) {
          result.chats++;
          const chatKey = `${target.platform}:${target.chatId}:${target.threadId ?? ''}`;
          for (const [i, message] of item.messages.entries()) {
            const id = await enqueue(tx, target, message, { purpose: 'digest', dedupeKey: `weekly-recap:${agency.code}:${chatKey}:${slotKey}:${i}` });
            if (id !== null) result.queued++;
          }
        }
      }
    });
    result.agencies++;
  }
  return result;
}
