/**
 * Writing to the outbox, always inside the transaction that makes the change. The dispatcher
 * (src/scheduler/outbox-dispatcher.ts) sends after commit.
 */
import type { OutMessage, Target } from '../lib/message.js';
import type { Prisma } from '../generated/prisma/client.js';
import type { Tx } from './report-row.js';

export type Purpose = 'report_post' | 'notice' | 'nudge' | 'digest' | 'reply' | 'broadcast' | 'dm';

export interface EnqueueOptions {
  purpose: Purpose;
  reportId?: string | null;
  /** Idempotency key: a second enqueue with the same key is ignored. */
  dedupeKey?: string;
}

/** Queue a new message. Returns the outbox id, or null when the dedupe key was already used. */
export async function enqueue(tx: Tx, target: Target, message: OutMessage, opts: EnqueueOptions): Promise<bigint | null> {
  if (opts.dedupeKey) {
    const existing = await tx.outbox.findUnique({ where: { dedupeKey: opts.dedupeKey }, select: { id: true } });
    if (existing) return null;
  }
  const row = await tx.outbox.create({
    data: {
      platform: target.platform,
      target: target.chatId,
      threadId: target.threadId ?? '',
      kind: message.document ? 'document' : 'send',
      purpose: opts.purpose,
      payload: message as unknown as Prisma.InputJsonValue,
      reportId: opts.reportId ?? null,
      dedupeKey: opts.dedupeKey ?? null,
    },
    select: { id: true },
  });
  return row.id;
}

/**
 * Queue an edit of an earlier message. Edits are debounced: a still-pending edit of the same
 * message is replaced, so a burst of changes costs one platform call.
 */
export async function enqueueEdit(tx: Tx, original: { id: bigint; platform: Target['platform']; target: string; threadId: string; reportId: string | null }, message: OutMessage): Promise<void> {
  const payload = message as unknown as Prisma.InputJsonValue;
  const pending = await tx.outbox.updateMany({
    where: { editOfId: original.id, kind: 'edit', status: 'PENDING' },
    data: { payload },
  });
  if (pending.count > 0) return;
  await tx.outbox.create({
    data: {
      platform: original.platform,
      target: original.target,
      threadId: original.threadId,
      kind: 'edit',
      purpose: 'report_post',
      payload,
      reportId: original.reportId,
      editOfId: original.id,
    },
  });
}

/** Healthy chats bound to a unit (every platform). */
export async function unitTargets(tx: Tx, unitId: string): Promise<Target[]> {
  const chats = await tx.chat.findMany({ where: { unitId, healthy: true }, orderBy: { createdAt: 'asc' } });
  return chats.map((c) => ({ platform: c.platform, chatId: c.externalId, threadId: c.threadId || undefined }));
}

/** Healthy chats bound to the agency itself: the Admin Instansi's chats. */
export async function adminTargets(tx: Tx, agencyId: string): Promise<Target[]> {
  const chats = await tx.chat.findMany({ where: { agencyId, unitId: null, healthy: true }, orderBy: { createdAt: 'asc' } });
  return chats.map((c) => ({ platform: c.platform, chatId: c.externalId, threadId: c.threadId || undefined }));
}
