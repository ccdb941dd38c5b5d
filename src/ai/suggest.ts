/**
 * Suggestions for the admin on a new report (category, likely units, topic, possible duplicate).
 * Implemented by the AI feature: an OpenAI-compatible model when configured, else a local
 * classifier. Until then nothing is suggested.
 */
import type { ServiceContext } from '../services/context.js';

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
}

/** Suggest routing for a report; null when nothing useful can be said. Never throws. */
export async function suggestForReport(_ctx: ServiceContext, _reportId: string): Promise<Suggestion | null> {
  return null;
}
