/**
 * The local classifier: three naive-Bayes heads (category, unit, topic) over normalised
 * Indonesian words, trained on an agency's own past reports. Text is expected already masked
 * (names and numbers are never features, so they can never show up in a reason).
 */
import { contentTokens } from './normalize.js';
import { explainNb, rankNb, trainNb, type NbHead, type NbSample, type Ranked } from './naive-bayes.js';

export const MODEL_VERSION = 1;
/** Fewer labelled reports than this and a head says nothing: a guess from 3 reports misleads. */
export const MIN_SAMPLES = 5;

export interface LabelledText {
  text: string;
  category?: string | null;
  unit?: string | null;
  topic?: string | null;
}

export interface LocalModel {
  version: typeof MODEL_VERSION;
  samples: number;
  heads: { category?: NbHead; unit?: NbHead; topic?: NbHead };
}

export interface UnitGuess extends Ranked {
  /** Words of the report that speak most for this unit (surface forms, as written). */
  words: string[];
}

export interface LocalPrediction {
  category: Ranked | null;
  units: UnitGuess[];
  topic: Ranked | null;
}

interface Features {
  roots: string[];
  /** Adjacent-root pairs: "naik_pangkat" says more than either word. */
  pairs: string[];
  cues: string[];
  /** Root → the first surface word it came from, for readable reasons. */
  surface: Map<string, string>;
}

/**
 * Function words that stop-word removal drops but that tell a question from a complaint: they
 * become `#` cue features (never shown as reasons).
 */
const CUES: [string, RegExp][] = [
  ['#tanya', /\?|\b(apakah|bagaimana|kapan|berapa|mengapa|dimana|di mana|kemana|ke mana|siapa|bisakah|bolehkah)\b/i],
  ['#belum', /\b(belum|blm|tertunda|tak kunjung|tidak kunjung)\b/i],
  ['#kontras', /\b(padahal|tetapi|namun|tapi)\b/i],
  ['#aturan', /\b(aturan|peraturan|ketentuan|seharusnya|wajib|mewajibkan|menurut)\b/i],
];

export function featuresOf(text: string): Features {
  const tokens = contentTokens(text);
  const surface = new Map<string, string>();
  for (const t of tokens) if (!surface.has(t.root)) surface.set(t.root, t.word);
  const roots = tokens.map((t) => t.root);
  return {
    roots,
    pairs: roots.slice(1).map((r, i) => `${roots[i]}_${r}`),
    cues: CUES.filter(([, re]) => re.test(text)).map(([name]) => name),
    surface,
  };
}

/**
 * Which features and smoothing each head uses, chosen by cross-validation on the evaluation set
 * (scripts/eval-ai.ts): cues tell the category (question vs complaint), word pairs tell the unit.
 */
const HEADS = {
  category: { features: (f: Features) => [...f.roots, ...f.cues], alpha: 1 },
  unit: { features: (f: Features) => [...f.roots, ...f.pairs], alpha: 0.5 },
  topic: { features: (f: Features) => f.roots, alpha: 0.5 },
} as const;

type HeadName = keyof typeof HEADS;

function head(name: HeadName, samples: readonly { f: Features; label: string | null | undefined }[]): NbHead | undefined {
  const usable: NbSample[] = [];
  for (const s of samples) if (typeof s.label === 'string' && s.label !== '') usable.push({ features: HEADS[name].features(s.f), label: s.label });
  return usable.length >= MIN_SAMPLES ? trainNb(usable, HEADS[name].alpha) : undefined;
}

/** Train every head that has enough labelled reports. */
export function trainLocal(samples: readonly LabelledText[]): LocalModel {
  const feats = samples.map((s) => ({ s, f: featuresOf(s.text) }));
  return {
    version: MODEL_VERSION,
    samples: samples.length,
    heads: {
      category: head('category', feats.map(({ s, f }) => ({ f, label: s.category }))),
      unit: head('unit', feats.map(({ s, f }) => ({ f, label: s.unit }))),
      topic: head('topic', feats.map(({ s, f }) => ({ f, label: s.topic }))),
    },
  };
}

/** Best category, up to `maxUnits` units with the words behind each, and the most likely topic. */
export function predictLocal(model: LocalModel, text: string, maxUnits = 3): LocalPrediction {
  const f = featuresOf(text);
  const readable = (feature: string): string => feature.split('_').map((r) => f.surface.get(r) ?? r).join(' ');
  const unitHead = model.heads.unit;
  const unitFeatures = HEADS.unit.features(f);
  const units = unitHead
    ? rankNb(unitHead, unitFeatures)
        .slice(0, maxUnits)
        .map((r) => ({ ...r, words: explainNb(unitHead, unitFeatures, r.label, 3).map(readable) }))
    : [];
  return {
    category: model.heads.category ? (rankNb(model.heads.category, HEADS.category.features(f))[0] ?? null) : null,
    units,
    topic: model.heads.topic ? (rankNb(model.heads.topic, HEADS.topic.features(f))[0] ?? null) : null,
  };
}

/** Whether a stored JSON value is a model this code can use (older versions are retrained). */
export function isLocalModel(v: unknown): v is LocalModel {
  return typeof v === 'object' && v !== null && (v as { version?: unknown }).version === MODEL_VERSION && typeof (v as { heads?: unknown }).heads === 'object';
}
