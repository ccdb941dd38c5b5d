/** Append-only audit of non-report actions (role changes, bindings, refusals, handovers). */
import type { Prisma } from '../generated/prisma/client.js';
import type { ActorRef } from './context.js';
import type { Tx } from './report-row.js';

export async function audit(
  tx: Tx | Prisma.TransactionClient,
  actor: ActorRef,
  action: string,
  opts: { agencyId?: string | null; subject?: string; data?: Record<string, unknown> } = {},
): Promise<void> {
  await tx.auditEvent.create({
    data: {
      agencyId: opts.agencyId ?? null,
      actorId: actor.personId,
      actorLabel: actor.label,
      action,
      subject: opts.subject ?? null,
      data: { source: actor.source, ...opts.data } as Prisma.InputJsonValue,
    },
  });
}
