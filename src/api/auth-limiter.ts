/**
 * A sliding-window count of failed authentications per client address, to slow down token
 * guessing. It lives in this process's memory: with N replicas behind a load balancer a client
 * gets up to N × `max` tries a window. That is acceptable because a token has 256 random bits;
 * the limit protects logs and the database, not the secret.
 */
export interface LimiterOptions {
  /** Failures allowed per window before the address is refused (default 20). */
  max: number;
  /** Window length in ms (default 60 000). */
  windowMs: number;
  /** Addresses tracked at most; the oldest are forgotten first (default 10 000). */
  maxKeys?: number;
}

export const DEFAULT_LIMITER: LimiterOptions = { max: 20, windowMs: 60_000, maxKeys: 10_000 };

export class FailureLimiter {
  /** Failure times per address, oldest first, at most `max` entries each. */
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly opts: LimiterOptions = DEFAULT_LIMITER) {}

  /** Seconds until `key` may try again, or 0 when it may try now. */
  retryAfterSeconds(key: string, nowMs: number): number {
    const times = this.recent(key, nowMs);
    if (times.length < this.opts.max) return 0;
    return Math.max(1, Math.ceil((times[0]! + this.opts.windowMs - nowMs) / 1000));
  }

  /** Record one failure of `key`. */
  fail(key: string, nowMs: number): void {
    const times = this.recent(key, nowMs);
    times.push(nowMs);
    // Only the newest `max` matter for the verdict; older ones would just hold memory.
    if (times.length > this.opts.max) times.splice(0, times.length - this.opts.max);
    this.failures.delete(key); // re-insert: Map order is then least recently failed first
    this.failures.set(key, times);
    this.evict(nowMs);
  }

  private recent(key: string, nowMs: number): number[] {
    const times = this.failures.get(key);
    if (!times) return [];
    const from = nowMs - this.opts.windowMs;
    const keep = times.filter((t) => t > from);
    if (keep.length === 0) this.failures.delete(key);
    else if (keep.length !== times.length) this.failures.set(key, keep);
    return keep;
  }

  private evict(nowMs: number): void {
    const maxKeys = this.opts.maxKeys ?? DEFAULT_LIMITER.maxKeys!;
    if (this.failures.size <= maxKeys) return;
    for (const key of [...this.failures.keys()]) {
      if (this.failures.size <= maxKeys) return;
      if (this.recent(key, nowMs).length > 0) this.failures.delete(key);
    }
  }
}
