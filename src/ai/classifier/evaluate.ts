/**
 * k-fold cross-validation of the local classifier: the figures `npm run eval:ai` prints and the
 * nightly job stores with each model. Folds are stratified by unit and deterministic, so the same
 * data gives the same figures.
 */
import { predictLocal, trainLocal, type LabelledText } from './local-model.js';

export interface Accuracy {
  samples: number;
  folds: number;
  category: number | null;
  unitTop1: number | null;
  unitTop3: number | null;
  topic: number | null;
}

const round = (n: number, d: number): number | null => (d === 0 ? null : Math.round((n / d) * 1000) / 1000);

/** Assign each sample a fold: round-robin within each unit (then category) so every fold sees every unit. */
export function foldsOf(samples: readonly LabelledText[], k: number): number[] {
  const order = samples.map((s, i) => ({ i, key: `${s.unit ?? ''}\u0000${s.category ?? ''}` })).sort((a, b) => a.key.localeCompare(b.key) || a.i - b.i);
  const fold = new Array<number>(samples.length).fill(0);
  order.forEach((o, n) => (fold[o.i] = n % k));
  return fold;
}

export function crossValidate(samples: readonly LabelledText[], k = 5): Accuracy {
  const folds = Math.max(2, Math.min(k, samples.length));
  const fold = foldsOf(samples, folds);
  const hit = { category: 0, unit1: 0, unit3: 0, topic: 0 };
  const seen = { category: 0, unit: 0, topic: 0 };
  for (let f = 0; f < folds; f++) {
    const model = trainLocal(samples.filter((_, i) => fold[i] !== f));
    samples.forEach((s, i) => {
      if (fold[i] !== f) return;
      const p = predictLocal(model, s.text, 3);
      if (s.category) {
        seen.category++;
        if (p.category?.label === s.category) hit.category++;
      }
      if (s.unit) {
        seen.unit++;
        if (p.units[0]?.label === s.unit) hit.unit1++;
        if (p.units.some((u) => u.label === s.unit)) hit.unit3++;
      }
      if (s.topic) {
        seen.topic++;
        if (p.topic?.label === s.topic) hit.topic++;
      }
    });
  }
  return {
    samples: samples.length,
    folds,
    category: round(hit.category, seen.category),
    unitTop1: round(hit.unit1, seen.unit),
    unitTop3: round(hit.unit3, seen.unit),
    topic: round(hit.topic, seen.topic),
  };
}
