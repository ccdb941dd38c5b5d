/**
 * Multinomial naive Bayes over binary word features (a word counts once per document, which
 * suits short complaints better than raw counts), with Laplace smoothing. Pure and JSON-safe, so a
 * trained head is stored as is in `classifier_model.model`.
 */

export interface NbHead {
  labels: string[];
  /** Training documents per label. */
  docs: number[];
  /** Feature occurrences per label (sum over `counts`). */
  totals: number[];
  /** Feature → occurrences per label, same order as `labels`. */
  counts: Record<string, number[]>;
  alpha: number;
}

export interface NbSample {
  features: readonly string[];
  label: string;
}

export interface Ranked {
  label: string;
  /** Posterior probability among the labels (softmax of the log scores). */
  prob: number;
}

/** Train one head; labels with no sample do not exist for it. */
export function trainNb(samples: readonly NbSample[], alpha = 0.5): NbHead {
  const labels = [...new Set(samples.map((s) => s.label))].sort();
  const index = new Map(labels.map((l, i) => [l, i]));
  const docs = labels.map(() => 0);
  const totals = labels.map(() => 0);
  const counts = new Map<string, number[]>();
  for (const s of samples) {
    const i = index.get(s.label)!;
    docs[i]! += 1;
    for (const f of new Set(s.features)) {
      let row = counts.get(f);
      if (!row) {
        row = labels.map(() => 0);
        counts.set(f, row);
      }
      row[i]! += 1;
      totals[i]! += 1;
    }
  }
  return { labels, docs, totals, counts: Object.fromEntries(counts), alpha };
}

function vocabSize(head: NbHead): number {
  return Object.keys(head.counts).length;
}

/** Log P(feature | label) with smoothing; features never seen in training are ignored by callers. */
function logLikelihood(head: NbHead, row: readonly number[] | undefined, i: number, v: number): number {
  return Math.log(((row?.[i] ?? 0) + head.alpha) / ((head.totals[i] ?? 0) + head.alpha * v));
}

/** Labels ranked by posterior probability, best first. */
export function rankNb(head: NbHead, features: readonly string[]): Ranked[] {
  if (head.labels.length === 0) return [];
  const v = Math.max(1, vocabSize(head));
  const n = head.docs.reduce((a, b) => a + b, 0);
  const known = [...new Set(features)].filter((f) => Object.hasOwn(head.counts, f));
  const scores = head.labels.map((_, i) => {
    let s = Math.log((head.docs[i] ?? 0) / n);
    for (const f of known) s += logLikelihood(head, head.counts[f], i, v);
    return s;
  });
  const max = Math.max(...scores);
  const exp = scores.map((s) => Math.exp(s - max));
  const sum = exp.reduce((a, b) => a + b, 0);
  return head.labels.map((label, i) => ({ label, prob: exp[i]! / sum })).sort((a, b) => b.prob - a.prob);
}

/**
 * The features that speak most for `label` against the other labels (log-likelihood ratio), for
 * the short reason shown with a suggestion. Only features that favour the label are returned.
 */
export function explainNb(head: NbHead, features: readonly string[], label: string, max = 3): string[] {
  const i = head.labels.indexOf(label);
  if (i < 0 || head.labels.length < 2) return [];
  const v = Math.max(1, vocabSize(head));
  const scored: { f: string; w: number }[] = [];
  for (const f of new Set(features)) {
    const row = head.counts[f];
    if (!row || (row[i] ?? 0) === 0 || f.startsWith('#')) continue;
    const mine = logLikelihood(head, row, i, v);
    let others = 0;
    for (let j = 0; j < head.labels.length; j++) if (j !== i) others += logLikelihood(head, row, j, v);
    const w = mine - others / (head.labels.length - 1);
    if (w > 0) scored.push({ f, w });
  }
  return scored.sort((a, b) => b.w - a.w || a.f.localeCompare(b.f)).slice(0, max).map((s) => s.f);
}
