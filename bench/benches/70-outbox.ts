/**
 * Outbox delivery throughput against the fake Telegram Bot API enforcing Telegram's limits
 * (20 messages a minute per chat, 30 a second overall; it answers 429 beyond them): messages to
 * many chats, two OutboxDispatchers (two replicas) with the real TelegramPort and grammY client.
 * Figure: sends per second as a fraction of 30/s (goal ≥ 0.9) and the 429s received (goal 0).
 */
import { createTelegramBot } from '../../src/adapters/telegram/client.js';
import { TelegramPort } from '../../src/adapters/telegram/port.js';
import { OutboxDispatcher } from '../../src/scheduler/outbox-dispatcher.js';
import { FakeTelegramApi } from '../../test/fakes/telegram-api.js';
import { round } from '../lib/stats.js';
import type { BenchModule } from '../lib/types.js';

const LIMIT_PER_SECOND = 30;
const MARK = 'bench-outbox';

const bench: BenchModule = {
  name: 'outbox',
  title: 'outbox delivery vs Telegram limits (2 replicas)',
  async run(ctx) {
    const { outboxMessages: total, outboxChats: chats } = ctx.sizes;
    // Nothing else may be sent meanwhile (earlier benches queued nudges and replies).
    await ctx.pool.query(`UPDATE outbox SET status = 'CANCELLED' WHERE status IN ('PENDING', 'SENDING')`);
    await ctx.pool.query('DELETE FROM send_rate');
    const api = await FakeTelegramApi.start();
    api.enforceLimits({ perChatPerMinute: 20, perSecond: LIMIT_PER_SECOND });
    const dispatchers: OutboxDispatcher[] = [];
    try {
      // Chats of their own: sends of an earlier run still in the per-chat minute would slow this one.
      const firstChat = -3_000_000_000 - (Date.now() % 1_000_000) * 1_000;
      const rows = Array.from({ length: total }, (_, i) => ({
        platform: 'telegram' as const, target: String(firstChat - (i % chats)), purpose: 'notice',
        payload: { text: `${MARK} #${i}: Pengingat batas waktu laporan.` },
      }));
      await ctx.prisma.outbox.createMany({ data: rows });
      for (const id of ['bench-a', 'bench-b']) {
        const bot = createTelegramBot({ token: api.token, apiRoot: api.apiRoot });
        const d = new OutboxDispatcher({ db: ctx.prisma, ports: { telegram: new TelegramPort(bot.api) }, log: ctx.log, instanceId: id, idleMs: 200 });
        dispatchers.push(d);
      }
      const started = Date.now();
      for (const d of dispatchers) d.start();
      const deadline = started + Math.max(60_000, (total / LIMIT_PER_SECOND) * 3000);
      const marked = () => api.sent().filter((c) => c.ok && c.method === 'sendMessage' && String(c.params.text ?? '').startsWith(MARK));
      while (marked().length < total && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
      const sends = marked().map((c) => c.at).sort((a, b) => a - b);
      if (sends.length < total) throw new Error(`only ${sends.length}/${total} messages delivered within ${Math.round((deadline - started) / 1000)} s`);
      const spanS = (sends[sends.length - 1]! - sends[0]!) / 1000;
      const rate = (sends.length - 1) / spanS;
      const texts = marked().map((c) => String(c.params.text));
      const dupes = texts.length - new Set(texts).size;
      return [
        {
          name: 'delivery fraction of 30/s', value: round(rate / LIMIT_PER_SECOND), unit: 'of limit', goal: { op: '>=', value: 0.9 }, better: 'higher',
          note: `${total} messages to ${chats} chats in ${spanS.toFixed(1)} s = ${rate.toFixed(1)}/s by 2 dispatchers; max ${api.maxPerSecond()}/s in any 1 s window, max ${api.maxPerChatPerMinute()}/min into one chat; ${dupes} duplicates`,
        },
        { name: '429 responses', value: api.rateLimited(), unit: 'count', goal: { op: '<=', value: 0 }, better: 'lower' },
      ];
    } finally {
      await Promise.all(dispatchers.map((d) => d.stop()));
      await api.stop();
      await ctx.pool.query(`UPDATE outbox SET status = 'CANCELLED' WHERE status IN ('PENDING', 'SENDING')`);
    }
  },
};
export default bench;
