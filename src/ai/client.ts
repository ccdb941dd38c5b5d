/**
 * The one door to the model: chat completions in JSON mode, the answer validated with zod and,
 * when invalid, ONE repair attempt that sends the validation error back. Every failure (cap,
 * timeout, 429, any other error, still-invalid JSON) is a value, logged once — callers fall back
 * to the local classifier or a template, and a command never fails because of the model.
 *
 * Callers pass texts that are already masked and fenced (src/ai/safety.ts); this file never sees
 * raw report text and logs no message content.
 */
import type OpenAI from 'openai';
import type { z } from 'zod';
import type { Logger } from '../lib/logger.js';
import { inc } from '../lib/metrics.js';
import { renderPrompt, type Prompt } from './prompts.js';
import type { AiSettings } from './settings.js';
import type { UsageMeter } from './usage.js';

export type AiFailure = 'cap' | 'timeout' | 'rate_limit' | 'error' | 'invalid';

export type AiOutcome<T> = { ok: true; value: T } | { ok: false; reason: AiFailure };

export interface JsonCall<T> {
  agencyId: string;
  prompt: Prompt;
  vars: Record<string, string>;
  schema: z.ZodType<T>;
  meter: UsageMeter;
  log: Logger;
  maxTokens?: number;
}

type Message = { role: 'system' | 'user' | 'assistant'; content: string };

/** The SDK is loaded on the first call: a deployment without a key never pays for it. */
type Sdk = typeof import('openai');

function failureOf(sdk: Sdk, e: unknown): AiFailure {
  if (e instanceof sdk.APIConnectionTimeoutError) return 'timeout';
  if (e instanceof sdk.APIError && e.status === 429) return 'rate_limit';
  return 'error';
}

/** The validation problem in a few words, for the repair message (paths and messages only). */
function problemOf(error: z.ZodError | SyntaxError): string {
  if (error instanceof SyntaxError) return 'bukan JSON yang valid';
  return error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
}

export class AiClient {
  private sdk: Promise<{ sdk: Sdk; openai: OpenAI }> | undefined;

  constructor(readonly settings: AiSettings & { apiKey: string }) {}

  private load(): Promise<{ sdk: Sdk; openai: OpenAI }> {
    this.sdk ??= import('openai').then((sdk) => ({
      sdk,
      // No SDK retries: a 429 or a timeout goes to the fallback now rather than blocking a command.
      openai: new sdk.default({ apiKey: this.settings.apiKey, baseURL: this.settings.baseUrl ?? null, timeout: this.settings.timeoutMs, maxRetries: 0 }),
    }));
    return this.sdk;
  }

  async json<T>(call: JsonCall<T>): Promise<AiOutcome<T>> {
    const { system, user } = renderPrompt(call.prompt, call.vars);
    const messages: Message[] = [{ role: 'system', content: system }, { role: 'user', content: user }];
    const where = { agencyId: call.agencyId, prompt: call.prompt.name, promptVersion: call.prompt.version, model: this.settings.model };
    for (let attempt = 0; attempt < 2; attempt++) {
      const used = await call.meter.used(call.agencyId);
      if (used >= this.settings.dailyTokenCap) {
        call.log.warn({ ...where, used, cap: this.settings.dailyTokenCap }, 'AI daily token cap reached for this agency; using the fallback');
        return this.failed('cap');
      }
      let content: string;
      const { sdk, openai } = await this.load();
      try {
        const res = await openai.chat.completions.create({
          model: this.settings.model,
          messages,
          response_format: { type: 'json_object' },
          temperature: 0,
          max_tokens: call.maxTokens ?? 800,
        });
        const use = { tokensIn: res.usage?.prompt_tokens ?? 0, tokensOut: res.usage?.completion_tokens ?? 0 };
        await call.meter.record(call.agencyId, use);
        call.log.info({ ...where, attempt, ...use }, 'AI call answered');
        inc('penghubung_ai_tokens_total', 'Tokens used by AI calls', { direction: 'in' }, use.tokensIn);
        inc('penghubung_ai_tokens_total', 'Tokens used by AI calls', { direction: 'out' }, use.tokensOut);
        content = res.choices[0]?.message.content ?? '';
      } catch (e) {
        const reason = failureOf(sdk, e);
        call.log.warn({ ...where, reason, status: e instanceof sdk.APIError ? e.status : undefined, err: (e as Error).message }, 'AI call failed; using the fallback');
        return this.failed(reason);
      }
      let problem: string;
      try {
        const parsed = call.schema.safeParse(JSON.parse(content));
        if (parsed.success) {
          inc('penghubung_ai_calls_total', 'AI calls by outcome', { outcome: attempt === 0 ? 'ok' : 'repaired' });
          return { ok: true, value: parsed.data };
        }
        problem = problemOf(parsed.error);
      } catch (e) {
        problem = problemOf(e as SyntaxError);
      }
      call.log.info({ ...where, attempt, problem }, 'AI answer did not validate');
      messages.push(
        { role: 'assistant', content },
        { role: 'user', content: `Jawaban Anda tidak sesuai format: ${problem}. Kirim ulang HANYA satu objek JSON yang benar sesuai format yang diminta.` },
      );
    }
    call.log.warn(where, 'AI answer still invalid after one repair; using the fallback');
    return this.failed('invalid');
  }

  private failed<T>(reason: AiFailure): AiOutcome<T> {
    inc('penghubung_ai_calls_total', 'AI calls by outcome', { outcome: reason });
    return { ok: false, reason };
  }
}
