import type { JobDefinition } from '../scheduler/job.js';

/** Weekly recap and periodic reports. */
export const recapJobs: JobDefinition[] = [];
