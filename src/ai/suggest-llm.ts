/**
 * Suggestions from the model. Its answer is only data: validated with zod (the category must be
 * one of the four), then every unit code not of this agency is dropped, reasons are masked and
 * shortened, and the topic must look like a topic. Nothing here acts on the report.
 */
import { z } from 'zod';
import { CATEGORY_LABEL } from '../domain/labels.js';
import { CATEGORIES } from '../domain/types.js';
import { mask, shorten } from '../lib/pii.js';
import type { Logger } from '../lib/logger.js';
import type { AiClient } from './client.js';
import { loadPrompt } from './prompts.js';
import type { ReportInput } from './report-input.js';
import { dataBlock, stripDelimiters } from './safety.js';
import type { CoreSuggestion } from './suggest-local.js';
import type { UsageMeter } from './usage.js';

export const routingAnswer = z.object({
  category: z.enum(CATEGORIES),
  units: z
    .array(z.object({ code: z.string().max(80), reason: z.string().max(400).default(''), score: z.coerce.number().min(0).max(1).default(0.5) }))
    .max(8),
  topic: z.string().max(120).nullable().default(null),
});

export type RoutingAnswer = z.infer<typeof routingAnswer>;

const TOPIC_SHAPE = /^[\p{L}\p{N} /&().,!-]{2,40}$/u;

/** Keep only what the bot can stand behind: units of this agency, masked short reasons, a plausible topic. */
export function sanitizeRouting(answer: RoutingAnswer, input: Pick<ReportInput, 'units' | 'topics'>): CoreSuggestion {
  const codes = new Map(input.units.map((u) => [u.code.toUpperCase(), u.code]));
  const seen = new Set<string>();
  const units = answer.units.flatMap((u) => {
    const code = codes.get(u.code.trim().toUpperCase());
    if (!code || seen.has(code)) return [];
    seen.add(code);
    return [{ code, reason: shorten(mask(stripDelimiters(u.reason)).replace(/\s+/g, ' ').trim(), 120), score: Math.round(u.score * 100) / 100 }];
  });
  const raw = answer.topic?.trim() ?? '';
  const known = input.topics.find((t) => t.toLowerCase() === raw.toLowerCase());
  const topic = known ?? (TOPIC_SHAPE.test(raw) && mask(raw) === raw ? raw : null);
  return { category: answer.category, units: units.slice(0, 3), topic };
}

/** Ask the model; null (already logged) when it fails, is capped, or names no unit of this agency. */
export async function suggestWithModel(log: Logger, client: AiClient, meter: UsageMeter, input: ReportInput): Promise<CoreSuggestion | null> {
  const outcome = await client.json({
    agencyId: input.agencyId,
    prompt: loadPrompt('suggest-routing'),
    vars: {
      agency: stripDelimiters(input.agencyName),
      categories: CATEGORIES.map((c) => `- ${c}: ${CATEGORY_LABEL[c]}`).join('\n'),
      units: input.units.map((u) => `- ${u.code} — ${stripDelimiters(u.name)}`).join('\n'),
      topics: input.topics.length ? input.topics.map((t) => `- ${stripDelimiters(mask(t))}`).join('\n') : '(belum ada)',
      report: dataBlock(input.maskedText, [input.reporterName]),
    },
    schema: routingAnswer,
    meter,
    log,
    maxTokens: 400,
  });
  if (!outcome.ok) return null;
  const clean = sanitizeRouting(outcome.value, input);
  if (clean.units.length === 0) {
    log.warn({ agencyId: input.agencyId, reportId: input.reportId }, 'AI suggested no unit of this agency; using the local classifier');
    return null;
  }
  return clean;
}
