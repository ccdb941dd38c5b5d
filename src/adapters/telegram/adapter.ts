/**
 * Runs the Telegram side: updates → chat core, button toasts, the command menu per scope, and
 * long polling (grammY runner, ordered per chat) or a webhook with a secret token.
 */
import { createServer, type Server } from 'node:http';
import { webhookCallback, type Bot } from 'grammy';
import { run, sequentialize, type RunnerHandle } from '@grammyjs/runner';
import type { ChatCore } from '../../chat/core.js';
import type { Logger } from '../../lib/logger.js';
import { callbackToInbound, messageToInbound } from './inbound.js';

export interface TelegramAdapterOptions {
  bot: Bot;
  core: ChatCore;
  log: Logger;
  webhook?: { url: string; secret?: string; port: number };
}

export interface RunningAdapter {
  stop(): Promise<void>;
}

/** Keep updates of one chat in order while different chats run concurrently. */
const chatKey = (ctx: { chat?: { id: number }; callbackQuery?: { message?: { chat: { id: number } } } }): string | undefined =>
  String(ctx.chat?.id ?? ctx.callbackQuery?.message?.chat.id ?? '');

export function installHandlers(bot: Bot, core: ChatCore, log: Logger): void {
  bot.use(sequentialize(chatKey));
  bot.on('callback_query:data', async (ctx) => {
    const inbound = callbackToInbound(ctx);
    const result = inbound ? await core.handle(inbound) : { toast: undefined };
    await ctx.answerCallbackQuery(result.toast ? { text: result.toast.slice(0, 200) } : undefined).catch((err: unknown) => log.debug({ err }, 'answerCallbackQuery failed'));
  });
  bot.on('message', async (ctx) => {
    const inbound = messageToInbound(ctx);
    if (inbound) await core.handle(inbound);
  });
  bot.catch((err) => log.error({ err: err.error, update: err.ctx.update.update_id }, 'telegram update failed'));
}

/** The command menu: officers in groups, admins as group administrators, help for everyone else. */
export async function publishCommandMenu(bot: Bot, core: ChatCore): Promise<void> {
  const r = core.registry;
  await Promise.all([
    bot.api.setMyCommands(r.menu(null), { scope: { type: 'default' } }),
    bot.api.setMyCommands(r.menu(['penghubung', 'operator']), { scope: { type: 'all_group_chats' } }),
    bot.api.setMyCommands(r.menu(['admin_instansi', 'penghubung']), { scope: { type: 'all_chat_administrators' } }),
    bot.api.setMyCommands(r.menu(['penghubung', 'operator', 'admin_instansi']), { scope: { type: 'all_private_chats' } }),
  ]);
}

export async function startTelegram(opts: TelegramAdapterOptions): Promise<RunningAdapter> {
  const { bot, core, log } = opts;
  installHandlers(bot, core, log);
  await bot.init();
  log.info({ username: bot.botInfo.username }, 'telegram bot connected');
  await publishCommandMenu(bot, core).catch((err: unknown) => log.warn({ err }, 'could not publish the command menu'));
  if (opts.webhook) {
    const server: Server = createServer(webhookCallback(bot, 'http', { secretToken: opts.webhook.secret }));
    await new Promise<void>((resolve) => server.listen(opts.webhook!.port, resolve));
    await bot.api.setWebhook(opts.webhook.url, { secret_token: opts.webhook.secret, allowed_updates: ['message', 'callback_query'] });
    log.info({ url: opts.webhook.url, port: opts.webhook.port }, 'telegram webhook listening');
    return { stop: () => new Promise((resolve) => server.close(() => resolve())) };
  }
  await bot.api.deleteWebhook().catch(() => {});
  const runner: RunnerHandle = run(bot, {
    runner: { fetch: { allowed_updates: ['message', 'callback_query'] } },
    // Updates handled at once (default 500): a burst queues here instead of holding hundreds of
    // half-done handlers, and their database connections, in memory.
    sink: { concurrency: 32 },
  });
  log.info('telegram long polling started');
  return {
    async stop() {
      if (runner.isRunning()) await runner.stop();
    },
  };
}
