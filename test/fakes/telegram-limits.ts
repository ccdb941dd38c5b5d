/**
 * Fault injection and rate-limit bookkeeping for the fake Bot API.
 *
 * Delivery tests need two things the real Telegram provides implicitly: errors at chosen
 * moments (429 with retry_after, 5xx, 403, slow answers) and the limits themselves (about
 * 20 messages a minute into one group, about 30 a second overall), both observable and,
 * optionally, enforced with computed retry_after values.
 */
import { TelegramError } from './telegram-params.js';

export type FaultSpec =
  | { code: 429; retryAfter: number }
  | { code: 500 | 502 | 400 | 403; description?: string }
  /** Delay the answer by this many ms (the call is still executed), to provoke client timeouts. */
  | { hang: number };

export interface RateLimits {
  perChatPerMinute?: number;
  perSecond?: number;
}

const FAULT_DESCRIPTIONS: Record<number, string> = {
  400: 'Bad Request',
  403: 'Forbidden: bot was kicked from the group chat',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
};

export function faultError(fault: Exclude<FaultSpec, { hang: number }>): TelegramError {
  if (fault.code === 429) {
    return new TelegramError(429, `Too Many Requests: retry after ${fault.retryAfter}`, { retry_after: fault.retryAfter });
  }
  return new TelegramError(fault.code, fault.description ?? FAULT_DESCRIPTIONS[fault.code] ?? 'Error');
}

/** Per-method queues of scripted failures; method names are case-insensitive like the API's. */
export class FaultQueue {
  private readonly queues = new Map<string, Array<{ remaining: number; spec: FaultSpec }>>();

  add(method: string, count: number, spec: FaultSpec): void {
    if (!Number.isInteger(count) || count < 1) throw new Error(`failNext: count must be a positive integer, got ${count}`);
    const key = method.toLowerCase();
    this.queues.set(key, [...(this.queues.get(key) ?? []), { remaining: count, spec }]);
  }

  take(method: string): FaultSpec | undefined {
    const queue = this.queues.get(method.toLowerCase());
    const head = queue?.[0];
    if (!queue || !head) return undefined;
    head.remaining -= 1;
    if (head.remaining <= 0) queue.shift();
    return head.spec;
  }

  clear(): void {
    this.queues.clear();
  }
}

/** Largest number of timestamps that fit in any window of `windowMs` (two pointers, sorted input). */
function maxInWindow(times: number[], windowMs: number): number {
  let best = 0;
  for (let i = 0, j = 0; j < times.length; j++) {
    while ((times[j] ?? 0) - (times[i] ?? 0) >= windowMs) i++;
    best = Math.max(best, j - i + 1);
  }
  return best;
}

/** Seconds until one more call fits under `limit` in a `windowMs` window, or undefined if it fits now. */
function retryAfter(times: number[], limit: number | undefined, windowMs: number, now: number): number | undefined {
  if (limit === undefined) return undefined;
  const recent = times.filter((t) => t > now - windowMs).sort((a, b) => a - b);
  if (recent.length < limit) return undefined;
  // A slot frees up once the (count - limit + 1)-th oldest call leaves the window.
  const freesAt = (recent[recent.length - limit] ?? now) + windowMs;
  return Math.max(1, Math.ceil((freesAt - now) / 1000));
}

/** Accepted message deliveries, for observing and optionally enforcing Telegram's limits. */
export class DeliveryLog {
  private deliveries: Array<{ chatId: number; at: number }> = [];
  private limits: RateLimits = {};
  private rejected = 0;

  record(chatId: number, at: number): void {
    this.deliveries.push({ chatId, at });
  }

  enforce(limits: RateLimits | undefined): void {
    this.limits = { ...limits };
  }

  get enforcing(): boolean {
    return this.limits.perChatPerMinute !== undefined || this.limits.perSecond !== undefined;
  }

  /** The 429 to answer if one more message into `chatId` now would exceed an enforced limit. */
  check(chatId: number, now: number): TelegramError | undefined {
    const retry =
      retryAfter(this.deliveries.filter((d) => d.chatId === chatId).map((d) => d.at), this.limits.perChatPerMinute, 60_000, now) ??
      retryAfter(this.deliveries.map((d) => d.at), this.limits.perSecond, 1_000, now);
    if (retry === undefined) return undefined;
    this.rejected += 1;
    return new TelegramError(429, `Too Many Requests: retry after ${retry}`, { retry_after: retry });
  }

  rateLimited(): number {
    return this.rejected;
  }

  maxPerChatPerMinute(): number {
    const byChat = new Map<number, number[]>();
    for (const d of this.deliveries) byChat.set(d.chatId, [...(byChat.get(d.chatId) ?? []), d.at]);
    return Math.max(0, ...[...byChat.values()].map((times) => maxInWindow(times.sort((a, b) => a - b), 60_000)));
  }

  maxPerSecond(): number {
    return maxInWindow(this.deliveries.map((d) => d.at).sort((a, b) => a - b), 1_000);
  }

  /** Forgets history and the 429 counter; the enforced limits stay. */
  clear(): void {
    this.deliveries = [];
    this.rejected = 0;
  }
}
