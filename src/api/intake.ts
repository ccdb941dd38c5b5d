/**
 * The API's single entry into report intake: intakeReport stores the report with its text
 * signature, flags a near-duplicate and queues the Admin Instansi's new-report notice. This is
 * the only place the API creates a report.
 */
import type { Report } from '../generated/prisma/client.js';
import type { ActorRef, ServiceContext } from '../services/context.js';
import { intakeReport } from '../services/intake/intake-report.js';
import type { NewReport } from '../services/reports/create-report.js';

/** `created` is false when the tracking id already existed (e.g. a concurrent identical POST won). */
export async function createViaApi(ctx: ServiceContext, actor: ActorRef, input: NewReport, duplicateThreshold?: number): Promise<{ report: Report; created: boolean }> {
  const { report, created } = await intakeReport(ctx, actor, input, { duplicateThreshold });
  return { report, created };
}
