/** Timing helpers: sequential samples of an async call, percentiles in milliseconds. */

export interface Stats {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  max: number;
}

/** The p-th percentile (0–100) of sorted values, nearest rank. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? NaN;
}

export function summarize(samples: readonly number[]): Stats {
  const s = [...samples].sort((a, b) => a - b);
  const sum = s.reduce((a, b) => a + b, 0);
  return { n: s.length, p50: percentile(s, 50), p95: percentile(s, 95), p99: percentile(s, 99), mean: s.length ? sum / s.length : NaN, max: s[s.length - 1] ?? NaN };
}

/** Milliseconds `fn` takes. */
export async function timeMs<T>(fn: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const t = process.hrtime.bigint();
  const result = await fn();
  return { ms: Number(process.hrtime.bigint() - t) / 1e6, result };
}

/**
 * Call `fn(i)` n times one after another (after `warmup` untimed calls) and summarise the
 * latencies. Sequential on purpose: a latency percentile of one user, not a load test.
 */
export async function sampleLatency(n: number, fn: (i: number) => Promise<unknown>, warmup = Math.min(20, Math.ceil(n / 10))): Promise<Stats> {
  for (let i = 0; i < warmup; i++) await fn(n + i);
  const samples: number[] = [];
  for (let i = 0; i < n; i++) samples.push((await timeMs(() => fn(i))).ms);
  return summarize(samples);
}

/** Round for display and results.json: 3 significant decimals below 10, fewer above. */
export function round(v: number): number {
  if (!Number.isFinite(v)) return v;
  const a = Math.abs(v);
  const d = a >= 1000 ? 0 : a >= 100 ? 1 : a >= 10 ? 2 : 3;
  return Number(v.toFixed(d));
}
