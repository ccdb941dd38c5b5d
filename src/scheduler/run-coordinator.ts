/**
 * The scheduler: node-cron fires every job of `allJobs()` on its cron (office timezone) on every
 * replica, and a `job_run (job, slot)` row (job-slot.ts) lets exactly one replica run each slot.
 *
 * Catch-up on start: for each job that has run here before, if its latest slot (the newest
 * occurrence at or before now) has no finished row, it is run once now — only that one slot,
 * never the backlog, since every job looks at the current state anyway (a sweep after two days
 * down sends today's stage, not two days of nudges). A job that never ran (a fresh install, a new
 * job) has nothing to catch up. A slot left `running` by a crashed replica is retried once
 * (see job-slot.ts).
 */
import cron, { type ScheduledTask } from 'node-cron';
import { cronPrevious, floorToMinute } from '../domain/cron-expression.js';
import type { Logger } from '../lib/logger.js';
import type { ServiceContext } from '../services/context.js';
import { allJobs } from './all-jobs.js';
import type { JobDefinition } from './job.js';
import { claimSlot, DEFAULT_STALE_AFTER_MS, finishSlot, type SlotRow } from './job-slot.js';
import { resolveSchedules, type JobScheduleOverrides, type ScheduledJob } from './job-schedules.js';

export interface SchedulerOptions {
  services: ServiceContext;
  log: Logger;
  /** Wake the outbox dispatcher after a job queued messages. */
  kick(): void;
  /** Office timezone the cron expressions are read in (config OFFICE_TIMEZONE). */
  timeZone: string;
  /** Cron per job name, or 'off' (config JOB_SCHEDULES, see parseJobSchedules). */
  overrides?: JobScheduleOverrides;
  /** Written to job_run.instance; unique per replica (config INSTANCE_ID). */
  instanceId: string;
  /** Default: allJobs(). */
  jobs?: readonly JobDefinition[];
  /** A `running` slot row older than this is taken over once (default 30 min). */
  staleAfterMs?: number;
  /** Catch up the latest missed slot of each job on start (default true). */
  catchUp?: boolean;
}

export type SlotOutcome =
  | { job: string; slot: Date; status: 'done'; summary?: string; takenOverFrom?: string }
  | { job: string; slot: Date; status: 'failed'; error: string }
  | { job: string; slot: Date; status: 'skipped'; existing: SlotRow | null };

export interface Scheduler {
  /** Stop firing and wait for runs in progress on this replica. */
  stop(): Promise<void>;
  /** Run a job for the slot at `at` (default now), still once per slot across replicas. */
  runNow(name: string, at?: Date): Promise<SlotOutcome>;
  /** Settles with the catch-up runs once the catch-up on start is over. */
  ready: Promise<SlotOutcome[]>;
  schedules: readonly ScheduledJob[];
}

export interface RunSlotDeps {
  services: ServiceContext;
  log: Logger;
  kick(): void;
  instanceId: string;
  staleAfterMs?: number;
}

/** A copy of the services whose clock stands still at `at` (a job run "as of" a past or future time). */
export function servicesAt(services: ServiceContext, at: Date): ServiceContext {
  const fixed = new Date(at.getTime());
  return { ...services, clock: { now: () => new Date(fixed.getTime()) } };
}

/** Run one slot of one job if this replica wins the slot row. Never throws for a job failure. */
export async function runJobSlot(deps: RunSlotDeps, job: JobDefinition, slot: Date): Promise<SlotOutcome> {
  const { services, log } = deps;
  const claim = await claimSlot(services.db, job.name, slot, deps.instanceId, services.clock.now(), deps.staleAfterMs ?? DEFAULT_STALE_AFTER_MS);
  if (!claim.won) {
    log.debug({ job: job.name, slot, by: claim.existing?.instance }, 'slot already taken');
    return { job: job.name, slot, status: 'skipped', existing: claim.existing };
  }
  if (claim.takenOverFrom) log.warn({ job: job.name, slot, from: claim.takenOverFrom }, 'retrying a slot a crashed replica left running');
  const jobLog = log.child({ job: job.name, slot: slot.toISOString() });
  try {
    const result = await job.run({ services, slot, log: jobLog, kick: deps.kick });
    await finishSlot(services.db, claim.id, services.clock.now());
    deps.kick();
    jobLog.info({ summary: result?.summary }, 'job done');
    return { job: job.name, slot, status: 'done', summary: result?.summary ?? undefined, takenOverFrom: claim.takenOverFrom };
  } catch (e) {
    const error = e instanceof Error ? e.message : String(e);
    jobLog.error({ err: e }, 'job failed');
    await finishSlot(services.db, claim.id, services.clock.now(), error).catch((err: unknown) => jobLog.error({ err }, 'could not record the failure'));
    deps.kick(); // a job may have committed some batches before failing
    return { job: job.name, slot, status: 'failed', error };
  }
}

/** Run the latest missed slot of each job that has run before (see the file comment). */
export async function catchUpMissedSlots(deps: RunSlotDeps, schedules: readonly ScheduledJob[], timeZone: string): Promise<SlotOutcome[]> {
  const out: SlotOutcome[] = [];
  for (const s of schedules) {
    if (!s.cron) continue;
    const now = deps.services.clock.now();
    const latest = cronPrevious(s.cron, timeZone, now);
    if (!latest) continue;
    const prior = await deps.services.db.jobRun.findFirst({ where: { job: s.job.name }, orderBy: { slot: 'desc' } });
    if (!prior || prior.slot.getTime() > latest.getTime()) continue;
    if (prior.slot.getTime() === latest.getTime() && prior.status !== 'running') continue;
    deps.log.info({ job: s.job.name, slot: latest }, 'catching up a missed slot');
    out.push(await runJobSlot(deps, s.job, latest));
  }
  return out;
}

/** Start firing every job on its cron; see SchedulerOptions. */
export function startScheduler(opts: SchedulerOptions): Scheduler {
  const schedules = resolveSchedules(opts.jobs ?? allJobs(), opts.overrides);
  const deps: RunSlotDeps = { services: opts.services, log: opts.log, kick: opts.kick, instanceId: opts.instanceId, staleAfterMs: opts.staleAfterMs };
  const inFlight = new Set<Promise<unknown>>();
  const track = <T>(p: Promise<T>): Promise<T> => {
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p)).catch(() => {});
    return p;
  };
  const byName = new Map(schedules.map((s) => [s.job.name, s]));
  const cronLog = {
    info: (m: string) => opts.log.debug(m),
    warn: (m: string) => opts.log.warn(m),
    error: (m: string | Error) => opts.log.error({ err: m }, 'node-cron'),
    debug: (m: string | Error) => opts.log.debug({ msg: String(m) }, 'node-cron'),
  };

  const ready = track(
    opts.catchUp === false
      ? Promise.resolve<SlotOutcome[]>([])
      : catchUpMissedSlots(deps, schedules, opts.timeZone).catch((err: unknown) => {
          opts.log.error({ err }, 'catch-up of missed slots failed');
          return [];
        }),
  );

  const tasks: ScheduledTask[] = [];
  for (const s of schedules) {
    if (!s.cron) {
      opts.log.info({ job: s.job.name }, 'job switched off by JOB_SCHEDULES');
      continue;
    }
    const fire = (ctx: { date: Date }): Promise<unknown> =>
      track(runJobSlot(deps, s.job, floorToMinute(ctx.date)).catch((err: unknown) => opts.log.error({ err, job: s.job.name }, 'could not run a slot')));
    tasks.push(cron.schedule(s.cron, fire, { timezone: opts.timeZone, name: `penghubung:${s.job.name}`, noOverlap: true, logger: cronLog }));
  }
  opts.log.info({ jobs: schedules.filter((s) => s.cron).length, timeZone: opts.timeZone }, 'scheduler started');

  return {
    schedules,
    ready,
    async runNow(name, at) {
      const s = byName.get(name);
      if (!s) throw new Error(`unknown job "${name}"; jobs are ${[...byName.keys()].sort().join(', ')}`);
      const services = at ? servicesAt(opts.services, at) : opts.services;
      const slot = floorToMinute(at ?? opts.services.clock.now());
      return track(runJobSlot({ ...deps, services }, s.job, slot));
    },
    async stop() {
      for (const t of tasks) await Promise.resolve(t.destroy()).catch(() => {});
      await Promise.allSettled([...inFlight]);
      opts.log.info('scheduler stopped');
    },
  };
}
