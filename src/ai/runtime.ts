/**
 * Which AiClient serves a ServiceContext: set once for the process by main.ts
 * (`configureAi(settings)`), or per context in tests (`useAi(ctx, settings)`). No API key means
 * no client, and every feature uses its local fallback.
 */
import type { ServiceContext } from '../services/context.js';
import { AiClient } from './client.js';
import type { AiSettings } from './settings.js';

let processClient: AiClient | null = null;
const perContext = new WeakMap<ServiceContext, AiClient | null>();

function build(settings: AiSettings | null | undefined): AiClient | null {
  return settings?.apiKey ? new AiClient({ ...settings, apiKey: settings.apiKey }) : null;
}

/** Process-wide AI configuration (main.ts). Returns the client, or null when the model is off. */
export function configureAi(settings: AiSettings | null | undefined): AiClient | null {
  processClient = build(settings);
  return processClient;
}

/** AI configuration for one context only (tests, scripts); `null` forces the local fallback. */
export function useAi(ctx: ServiceContext, settings: AiSettings | null): AiClient | null {
  const client = build(settings);
  perContext.set(ctx, client);
  return client;
}

/** The client serving this context, or null (no key: local fallback). */
export function aiFor(ctx: ServiceContext): AiClient | null {
  return perContext.has(ctx) ? (perContext.get(ctx) ?? null) : processClient;
}
