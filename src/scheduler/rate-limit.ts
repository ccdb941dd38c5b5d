/**
 * Send limits shared by every replica of the outbox dispatcher.
 *
 * - Per chat: "at most perChatPerMinute sends into one chat in any 60 s window". The chat here
 *   is the platform chat id, i.e. a group with all its forum topics, because Telegram counts the
 *   group. Checked in the claim transaction. The log of past sends is the outbox itself:
 *   `sent_at` of SENT rows (index outbox(platform, target, sent_at)). `sent_at` is written after
 *   the platform answered, so it is never earlier than the real send, and the new send happens
 *   after the claim; counting SENT rows with sent_at > now - 60 s is therefore conservative.
 *   Rows of the group that are SENDING (other forum topics) count too. Claims of one group are
 *   serialised by a transaction-scoped advisory lock, so two replicas cannot both take the last
 *   place in a window.
 * - Per platform: "at most perSecond sends in any 1 s window", as strict pacing. Consecutive
 *   sends are at least 1.05 × 1000 / perSecond ms apart (95% of the limit; the 5% absorb sends
 *   that reach the platform a little late or early: timers, GC, network). WhatsApp adds a random 500–1500 ms gap, never less than
 *   the pacing. The next free slot lives in one `send_rate` row per platform. Right before a
 *   send, after the claim committed, the sender takes the next slot with one atomic upsert
 *   (INSERT … ON CONFLICT DO UPDATE … RETURNING), on the database clock, and sleeps until it.
 *   Slots are handed out at most a short horizon ahead, so a claimed row never sits long on its
 *   lease. Past the horizon, the row goes back to PENDING until the platform has room.
 *
 * A row held back by either limit stays PENDING with next_attempt_at = the moment there is room
 * again; that is not counted as an attempt.
 */
import type { Prisma } from '../generated/prisma/client.js';
import type { Platform } from '../domain/types.js';

/** Send limits of one platform. */
export interface PlatformLimit {
  /** Sends into one chat (group) in any 60 s window; Infinity = no limit. */
  perChatPerMinute: number;
  /** Sends of the whole platform in any 1 s window; Infinity = no limit. */
  perSecond: number;
  /** A random gap between two sends of the platform (looks less like a bot; WhatsApp). */
  jitterMs?: [number, number];
}

/** Caller overrides, per platform. */
export type Limits = Partial<Record<Platform, PlatformLimit>>;
/** Effective limits; null = unlimited (console). */
export type ResolvedLimits = Record<Platform, PlatformLimit | null>;

/** Platform limits (STACK.md): Telegram ~20/min per group and ~30/s; WhatsApp kept well below its ban threshold. */
export const DEFAULT_LIMITS: ResolvedLimits = {
  telegram: { perChatPerMinute: 20, perSecond: 30 },
  whatsapp: { perChatPerMinute: 10, perSecond: 1, jitterMs: [500, 1500] },
  console: null,
};

/** The per-chat window. */
export const CHAT_WINDOW_MS = 60_000;
/** When in-flight sends of other forum topics alone fill a group's window, look again after this. */
const BUSY_RETRY_MS = 1_000;
/** Namespace of the per-group advisory locks (two-int form: cannot clash with bigint-keyed locks). */
const CHAT_LOCK_CLASS = 0x0b0c;

/** Defaults overridden per platform by the caller's limits. */
export function resolveLimits(overrides: Limits = {}): ResolvedLimits {
  return { ...DEFAULT_LIMITS, ...overrides };
}

/** Whether the chat window check applies to a platform. */
export function hasChatLimit(l: PlatformLimit | null): l is PlatformLimit {
  return l !== null && Number.isFinite(l.perChatPerMinute);
}

/** Whether the platform pacing applies. */
export function hasPlatformLimit(l: PlatformLimit | null): l is PlatformLimit {
  return l !== null && (Number.isFinite(l.perSecond) || (l.jitterMs?.[1] ?? 0) > 0);
}

/**
 * Slots are 5% wider than 1000 / perSecond: the platform counts sends as they arrive, and two
 * sends perSecond apart may arrive up to 50 ms closer than their slots (at 30/s) before one too
 * many lands in a 1 s window. With 2% (20 ms) a loaded machine (a sender late for its slot, a
 * slow HTTP round trip before the next one) got occasional 429s from the fake Bot API.
 */
const PACING_MARGIN = 1.05;
/**
 * A slot is at least this far ahead of the statement that takes it: time for the answer to
 * reach the sender. Otherwise a sender of an idle platform sends late, close to the next slot.
 */
const SLOT_LEAD_MS = 10;

/** Gap between two send slots of a platform, in ms (whole ms: timestamps are stored in ms). */
export function slotSpacingMs(l: PlatformLimit, random: () => number = Math.random): number {
  const pace = Number.isFinite(l.perSecond) && l.perSecond > 0 ? Math.ceil((1000 * PACING_MARGIN) / l.perSecond) : 0;
  const [lo, hi] = l.jitterMs ?? [0, 0];
  const jitter = hi > 0 ? Math.round(lo + random() * Math.max(0, hi - lo)) : 0;
  return Math.max(pace, jitter);
}

/**
 * When a chat may send again. `recentDesc`: sent_at of its recent sends, newest first; `busy`:
 * its sends in flight or already granted in this claim. Returns null when it may send now.
 */
export function chatWindowFreeAt(recentDesc: readonly Date[], busy: number, perMinute: number, now: Date): Date | null {
  if (!Number.isFinite(perMinute)) return null;
  const from = now.getTime() - CHAT_WINDOW_MS;
  const inWindow = recentDesc.filter((t) => t.getTime() > from);
  if (inWindow.length + busy < perMinute) return null;
  // Room appears when the (perMinute - busy)-th newest send leaves the window.
  const leaving = inWindow[perMinute - busy - 1];
  if (!leaving) return new Date(now.getTime() + BUSY_RETRY_MS);
  return new Date(leaving.getTime() + CHAT_WINDOW_MS);
}

/**
 * How many rows of a platform one replica should hold at once: what its slots can serve within
 * the horizon (plus one being sent). More would only bounce back to PENDING.
 */
export function platformCapacity(l: PlatformLimit | null, horizonMs: number): number {
  if (!hasPlatformLimit(l)) return Infinity;
  const minGap = Math.max(1, slotSpacingMs(l, () => 0));
  return 1 + Math.ceil(horizonMs / minGap);
}

/** Send slots are taken at most this far ahead, so a claimed row does not sit on its lease. */
export function slotHorizonMs(leaseMs: number): number {
  return Math.max(1, Math.min(1_000, Math.floor(leaseMs / 4)));
}

/** Exponential backoff after the n-th failed attempt (1-based): 1 s, 2 s, 4 s … capped. */
export function backoffMs(attempt: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
}

/** A group as the per-chat limit counts it (all forum topics together). */
export interface ChatKey {
  platform: Platform;
  target: string;
}

/** Map key of a group. */
export const chatKey = (k: ChatKey): string => `${k.platform}:${k.target}`;

/** Serialise claims of these groups across replicas until the transaction ends (sorted: no deadlock). */
export async function lockChats(tx: Prisma.TransactionClient, keys: readonly ChatKey[]): Promise<void> {
  const names = [...new Set(keys.map(chatKey))].sort();
  if (names.length === 0) return;
  // The sorted subquery fixes the order in which the locks are taken.
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${CHAT_LOCK_CLASS}::int, hashtext(s.k))
    FROM (SELECT k FROM unnest(${names}::text[]) AS k ORDER BY k) AS s`;
}

/** A group's recent sends (newest first) and sends in flight. */
export interface ChatWindow {
  recentDesc: Date[];
  busy: number;
}

/** Recent sends (newest first, at most `perMinute` each) and in-flight sends of each group. */
export async function loadChatWindows(
  tx: Prisma.TransactionClient,
  keys: readonly (ChatKey & { perMinute: number })[],
  now: Date,
  excludeIds: readonly bigint[],
): Promise<Map<string, ChatWindow>> {
  const out = new Map<string, ChatWindow>();
  if (keys.length === 0) return out;
  const from = new Date(now.getTime() - CHAT_WINDOW_MS);
  const rows = await tx.$queryRaw<{ platform: string; target: string; recent: (Date | string)[] | null; busy: number }[]>`
    SELECT k.platform, k.target,
      ARRAY(SELECT s.sent_at FROM outbox s
            WHERE s.platform = k.platform::platform AND s.target = k.target AND s.sent_at > ${from}
              AND s.status = 'SENT'::outbox_status
            ORDER BY s.sent_at DESC LIMIT k.n) AS recent,
      (SELECT count(*)::int FROM outbox b
        WHERE b.platform = k.platform::platform AND b.target = k.target AND b.sent_at IS NULL
          AND b.status = 'SENDING'::outbox_status AND b.locked_until >= ${now}
          AND b.id <> ALL(${[...excludeIds]}::bigint[])) AS busy
    FROM unnest(${keys.map((k) => k.platform)}::text[], ${keys.map((k) => k.target)}::text[],
                ${keys.map((k) => k.perMinute)}::int[]) AS k(platform, target, n)`;
  for (const r of rows) {
    out.set(`${r.platform}:${r.target}`, { recentDesc: (r.recent ?? []).map((t) => new Date(t)), busy: Number(r.busy) });
  }
  return out;
}

/**
 * Take the platform's next send slot, if it is at most `horizonMs` ahead: one statement, the
 * row lock is held only for it. Pacing runs on the database clock (clock_timestamp(), read when
 * the statement runs): one clock for every replica, never stale however long the statement
 * waited for a connection. Returns the slot (database epoch ms), or, when the platform is booked
 * beyond the horizon, how long until it may try again (the row goes back to PENDING).
 */
export async function reserveSlot(
  db: Prisma.TransactionClient,
  platform: Platform,
  opts: { horizonMs: number; limit: PlatformLimit; random?: () => number },
): Promise<{ slotMs: number } | { retryInMs: number }> {
  const gap = slotSpacingMs(opts.limit, opts.random);
  const [row] = await db.$queryRaw<{ slot_ms: number }[]>`
    INSERT INTO send_rate AS r (key, next_free_at)
    VALUES (${platform}, clock_timestamp() + ${SLOT_LEAD_MS + gap}::int * interval '1 millisecond')
    ON CONFLICT (key) DO UPDATE
      SET next_free_at = greatest(r.next_free_at, clock_timestamp() + ${SLOT_LEAD_MS}::int * interval '1 millisecond')
                         + ${gap}::int * interval '1 millisecond'
      WHERE r.next_free_at <= clock_timestamp() + ${opts.horizonMs}::int * interval '1 millisecond'
    RETURNING (extract(epoch FROM next_free_at) * 1000 - ${gap})::float8 AS slot_ms`;
  if (row) return { slotMs: Number(row.slot_ms) };
  const [busy] = await db.$queryRaw<{ wait_ms: number }[]>`
    SELECT (extract(epoch FROM (next_free_at - clock_timestamp())) * 1000)::float8 AS wait_ms
    FROM send_rate WHERE key = ${platform}`;
  return { retryInMs: Math.max(1, Math.ceil(Number(busy?.wait_ms ?? 1))) };
}

/**
 * Offset of the database clock from this process's Date.now(), in ms (database = local + offset),
 * from the fastest of a few round trips (error at most half of it).
 */
export async function databaseClockOffset(db: Prisma.TransactionClient, samples = 3): Promise<number> {
  let best = { rtt: Infinity, offset: 0 };
  for (let i = 0; i < samples; i++) {
    const t0 = Date.now();
    const [row] = await db.$queryRaw<{ ms: number }[]>`SELECT (extract(epoch FROM clock_timestamp()) * 1000)::float8 AS ms`;
    const t1 = Date.now();
    if (row && t1 - t0 < best.rtt) best = { rtt: t1 - t0, offset: Number(row.ms) - (t0 + t1) / 2 };
  }
  return best.offset;
}
