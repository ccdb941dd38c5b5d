/**
 * Suggestions from the local classifier: the agency's newest stored model (trained on the spot
 * the first time, before the nightly job has run), applied to the masked report text.
 */
import type { Category } from '../domain/types.js';
import { CATEGORIES } from '../domain/types.js';
import type { ServiceContext } from '../services/context.js';
import { predictLocal, type LocalModel } from './classifier/local-model.js';
import { retrainAgency } from './classifier/retrain.js';
import { latestModel } from './classifier/store.js';
import type { ReportInput } from './report-input.js';
import type { UnitSuggestion } from './suggest.js';

export interface CoreSuggestion {
  category: Category | null;
  units: UnitSuggestion[];
  topic: string | null;
}

/** Below this many reports a model is young: it is retrained on use as history grows. */
const YOUNG_MODEL = 500;
/** …once this many reports arrived since it was trained. */
const GROWTH = 10;

/**
 * The agency's newest model. Trained on the spot when there is none, or when a young model has
 * fallen behind (a fresh deployment importing its history should not wait for the nightly job).
 */
async function modelFor(ctx: ServiceContext, agencyId: string): Promise<LocalModel | null> {
  const stored = await latestModel(ctx.db, agencyId);
  if (stored && stored.samples >= YOUNG_MODEL) return stored.model;
  if (stored && (await ctx.db.report.count({ where: { agencyId } })) < stored.samples + GROWTH) return stored.model;
  const trained = await retrainAgency(ctx, agencyId, { evaluate: false });
  if (!trained) return null;
  ctx.log.info({ agencyId, samples: trained.samples }, 'local classifier trained on use');
  return (await latestModel(ctx.db, agencyId))?.model ?? null;
}

const round2 = (n: number): number => Math.round(n * 100) / 100;

/** The reason shown with a unit: the words that pointed to it. */
export function localReason(words: readonly string[]): string {
  return words.length ? `kata kunci: ${words.join(', ')}` : 'mirip laporan terdahulu unit ini';
}

export async function suggestLocally(ctx: ServiceContext, input: ReportInput): Promise<CoreSuggestion | null> {
  const model = await modelFor(ctx, input.agencyId);
  if (!model) return null;
  const p = predictLocal(model, input.maskedText, 3);
  // Labels are unit ids: a unit deleted since training simply drops out.
  const byId = new Map(input.units.map((u) => [u.id, u]));
  const units = p.units.flatMap((g) => {
    const unit = byId.get(g.label);
    return unit ? [{ code: unit.code, reason: localReason(g.words), score: round2(g.prob) }] : [];
  });
  const category = p.category && (CATEGORIES as readonly string[]).includes(p.category.label) ? (p.category.label as Category) : null;
  if (!category && units.length === 0 && !p.topic) return null;
  return { category, units, topic: p.topic?.label ?? null };
}
