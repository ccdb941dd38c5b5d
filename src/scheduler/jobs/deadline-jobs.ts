import type { JobDefinition } from '../job.js';
import { broadcastsJob } from './broadcasts.js';
import { deadlineSweep } from './deadline-sweep.js';
import { overdueEscalation } from './overdue-escalation.js';
import { tenDayCheck } from './ten-day-check.js';
import { unclaimedReminderJob, type UnclaimedOptions } from './unclaimed-reminder.js';

export interface DeadlineJobOptions {
  /** Unclaimed-disposition reminder options (N working hours, office hours). */
  unclaimed?: UnclaimedOptions;
}

/** The deadline jobs with options (e.g. UNCLAIMED_AFTER_WORKING_HOURS from configuration). */
export function createDeadlineJobs(opts: DeadlineJobOptions = {}): JobDefinition[] {
  return [deadlineSweep, overdueEscalation, unclaimedReminderJob(opts.unclaimed), tenDayCheck, broadcastsJob];
}

/** Deadline sweep, overdue escalation, unclaimed and 10-day checks, broadcasts (default options). */
export const deadlineJobs: JobDefinition[] = createDeadlineJobs();
