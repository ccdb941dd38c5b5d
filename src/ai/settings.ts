/**
 * AI configuration. The lead maps the environment onto it in src/config.ts:
 * OPENAI_API_KEY → apiKey, OPENAI_BASE_URL → baseUrl, AI_MODEL → model,
 * AI_DAILY_TOKEN_CAP → dailyTokenCap, AI_TIMEOUT_MS → timeoutMs.
 * Without an API key the model is never called and the local classifier serves everything.
 */
export interface AiSettings {
  apiKey?: string;
  /** Any OpenAI-compatible endpoint, e.g. https://api.openai.com/v1 or a local server. */
  baseUrl?: string;
  model: string;
  /** Tokens (prompt + completion) one agency may use per office day; over it, the fallback serves. */
  dailyTokenCap: number;
  /** One model call; a slower answer counts as a failure and the fallback serves. */
  timeoutMs: number;
}

export const DEFAULT_AI_SETTINGS: AiSettings = {
  model: 'gpt-4o-mini',
  dailyTokenCap: 200_000,
  timeoutMs: 15_000,
};

/** Fill defaults; blank strings count as absent. `aiSettings({ apiKey: 'sk-…' }).dailyTokenCap === 200000`. */
export function aiSettings(input: Partial<AiSettings> = {}): AiSettings {
  const blank = (v: string | undefined): string | undefined => (v === undefined || v.trim() === '' ? undefined : v.trim());
  const positive = (v: number | undefined, def: number): number => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? Math.floor(v) : def);
  return {
    apiKey: blank(input.apiKey),
    baseUrl: blank(input.baseUrl),
    model: blank(input.model) ?? DEFAULT_AI_SETTINGS.model,
    dailyTokenCap: positive(input.dailyTokenCap, DEFAULT_AI_SETTINGS.dailyTokenCap),
    timeoutMs: positive(input.timeoutMs, DEFAULT_AI_SETTINGS.timeoutMs),
  };
}
