/**
 * GET /healthz: the database answers, the outbox queue depth, and whatever other parts of the
 * process register (e.g. the WhatsApp client's connection state). 200 when every check is ok,
 * 503 otherwise. Details must not carry secrets or personal data: the endpoint needs no token.
 *
 * ```ts
 * const unregister = registerHealth('whatsapp', () => ({ ok: client.ready, detail: { state: client.state } }));
 * ```
 */
import type { PrismaClient } from '../generated/prisma/client.js';

export interface HealthState {
  ok: boolean;
  detail?: unknown;
}

export type HealthCheck = () => HealthState | Promise<HealthState>;

const registered = new Map<string, HealthCheck>();

/** Add (or replace) a named check for /healthz; returns a function that removes it again. */
export function registerHealth(name: string, check: HealthCheck): () => void {
  registered.set(name, check);
  return () => {
    if (registered.get(name) === check) registered.delete(name);
  };
}

export interface HealthReport {
  status: 'ok' | 'fail';
  checks: Record<string, HealthState>;
}

const errorDetail = (e: unknown): string => (e instanceof Error ? `${e.name}: ${e.message}` : String(e)).slice(0, 200);

/** A check that throws or hangs is a failed check, never a hung or crashed endpoint. */
async function run(check: HealthCheck, timeoutMs: number): Promise<HealthState> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<HealthState>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, detail: `no answer within ${timeoutMs} ms` }), timeoutMs);
  });
  try {
    const state = await Promise.race([Promise.resolve().then(check), timeout]);
    return typeof state?.ok === 'boolean' ? state : { ok: false, detail: 'the check returned no state' };
  } catch (e) {
    return { ok: false, detail: errorDetail(e) };
  } finally {
    clearTimeout(timer);
  }
}

/** The built-in checks: the database, and the outbox depth (informational: a queue is not an outage). */
export function coreChecks(db: PrismaClient): Record<string, HealthCheck> {
  return {
    database: async () => {
      await db.$queryRaw`SELECT 1`;
      return { ok: true };
    },
    outbox: async () => {
      const [row] = await db.$queryRaw<{ pending: number; sending: number; oldest: Date | null }[]>`
        SELECT count(*) FILTER (WHERE status = 'PENDING')::int AS pending,
               count(*) FILTER (WHERE status = 'SENDING')::int AS sending,
               min(created_at) FILTER (WHERE status = 'PENDING') AS oldest
        FROM outbox WHERE status IN ('PENDING', 'SENDING')`;
      return { ok: true, detail: { pending: Number(row?.pending ?? 0), sending: Number(row?.sending ?? 0), oldestPendingAt: row?.oldest ? new Date(row.oldest).toISOString() : null } };
    },
  };
}

/** Run the core checks and every registered one, concurrently. */
export async function checkHealth(core: Record<string, HealthCheck>, timeoutMs = 3_000): Promise<HealthReport> {
  const all = [...Object.entries(core), ...[...registered].filter(([name]) => !(name in core))];
  const results = await Promise.all(all.map(async ([name, check]) => [name, await run(check, timeoutMs)] as const));
  const checks = Object.fromEntries(results);
  return { status: results.every(([, s]) => s.ok) ? 'ok' : 'fail', checks };
}
