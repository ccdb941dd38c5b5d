/**
 * `penghubung jobs list` and `penghubung jobs run <name> [--at <time>]`. A one-shot run takes the
 * same `job_run (job, slot)` row as the bot's scheduler, so a slot still runs once across the
 * bot's replicas and the CLI. Messages it queues stay in the outbox for the running bot to send.
 */
import type { Config } from '../../config.js';
import { cronNext, floorToMinute } from '../../domain/cron-expression.js';
import { isValidLocalDate } from '../../domain/local-date.js';
import { fromLocal } from '../../domain/zoned-clock.js';
import { formatDateTime } from '../../messages/format.js';
import { allJobs } from '../../scheduler/all-jobs.js';
import { lastRuns } from '../../scheduler/job-slot.js';
import { parseJobSchedules, resolveSchedules, type JobScheduleOverrides, type ScheduledJob } from '../../scheduler/job-schedules.js';
import { runJobSlot, servicesAt } from '../../scheduler/run-coordinator.js';
import { UsageError, type CliCommand, type CliEnv } from '../types.js';

/**
 * Overrides from configuration. Config gains `jobSchedules` (parsed JOB_SCHEDULES) when the lead
 * wires it; a raw `jobSchedulesText` is parsed here. Until then there are no overrides.
 */
export function scheduleOverrides(config: Config): JobScheduleOverrides {
  const c = config as Config & { jobSchedules?: JobScheduleOverrides; jobSchedulesText?: string };
  return c.jobSchedules ?? parseJobSchedules(c.jobSchedulesText);
}

function schedules(env: CliEnv): ScheduledJob[] {
  try {
    return resolveSchedules(allJobs(), scheduleOverrides(env.config));
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

/** `--at`: an ISO timestamp; without a zone it is office-local time. */
export function parseAt(input: string, timeZone: string): Date {
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(input.trim());
  if (!m || !isValidLocalDate(m[1]!) || Number(m[2]) > 23 || Number(m[3]) > 59) {
    throw new UsageError(`--at must be a time such as 2026-03-09T08:00 (office time) or 2026-03-09T01:00Z (got "${input}")`);
  }
  if (!m[5]) return fromLocal(m[1]!, Number(m[2]), Number(m[3]), timeZone);
  const at = new Date(input.trim().replace(' ', 'T'));
  if (Number.isNaN(at.getTime())) throw new UsageError(`--at is not a valid time: "${input}"`);
  return at;
}

export const jobsList: CliCommand = {
  path: ['jobs', 'list'],
  summary: 'List scheduled jobs: cron, next run (office time) and the last run',
  usage: 'penghubung jobs list [--json]',
  options: { json: { type: 'boolean' } },
  async run(env, values) {
    const list = schedules(env);
    const tz = env.config.calendar.timeZone;
    const ctx = await env.services();
    const now = ctx.clock.now();
    const last = await lastRuns(ctx.db, list.map((s) => s.job.name));
    const rows = list.map((s) => {
      const next = s.cron ? cronNext(s.cron, tz, now) : null;
      const l = last.get(s.job.name);
      return {
        name: s.job.name,
        cron: s.cron ?? 'off',
        overridden: s.overridden,
        description: s.job.description,
        nextRun: next?.toISOString() ?? null,
        lastRun: l ? { slot: l.slot.toISOString(), status: l.status, instance: l.instance, finishedAt: l.finishedAt?.toISOString() ?? null, error: l.error } : null,
      };
    });
    if (values.json) {
      env.io.out(JSON.stringify(rows));
      return;
    }
    for (const [i, r] of rows.entries()) {
      const l = last.get(r.name);
      const lastText = l ? `${l.status} (slot ${formatDateTime(l.slot, tz)}, ${l.instance})${l.status === 'failed' && l.error ? `: ${l.error.slice(0, 120)}` : ''}` : 'never';
      const nextText = list[i]!.cron ? (r.nextRun ? formatDateTime(new Date(r.nextRun), tz) : 'never') : 'switched off';
      env.io.out(`${r.name}  [${r.cron}]${r.overridden ? ' (JOB_SCHEDULES)' : ''}`);
      env.io.out(`    ${r.description}`);
      env.io.out(`    next: ${nextText} · last: ${lastText}`);
    }
  },
};

export const jobsRun: CliCommand = {
  path: ['jobs', 'run'],
  summary: 'Run one job now for a slot (default: this minute); once per slot, like the scheduler',
  usage: 'penghubung jobs run <name> [--at <ISO time, office time without zone>]',
  options: { at: { type: 'string' } },
  positionals: 1,
  async run(env, values, positionals) {
    const name = positionals[0];
    const list = schedules(env);
    const found = list.find((s) => s.job.name === name);
    if (!name || !found) throw new UsageError(`${name ? `unknown job "${name}"` : 'missing job name'}; jobs are ${list.map((s) => s.job.name).join(', ')}`);
    const tz = env.config.calendar.timeZone;
    const at = typeof values.at === 'string' ? parseAt(values.at, tz) : undefined;
    const base = await env.services();
    const services = at ? servicesAt(base, at) : base;
    const slot = floorToMinute(at ?? base.clock.now());
    const outcome = await runJobSlot({ services, log: env.log, kick: () => {}, instanceId: `cli-${env.config.instanceId}` }, found.job, slot);
    const slotText = formatDateTime(slot, tz);
    switch (outcome.status) {
      case 'done':
        env.io.out(`${name}: done for slot ${slotText}${outcome.summary ? ` — ${outcome.summary}` : ''}`);
        env.io.out('Messages it queued stay in the outbox; the running bot sends them.');
        return 0;
      case 'failed':
        env.io.err(`${name}: failed for slot ${slotText}: ${outcome.error}`);
        return 1;
      case 'skipped': {
        const e = outcome.existing;
        env.io.out(`${name}: already ran for slot ${slotText}${e ? ` (${e.status} on ${e.instance}, started ${formatDateTime(e.startedAt, tz)})` : ''}; nothing done.`);
        return 0;
      }
    }
  },
};

/** CLI commands of this feature; registered in src/cli.ts. */
export const jobsCliCommands: CliCommand[] = [jobsList, jobsRun];
