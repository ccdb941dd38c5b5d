/**
 * Wiring only: config → database → services → adapters → scheduler. Runs until SIGINT/SIGTERM
 * and then shuts down in reverse order.
 */
import type { Config } from './config.js';
import type { Logger } from './lib/logger.js';
import { openServices } from './services/bootstrap.js';
import { seedDemo } from './demo/seed-demo.js';

export interface Running {
  stop(): Promise<void>;
}

/** Start the bot; resolves once everything is up. */
export async function start(config: Config, log: Logger): Promise<Running> {
  const { db, ctx } = await openServices(config, log);
  log.info({ database: db.kind, where: db.where }, db.kind === 'pglite' ? 'embedded database ready (single process; set DATABASE_URL for PostgreSQL)' : 'PostgreSQL ready');
  if (config.demoSeed) {
    const seeded = await seedDemo(ctx);
    if (seeded.seeded) log.info({ reports: seeded.reports }, 'demo agency DEMO created (clearly marked demo data)');
  }
  const stoppers: (() => Promise<void>)[] = [];
  if (!config.telegram && !config.whatsapp) {
    log.info('no chat platform configured: set TELEGRAM_BOT_TOKEN and/or WHATSAPP_ENABLED=true in .env (see .env.example)');
  }
  return {
    async stop() {
      for (const s of stoppers.reverse()) await s().catch((err: unknown) => log.error({ err }, 'error while stopping'));
      await db.close();
      log.info('stopped');
    },
  };
}

/** Run until a signal arrives; used by `penghubung start`. */
export async function runUntilSignal(config: Config, log: Logger): Promise<void> {
  const running = await start(config, log);
  log.info('Penghubung is running. Press Ctrl-C to stop.');
  await new Promise<void>((resolve) => {
    const onSignal = (sig: string): void => {
      log.info({ signal: sig }, 'shutting down');
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      resolve();
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
  await running.stop();
}
