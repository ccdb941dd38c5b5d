import { describe, expect, it } from 'vitest';
import { contentTokens, normalize } from '../../src/ai/classifier/normalize.js';
import { crossValidate } from '../../src/ai/classifier/evaluate.js';
import { predictLocal, trainLocal } from '../../src/ai/classifier/local-model.js';
import { explainNb, rankNb, trainNb } from '../../src/ai/classifier/naive-bayes.js';
import { CATEGORIES } from '../../src/domain/types.js';
import { mask } from '../../src/lib/pii.js';
import { EVAL_REPORTS, EVAL_UNITS } from '../fixtures/ai-eval.js';

const samples = EVAL_REPORTS.map((r) => ({ text: mask(`${r.title}\n${r.body}`, { knownNames: r.reporter ? [r.reporter] : [] }), category: r.category, unit: r.unit, topic: r.topic }));

describe('normalisation for the classifier', () => {
  it('drops stop words, numbers and PII placeholders; expands chat abbreviations', () => {
    expect(normalize('Pencairan dana Taspen sy tdk ada kabar sejak 2024, [NAMA] [TELEPON]')).toEqual(['cair', 'dana', 'taspen', 'kabar']);
    expect(normalize('Tukin blm dibayar')).toEqual(['tunjang', 'kinerja', 'bayar']);
    expect(normalize('dua bulan, tiga kali')).toEqual(['bulan']);
  });

  it('keeps the surface word beside each root, for readable reasons', () => {
    expect(contentTokens('Pendaftaran PPPK')).toEqual([{ word: 'pendaftaran', root: 'daftar' }, { word: 'pppk', root: 'pppk' }]);
  });
});

describe('naive Bayes', () => {
  const head = trainNb([
    { features: ['taspen', 'pensiun'], label: 'P' },
    { features: ['pensiun', 'janda'], label: 'P' },
    { features: ['sscasn', 'seleksi'], label: 'R' },
    { features: ['seleksi', 'formasi'], label: 'R' },
  ]);

  it('ranks labels by posterior probability, summing to 1', () => {
    const ranked = rankNb(head, ['pensiun', 'unknown-word']);
    expect(ranked.map((r) => r.label)).toEqual(['P', 'R']);
    expect(ranked[0]!.prob).toBeGreaterThan(0.8);
    expect(ranked.reduce((a, r) => a + r.prob, 0)).toBeCloseTo(1, 10);
  });

  it('explains a label by the features that favour it only', () => {
    expect(explainNb(head, ['taspen', 'seleksi', 'pensiun'], 'P')).toEqual(['pensiun', 'taspen']);
  });
});

describe('evaluation set', () => {
  it('has at least 60 labelled reports over every unit and category', () => {
    expect(EVAL_REPORTS.length).toBeGreaterThanOrEqual(60);
    expect(new Set(EVAL_REPORTS.map((r) => r.id)).size).toBe(EVAL_REPORTS.length);
    expect(new Set(EVAL_REPORTS.map((r) => r.unit))).toEqual(new Set(EVAL_UNITS.map((u) => u.code)));
    expect(new Set(EVAL_REPORTS.map((r) => r.category))).toEqual(new Set(CATEGORIES));
  });

  // Measured (5-fold, stratified): category 0.750, unit top-1 0.750, unit top-3 0.929, topic 0.655.
  it('the local classifier stays above its cross-validated accuracy thresholds', () => {
    const acc = crossValidate(samples, 5);
    expect(acc.category).toBeGreaterThanOrEqual(0.7);
    expect(acc.unitTop1).toBeGreaterThanOrEqual(0.68);
    expect(acc.unitTop3).toBeGreaterThanOrEqual(0.88);
    expect(acc.topic).toBeGreaterThanOrEqual(0.58);
  });

  it('explains a unit with the words of the report as written, never with masked data', () => {
    const model = trainLocal(samples);
    const text = mask('Nama saya Rina Kartika, HP 0812-3456-7890. Pencairan tabungan hari tua Taspen ayah saya tertunda, SK pensiun sudah terbit.');
    const p = predictLocal(model, text, 3);
    expect(p.units[0]!.label).toBe('BKC-PENSIUN');
    expect(p.units[0]!.words.length).toBeGreaterThan(0);
    expect(p.units[0]!.words.every((word) => text.toLowerCase().includes(word))).toBe(true);
    expect(p.units).toHaveLength(3);
    expect(JSON.stringify(p)).not.toMatch(/rina|kartika|0812/i);
  });

  it('says nothing with fewer than five labelled reports', () => {
    const model = trainLocal(samples.slice(0, 4));
    expect(predictLocal(model, 'Kapan pengumuman PPPK?')).toEqual({ category: null, units: [], topic: null });
  });
});
