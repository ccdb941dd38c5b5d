import type { JobDefinition } from '../scheduler/job.js';
import { retrainAgency } from './classifier/retrain.js';

/**
 * Nightly classifier retraining (02:00 office time, when nobody routes reports): every agency's
 * local model is rebuilt from its own dispositions, so today's routing teaches tomorrow's
 * suggestions. One agency failing does not stop the others.
 */
export const aiRetrain: JobDefinition = {
  name: 'ai-retrain',
  cron: '0 2 * * *',
  description: "Retrain each agency's local classifier (category/unit/topic suggestions) from its own dispositions",
  async run({ services, log }) {
    const agencies = await services.db.agency.findMany({ select: { id: true, code: true }, orderBy: { code: 'asc' } });
    const done: string[] = [];
    let failed = 0;
    for (const a of agencies) {
      try {
        const r = await retrainAgency(services, a.id);
        if (r) done.push(`${a.code}: ${r.samples} reports${r.accuracy !== null ? `, unit accuracy ${Math.round(r.accuracy * 100)}%` : ''}`);
      } catch (err) {
        failed++;
        log.error({ err, agency: a.code }, 'classifier retraining failed for an agency');
      }
    }
    return { summary: `${done.length} models trained${failed ? `, ${failed} failed` : ''}${done.length ? ` (${done.join('; ')})` : ''}` };
  },
};

/** Nightly classifier retraining. */
export const aiJobs: JobDefinition[] = [aiRetrain];
