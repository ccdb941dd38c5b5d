/**
 * `/ikat`: the Admin Instansi binds the group (or forum topic) they type in to a unit of their
 * agency, or makes it the agency's admin chat. The binding itself (and its audit) is bindChat's.
 */
import { fail } from '../../domain/errors.js';
import type { Chat, Unit } from '../../generated/prisma/client.js';
import type { Inbound } from '../../chat/types.js';
import { requireAdmin } from '../acl.js';
import type { ActorRef, ServiceContext } from '../context.js';
import { normalizeCode } from '../directory/agency-and-units.js';
import { bindChat } from '../directory/chats.js';

export type BindTarget = { kind: 'admin' } | { kind: 'unit'; code: string };

export interface BoundHere {
  chat: Chat;
  unit: Unit | null;
  /** What the chat was bound to before: a unit code, 'admin', or null when it was new. */
  previous: string | null;
}

export async function bindThisChat(ctx: ServiceContext, actor: ActorRef, input: { agencyId: string; inbound: Inbound; target: BindTarget }): Promise<BoundHere> {
  const { agencyId, inbound, target } = input;
  if (inbound.chatType === 'private') fail('GROUP_ONLY', { usage: '/ikat <kode-unit> (atau /ikat admin)' });
  requireAdmin(actor, agencyId);
  let unit: Unit | null = null;
  if (target.kind === 'unit') {
    unit = await ctx.db.unit.findUnique({ where: { code: normalizeCode(target.code) } });
    if (!unit || unit.agencyId !== agencyId) fail('UNIT_NOT_FOUND', { code: target.code });
  }
  const threadId = inbound.threadId ?? '';
  const before = await ctx.db.chat.findUnique({
    where: { platform_externalId_threadId: { platform: inbound.platform, externalId: inbound.chatId, threadId } },
    include: { unit: { select: { code: true } } },
  });
  // Moving a chat away from another agency is that agency's admins' call, not ours.
  if (before && before.agencyId !== agencyId) fail('FORBIDDEN', { need: 'admin_instansi' });
  const chat = await bindChat(ctx, actor, {
    platform: inbound.platform, externalId: inbound.chatId, threadId, agencyId, unitId: unit?.id ?? null, title: inbound.chatTitle,
  });
  return { chat, unit, previous: before ? (before.unit?.code ?? 'admin') : null };
}
