/**
 * Wiring only: config → database → services → adapters → scheduler. Runs until SIGINT/SIGTERM
 * (or `:quit` in the console) and then shuts down in reverse order.
 */
import type { Config } from './config.js';
import type { Platform } from './domain/types.js';
import type { Logger } from './lib/logger.js';
import type { ChatPort } from './adapters/port.js';
import type { RunningAdapter } from './adapters/telegram/adapter.js';
import type { ConsoleChat } from './adapters/console/client.js';
import type { RunningWhatsApp } from './adapters/whatsapp/adapter.js';
import { openServices } from './services/bootstrap.js';
import { createRegistry } from './commands/index.js';
import { ChatCore } from './chat/core.js';
import { OutboxDispatcher } from './scheduler/outbox-dispatcher.js';
import { startScheduler } from './scheduler/run-coordinator.js';
import { allJobs } from './scheduler/all-jobs.js';
import { configureAi } from './ai/runtime.js';
import { aiSettings } from './ai/settings.js';

// What a configuration may leave unused (Telegram, WhatsApp, the console, the REST API, the demo
// seed) is imported when it is used: a start loads, compiles and keeps in memory only its part.

export interface Running {
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Called when the console user types :quit. */
  onQuit?: () => void;
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
}

/** Start the bot; resolves once everything is up. */
export async function start(config: Config, log: Logger, opts: StartOptions = {}): Promise<Running> {
  // Telegram's getMe goes out while the database opens and migrates: both are round trips.
  const telegramReady = config.telegram ? openTelegram(config.telegram, log) : undefined;
  telegramReady?.catch(() => {}); // awaited below; not an unhandled rejection meanwhile
  const { db, ctx } = await openServices(config, log);
  // Prisma loads its query compiler (WebAssembly) on the first query; start that while the
  // Telegram round trips are still out rather than when the first update arrives.
  db.prisma.$connect().catch(() => {}); // a failure shows up on the first real query
  configureAi(config.ai ? aiSettings(config.ai) : null);
  log.info({ database: db.kind, where: db.where }, db.kind === 'pglite' ? 'embedded database ready (single process; set DATABASE_URL for PostgreSQL)' : 'PostgreSQL ready');
  if (config.demoSeed) {
    const [{ seedDemo }, { seedInfoDemo }] = await Promise.all([import('./demo/seed-demo.js'), import('./demo/info-demo.js')]);
    const seeded = await seedDemo(ctx);
    if (seeded.seeded) log.info({ reports: seeded.reports }, 'demo agency DEMO created (clearly marked demo data)');
    await seedInfoDemo(ctx);
  }
  const stoppers: (() => Promise<void> | void)[] = [() => db.close()];
  const ports: Partial<Record<Platform, ChatPort>> = {};
  const registry = createRegistry();
  let telegram: TelegramBot | undefined;
  try {
    telegram = await telegramReady;
  } catch (e) {
    await db.close();
    throw e;
  }
  if (telegram) ports.telegram = telegram.port;

  let dispatcher: OutboxDispatcher | undefined;
  const core = new ChatCore({
    services: ctx,
    registry,
    kick: () => dispatcher?.kick(),
    direct: async (target, message) => {
      await ports[target.platform]?.send(target, message);
    },
    botUsername: telegram?.username,
  });

  let consoleChat: ConsoleChat | undefined;
  if (config.console) {
    const [{ ConsoleChat }, { ConsolePort }] = await Promise.all([import('./adapters/console/client.js'), import('./adapters/console/port.js')]);
    consoleChat = new ConsoleChat({
      core,
      services: ctx,
      input: opts.input ?? process.stdin,
      output: opts.output ?? process.stdout,
      flush: async () => {
        while (dispatcher && (await dispatcher.runOnce()) > 0);
      },
      onQuit: () => opts.onQuit?.(),
    });
    ports.console = new ConsolePort(consoleChat);
  }

  if (config.whatsapp) {
    const [{ whatsAppClientFactory }, { startWhatsApp }, { whatsappAdminAlerter }] = await Promise.all([
      import('./adapters/whatsapp/client.js'), import('./adapters/whatsapp/adapter.js'), import('./services/whatsapp-alerts.js'),
    ]);
    // Connecting runs in the background; messages wait in the outbox until WhatsApp is ready.
    const whatsapp: RunningWhatsApp = startWhatsApp({
      client: whatsAppClientFactory({ authDir: config.whatsapp.authDir, chromiumPath: config.whatsapp.chromiumPath }),
      core,
      log: log.child({ platform: 'whatsapp' }),
      alertAdmins: whatsappAdminAlerter(ctx, () => dispatcher?.kick()),
    });
    ports.whatsapp = whatsapp.port;
    stoppers.push(() => whatsapp.stop());
  }

  dispatcher = new OutboxDispatcher({
    db: ctx.db, ports, log, clock: ctx.clock, instanceId: config.instanceId,
    limits: config.whatsapp ? { whatsapp: config.whatsapp.limits } : undefined,
  });
  dispatcher.start();
  stoppers.push(() => dispatcher!.stop());

  const scheduler = startScheduler({
    services: ctx,
    log: log.child({ component: 'scheduler' }),
    kick: () => dispatcher?.kick(),
    timeZone: config.calendar.timeZone,
    overrides: config.jobSchedules,
    instanceId: config.instanceId,
    jobs: allJobs({ unclaimedAfterWorkingHours: config.unclaimedAfterWorkingHours }),
  });
  stoppers.push(() => scheduler.stop());

  if (config.apiPort !== undefined) {
    const { startApi } = await import('./api/server.js');
    const api = await startApi({ port: config.apiPort, services: ctx, log, kick: () => dispatcher?.kick(), duplicateThreshold: config.duplicateThreshold });
    stoppers.push(() => api.stop());
  }

  if (telegram) {
    const running: RunningAdapter = await telegram.start(core);
    stoppers.push(() => running.stop());
  }
  if (!config.telegram && !config.whatsapp) {
    log.info('no chat platform configured: set TELEGRAM_BOT_TOKEN and/or WHATSAPP_ENABLED=true in .env (see .env.example)');
  }
  if (consoleChat) {
    await consoleChat.start();
    stoppers.push(() => consoleChat!.stop());
  }
  return {
    async stop() {
      for (const s of stoppers.reverse()) await Promise.resolve(s()).catch((err: unknown) => log.error({ err }, 'error while stopping'));
      log.info('stopped');
    },
  };
}

/** An initialised Telegram bot, not polling yet. */
interface TelegramBot {
  username: string;
  port: ChatPort;
  start(core: ChatCore): Promise<RunningAdapter>;
}

/** The Telegram bot, initialised (its modules and grammY load only when Telegram is configured). */
async function openTelegram(cfg: NonNullable<Config['telegram']>, log: Logger): Promise<TelegramBot> {
  const [{ createTelegramBot }, { TelegramPort }, { startTelegram }] = await Promise.all([
    import('./adapters/telegram/client.js'), import('./adapters/telegram/port.js'), import('./adapters/telegram/adapter.js'),
  ]);
  const bot = createTelegramBot(cfg);
  await bot.init(); // the username is needed to understand `/ambil@bot` in groups
  return {
    username: bot.botInfo.username,
    port: new TelegramPort(bot.api),
    start: (core) => startTelegram({ bot, core, log, webhook: cfg.webhook }),
  };
}

/** Run until a signal arrives (or the console quits); used by `penghubung start`. */
export async function runUntilSignal(config: Config, log: Logger): Promise<void> {
  let quit: () => void = () => {};
  const stopped = new Promise<string>((resolve) => {
    quit = () => resolve('console');
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
  const running = await start(config, log, { onQuit: () => quit() });
  log.info('Penghubung is running. Press Ctrl-C to stop.');
  const reason = await stopped;
  log.info({ reason }, 'shutting down');
  await running.stop();
}
