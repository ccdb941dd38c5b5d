/**
 * Retrain one agency's local classifier from its history and store it with its cross-validated
 * unit accuracy (top-1), so `classifier_model.accuracy` tells how far to trust the suggestions.
 */
import type { ServiceContext } from '../../services/context.js';
import { crossValidate } from './evaluate.js';
import { trainLocal } from './local-model.js';
import { saveModel } from './store.js';
import { loadTrainingSet } from './training-data.js';

/** Cross-validation on more than this many reports costs time and says nothing new. */
const CV_LIMIT = 2000;

export interface Retrained {
  samples: number;
  unitSamples: number;
  accuracy: number | null;
}

/**
 * Train and store; null (nothing stored) when the agency has no report at all. `evaluate: false`
 * skips the cross-validation (training on first use, where only the model matters).
 */
export async function retrainAgency(ctx: ServiceContext, agencyId: string, opts: { evaluate?: boolean } = {}): Promise<Retrained | null> {
  const rows = await loadTrainingSet(ctx.db, agencyId);
  if (rows.length === 0) return null;
  const model = trainLocal(rows);
  const routed = rows.filter((r) => r.unit);
  const accuracy = opts.evaluate !== false && routed.length >= 10 ? crossValidate(routed.slice(0, CV_LIMIT), 5).unitTop1 : null;
  await saveModel(ctx.db, agencyId, model, accuracy, ctx.clock.now());
  return { samples: rows.length, unitSamples: routed.length, accuracy };
}
