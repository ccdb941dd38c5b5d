/**
 * Platform faults: the fake Telegram Bot API answers 429 storms, 5xx bursts and hangs past the
 * client timeout; the fake WhatsApp client crashes mid-burst. Every queued message is delivered
 * once the platform recovers, each chat in order. Only a hung call can duplicate: Telegram ran it
 * after the client gave up (no idempotency key exists), so at most one extra copy per hang.
 */
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { Bot } from 'grammy';
import { autoRetry } from '@grammyjs/auto-retry';
import { createTelegramBot } from '../../src/adapters/telegram/client.js';
import { TelegramPort } from '../../src/adapters/telegram/port.js';
import { startWhatsApp } from '../../src/adapters/whatsapp/adapter.js';
import { silentLogger } from '../../src/lib/logger.js';
import { OutboxDispatcher, type DispatcherOptions } from '../../src/scheduler/outbox-dispatcher.js';
import { FakeTelegramApi } from '../fakes/telegram-api.js';
import { FakeWhatsApp } from '../fakes/fake-whatsapp.js';
import { eventually } from '../helpers/eventually.js';
import { createTestDb, type TestDb } from '../helpers/test-db.js';

const onPostgres = inject('pgTemplate') !== null;
const FAST: Partial<DispatcherOptions> = { idleMs: 50, backoff: { baseMs: 100, maxMs: 1000 }, maxAttempts: 20 };

let db: TestDb;
let api: FakeTelegramApi;
const running: { stop(): Promise<void> }[] = [];

beforeAll(async () => {
  if (!onPostgres) return;
  db = await createTestDb();
  api = await FakeTelegramApi.start();
});
afterEach(async () => {
  if (!onPostgres) return;
  for (const r of running.splice(0)) await r.stop();
  api.reset();
  await db.prisma.outbox.updateMany({ where: { status: { in: ['PENDING', 'SENDING'] } }, data: { status: 'CANCELLED' } });
});
afterAll(async () => {
  if (!onPostgres) return;
  await api.stop();
  await db.close();
});

/** Queue `n` messages over `chats` chats; returns the texts in queue order per chat. */
async function burst(tag: string, n: number, chats: string[], platform: 'telegram' | 'whatsapp' = 'telegram'): Promise<Map<string, string[]>> {
  const perChat = new Map<string, string[]>(chats.map((c) => [c, []]));
  const data = Array.from({ length: n }, (_, i) => {
    const chat = chats[i % chats.length]!;
    const text = `${tag} #${i}`;
    perChat.get(chat)!.push(text);
    return { platform, target: chat, purpose: 'notice', payload: { text } };
  });
  await db.prisma.outbox.createMany({ data });
  return perChat;
}

function telegramDispatcher(id: string, bot: Bot = createTelegramBot({ token: api.token, apiRoot: api.apiRoot })): OutboxDispatcher {
  const d = new OutboxDispatcher({
    db: db.prisma, ports: { telegram: new TelegramPort(bot.api) }, log: silentLogger(), instanceId: id,
    limits: { telegram: { perChatPerMinute: Infinity, perSecond: Infinity } }, ...FAST,
  });
  d.start();
  running.push(d);
  return d;
}

/** Texts delivered per chat (first copy of each), and how many copies were extra. */
function deliveredTelegram(tag: string): { perChat: Map<string, string[]>; extra: number } {
  const perChat = new Map<string, string[]>();
  let extra = 0;
  const seen = new Set<string>();
  for (const m of api.messages()) {
    const t = m.text ?? '';
    if (!t.startsWith(`${tag} #`)) continue;
    if (seen.has(t)) {
      extra++;
      continue;
    }
    seen.add(t);
    const list = perChat.get(String(m.chat.id)) ?? [];
    list.push(t);
    perChat.set(String(m.chat.id), list);
  }
  return { perChat, extra };
}

async function allSent(): Promise<void> {
  await eventually(async () => {
    const left = await db.prisma.outbox.groupBy({ by: ['status', 'lastError'], where: { status: { in: ['PENDING', 'SENDING', 'FAILED'] } }, _count: { _all: true } });
    expect(left).toEqual([]);
  }, 80_000, 100);
}

describe.runIf(onPostgres)('Telegram faults', () => {
  it('waits out a 429 storm: all delivered once, in order, no row failed', async () => {
    api.failNext('sendMessage', 60, { code: 429, retryAfter: 1 });
    const expected = await burst('storm', 120, ['-6001', '-6002', '-6003', '-6004', '-6005', '-6006']);
    telegramDispatcher('a');
    telegramDispatcher('b');
    await allSent();
    const got = deliveredTelegram('storm');
    expect(got.extra).toBe(0);
    expect(Object.fromEntries(got.perChat)).toEqual(Object.fromEntries(expected));
    expect(api.sent().filter((c) => c.error?.code === 429)).toHaveLength(60);
  }, 90_000);

  it('retries through 5xx bursts without losing or doubling anything', async () => {
    // grammY's auto-retry waits 3 s, then 6 s, inside the call for each 5xx: a few are enough.
    api.failNext('sendMessage', 4, { code: 502 });
    api.failNext('sendMessage', 4, { code: 500 });
    const expected = await burst('5xx', 100, ['-6101', '-6102', '-6103', '-6104']);
    telegramDispatcher('a');
    await allSent();
    const got = deliveredTelegram('5xx');
    expect(got.extra).toBe(0);
    expect(Object.fromEntries(got.perChat)).toEqual(Object.fromEntries(expected));
  }, 90_000);

  it('survives calls that hang past the client timeout: delivered, at most one extra copy per hang', async () => {
    // Production uses a 30 s client timeout (createTelegramBot); 2 s keeps the test short.
    const bot = new Bot(api.token, { client: { apiRoot: api.apiRoot, timeoutSeconds: 2 } });
    bot.api.config.use(autoRetry({ maxRetryAttempts: 2, maxDelaySeconds: 3 }));
    const hangs = 4;
    api.failNext('sendMessage', hangs, { hang: 3500 });
    const expected = await burst('hang', 40, ['-6201', '-6202']);
    telegramDispatcher('a', bot);
    await allSent();
    const got = deliveredTelegram('hang');
    expect(got.extra).toBeLessThanOrEqual(hangs);
    expect(Object.fromEntries(got.perChat)).toEqual(Object.fromEntries(expected));
  }, 90_000);
});

describe.runIf(onPostgres)('WhatsApp faults', () => {
  it('holds messages while the client is down and delivers them all after it reconnects', async () => {
    const wa = new FakeWhatsApp();
    const conn = startWhatsApp({ client: wa, core: { handle: async () => ({}) }, log: silentLogger(), backoff: { baseMs: 200, maxMs: 1000 }, port: { notReadyRetryMs: 200 } });
    running.push(conn);
    await wa.waitFor(() => wa.connected, 15_000);
    wa.crashAfterSends(15);
    const groups = ['120363000000000001@g.us', '120363000000000002@g.us', '120363000000000003@g.us'];
    const expected = await burst('wa', 60, groups, 'whatsapp');
    const d = new OutboxDispatcher({
      db: db.prisma, ports: { whatsapp: conn.port }, log: silentLogger(), instanceId: 'wa',
      limits: { whatsapp: { perChatPerMinute: Infinity, perSecond: Infinity } }, ...FAST,
    });
    d.start();
    running.unshift(d); // stopped before the connection
    await allSent();
    expect(wa.initializeCalls).toBeGreaterThanOrEqual(2); // it crashed and came back
    for (const g of groups) expect(wa.messages(g).map((m) => m.text)).toEqual(expected.get(g));
  }, 90_000);
});
