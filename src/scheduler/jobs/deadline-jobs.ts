import type { JobDefinition } from '../job.js';

/** Deadline sweep, overdue escalation, unclaimed and 10-day checks, broadcasts. */
export const deadlineJobs: JobDefinition[] = [];
