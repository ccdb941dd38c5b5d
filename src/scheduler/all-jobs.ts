/** Every scheduled job of the bot, one table (`penghubung jobs list` shows it). */
import type { JobDefinition } from './job.js';
import { createDeadlineJobs } from './jobs/deadline-jobs.js';
import { recapJobs } from '../recap/jobs.js';
import { infoJobs } from '../info/jobs.js';
import { aiJobs } from '../ai/jobs.js';

export interface JobOptions {
  /** Working hours a disposition may wait unclaimed before the unit is reminded. */
  unclaimedAfterWorkingHours?: number;
}

export function allJobs(opts: JobOptions = {}): JobDefinition[] {
  const deadline = createDeadlineJobs(opts.unclaimedAfterWorkingHours ? { unclaimed: { afterWorkingHours: opts.unclaimedAfterWorkingHours } } : {});
  return [...deadline, ...recapJobs, ...infoJobs, ...aiJobs];
}
