/**
 * Multi-step input kept in the database (it survives a restart): after pressing "Tindak lanjut"
 * the next text from that person in that chat is the answer.
 */
import type { Platform } from '../domain/types.js';
import type { Prisma } from '../generated/prisma/client.js';
import type { ServiceContext } from '../services/context.js';
import type { InfoConversation } from '../info/conversation-state.js';

export type ConversationState =
  | { kind: 'respond'; reportId: string }
  | { kind: 'follow_up'; reportId: string; close: boolean }
  | { kind: 'bounce'; reportId: string }
  | { kind: 'answer_kind'; reportId: string; text: string }
  | InfoConversation;

const TTL_MS = 30 * 60_000;

export interface ConversationKey {
  platform: Platform;
  chatId: string;
  userId: string;
}

export async function startConversation(ctx: ServiceContext, key: ConversationKey, state: ConversationState): Promise<void> {
  const expiresAt = new Date(ctx.clock.now().getTime() + TTL_MS);
  const data = state as unknown as Prisma.InputJsonValue;
  await ctx.db.conversation.upsert({
    where: { platform_chatId_userId: key },
    create: { ...key, kind: state.kind, data, expiresAt },
    update: { kind: state.kind, data, expiresAt },
  });
}

/** The pending step, if any and not expired. */
export async function currentConversation(ctx: ServiceContext, key: ConversationKey): Promise<ConversationState | null> {
  const row = await ctx.db.conversation.findUnique({ where: { platform_chatId_userId: key } });
  if (!row) return null;
  if (row.expiresAt < ctx.clock.now()) {
    await endConversation(ctx, key);
    return null;
  }
  return row.data as unknown as ConversationState;
}

export async function endConversation(ctx: ServiceContext, key: ConversationKey): Promise<void> {
  await ctx.db.conversation.deleteMany({ where: key });
}
