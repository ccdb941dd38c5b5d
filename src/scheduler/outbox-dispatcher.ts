/**
 * The outbox dispatcher: every message the bot sends goes through it, on every replica.
 *
 * Life of a row: claim (outbox-claim.ts: a short transaction, FOR UPDATE SKIP LOCKED, status
 * SENDING, lease, attempts + 1 recorded before sending, per-chat rate window) → commit → take a
 * platform send slot (rate-limit.ts) → send through the platform's ChatPort, never inside a
 * transaction (outbox-send.ts) → SENT with the platform message id and sent_at, or retry /
 * FAILED / CANCELLED by SendError kind (outbox-finish.ts).
 *
 * Ordering: only the oldest unfinished row of a chat (platform, target, thread) can be claimed,
 * so each chat is sent strictly in order, one message at a time, across all replicas; different
 * chats are sent concurrently.
 *
 * DELIVERY GUARANTEE — AT MOST ONCE, EXCEPT ONE WINDOW. A row is sent at most once, except when a
 * replica dies (or stalls past its lease) after the platform accepted the message but before its
 * SENT update committed: when the lease (`leaseMs`) runs out another replica claims the row again
 * and the message is sent a second time. Neither Telegram nor WhatsApp offers an idempotency key,
 * so this window cannot be closed from our side; it is kept small by writing SENT right after
 * the send (with a few retries) and by keeping port timeouts well below the lease. A crash
 * before the platform accepted the message does not duplicate anything: the row is simply
 * retried after the lease. Duplicate *enqueues* are prevented by Outbox.dedupeKey (unique).
 *
 * Logs carry ids, platform, target and kind only — never the message text (personal data).
 */
import type { PrismaClient } from '../generated/prisma/client.js';
import type { ChatPort } from '../adapters/port.js';
import type { Platform } from '../domain/types.js';
import { systemClock, type Clock } from '../lib/clock.js';
import type { Logger } from '../lib/logger.js';
import { claimBatch, type ClaimedRow } from './outbox-claim.js';
import { errorText, RowSender } from './outbox-send.js';
import { platformCapacity, resolveLimits, slotHorizonMs, type Limits, type ResolvedLimits } from './rate-limit.js';

export type { PlatformLimit, Limits } from './rate-limit.js';

/** Construction options of the dispatcher (one per replica). */
export interface DispatcherOptions {
  db: PrismaClient;
  ports: Partial<Record<Platform, ChatPort>>;
  log: Logger;
  /** Time source for leases, retries and rate windows; replicas' clocks must agree (NTP). */
  clock?: Clock;
  /** Written to outbox.locked_by; unique per replica. */
  instanceId: string;
  /** Rows claimed per transaction (default 20). */
  batchSize?: number;
  /** Poll interval when idle (default 1000 ms). */
  idleMs?: number;
  /** How long a claimed row is ours (default 60 s); port timeouts must be well below it. */
  leaseMs?: number;
  /** Per-platform limits; defaults in rate-limit.ts (Telegram 20/min/chat + 30/s, WhatsApp 10/min/chat + 1/s with jitter). */
  limits?: Limits;
  /** Transient failures before a row is FAILED (default 8). */
  maxAttempts?: number;
  /** Exponential retry backoff (default 1 s doubling, at most 5 min). */
  backoff?: { baseMs: number; maxMs: number };
  /** Rows in flight at once on this replica, across chats (default 2 × batchSize). */
  maxInFlight?: number;
}

/** Sends outbox rows through the chat ports; one per replica. */
export class OutboxDispatcher {
  private readonly db: PrismaClient;
  private readonly log: Logger;
  private readonly clock: Clock;
  private readonly ports: Partial<Record<Platform, ChatPort>>;
  private readonly platforms: Platform[];
  private readonly limits: ResolvedLimits;
  private readonly cfg: { instanceId: string; batchSize: number; idleMs: number; leaseMs: number; maxAttempts: number; backoff: { baseMs: number; maxMs: number }; maxInFlight: number };

  private running = false;
  private loopDone: Promise<void> = Promise.resolve();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly inFlightBy = new Map<Platform, number>();
  private woken = false;
  private wakeWaiter: (() => void) | null = null;
  private wakeTimer: NodeJS.Timeout | null = null;
  private wakeTimerAt = Infinity;
  private readonly sender: RowSender;

  constructor(opts: DispatcherOptions) {
    this.db = opts.db;
    this.log = opts.log;
    this.clock = opts.clock ?? systemClock;
    this.ports = opts.ports;
    this.platforms = (Object.keys(opts.ports) as Platform[]).filter((p) => opts.ports[p]);
    this.limits = resolveLimits(opts.limits);
    const batchSize = Math.max(1, opts.batchSize ?? 20);
    this.cfg = {
      instanceId: opts.instanceId,
      batchSize,
      idleMs: opts.idleMs ?? 1_000,
      leaseMs: opts.leaseMs ?? 60_000,
      maxAttempts: Math.max(1, opts.maxAttempts ?? 8),
      backoff: opts.backoff ?? { baseMs: 1_000, maxMs: 5 * 60_000 },
      maxInFlight: Math.max(1, opts.maxInFlight ?? batchSize * 2),
    };
    const { instanceId, leaseMs, maxAttempts, backoff } = this.cfg;
    this.sender = new RowSender({
      db: this.db, ports: this.ports, log: this.log, clock: this.clock, limits: this.limits,
      instanceId, leaseMs, maxAttempts, backoff,
      wake: () => this.wake(),
      wakeAt: (at) => this.wakeAt(at),
    });
  }

  /** Start the loop (idempotent). */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.sender.warmUp(this.platforms);
    this.loopDone = this.loop();
  }

  /** Stop claiming, then wait for the sends already in flight to finish and be recorded. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    this.clearWakeTimer();
    await this.loopDone;
    await Promise.allSettled([...this.inFlight]);
  }

  /** Wake the loop now: new rows were committed (replies show up in tens of ms). */
  kick(): void {
    this.wake();
  }

  /** Claim one batch and send it to the end; returns the rows processed (tests, `jobs run`). */
  async runOnce(): Promise<number> {
    const rows = await this.claim(this.cfg.batchSize);
    await Promise.all(rows.map((r) => this.sender.process(r)));
    return rows.length;
  }

  private async loop(): Promise<void> {
    let errors = 0;
    while (this.running) {
      // Cleared before claiming: a kick that lands during the claim triggers another one.
      this.woken = false;
      const room = this.cfg.maxInFlight - this.inFlight.size;
      let full = false;
      if (room > 0) {
        const limit = Math.min(this.cfg.batchSize, room);
        try {
          const rows = await this.claim(limit);
          errors = 0;
          for (const r of rows) this.track(r, this.sender.process(r));
          full = rows.length === limit;
        } catch (e) {
          errors++;
          this.log.warn({ err: errorText(e), instance: this.cfg.instanceId }, 'outbox claim failed; retrying');
          // Back off while the database is away; stop() still ends the wait at once.
          this.woken = false;
          await this.waitForWake(Math.min(this.cfg.idleMs * errors, 30_000));
          continue;
        }
      }
      // A full batch suggests more rows are waiting: claim again at once.
      if (full && this.inFlight.size < this.cfg.maxInFlight) continue;
      await this.waitForWake(this.cfg.idleMs);
    }
  }

  private async claim(limit: number): Promise<ClaimedRow[]> {
    const rooms: Partial<Record<Platform, number>> = {};
    for (const p of this.platforms) {
      const cap = platformCapacity(this.limits[p], slotHorizonMs(this.cfg.leaseMs));
      rooms[p] = Math.min(limit, cap - (this.inFlightBy.get(p) ?? 0));
    }
    const res = await claimBatch(this.db, {
      instanceId: this.cfg.instanceId, now: this.clock.now(), leaseMs: this.cfg.leaseMs, limit,
      rooms, limits: this.limits, maxAttempts: this.cfg.maxAttempts,
    });
    if (res.wakeAt) this.wakeAt(res.wakeAt);
    for (const id of res.exhausted) this.log.warn({ outboxId: String(id) }, 'outbox row failed: its sender died on the last attempt');
    return res.rows;
  }

  private track(row: ClaimedRow, p: Promise<void>): void {
    this.inFlight.add(p);
    this.inFlightBy.set(row.platform, (this.inFlightBy.get(row.platform) ?? 0) + 1);
    void p.finally(() => {
      this.inFlight.delete(p);
      this.inFlightBy.set(row.platform, (this.inFlightBy.get(row.platform) ?? 1) - 1);
    });
  }

  private wake(): void {
    this.woken = true;
    const w = this.wakeWaiter;
    this.wakeWaiter = null;
    w?.();
  }

  /** Wake the loop at `at` (a retry or a rate-limit window opens); keeps only the earliest. */
  private wakeAt(at: Date): void {
    if (!this.running) return;
    const delay = at.getTime() - this.clock.now().getTime();
    if (delay <= 0) return this.wake();
    const due = Date.now() + delay;
    if (this.wakeTimer && due >= this.wakeTimerAt) return;
    this.clearWakeTimer();
    this.wakeTimerAt = due;
    this.wakeTimer = setTimeout(() => {
      this.wakeTimer = null;
      this.wakeTimerAt = Infinity;
      this.wake();
    }, delay + 2);
  }

  private clearWakeTimer(): void {
    if (this.wakeTimer) clearTimeout(this.wakeTimer);
    this.wakeTimer = null;
    this.wakeTimerAt = Infinity;
  }

  private waitForWake(ms: number): Promise<void> {
    if (this.woken || !this.running) return Promise.resolve();
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        this.wakeWaiter = null;
        resolve();
      }, ms);
      this.wakeWaiter = () => {
        clearTimeout(t);
        resolve();
      };
    });
  }
}
