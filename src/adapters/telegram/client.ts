/**
 * The grammY bot: API root configurable (tests and staging use a fake Bot API), auto-retry for
 * short waits and transient errors. Longer 429 waits are handed back to the outbox dispatcher,
 * which reschedules the row instead of blocking a worker.
 */
import { Bot } from 'grammy';
import { autoRetry } from '@grammyjs/auto-retry';

export interface TelegramClientOptions {
  token: string;
  apiRoot?: string;
}

export function createTelegramBot(opts: TelegramClientOptions): Bot {
  const bot = new Bot(opts.token, { client: { ...(opts.apiRoot ? { apiRoot: opts.apiRoot } : {}), timeoutSeconds: 30 } });
  bot.api.config.use(autoRetry({ maxRetryAttempts: 2, maxDelaySeconds: 3 }));
  return bot;
}
