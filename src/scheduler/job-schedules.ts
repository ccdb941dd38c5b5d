/**
 * Which cron expression each job runs on: its default, or an override from configuration
 * (`JOB_SCHEDULES="deadline-sweep=*\/15 * * * *;weekly-recap=0 8 * * 1"`). A job can be switched
 * off with the word `off` (`ten-day-check=off`).
 */
import cron from 'node-cron';
import { parseCron } from '../domain/cron-expression.js';
import { isDomainError } from '../domain/errors.js';
import type { JobDefinition } from './job.js';

/** Cron per job name; `off` disables a job. */
export type JobScheduleOverrides = Record<string, string>;

export const JOB_OFF = 'off';

/** Thrown for a bad JOB_SCHEDULES value or an override naming an unknown job. */
export class JobScheduleError extends Error {
  override readonly name = 'JobScheduleError';
}

/** Throws JobScheduleError unless `expression` is a cron both node-cron and our slot maths accept. */
export function checkCron(expression: string, where: string): void {
  try {
    parseCron(expression);
  } catch (e) {
    const why = isDomainError(e) ? String(e.data.expected ?? e.message) : (e as Error).message;
    throw new JobScheduleError(`${where}: invalid cron expression "${expression}" (${why})`);
  }
  if (!cron.validate(expression)) throw new JobScheduleError(`${where}: node-cron refuses "${expression}"`);
}

/**
 * Parse `name=cron;name=cron` (entries separated by ";" or new lines, blanks ignored).
 * parseJobSchedules('deadline-sweep=*\/15 7-16 * * 1-5; ten-day-check=off')
 *   → { 'deadline-sweep': '*\/15 7-16 * * 1-5', 'ten-day-check': 'off' }
 */
export function parseJobSchedules(text: string | undefined): JobScheduleOverrides {
  const out: JobScheduleOverrides = {};
  if (!text) return out;
  for (const raw of text.split(/[;\n]/)) {
    const entry = raw.trim();
    if (entry === '') continue;
    const eq = entry.indexOf('=');
    if (eq <= 0) throw new JobScheduleError(`JOB_SCHEDULES: "${entry}" should be name=cron, e.g. deadline-sweep=*/15 7-16 * * 1-5`);
    const name = entry.slice(0, eq).trim();
    const expression = entry.slice(eq + 1).trim().replace(/\s+/g, ' ');
    if (!/^[a-z0-9][a-z0-9-]*$/.test(name)) throw new JobScheduleError(`JOB_SCHEDULES: "${name}" is not a job name (lower case, digits and "-")`);
    if (name in out) throw new JobScheduleError(`JOB_SCHEDULES: ${name} is given twice`);
    if (expression.toLowerCase() !== JOB_OFF) checkCron(expression, `JOB_SCHEDULES ${name}`);
    out[name] = expression.toLowerCase() === JOB_OFF ? JOB_OFF : expression;
  }
  return out;
}

export interface ScheduledJob {
  job: JobDefinition;
  /** Effective cron, or null when switched off. */
  cron: string | null;
  overridden: boolean;
}

/** Apply overrides to the job table; an override for a job that does not exist is an error. */
export function resolveSchedules(jobs: readonly JobDefinition[], overrides: JobScheduleOverrides = {}): ScheduledJob[] {
  const names = new Set(jobs.map((j) => j.name));
  for (const name of Object.keys(overrides)) {
    if (!names.has(name)) throw new JobScheduleError(`JOB_SCHEDULES: unknown job "${name}"; jobs are ${[...names].sort().join(', ')}`);
  }
  return jobs.map((job) => {
    const o = overrides[job.name];
    if (o === undefined) {
      checkCron(job.cron, `job ${job.name}`);
      return { job, cron: job.cron, overridden: false };
    }
    return { job, cron: o === JOB_OFF ? null : o, overridden: true };
  });
}
