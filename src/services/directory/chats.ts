/** Binding group chats (or forum topics) to a unit or to the agency's admin desk. */
import { fail } from '../../domain/errors.js';
import type { Platform } from '../../domain/types.js';
import type { Chat } from '../../generated/prisma/client.js';
import type { ActorRef, ServiceContext } from '../context.js';
import { audit } from '../audit.js';

export interface BindInput {
  platform: Platform;
  externalId: string;
  threadId?: string;
  agencyId: string;
  /** null binds the chat to the agency itself: the Admin Instansi's chat. */
  unitId: string | null;
  title?: string;
}

/** Bind (or re-bind) a chat. Re-binding moves it and is audited. */
export async function bindChat(ctx: ServiceContext, actor: ActorRef, input: BindInput): Promise<Chat> {
  const externalId = input.externalId.trim();
  if (!externalId) fail('INVALID_ARGS', { field: 'chat', expected: 'ID chat' });
  if (input.platform === 'telegram' && !/^-?\d+$/.test(externalId)) fail('INVALID_ARGS', { field: 'chat', value: externalId, expected: 'ID chat Telegram berupa angka, mis. -1001234567890' });
  if (input.platform === 'whatsapp' && !/^[\d-]+@(g|c)\.us$/.test(externalId)) fail('INVALID_ARGS', { field: 'chat', value: externalId, expected: 'ID grup WhatsApp, mis. 120363025246125486@g.us' });
  const threadId = input.threadId?.trim() ?? '';
  return ctx.db.$transaction(async (tx) => {
    const key = { platform: input.platform, externalId, threadId };
    const chat = await tx.chat.upsert({
      where: { platform_externalId_threadId: key },
      create: { ...key, agencyId: input.agencyId, unitId: input.unitId, title: input.title ?? null },
      update: { agencyId: input.agencyId, unitId: input.unitId, healthy: true, unhealthyReason: null, ...(input.title ? { title: input.title } : {}) },
    });
    await audit(tx, actor, 'chat_bound', { agencyId: input.agencyId, subject: chat.id, data: { ...key, unitId: input.unitId } });
    return chat;
  });
}
