import type { JobDefinition } from '../scheduler/job.js';

/** Information-request nudges. */
export const infoJobs: JobDefinition[] = [];
