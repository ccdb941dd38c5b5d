/**
 * The agency's own history as training data: every routed report labels its unit, every report
 * its category and topic. Texts are masked with the reporter's name before they become features,
 * so no name or number is ever a feature (or a reason shown to the admin).
 */
import type { PrismaClient } from '../../generated/prisma/client.js';
import { mask } from '../../lib/pii.js';
import type { LabelledText } from './local-model.js';

/** The newest reports are the best guide to today's routing; older ones add little. */
export const MAX_TRAINING_REPORTS = 5000;

export interface TrainingRow extends LabelledText {
  reportId: string;
}

/** The text a report is classified by: title and body, masked. */
export function reportText(title: string, body: string, reporterName: string | null | undefined): string {
  return mask(`${title}\n${body}`, { knownNames: reporterName ? [reporterName] : [] });
}

export async function loadTrainingSet(db: PrismaClient, agencyId: string, limit = MAX_TRAINING_REPORTS): Promise<TrainingRow[]> {
  const rows = await db.report.findMany({
    where: { agencyId },
    orderBy: { receivedAt: 'desc' },
    take: limit,
    select: { id: true, title: true, body: true, category: true, unitId: true, topic: true, reporter: { select: { name: true } } },
  });
  return rows.map((r) => ({
    reportId: r.id,
    text: reportText(r.title, r.body, r.reporter?.name),
    category: r.category,
    unit: r.unitId,
    topic: r.topic?.trim() || null,
  }));
}
