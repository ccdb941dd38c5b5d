/** Drive scheduled jobs with the world's fake clock, slot by slot, and read back what they queued. */
import { cronNext } from '../../src/domain/cron-expression.js';
import { silentLogger } from '../../src/lib/logger.js';
import type { JobDefinition } from '../../src/scheduler/job.js';
import { runJobSlot, type SlotOutcome } from '../../src/scheduler/run-coordinator.js';
import type { ServiceContext } from '../../src/services/context.js';
import type { World } from './world.js';

export interface Queued {
  id: bigint;
  target: string;
  purpose: string;
  reportId: string | null;
  text: string;
  buttons: { label: string; data: string }[];
}

export interface SlotRun {
  slot: Date;
  outcome: SlotOutcome;
  queued: Queued[];
}

const JKT = 'Asia/Jakarta';

/** Office-local (WIB) wall time → instant. */
export function wib(date: string, hh = 9, mm = 0): Date {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, mo - 1, d, hh - 7, mm));
}

export async function lastOutboxId(ctx: ServiceContext): Promise<bigint> {
  return (await ctx.db.outbox.aggregate({ _max: { id: true } }))._max.id ?? 0n;
}

export async function queuedAfter(ctx: ServiceContext, id: bigint): Promise<Queued[]> {
  const rows = await ctx.db.outbox.findMany({ where: { id: { gt: id } }, orderBy: { id: 'asc' } });
  return rows.map((r) => {
    const p = r.payload as { text: string; buttons?: { label: string; data: string }[][] };
    return { id: r.id, target: r.target, purpose: r.purpose, reportId: r.reportId, text: p.text, buttons: p.buttons?.flat() ?? [] };
  });
}

/** Run one slot of a job at `at` (the clock is set there), as the scheduler would. */
export async function runAt(w: World, job: JobDefinition, at: Date, instanceId = 'test-replica'): Promise<SlotRun> {
  w.clock.set(at);
  const before = await lastOutboxId(w.ctx);
  const outcome = await runJobSlot({ services: w.ctx, log: silentLogger(), kick: () => {}, instanceId }, job, at);
  return { slot: at, outcome, queued: await queuedAfter(w.ctx, before) };
}

/** Run every occurrence of `cron` (office time) in (from, to], in order. */
export async function runSlots(w: World, job: JobDefinition, cron: string, from: Date, to: Date): Promise<SlotRun[]> {
  const out: SlotRun[] = [];
  for (let t = cronNext(cron, JKT, from); t && t.getTime() <= to.getTime(); t = cronNext(cron, JKT, t)) {
    out.push(await runAt(w, job, t));
  }
  return out;
}

/** Office-local date (YYYY-MM-DD) of an instant in WIB. */
export function wibDate(at: Date): string {
  return new Date(at.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
}
