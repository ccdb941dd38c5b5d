/**
 * `npm run eval:ai`: accuracy of the routing suggestions on the evaluation set
 * (test/fixtures/ai-eval.ts), printed as JSON.
 * - local: the offline classifier, k-fold cross-validated (default 5 folds; `--folds N`).
 * - model: when OPENAI_API_KEY is set, the configured model on every report (zero-shot: it sees
 *   the unit list, not the training data), through the same masking and validation as the bot.
 * Nothing is written to any database.
 */
import { randomUUID } from 'node:crypto';
import { loadConfig } from '../src/config.js';
import { silentLogger } from '../src/lib/logger.js';
import { mask } from '../src/lib/pii.js';
import { AiClient } from '../src/ai/client.js';
import { crossValidate } from '../src/ai/classifier/evaluate.js';
import { aiSettings } from '../src/ai/settings.js';
import { suggestWithModel } from '../src/ai/suggest-llm.js';
import { memoryUsageMeter } from '../src/ai/usage.js';
import type { ReportInput } from '../src/ai/report-input.js';
import { EVAL_AGENCY, EVAL_REPORTS, EVAL_UNITS } from '../test/fixtures/ai-eval.js';

const foldsArg = process.argv.indexOf('--folds');
const folds = foldsArg > 0 ? Number(process.argv[foldsArg + 1]) : 5;

const texts = EVAL_REPORTS.map((r) => ({ r, text: mask(`${r.title}\n${r.body}`, { knownNames: r.reporter ? [r.reporter] : [] }) }));
const count = <K extends string>(keys: K[]): Record<K, number> => keys.reduce((acc, k) => ({ ...acc, [k]: (acc[k] ?? 0) + 1 }), {} as Record<K, number>);

const local = crossValidate(texts.map(({ r, text }) => ({ text, category: r.category, unit: r.unit, topic: r.topic })), folds);

async function modelFigures(): Promise<Record<string, unknown> | null> {
  const config = loadConfig();
  if (!config.ai) return null;
  const settings = aiSettings({
    apiKey: config.ai.apiKey,
    baseUrl: config.ai.baseUrl,
    model: config.ai.model,
    dailyTokenCap: Number(process.env.AI_DAILY_TOKEN_CAP) || 1_000_000,
    timeoutMs: Number(process.env.AI_TIMEOUT_MS) || undefined,
  });
  const client = new AiClient({ ...settings, apiKey: settings.apiKey! });
  const meter = memoryUsageMeter();
  const agencyId = randomUUID();
  const units = EVAL_UNITS.map((u) => ({ id: u.code, code: u.code, name: u.name }));
  const topics = [...new Set(EVAL_REPORTS.map((r) => r.topic))];
  const hit = { category: 0, unit1: 0, unit3: 0, topic: 0, failed: 0 };
  for (const { r, text } of texts) {
    const input: ReportInput = { reportId: r.id, agencyId, agencyName: EVAL_AGENCY.name, trackingId: r.id, maskedText: text, reporterName: r.reporter ?? null, units, topics, duplicateOf: null };
    const s = await suggestWithModel(silentLogger(), client, meter, input);
    if (!s) {
      hit.failed++;
      continue;
    }
    if (s.category === r.category) hit.category++;
    if (s.units[0]?.code === r.unit) hit.unit1++;
    if (s.units.some((u) => u.code === r.unit)) hit.unit3++;
    if (s.topic === r.topic) hit.topic++;
  }
  const n = texts.length;
  const pct = (x: number): number => Math.round((x / n) * 1000) / 1000;
  return { model: settings.model, samples: n, category: pct(hit.category), unitTop1: pct(hit.unit1), unitTop3: pct(hit.unit3), topic: pct(hit.topic), failed: hit.failed, tokens: meter.total };
}

const out = {
  set: {
    reports: EVAL_REPORTS.length,
    units: count(EVAL_REPORTS.map((r) => r.unit)),
    categories: count(EVAL_REPORTS.map((r) => r.category)),
  },
  local: { method: 'multinomial naive Bayes (binary features), stratified k-fold cross-validation', ...local },
  model: await modelFigures(),
};
console.log(JSON.stringify(out, null, 2));
