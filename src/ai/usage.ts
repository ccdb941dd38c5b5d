/**
 * Token use per agency and office day (table ai_usage), and the daily cap. The increment is one
 * atomic upsert, so concurrent calls from several replicas add up instead of overwriting.
 */
import type { ServiceContext } from '../services/context.js';

export interface TokenUse {
  tokensIn: number;
  tokensOut: number;
}

/** Where a client reads and records usage: the database in the bot, memory in the eval script. */
export interface UsageMeter {
  /** Tokens (in + out) the agency used today. */
  used(agencyId: string): Promise<number>;
  record(agencyId: string, use: TokenUse): Promise<void>;
}

async function today(ctx: ServiceContext, agencyId: string): Promise<Date> {
  const cal = await ctx.calendars.get(agencyId);
  return new Date(`${cal.toLocalDate(ctx.clock.now())}T00:00:00Z`);
}

export function dbUsageMeter(ctx: ServiceContext): UsageMeter {
  return {
    async used(agencyId) {
      const row = await ctx.db.aiUsage.findUnique({ where: { agencyId_day: { agencyId, day: await today(ctx, agencyId) } } });
      return row ? row.tokensIn + row.tokensOut : 0;
    },
    async record(agencyId, use) {
      const day = await today(ctx, agencyId);
      await ctx.db.$executeRaw`
        INSERT INTO ai_usage (agency_id, day, requests, tokens_in, tokens_out)
        VALUES (${agencyId}::uuid, ${day}::date, 1, ${use.tokensIn}, ${use.tokensOut})
        ON CONFLICT (agency_id, day) DO UPDATE SET
          requests = ai_usage.requests + 1,
          tokens_in = ai_usage.tokens_in + EXCLUDED.tokens_in,
          tokens_out = ai_usage.tokens_out + EXCLUDED.tokens_out`;
    },
  };
}

/** A meter that forgets on exit (scripts/eval-ai.ts). */
export function memoryUsageMeter(): UsageMeter & { total: number } {
  const byAgency = new Map<string, number>();
  return {
    total: 0,
    async used(agencyId) {
      return byAgency.get(agencyId) ?? 0;
    },
    async record(agencyId, use) {
      const n = use.tokensIn + use.tokensOut;
      byAgency.set(agencyId, (byAgency.get(agencyId) ?? 0) + n);
      this.total += n;
    },
  };
}
