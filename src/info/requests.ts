/** Finding and locking information requests, and the PICs and people around them. */
import { fail } from '../domain/errors.js';
import type { LocalDate } from '../domain/types.js';
import type { InfoRequest, Person } from '../generated/prisma/client.js';
import type { Target } from '../lib/message.js';
import { privateTargetsOf } from '../services/people/private-targets.js';
import type { Tx } from '../services/report-row.js';
import { topicMatches } from './topics.js';

export type IrStatus = 'OPEN' | 'ANSWERED' | 'CLOSED' | 'PROMOTED';

/** `IR-260302-0001`: office-local date of asking and a per-day counter. */
export const IR_ID = /^IR-\d{6}-\d{4,}$/;

/** Namespace of the per-day counter's advisory lock (two-int form, apart from other locks). */
const IR_LOCK_CLASS = 0x1f0;

/** The next tracking id of the day, serialised across replicas by a transaction-scoped lock. */
export async function nextIrId(tx: Tx, date: LocalDate): Promise<string> {
  const prefix = `IR-${date.slice(2, 4)}${date.slice(5, 7)}${date.slice(8, 10)}-`;
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${IR_LOCK_CLASS}::int, hashtext(${prefix}))`;
  const rows = await tx.$queryRaw<{ n: number | null }[]>`
    SELECT max(split_part(tracking_id, '-', 3)::int) AS n FROM info_request WHERE tracking_id LIKE ${`${prefix}%`}`;
  return `${prefix}${String((rows[0]?.n ?? 0) + 1).padStart(4, '0')}`;
}

/** A request by tracking id, of this agency when one is given; NOT_FOUND otherwise. */
export async function findIr(db: Pick<Tx, 'infoRequest'>, trackingId: string, agencyId?: string | null): Promise<InfoRequest> {
  const ir = await db.infoRequest.findUnique({ where: { trackingId: trackingId.toUpperCase() } });
  if (!ir || (agencyId && ir.agencyId !== agencyId)) return fail('NOT_FOUND', { what: 'Permintaan informasi', code: trackingId.toUpperCase() });
  return ir;
}

/** Lock a request row for the rest of the transaction (two answers at once serialise here). */
export async function lockIr(tx: Tx, id: string): Promise<InfoRequest> {
  await tx.$queryRaw`SELECT id FROM info_request WHERE id = ${id}::uuid FOR UPDATE`;
  return tx.infoRequest.findUniqueOrThrow({ where: { id } });
}

/** Refuse changes to a closed or promoted request. */
export function requireOpen(ir: InfoRequest, promotedTracking?: string | null): void {
  if (ir.status === 'CLOSED' || ir.status === 'PROMOTED') fail('INFO_REQUEST_CLOSED', { tracking: ir.trackingId, report: promotedTracking ?? (ir.status === 'PROMOTED' ? ir.trackingId : null) });
}

/**
 * The PICs of a unit for a topic: entries of that topic first, then the unit's any-topic
 * entries, then any entry of the unit; people in directory order, each once.
 */
export async function picsFor(tx: Pick<Tx, 'picEntry' | 'person'>, unitId: string, topic: string | null): Promise<Person[]> {
  const entries = await tx.picEntry.findMany({ where: { unitId }, orderBy: { createdAt: 'asc' } });
  const tier = (e: { topic: string | null }): number => (topic && topicMatches(topic, e.topic) ? 0 : e.topic === null ? 1 : 2);
  const best = Math.min(...entries.map(tier));
  const ids = [...new Set(entries.filter((e) => tier(e) === best).map((e) => e.personId))];
  if (ids.length === 0) return [];
  const people = await tx.person.findMany({ where: { id: { in: ids }, active: true } });
  return ids.map((id) => people.find((p) => p.id === id)).filter((p): p is Person => p !== undefined);
}

/** Everyone listed as PIC of the unit (for the answering check). */
export async function picPersonIds(tx: Pick<Tx, 'picEntry'>, unitId: string): Promise<string[]> {
  const rows = await tx.picEntry.findMany({ where: { unitId }, select: { personId: true } });
  return rows.map((r) => r.personId);
}

/** Targets without repeats (the origin chat may be the person's own private chat). */
export function uniqueTargets(targets: readonly Target[]): Target[] {
  const seen = new Set<string>();
  return targets.filter((t) => {
    const k = `${t.platform}|${t.chatId}|${t.threadId ?? ''}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Where the asking operator hears back: the chat they asked in and their private chat (same platform first). */
export function askerTargets(ir: Pick<InfoRequest, 'originPlatform' | 'originChatId'>, asker: Person | null): Target[] {
  const dms = asker ? privateTargetsOf(asker) : [];
  const samePlatform = dms.filter((t) => t.platform === ir.originPlatform);
  return uniqueTargets([{ platform: ir.originPlatform, chatId: ir.originChatId }, ...(samePlatform.length ? samePlatform : dms)]);
}

/** The dedupe-key prefix of every outbox row about a request; replies to such a row name it. */
export const irKey = (trackingId: string, ...parts: (string | number | bigint)[]): string => ['ir', trackingId, ...parts.map(String)].join(':');

/** The request a quoted bot message is about, and which of its messages it was (`q…` question, `n…` reminder, `a…` relayed answer). */
export interface IrQuote {
  trackingId: string;
  round: string;
}

/**
 * The request a message replies to, from the outbox row of the bot message it quotes. A quoted
 * edit (on WhatsApp a status reply, on Telegram the edited post) leads back to its original.
 */
export async function irQuoteOf(db: Pick<Tx, 'outbox'>, where: { platform: Target['platform']; chatId: string; replyToMessageId?: string }): Promise<IrQuote | null> {
  if (!where.replyToMessageId) return null;
  const row = await db.outbox.findFirst({
    where: { platform: where.platform, target: where.chatId, platformMessageId: where.replyToMessageId },
    orderBy: { id: 'asc' },
    select: { dedupeKey: true, editOfId: true },
  });
  if (!row) return null;
  const key = row.dedupeKey ?? (row.editOfId === null ? null : (await db.outbox.findUnique({ where: { id: row.editOfId }, select: { dedupeKey: true } }))?.dedupeKey);
  const [ns, trackingId, round] = key?.split(':') ?? [];
  return ns === 'ir' && trackingId && IR_ID.test(trackingId) ? { trackingId, round: round ?? '' } : null;
}

/** The request a message replies to (any of its messages), or null. */
export async function irFromReply(db: Pick<Tx, 'outbox'>, where: { platform: Target['platform']; chatId: string; replyToMessageId?: string }): Promise<string | null> {
  return (await irQuoteOf(db, where))?.trackingId ?? null;
}
