/** The per-agency switch of the answer-quality check: `Agency.settings.aiQualityCheck`. */
import { z } from 'zod';
import type { Prisma } from '../../generated/prisma/client.js';
import { audit } from '../../services/audit.js';
import type { ActorRef, ServiceContext } from '../../services/context.js';

const settingsShape = z.object({ aiQualityCheck: z.boolean().optional() }).loose();

/** Whether the agency opted in to the answer-quality check. */
export async function qualityCheckEnabled(ctx: ServiceContext, agencyId: string): Promise<boolean> {
  const a = await ctx.db.agency.findUnique({ where: { id: agencyId }, select: { settings: true } });
  const parsed = settingsShape.safeParse(a?.settings ?? {});
  return parsed.success && parsed.data.aiQualityCheck === true;
}

/** Turn the check on or off; other settings are kept, and the change is audited. */
export async function setQualityCheck(ctx: ServiceContext, actor: ActorRef, agencyId: string, on: boolean): Promise<void> {
  await ctx.db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ settings: unknown }[]>`SELECT settings FROM agency WHERE id = ${agencyId}::uuid FOR UPDATE`;
    const current = rows[0]?.settings;
    const base = typeof current === 'object' && current !== null && !Array.isArray(current) ? (current as Record<string, unknown>) : {};
    await tx.agency.update({ where: { id: agencyId }, data: { settings: { ...base, aiQualityCheck: on } as Prisma.InputJsonValue } });
    await audit(tx, actor, 'ai_quality_check_set', { agencyId, subject: on ? 'on' : 'off' });
  });
}
