/** Who is talking: a person found by their platform identity, with their approved roles. */
import type { Platform } from '../domain/types.js';
import type { Person } from '../generated/prisma/client.js';
import { normalizePhone } from '../lib/phone.js';
import type { ActorRef, Grant, ServiceContext, Source } from '../services/context.js';
import type { InboundUser } from './types.js';

export interface Identity {
  person: Person | null;
  actor: ActorRef;
  /** Role requests still waiting for an admin. */
  pending: number;
}

/** Find the person behind a platform user (Telegram id, WhatsApp number, console person id). */
export async function findPersonByPlatform(ctx: ServiceContext, platform: Platform, userId: string): Promise<Person | null> {
  switch (platform) {
    case 'telegram':
      return ctx.db.person.findUnique({ where: { telegramId: userId } });
    case 'whatsapp': {
      const phone = normalizePhone(userId.replace(/@c\.us$/, ''));
      return phone ? ctx.db.person.findUnique({ where: { whatsapp: phone } }) : null;
    }
    case 'console':
      return /^[0-9a-f-]{36}$/i.test(userId) ? ctx.db.person.findUnique({ where: { id: userId } }) : null;
  }
}

export async function resolveIdentity(ctx: ServiceContext, platform: Platform, user: InboundUser): Promise<Identity> {
  const person = await findPersonByPlatform(ctx, platform, user.id);
  const source: Source = platform;
  if (!person || !person.active) {
    return { person: null, actor: { personId: null, label: user.name, source, roles: [] }, pending: 0 };
  }
  const rows = await ctx.db.roleAssignment.findMany({ where: { personId: person.id, state: { in: ['APPROVED', 'PENDING'] } } });
  const roles: Grant[] = rows.filter((r) => r.state === 'APPROVED').map((r) => ({ role: r.role, agencyId: r.agencyId, unitId: r.unitId }));
  return { person, actor: { personId: person.id, label: person.name, source, roles }, pending: rows.length - roles.length };
}
