/**
 * A ChatPort for tests: records what was delivered (per target, in order, with timestamps), and
 * can fail on demand (rules or seeded random 429/5xx), add latency, or hang like a dead process.
 * A failed or hung call delivers nothing, so "exactly once" is countable at the port.
 */
import { SendError, type ChatPort, type SendFailureKind } from '../../src/adapters/port.js';
import type { Platform } from '../../src/domain/types.js';
import { systemClock, type Clock } from '../../src/lib/clock.js';
import type { OutMessage, Target } from '../../src/lib/message.js';

/** A message the fake platform accepted. */
export interface Delivery {
  /** Global order of deliveries across every port sharing the log. */
  seq: number;
  /** When the request reached the port (clock ms, and real ms); the latency comes after. */
  at: number;
  realAt: number;
  port: string;
  op: 'send' | 'edit';
  target: string;
  threadId: string;
  text: string;
  messageId: string;
  /** For edits: the message id that was edited. */
  editOf?: string;
}

/** Any call to the fake, with its outcome. */
export interface Call {
  at: number;
  port: string;
  op: 'send' | 'edit';
  target: string;
  threadId: string;
  text: string;
  editOf?: string;
  outcome: 'delivered' | SendFailureKind | 'hung';
}

/** Deliveries shared by several ports (several replicas talking to one platform). */
export class DeliveryLog {
  readonly deliveries: Delivery[] = [];
  private nextId = 1;

  newMessageId(): string {
    return `m${this.nextId++}`;
  }

  /** Texts delivered to one chat, in delivery order (optionally one forum topic). */
  texts(target: string, threadId?: string): string[] {
    return this.deliveries.filter((d) => d.target === target && (threadId === undefined || d.threadId === threadId)).map((d) => d.text);
  }

  /** How many times each text was delivered. */
  countByText(): Map<string, number> {
    const m = new Map<string, number>();
    for (const d of this.deliveries) m.set(d.text, (m.get(d.text) ?? 0) + 1);
    return m;
  }

  /** The most deliveries into one target within any window of `windowMs` (by clock time). */
  maxInWindow(windowMs: number, target?: string): number {
    const byTarget = new Map<string, number[]>();
    for (const d of this.deliveries) {
      if (target !== undefined && d.target !== target) continue;
      const key = target === undefined ? d.target : target;
      const list = byTarget.get(key) ?? [];
      list.push(d.at);
      byTarget.set(key, list);
    }
    let max = 0;
    for (const times of byTarget.values()) max = Math.max(max, maxInWindow(times, windowMs));
    return max;
  }
}

/** The most timestamps within any half-open window [t, t + windowMs). */
export function maxInWindow(times: readonly number[], windowMs: number): number {
  const t = [...times].sort((a, b) => a - b);
  let max = 0;
  let lo = 0;
  for (let hi = 0; hi < t.length; hi++) {
    while ((t[hi] ?? 0) - (t[lo] ?? 0) >= windowMs) lo++;
    max = Math.max(max, hi - lo + 1);
  }
  return max;
}

/** Fail matching calls with a SendError of `kind`. */
export interface FailureRule {
  target?: string;
  op?: 'send' | 'edit';
  /** Only calls whose text contains this. */
  textIncludes?: string;
  kind: SendFailureKind;
  /** How many calls fail (default: every matching call). */
  times?: number;
  retryAfterMs?: number;
  message?: string;
}

/** Seeded random 429s and 5xx. */
export interface RandomFailures {
  seed: number;
  /** Probability of a 429 per call, and its retry_after. */
  rateLimited: number;
  retryAfterMs: number;
  /** Probability of a 5xx per call. */
  transient: number;
}

/** Options of a FakePort. */
export interface FakePortOptions {
  platform?: Platform;
  name?: string;
  log?: DeliveryLog;
  clock?: Clock;
  /** Fixed latency, or a [min, max] range drawn from the seeded generator. */
  latencyMs?: number | [number, number];
  random?: RandomFailures;
}

/** mulberry32: a small seeded generator, so random failures replay the same way. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** A fake platform connection (see the module comment). */
export class FakePort implements ChatPort {
  readonly platform: Platform;
  readonly name: string;
  readonly log: DeliveryLog;
  readonly calls: Call[] = [];
  /** Highest number of concurrent calls into one chat (target + thread) seen. */
  maxConcurrentPerChat = 0;
  private readonly clock: Clock;
  private readonly rules: (FailureRule & { left: number })[] = [];
  private readonly rnd: () => number;
  private readonly active = new Map<string, number>();
  private hanging = false;

  constructor(private readonly opts: FakePortOptions = {}) {
    this.platform = opts.platform ?? 'telegram';
    this.name = opts.name ?? this.platform;
    this.log = opts.log ?? new DeliveryLog();
    this.clock = opts.clock ?? systemClock;
    this.rnd = seeded(opts.random?.seed ?? 1);
  }

  /** Make matching calls fail. */
  fail(rule: FailureRule): this {
    this.rules.push({ ...rule, left: rule.times ?? Infinity });
    return this;
  }

  /** From now on every call hangs forever and delivers nothing (a replica that died mid-send). */
  hang(): void {
    this.hanging = true;
  }

  /** Calls that hung. */
  get hung(): Call[] {
    return this.calls.filter((c) => c.outcome === 'hung');
  }

  /** Deliveries made through this port. */
  get delivered(): Delivery[] {
    return this.log.deliveries.filter((d) => d.port === this.name);
  }

  send(target: Target, message: OutMessage): Promise<{ messageId: string }> {
    return this.call('send', target, message);
  }

  edit(target: Target, messageId: string, message: OutMessage): Promise<{ messageId: string }> {
    return this.call('edit', target, message, messageId);
  }

  private async call(op: 'send' | 'edit', target: Target, message: OutMessage, editOf?: string): Promise<{ messageId: string }> {
    const base = { port: this.name, op, target: target.chatId, threadId: target.threadId ?? '', text: message.text, ...(editOf ? { editOf } : {}) };
    // Timestamps are taken when the request starts (when a platform would count it), not after the latency.
    const at = this.clock.now().getTime();
    const realAt = Date.now();
    if (this.hanging) {
      this.calls.push({ ...base, at, outcome: 'hung' });
      return new Promise<never>(() => {});
    }
    const chat = `${base.target}#${base.threadId}`;
    const active = (this.active.get(chat) ?? 0) + 1;
    this.active.set(chat, active);
    this.maxConcurrentPerChat = Math.max(this.maxConcurrentPerChat, active);
    try {
      const latency = this.opts.latencyMs;
      const ms = Array.isArray(latency) ? latency[0] + Math.floor(this.rnd() * (latency[1] - latency[0] + 1)) : (latency ?? 0);
      if (ms > 0) await sleep(ms);
      if (this.hanging) {
        this.calls.push({ ...base, at, outcome: 'hung' });
        return await new Promise<never>(() => {});
      }
      const failure = this.pickFailure(base);
      if (failure) {
        this.calls.push({ ...base, at, outcome: failure.kind });
        throw failure;
      }
      const messageId = op === 'edit' && editOf ? editOf : this.log.newMessageId();
      this.calls.push({ ...base, at, outcome: 'delivered' });
      this.log.deliveries.push({ ...base, seq: this.log.deliveries.length + 1, at, realAt, messageId });
      return { messageId };
    } finally {
      this.active.set(chat, (this.active.get(chat) ?? 1) - 1);
    }
  }

  private pickFailure(c: { op: 'send' | 'edit'; target: string; text: string }): SendError | null {
    for (const r of this.rules) {
      if (r.left <= 0) continue;
      if (r.target !== undefined && r.target !== c.target) continue;
      if (r.op !== undefined && r.op !== c.op) continue;
      if (r.textIncludes !== undefined && !c.text.includes(r.textIncludes)) continue;
      r.left--;
      return new SendError(r.kind, r.message ?? defaultMessage(r.kind), r.retryAfterMs);
    }
    const rf = this.opts.random;
    if (rf) {
      const x = this.rnd();
      if (x < rf.rateLimited) return new SendError('rate_limited', 'Too Many Requests: retry later', rf.retryAfterMs);
      if (x < rf.rateLimited + rf.transient) return new SendError('transient', 'Bad Gateway');
    }
    return null;
  }
}

function defaultMessage(kind: SendFailureKind): string {
  switch (kind) {
    case 'rate_limited': return 'Too Many Requests: retry later';
    case 'transient': return 'Internal Server Error';
    case 'chat_gone': return 'Forbidden: bot was kicked from the group chat';
    case 'rejected': return "Bad Request: can't parse entities";
    case 'not_modified': return 'Bad Request: message is not modified';
  }
}
