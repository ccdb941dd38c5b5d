/**
 * Recording the outcome of a send. Every update is guarded by the claim (status SENDING, our
 * instance, the attempt number we claimed): if our lease ran out and another replica took the
 * row over, our late result does not overwrite theirs.
 */
import type { PrismaClient } from '../generated/prisma/client.js';
import type { Platform } from '../domain/types.js';
import { text } from '../lib/message.js';
import { audit } from '../services/audit.js';
import { systemActor } from '../services/context.js';
import { enqueue } from '../services/outbox.js';

/** Identifies one claim of a row: the guard of every outcome update. */
export interface ClaimToken {
  id: bigint;
  instanceId: string;
  attempts: number;
}

const claimed = (t: ClaimToken) => ({ id: t.id, status: 'SENDING' as const, lockedBy: t.instanceId, attempts: t.attempts });
const released = { lockedBy: null, lockedUntil: null };

/** Keep stored errors short; they come from platform APIs, never from the message text. */
export const shortError = (s: string): string => (s.length > 300 ? `${s.slice(0, 297)}...` : s);

/** SENT with the platform's message id. Returns false when the claim was lost. */
export async function markSent(db: PrismaClient, t: ClaimToken, platformMessageId: string | null, now: Date): Promise<boolean> {
  const r = await db.outbox.updateMany({
    where: claimed(t),
    data: { status: 'SENT', platformMessageId, sentAt: now, lastError: null, ...released },
  });
  return r.count === 1;
}

/** Back to PENDING until `at`; a rate-limit wait gives the attempt back. */
export async function markRetry(db: PrismaClient, t: ClaimToken, at: Date, error: string, countsAsAttempt: boolean): Promise<boolean> {
  const r = await db.outbox.updateMany({
    where: claimed(t),
    data: {
      status: 'PENDING', nextAttemptAt: at, lastError: shortError(error), ...released,
      ...(countsAsAttempt ? {} : { attempts: { decrement: 1 } }),
    },
  });
  return r.count === 1;
}

/** A final state without a send: FAILED or CANCELLED. */
export async function markFinal(db: PrismaClient, t: ClaimToken, status: 'FAILED' | 'CANCELLED', error: string): Promise<boolean> {
  const r = await db.outbox.updateMany({ where: claimed(t), data: { status, lastError: shortError(error), ...released } });
  return r.count === 1;
}

/** The chat key of a row whose chat is gone. */
export interface GoneRow {
  platform: Platform;
  target: string;
  threadId: string;
}

/** What markChatGone did. */
export interface ChatGoneResult {
  /** False when the claim was lost (another replica handles the row). */
  owned: boolean;
  chatId: string | null;
  cancelled: number;
  alerts: number;
}

/** The alert for the agency's admin chats (Indonesian, shown to people). */
export function chatGoneAlert(name: string, reason: string): string {
  return `⚠️ Bot tidak dapat mengirim ke grup ${name} (${reason}). Periksa apakah bot masih anggota grup, lalu ikat ulang dengan /ikat.`;
}

/**
 * The bot cannot post into a chat any more: fail this row, cancel the rest of the chat's queue,
 * mark the bound chat unhealthy, audit it and tell the agency's admin chats. A target without a
 * Chat row (a private chat) only fails this row. One transaction: all or nothing.
 */
export async function markChatGone(db: PrismaClient, t: ClaimToken, row: GoneRow, reason: string): Promise<ChatGoneResult> {
  const why = shortError(reason);
  return db.$transaction(async (tx) => {
    const failed = await tx.outbox.updateMany({ where: claimed(t), data: { status: 'FAILED', lastError: `chat_gone: ${why}`, ...released } });
    if (failed.count === 0) return { owned: false, chatId: null, cancelled: 0, alerts: 0 };
    const chat = await tx.chat.findUnique({
      where: { platform_externalId_threadId: { platform: row.platform, externalId: row.target, threadId: row.threadId } },
    });
    if (!chat) return { owned: true, chatId: null, cancelled: 0, alerts: 0 };
    const cancelled = await tx.outbox.updateMany({
      where: { platform: row.platform, target: row.target, threadId: row.threadId, status: 'PENDING' },
      data: { status: 'CANCELLED', lastError: `chat_gone: ${why}` },
    });
    // Only the first failure flips the chat: no second audit row or alert for the same outage.
    const flipped = await tx.chat.updateMany({ where: { id: chat.id, healthy: true }, data: { healthy: false, unhealthyReason: why } });
    if (flipped.count === 0) return { owned: true, chatId: chat.id, cancelled: cancelled.count, alerts: 0 };
    await audit(tx, systemActor('system'), 'chat_unhealthy', {
      agencyId: chat.agencyId,
      subject: chat.id,
      data: { platform: row.platform, externalId: row.target, threadId: row.threadId, reason: why, outboxId: String(t.id), cancelled: cancelled.count },
    });
    // The failing chat is unhealthy now, so it is never among the recipients (no alert into a dead chat).
    const admins = await tx.chat.findMany({
      where: { agencyId: chat.agencyId, unitId: null, healthy: true, id: { not: chat.id } },
      orderBy: { createdAt: 'asc' },
    });
    const name = chat.title ?? (chat.threadId ? `${chat.externalId}/${chat.threadId}` : chat.externalId);
    let alerts = 0;
    for (const a of admins) {
      const id = await enqueue(
        tx,
        { platform: a.platform, chatId: a.externalId, threadId: a.threadId || undefined },
        text(chatGoneAlert(name, why)),
        { purpose: 'notice', dedupeKey: `chat_unhealthy:${chat.id}:${t.id}:${a.id}` },
      );
      if (id !== null) alerts++;
    }
    return { owned: true, chatId: chat.id, cancelled: cancelled.count, alerts };
  });
}
