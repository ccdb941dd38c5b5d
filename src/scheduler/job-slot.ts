/**
 * Once per slot across replicas: a `job_run (job, slot)` row, unique. The replica whose INSERT
 * wins runs the slot; the others skip. The row ends as `done` or `failed` with finished_at.
 *
 * A replica that dies mid-run leaves its row `running`. Such a row older than `staleAfterMs`
 * (default 30 minutes; jobs take seconds) is taken over ONCE by the next replica that looks at the
 * slot (its own cron fire, the catch-up on start, or `jobs run`): the take-over is a conditional
 * UPDATE, so exactly one replica wins it, and it writes a note in `error` that marks the row as
 * already retried. A second crash leaves the slot `running` for good: the next slot comes anyway,
 * and every job is written so that re-running a half-finished slot does no harm (per-report
 * guards such as last_nudged_on, outbox dedupe keys, row locks).
 */
import type { PrismaClient } from '../generated/prisma/client.js';

export const DEFAULT_STALE_AFTER_MS = 30 * 60_000;

export const RETRY_NOTE = 'retry: ';

export interface SlotRow {
  id: bigint;
  job: string;
  slot: Date;
  instance: string;
  status: string;
  startedAt: Date;
  finishedAt: Date | null;
  error: string | null;
}

export type Claim = { won: true; id: bigint; takenOverFrom?: string } | { won: false; existing: SlotRow | null };

/** Try to become the replica that runs (job, slot). */
export async function claimSlot(db: PrismaClient, job: string, slot: Date, instance: string, now: Date, staleAfterMs = DEFAULT_STALE_AFTER_MS): Promise<Claim> {
  const inserted = await db.$queryRaw<{ id: bigint }[]>`
    INSERT INTO job_run (job, slot, instance, status, started_at)
    VALUES (${job}, ${slot}::timestamptz, ${instance}, 'running', ${now}::timestamptz)
    ON CONFLICT (job, slot) DO NOTHING
    RETURNING id`;
  if (inserted[0]) return { won: true, id: inserted[0].id };

  const existing = await db.jobRun.findUnique({ where: { job_slot: { job, slot } } });
  if (existing && existing.status === 'running' && existing.error === null && now.getTime() - existing.startedAt.getTime() > staleAfterMs) {
    const cutoff = new Date(now.getTime() - staleAfterMs);
    const note = `${RETRY_NOTE}run by ${existing.instance} started ${existing.startedAt.toISOString()} did not finish`;
    const taken = await db.$queryRaw<{ id: bigint }[]>`
      UPDATE job_run SET instance = ${instance}, started_at = ${now}::timestamptz, error = ${note}
      WHERE id = ${existing.id} AND status = 'running' AND error IS NULL AND started_at < ${cutoff}::timestamptz
      RETURNING id`;
    if (taken[0]) return { won: true, id: taken[0].id, takenOverFrom: existing.instance };
    return { won: false, existing: await db.jobRun.findUnique({ where: { id: existing.id } }) };
  }
  return { won: false, existing };
}

/** Record the end of a run we claimed. A take-over note stays in `error` on success. */
export async function finishSlot(db: PrismaClient, id: bigint, now: Date, error?: string): Promise<void> {
  if (error === undefined) {
    await db.jobRun.update({ where: { id }, data: { status: 'done', finishedAt: now } });
  } else {
    await db.jobRun.update({ where: { id }, data: { status: 'failed', finishedAt: now, error: error.slice(0, 2000) } });
  }
}

/** The newest slot row of each job (for `jobs list` and the catch-up on start). */
export async function lastRuns(db: PrismaClient, jobs: readonly string[]): Promise<Map<string, SlotRow>> {
  const out = new Map<string, SlotRow>();
  for (const job of jobs) {
    // One indexed look-up per job ((job, slot) unique index, read backwards).
    const row = await db.jobRun.findFirst({ where: { job }, orderBy: { slot: 'desc' } });
    if (row) out.set(job, row);
  }
  return out;
}
