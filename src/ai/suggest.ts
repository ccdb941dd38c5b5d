/**
 * Suggestions for the admin on a new report (category, likely units, topic, possible duplicate).
 * The model serves when configured (src/ai/runtime.ts), else — and whenever the model fails,
 * times out, is rate-limited or over the daily cap — the local classifier trained on the agency's
 * own dispositions. Every suggestion is stored in ai_suggestion; accepting one is an ordinary
 * disposition (src/ai/accept-suggestion.ts). A suggestion never changes the report by itself.
 */
import type { Prisma } from '../generated/prisma/client.js';
import type { ServiceContext } from '../services/context.js';
import { loadReportInput } from './report-input.js';
import { aiFor } from './runtime.js';
import { suggestWithModel } from './suggest-llm.js';
import { suggestLocally, type CoreSuggestion } from './suggest-local.js';
import { dbUsageMeter } from './usage.js';

export interface UnitSuggestion {
  code: string;
  reason: string;
  score: number;
}

export interface Suggestion {
  source: 'llm' | 'local';
  category: string | null;
  units: UnitSuggestion[];
  topic: string | null;
  duplicateOf: string | null;
  /** The stored ai_suggestion row: the subject of the notice's accept buttons (see suggestionButtons). */
  id?: string;
}

/** Suggest routing for a report; null when nothing useful can be said. Never throws. */
export async function suggestForReport(ctx: ServiceContext, reportId: string): Promise<Suggestion | null> {
  try {
    const input = await loadReportInput(ctx, reportId);
    if (!input) return null;
    const client = aiFor(ctx);
    let source: Suggestion['source'] = 'local';
    let core: CoreSuggestion | null = null;
    if (client) {
      core = await suggestWithModel(ctx.log, client, dbUsageMeter(ctx), input);
      if (core) source = 'llm';
    }
    core ??= await suggestLocally(ctx, input);
    if (!core && !input.duplicateOf) return null;
    const suggestion: Suggestion = {
      source,
      category: core?.category ?? null,
      units: core?.units ?? [],
      topic: core?.topic ?? null,
      duplicateOf: input.duplicateOf,
    };
    const row = await ctx.db.aiSuggestion.create({
      data: {
        reportId,
        source: suggestion.source,
        category: suggestion.category,
        unitCodes: suggestion.units as unknown as Prisma.InputJsonValue,
        topic: suggestion.topic,
        duplicateOf: suggestion.duplicateOf,
        createdAt: ctx.clock.now(),
      },
      select: { id: true },
    });
    return { ...suggestion, id: row.id };
  } catch (e) {
    ctx.log.warn({ err: (e as Error).message, reportId }, 'AI suggestion failed; the notice goes out without one');
    return null;
  }
}
