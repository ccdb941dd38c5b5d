/** Every scheduled job of the bot, one table (`penghubung jobs list` shows it). */
import type { JobDefinition } from './job.js';
import { deadlineJobs } from './jobs/deadline-jobs.js';
import { recapJobs } from '../recap/jobs.js';
import { infoJobs } from '../info/jobs.js';
import { aiJobs } from '../ai/jobs.js';

export function allJobs(): JobDefinition[] {
  return [...deadlineJobs, ...recapJobs, ...infoJobs, ...aiJobs];
}
