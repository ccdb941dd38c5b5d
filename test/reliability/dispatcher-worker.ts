/**
 * One outbox dispatcher in its own process, for the replica tests: the real OutboxDispatcher
 * with the real TelegramPort and grammY client, pointed at a fake Bot API, with limits taken from
 * the environment (the bot's own defaults, 30/s, would make a 5,000-message burst take minutes).
 *
 *   DATABASE_URL, TELEGRAM_API_ROOT, TELEGRAM_BOT_TOKEN, INSTANCE_ID
 *   PER_SECOND, PER_CHAT_PER_MINUTE: numbers or "inf" (default inf); LEASE_MS (default 60000)
 *
 * Prints "worker ready <id>" once sending; SIGTERM stops it cleanly (SIGKILL is the crash).
 */
import { createTelegramBot } from '../../src/adapters/telegram/client.js';
import { TelegramPort } from '../../src/adapters/telegram/port.js';
import { openDatabase } from '../../src/db/database.js';
import { createLogger } from '../../src/lib/logger.js';
import { OutboxDispatcher } from '../../src/scheduler/outbox-dispatcher.js';

const env = (name: string, def?: string): string => {
  const v = process.env[name] ?? def;
  if (v === undefined) throw new Error(`${name} is required`);
  return v;
};
const limit = (name: string): number => (env(name, 'inf') === 'inf' ? Infinity : Number(env(name)));

const instanceId = env('INSTANCE_ID');
const log = createLogger({ level: env('LOG_LEVEL', 'warn'), name: instanceId });
const db = await openDatabase({ kind: 'postgres', url: env('DATABASE_URL') }, log);
const bot = createTelegramBot({ token: env('TELEGRAM_BOT_TOKEN'), apiRoot: env('TELEGRAM_API_ROOT') });
const dispatcher = new OutboxDispatcher({
  db: db.prisma,
  ports: { telegram: new TelegramPort(bot.api) },
  log,
  instanceId,
  idleMs: 100,
  leaseMs: Number(env('LEASE_MS', '60000')),
  limits: { telegram: { perChatPerMinute: limit('PER_CHAT_PER_MINUTE'), perSecond: limit('PER_SECOND') } },
});
dispatcher.start();
process.stdout.write(`worker ready ${instanceId}\n`);
process.once('SIGTERM', () => {
  void dispatcher.stop().then(() => db.close()).then(() => process.exit(0));
});
