/**
 * Sending one claimed row through its platform port and recording the outcome (see
 * outbox-dispatcher.ts for the life of a row). Nothing here runs inside a transaction.
 */
import type { PrismaClient } from '../generated/prisma/client.js';
import { isSendError, type ChatPort } from '../adapters/port.js';
import type { Platform } from '../domain/types.js';
import type { Clock } from '../lib/clock.js';
import type { Logger } from '../lib/logger.js';
import { inc } from '../lib/metrics.js';
import type { OutMessage, Target } from '../lib/message.js';
import type { ClaimedRow } from './outbox-claim.js';
import { markChatGone, markFinal, markRetry, markSent, shortError, type ClaimToken } from './outbox-finish.js';
import { backoffMs, databaseClockOffset, hasPlatformLimit, reserveSlot, slotHorizonMs, type ResolvedLimits } from './rate-limit.js';

/** What the sender needs from its dispatcher. */
export interface SenderDeps {
  db: PrismaClient;
  ports: Partial<Record<Platform, ChatPort>>;
  log: Logger;
  clock: Clock;
  limits: ResolvedLimits;
  instanceId: string;
  leaseMs: number;
  maxAttempts: number;
  backoff: { baseMs: number; maxMs: number };
  /** Wake the claim loop now (the chat's next row is claimable) or at a time (a retry is due). */
  wake(): void;
  wakeAt(at: Date): void;
}

const RATE_LIMIT_DEFAULT_MS = 1_000;
const UNFINISHED_ORIGINAL_RETRY_MS = 1_000;
/** A send this late for its platform slot takes a new one (the pacing keeps ~50 ms of slack a second at 30/s). */
const LATE_FOR_SLOT_MS = 10;
/** Each round waits at most the horizon (a quarter of the lease): three stay within the lease. */
const MAX_SLOT_ROUNDS = 3;
const OFFSET_TTL_MS = 5 * 60_000;

/** A plain timer promise. */
export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** An error for logs and last_error: name and message, never a payload. */
export function errorText(e: unknown): string {
  if (e instanceof Error) return `${e.name}: ${e.message}`;
  return String(e);
}

/** A stored payload as a message; null when it is not one. */
function toMessage(payload: unknown): OutMessage | null {
  if (typeof payload !== 'object' || payload === null) return null;
  const p = payload as Partial<OutMessage>;
  return typeof p.text === 'string' ? (p as OutMessage) : null;
}

/** Sends claimed rows; one per dispatcher. */
export class RowSender {
  private offset: { value: number; at: number } | null = null;
  private offsetPending: Promise<number> | null = null;

  constructor(private readonly deps: SenderDeps) {}

  /** Send one claimed row and record the outcome. Never throws. */
  async process(row: ClaimedRow): Promise<void> {
    const tok: ClaimToken = { id: row.id, instanceId: this.deps.instanceId, attempts: row.attempts };
    const meta = { outboxId: String(row.id), platform: row.platform, target: row.target, kind: row.kind, attempt: row.attempts };
    try {
      const port = this.deps.ports[row.platform];
      const message = toMessage(row.payload);
      if (!port || !message) {
        await markFinal(this.deps.db, tok, 'FAILED', port ? 'rejected: payload is not a message' : `no port for ${row.platform}`);
        this.deps.log.warn(meta, 'outbox row failed: unusable');
        return;
      }
      const target: Target = { platform: row.platform, chatId: row.target, threadId: row.threadId || undefined };
      let original: string | null = null;
      if (row.kind === 'edit') {
        original = await this.resolveOriginal(row, tok, meta);
        if (original === null) return;
      }
      if (!(await this.waitForSlot(row, tok))) return;
      const started = Date.now();
      let messageId: string | null;
      try {
        messageId = original !== null ? (await port.edit(target, original, message)).messageId : (await port.send(target, message)).messageId;
      } catch (e) {
        if (isSendError(e) && e.kind === 'not_modified') {
          messageId = original;
        } else {
          await this.onFailure(row, tok, meta, e);
          return;
        }
      }
      await this.recordSent(tok, messageId, meta);
      inc('penghubung_outbox_sent_total', 'Messages and edits the platform accepted (this process)', { platform: row.platform });
      this.deps.log.debug({ ...meta, ms: Date.now() - started }, 'outbox sent');
    } catch (e) {
      // Only database trouble gets here; the lease expires and the row is retried.
      this.deps.log.warn({ ...meta, err: errorText(e) }, 'outbox bookkeeping failed; the row is retried after its lease');
    } finally {
      this.deps.wake();
    }
  }

  /**
   * Take the platform's next send slot and sleep until it; false when the row was put back. A
   * sender held up past its slot (busy event loop, GC, a slow answer) takes a fresh slot instead
   * of sending late, where it would crowd the next sender's slot.
   */
  private async waitForSlot(row: ClaimedRow, tok: ClaimToken): Promise<boolean> {
    const limit = this.deps.limits[row.platform];
    if (!hasPlatformLimit(limit)) return true;
    const offset = await this.dbClockOffset();
    for (let round = 1; ; round++) {
      const res = await reserveSlot(this.deps.db, row.platform, { horizonMs: slotHorizonMs(this.deps.leaseMs), limit });
      if ('retryInMs' in res) {
        // The platform is booked beyond the horizon: give the row (and its attempt) back.
        const at = new Date(this.deps.clock.now().getTime() + res.retryInMs);
        await markRetry(this.deps.db, tok, at, 'waiting for a platform send slot', false);
        this.deps.wakeAt(at);
        return false;
      }
      const deadline = res.slotMs - offset;
      const wait = deadline - Date.now();
      if (wait > 0) await sleep(wait);
      if (Date.now() - deadline <= LATE_FOR_SLOT_MS || round >= MAX_SLOT_ROUNDS) return true;
    }
  }

  /**
   * Measure the database clock's offset ahead of the first send (a few round trips that would
   * otherwise delay the first message after a start); only when a platform is paced.
   */
  warmUp(platforms: readonly Platform[]): void {
    if (!platforms.some((p) => hasPlatformLimit(this.deps.limits[p]))) return;
    this.dbClockOffset().catch(() => {}); // measured again on the first send if this failed
  }

  /** The database clock's offset (slots are in database time), measured every few minutes. */
  private async dbClockOffset(): Promise<number> {
    const now = Date.now();
    if (this.offset && now - this.offset.at <= OFFSET_TTL_MS) return this.offset.value;
    // One measurement at a time, shared by the senders that need it.
    this.offsetPending ??= databaseClockOffset(this.deps.db)
      .then((value) => {
        this.offset = { value, at: now };
        return value;
      })
      .finally(() => {
        this.offsetPending = null;
      });
    return this.offsetPending;
  }

  /** The platform message id to edit, or null when the edit was cancelled or postponed. */
  private async resolveOriginal(row: ClaimedRow, tok: ClaimToken, meta: object): Promise<string | null> {
    const orig = row.editOfId === null ? null : await this.deps.db.outbox.findUnique({ where: { id: row.editOfId }, select: { status: true, platformMessageId: true } });
    if (orig && (orig.status === 'PENDING' || orig.status === 'SENDING')) {
      // Normally impossible (the original is older, in the same chat); wait for it.
      const at = new Date(this.deps.clock.now().getTime() + UNFINISHED_ORIGINAL_RETRY_MS);
      await markRetry(this.deps.db, tok, at, 'original not sent yet', false);
      this.deps.wakeAt(at);
      return null;
    }
    if (!orig || orig.status !== 'SENT' || !orig.platformMessageId) {
      await markFinal(this.deps.db, tok, 'CANCELLED', `original ${orig ? orig.status : 'missing'}: nothing to edit`);
      this.deps.log.debug(meta, 'outbox edit cancelled: original was not sent');
      return null;
    }
    return orig.platformMessageId;
  }

  /** SENT, retried a few times: failing here after the platform accepted is the duplicate window. */
  private async recordSent(tok: ClaimToken, messageId: string | null, meta: object): Promise<void> {
    for (let i = 0; ; i++) {
      try {
        const owned = await markSent(this.deps.db, tok, messageId, this.deps.clock.now());
        if (!owned) this.deps.log.warn(meta, 'outbox row sent after its lease ran out; another replica may send it again');
        return;
      } catch (e) {
        if (i >= 2) throw e;
        await sleep(200 * (i + 1));
      }
    }
  }

  private async onFailure(row: ClaimedRow, tok: ClaimToken, meta: object, e: unknown): Promise<void> {
    const kind = isSendError(e) ? e.kind : 'transient';
    const err = errorText(e);
    const now = this.deps.clock.now().getTime();
    if (kind === 'rate_limited') inc('penghubung_outbox_rate_limited_total', 'Sends the platform refused with 429 (this process)', { platform: row.platform });
    else inc('penghubung_outbox_failed_total', 'Failed send attempts by failure kind (this process)', { platform: row.platform, kind });
    if (kind === 'rate_limited') {
      const waitMs = isSendError(e) && e.retryAfterMs && e.retryAfterMs > 0 ? e.retryAfterMs : RATE_LIMIT_DEFAULT_MS;
      const at = new Date(now + waitMs);
      await markRetry(this.deps.db, tok, at, `rate_limited: ${err}`, false);
      this.deps.wakeAt(at);
      this.deps.log.warn({ ...meta, failure: kind, retryInMs: waitMs }, 'outbox send rate limited');
    } else if (kind === 'chat_gone') {
      const r = await markChatGone(this.deps.db, tok, row, isSendError(e) ? e.message : err);
      this.deps.log.warn({ ...meta, failure: kind, chatId: r.chatId, cancelled: r.cancelled, alerts: r.alerts, err: shortError(err) }, 'outbox chat gone');
      if (r.alerts > 0) this.deps.wake();
    } else if (kind === 'rejected' || row.attempts >= this.deps.maxAttempts) {
      await markFinal(this.deps.db, tok, 'FAILED', `${kind}: ${err}`);
      this.deps.log.warn({ ...meta, failure: kind, err: shortError(err) }, 'outbox row failed');
    } else {
      const waitMs = backoffMs(row.attempts, this.deps.backoff.baseMs, this.deps.backoff.maxMs);
      const at = new Date(now + waitMs);
      await markRetry(this.deps.db, tok, at, `${kind}: ${err}`, true);
      this.deps.wakeAt(at);
      this.deps.log.warn({ ...meta, failure: kind, retryInMs: waitMs, err: shortError(err) }, 'outbox send failed; retrying');
    }
  }
}
