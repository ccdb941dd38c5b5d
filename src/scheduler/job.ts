/** A scheduled job: runs once per cron slot across all replicas (see run-coordinator). */
import type { Logger } from '../lib/logger.js';
import type { ServiceContext } from '../services/context.js';

export interface JobContext {
  services: ServiceContext;
  /** The cron slot this run is for (its scheduled instant), not the wall clock. */
  slot: Date;
  log: Logger;
  /** Wake the outbox dispatcher after queuing messages. */
  kick(): void;
}

export interface JobResult {
  /** One line for `jobs run` and the job_run row, e.g. "12 nudges to 3 chats". */
  summary?: string;
}

export interface JobDefinition {
  /** Stable identifier, e.g. `deadline-sweep`; also the key of its job_run rows. */
  name: string;
  /** Default cron expression in the office timezone (overridable by configuration). */
  cron: string;
  description: string;
  run(ctx: JobContext): Promise<JobResult | void>;
}
