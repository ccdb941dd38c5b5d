/**
 * Shared pieces of admin broadcasts: who receives one, how it is found by its short id, and
 * delivering one occurrence into the outbox (used by `/kirim` for "now" and by the broadcasts job).
 */
import type { WorkingCalendar } from '../../domain/calendar.js';
import { fail } from '../../domain/errors.js';
import { decodeRepeat, nextRepeatRun } from '../../domain/schedule-phrase.js';
import type { Broadcast, PrismaClient } from '../../generated/prisma/client.js';
import type { Target } from '../../lib/message.js';
import { broadcastMessage } from '../../messages/broadcast-text.js';
import { enqueue } from '../outbox.js';
import type { Tx } from '../report-row.js';

export interface Recipient {
  target: Target;
  /** "BKN-PENGADAAN — Grup Pengadaan (telegram)" */
  label: string;
}

/** The first 8 characters of the id: what people type in `/kirim` and `/batal-jadwal`. */
export const shortId = (id: string): string => id.slice(0, 8);

/** Healthy chats of the agency (admin chats first, then units by code), or of one unit. */
export async function broadcastRecipients(db: Tx | PrismaClient, agencyId: string, unitId: string | null): Promise<Recipient[]> {
  const chats = await db.chat.findMany({
    where: { agencyId, healthy: true, ...(unitId ? { unitId } : {}) },
    include: { unit: { select: { code: true, name: true } } },
    orderBy: [{ createdAt: 'asc' }],
  });
  chats.sort((a, b) => (a.unit?.code ?? '').localeCompare(b.unit?.code ?? ''));
  return chats.map((c) => ({
    target: { platform: c.platform, chatId: c.externalId, threadId: c.threadId || undefined },
    label: `${c.unit ? c.unit.code : 'Admin Instansi'} — ${c.title ?? c.unit?.name ?? 'grup admin'} (${c.platform})`,
  }));
}

/** Find a broadcast of the agency by its full id or a prefix of at least 4 characters. */
export async function findBroadcast(db: Tx | PrismaClient, agencyId: string, ref: string, lock = false): Promise<Broadcast> {
  const key = ref.trim().toLowerCase().replace(/^#/, '');
  if (!/^[0-9a-f-]{4,36}$/.test(key)) fail('INVALID_ARGS', { field: 'id', value: ref, expected: 'kode pengumuman dari /jadwal, mis. 3fa2b1c9' });
  const rows = lock
    ? await db.$queryRaw<{ id: string }[]>`SELECT id FROM broadcast WHERE agency_id = ${agencyId}::uuid AND id::text LIKE ${`${key}%`} LIMIT 2 FOR UPDATE`
    : await db.$queryRaw<{ id: string }[]>`SELECT id FROM broadcast WHERE agency_id = ${agencyId}::uuid AND id::text LIKE ${`${key}%`} LIMIT 2`;
  if (rows.length === 0) fail('NOT_FOUND', { what: 'Pengumuman', code: ref });
  if (rows.length > 1) fail('INVALID_ARGS', { field: 'id', value: ref, expected: 'kode itu cocok dengan beberapa pengumuman; tulis lebih banyak karakter' });
  return db.broadcast.findUniqueOrThrow({ where: { id: rows[0]!.id } });
}

/**
 * Queue one occurrence to every recipient (idempotent per occurrence and chat through the outbox
 * dedupe key), then move the broadcast on: the next occurrence of a repeat, else `done`.
 * Returns the number of messages queued.
 */
export async function deliverBroadcast(tx: Tx, b: Broadcast, cal: WorkingCalendar, now: Date): Promise<number> {
  const author = b.createdById ? await tx.person.findUnique({ where: { id: b.createdById }, select: { name: true } }) : null;
  const occurrence = (b.nextRunAt ?? now).toISOString();
  const message = broadcastMessage(b.text, author?.name ?? null);
  let queued = 0;
  for (const r of await broadcastRecipients(tx, b.agencyId, b.unitId)) {
    const dedupeKey = `bc:${b.id}:${occurrence}:${r.target.platform}:${r.target.chatId}:${r.target.threadId ?? ''}`;
    if (await enqueue(tx, r.target, message, { purpose: 'broadcast', dedupeKey })) queued++;
  }
  const next = b.repeatCron ? nextRepeatRun(decodeRepeat(b.repeatCron), now, cal) : null;
  await tx.broadcast.update({ where: { id: b.id }, data: { lastRunAt: now, nextRunAt: next, state: next ? 'scheduled' : 'done' } });
  return queued;
}
