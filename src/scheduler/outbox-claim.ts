/**
 * Claiming outbox rows: one short transaction that picks the head row of each chat, applies the
 * per-chat rate window, and marks the winners SENDING with a lease. Sending (and the platform
 * pacing, see rate-limit.ts) happens after commit.
 */
import type { PrismaClient, Prisma } from '../generated/prisma/client.js';
import type { Platform } from '../domain/types.js';
import {
  chatKey,
  chatWindowFreeAt,
  hasChatLimit,
  loadChatWindows,
  lockChats,
  type ResolvedLimits,
} from './rate-limit.js';

/** A row this replica owns until `lockedUntil`; `attempts` (already incremented) is the claim token. */
export interface ClaimedRow {
  id: bigint;
  platform: Platform;
  target: string;
  threadId: string;
  kind: string;
  payload: unknown;
  editOfId: bigint | null;
  attempts: number;
  lockedUntil: Date;
}

/** What a claim needs: who claims, when, how many, under which limits. */
export interface ClaimParams {
  instanceId: string;
  now: Date;
  leaseMs: number;
  limit: number;
  /**
   * How many more rows of each platform this replica may take (platforms it has a port for);
   * a paced platform gets only what its slots can serve soon. Other platforms are left alone.
   */
  rooms: Partial<Record<Platform, number>>;
  limits: ResolvedLimits;
  maxAttempts: number;
}

/** Claimed rows, plus what the loop should know about the others. */
export interface ClaimResult {
  rows: ClaimedRow[];
  /** Earliest next_attempt_at this claim gave to a row it held back (rate limits), if any. */
  wakeAt: Date | null;
  /** Rows of a dead replica that had used every attempt: marked FAILED. */
  exhausted: bigint[];
}

interface Candidate {
  id: bigint;
  platform: Platform;
  target: string;
  thread_id: string;
  kind: string;
  payload: unknown;
  edit_of_id: bigint | null;
  attempts: number;
  status: 'PENDING' | 'SENDING';
}

/**
 * Only the oldest unfinished row of a chat (platform, target, thread) is a candidate, so a chat
 * whose head is being sent (valid lease) or waits for a retry blocks the rows behind it on every
 * replica. A SENDING head whose lease ran out belonged to a replica that died: take it over.
 */
async function selectCandidates(tx: Prisma.TransactionClient, p: ClaimParams): Promise<Candidate[]> {
  // The heads are computed first and only their ids reach the locking query: an index lookup by
  // id whatever the table statistics say (a fresh table otherwise got a quadratic plan). A few
  // spare heads are passed on so that heads locked by another replica's claim can be skipped.
  const rooms = roomList(p);
  return tx.$queryRaw<Candidate[]>`
    SELECT o.id, o.platform::text AS platform, o.target, o.thread_id, o.kind, o.payload, o.edit_of_id,
           o.attempts, o.status::text AS status
    FROM outbox o
    WHERE o.id = ANY(ARRAY(
        SELECT d.id FROM (
          SELECT h.id, h.platform, row_number() OVER (PARTITION BY h.platform ORDER BY h.id) AS rn
          FROM (
            SELECT DISTINCT ON (platform, target, thread_id) id, platform, status, next_attempt_at, locked_until
            FROM outbox
            WHERE status IN ('PENDING'::outbox_status, 'SENDING'::outbox_status)
            ORDER BY platform, target, thread_id, id
          ) h
          WHERE (h.status = 'PENDING'::outbox_status AND h.next_attempt_at <= ${p.now})
             OR (h.status = 'SENDING'::outbox_status AND h.locked_until < ${p.now})
        ) d
        JOIN unnest(${rooms.map((r) => r.platform)}::text[], ${rooms.map((r) => r.room)}::int[]) AS r(platform, room)
          ON r.platform = d.platform::text AND d.rn <= r.room
        ORDER BY d.id
        LIMIT ${p.limit * 4}))
      -- Re-checked on the locked row version: a head another replica claimed meanwhile drops out.
      AND ((o.status = 'PENDING'::outbox_status AND o.next_attempt_at <= ${p.now})
        OR (o.status = 'SENDING'::outbox_status AND o.locked_until < ${p.now}))
    ORDER BY o.id
    LIMIT ${p.limit}
    FOR UPDATE OF o SKIP LOCKED`;
}

/** Platforms with room, as SQL parameters (at most `limit` each). */
function roomList(p: ClaimParams): { platform: Platform; room: number }[] {
  return (Object.entries(p.rooms) as [Platform, number][])
    .filter(([, room]) => room > 0)
    .map(([platform, room]) => ({ platform, room: Math.min(room, p.limit) }));
}

/** Claim up to `limit` rows (see module comment). Never sends. */
export async function claimBatch(db: PrismaClient, p: ClaimParams): Promise<ClaimResult> {
  if (roomList(p).length === 0 || p.limit <= 0) return { rows: [], wakeAt: null, exhausted: [] };
  return db.$transaction(
    async (tx) => {
      const candidates = await selectCandidates(tx, p);
      if (candidates.length === 0) return { rows: [], wakeAt: null, exhausted: [] };

      // A row whose sender died after its last allowed attempt is not tried again.
      const exhausted = candidates.filter((c) => c.status === 'SENDING' && c.attempts >= p.maxAttempts);
      const live = candidates.filter((c) => !exhausted.includes(c));
      const deferred: { id: bigint; at: Date }[] = [];

      // Per-chat windows, under a per-group lock.
      const windowed = live.filter((c) => hasChatLimit(p.limits[c.platform]));
      const keys = [...new Map(windowed.map((c) => [chatKey(c), { platform: c.platform, target: c.target, perMinute: p.limits[c.platform]?.perChatPerMinute ?? 0 }])).values()];
      await lockChats(tx, keys);
      const windows = await loadChatWindows(tx, keys, p.now, live.map((c) => c.id));
      const granted = new Map<string, number>();
      const admitted: Candidate[] = [];
      for (const c of live) {
        const limit = p.limits[c.platform];
        const w = windows.get(chatKey(c));
        if (!hasChatLimit(limit) || !w) {
          admitted.push(c);
          continue;
        }
        const key = chatKey(c);
        const busy = w.busy + (granted.get(key) ?? 0);
        const freeAt = chatWindowFreeAt(w.recentDesc, busy, limit.perChatPerMinute, p.now);
        if (freeAt) {
          deferred.push({ id: c.id, at: freeAt });
        } else {
          admitted.push(c);
          granted.set(key, (granted.get(key) ?? 0) + 1);
        }
      }

      const lockedUntil = new Date(p.now.getTime() + p.leaseMs);
      const claimed: ClaimedRow[] = admitted.map((c) => ({
        id: c.id, platform: c.platform, target: c.target, threadId: c.thread_id, kind: c.kind,
        payload: c.payload, editOfId: c.edit_of_id, attempts: c.attempts + 1, lockedUntil,
      }));

      // The attempt is recorded before sending: a crash mid-send still counts.
      if (claimed.length > 0) {
        await tx.$executeRaw`
          UPDATE outbox SET status = 'SENDING'::outbox_status, locked_by = ${p.instanceId},
                 locked_until = ${lockedUntil}, attempts = attempts + 1
          WHERE id = ANY(${claimed.map((r) => r.id)}::bigint[])`;
      }
      if (deferred.length > 0) {
        await tx.$executeRaw`
          UPDATE outbox o SET status = 'PENDING'::outbox_status, next_attempt_at = u.at,
                 locked_by = NULL, locked_until = NULL
          FROM unnest(${deferred.map((d) => d.id)}::bigint[], ${deferred.map((d) => d.at)}::timestamptz[]) AS u(id, at)
          WHERE o.id = u.id`;
      }
      if (exhausted.length > 0) {
        await tx.$executeRaw`
          UPDATE outbox SET status = 'FAILED'::outbox_status, locked_by = NULL, locked_until = NULL,
                 last_error = 'lease expired on the last attempt (sender died?)'
          WHERE id = ANY(${exhausted.map((c) => c.id)}::bigint[])`;
      }
      const wakeAt = deferred.reduce<Date | null>((min, d) => (!min || d.at < min ? d.at : min), null);
      return { rows: claimed, wakeAt, exhausted: exhausted.map((c) => c.id) };
    },
    { maxWait: 10_000, timeout: 20_000 },
  );
}
