import type { JobDefinition } from '../scheduler/job.js';

/** Nightly classifier retraining. */
export const aiJobs: JobDefinition[] = [];
