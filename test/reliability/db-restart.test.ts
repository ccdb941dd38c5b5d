/**
 * Database restart: the real bot process runs on a PostgreSQL cluster this test owns; the cluster
 * is stopped (fast shutdown, connections cut) in the middle of an outbox burst and started again.
 * The bot keeps running, answers a command during the outage with "sedang gangguan, coba lagi"
 * (sent directly, without the outbox), reconnects by itself, and loses no message. A message the
 * platform accepted just before its SENT row could be written is sent again once its lease runs
 * out (the dispatcher's documented window): such a row was claimed twice, and comes right after
 * its original, so each chat stays in order.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Message } from 'grammy/types';
import { openDatabase } from '../../src/db/database.js';
import { migrate } from '../../src/db/migrate.js';
import { pgRunner } from '../../src/db/sql-runner.js';
import { FakeTelegramApi } from '../fakes/telegram-api.js';
import { eventually } from '../helpers/eventually.js';
import { spawnCli, stopProc, type Proc } from '../helpers/process.js';
import type { TestDb } from '../helpers/test-db.js';
import { buildWorld } from '../helpers/world.js';
import { createCluster, missingBinaries, type Cluster } from './pg-cluster.js';

/** The only reason to skip: no PostgreSQL server binaries to build the cluster with. */
const missing = missingBinaries();
const runnable = missing === null;
if (missing) console.warn(`db-restart skipped: ${missing}`);
const TOKEN = '123456:TEST-TOKEN-abcdefghijklmnopqrstuvwxyz';
const BUDI = { id: 1002, first_name: 'Budi' };
const UNIT_CHAT = -1002;
const MESSAGES = 200;
const CHATS = 20;

let cluster: Cluster;
let db: TestDb;
let api: FakeTelegramApi;
let bot: Proc;

beforeAll(async () => {
  if (!runnable) return;
  cluster = await createCluster();
  const runner = await pgRunner(cluster.url);
  try {
    await migrate(runner);
  } finally {
    await runner.close();
  }
  db = { ...(await openDatabase({ kind: 'postgres', url: cluster.url })), url: cluster.url };
  const w = await buildWorld(db, new Date().toISOString());
  await w.newReport('3000001');
  api = await FakeTelegramApi.start({ token: TOKEN });
  api.addChat({ id: UNIT_CHAT, type: 'group', title: 'Penghubung Pengadaan' });
  bot = spawnCli(['start'], { DATABASE_URL: cluster.url, TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: api.apiRoot, CONSOLE: 'false', LOG_LEVEL: 'info', INSTANCE_ID: 'restart' });
  await bot.waitFor(/telegram long polling started/, 60_000);
}, 120_000);

afterAll(async () => {
  if (!runnable) return;
  try {
    if (bot) await stopProc(bot);
    await api?.stop();
    await db?.close().catch(() => {});
  } finally {
    await cluster?.destroy(); // even when the test (or the setup) failed half-way
  }
});

const text = (m: Message): string => m.text ?? '';
const chatOf = (i: number): number => -5_000_000_000 - (i % CHATS);
const marker = (i: number): string => `restart #${i} seq ${Math.floor(i / CHATS)}`;
const repliesTo = (needle: RegExp): Message[] => api.messages(UNIT_CHAT).filter((m) => needle.test(text(m)));

describe.skipIf(!runnable)(`the database goes away and comes back${missing ? ` (skipped: ${missing})` : ''}`, () => {
  it('keeps the bot running, says "sedang gangguan" meanwhile, reconnects and loses nothing', async () => {
    api.injectMessage({ chatId: UNIT_CHAT, from: BUDI, text: '/status 3000001' });
    await api.waitFor(() => repliesTo(/Laporan #3000001/).length === 1, 30_000);

    await db.prisma.outbox.createMany({
      data: Array.from({ length: MESSAGES }, (_, i) => ({ platform: 'telegram' as const, target: String(chatOf(i)), purpose: 'notice', payload: { text: marker(i) } })),
    });
    await eventually(() => expect(api.messages().filter((m) => text(m).startsWith('restart #')).length).toBeGreaterThanOrEqual(MESSAGES / 4), 60_000, 50);
    await db.close(); // the test's own pool, so that only the bot notices the outage
    await cluster.stop();

    api.injectMessage({ chatId: UNIT_CHAT, from: BUDI, text: '/status 3000001' });
    await api.waitFor(() => repliesTo(/sedang gangguan, coba lagi/).length === 1, 30_000);
    await new Promise((r) => setTimeout(r, 2000)); // the dispatcher meets the outage too
    expect(bot.child.exitCode).toBeNull();

    await cluster.start();
    db = { ...(await openDatabase({ kind: 'postgres', url: cluster.url })), url: cluster.url };
    api.injectMessage({ chatId: UNIT_CHAT, from: BUDI, text: '/status 3000001' });
    await api.waitFor(() => repliesTo(/Laporan #3000001/).length === 2, 60_000);

    // Every row ends SENT; a row whose SENT update was lost waits for its lease (60 s) first.
    await eventually(async () => expect(await db.prisma.outbox.count({ where: { status: { not: 'SENT' } } })).toBe(0), 150_000, 500);
    const delivered = api.messages().filter((m) => text(m).startsWith('restart #'));
    const counts = new Map<string, number>();
    for (const m of delivered) counts.set(text(m), (counts.get(text(m)) ?? 0) + 1);
    expect(Array.from({ length: MESSAGES }, (_, i) => marker(i)).filter((t) => !counts.has(t))).toEqual([]);
    const twice = [...counts].filter(([, n]) => n > 1).map(([t]) => t);
    console.info(`database restart: ${twice.length} message(s) sent twice (SENT not recorded before the outage)`);
    if (twice.length) {
      const rows = await db.prisma.outbox.findMany({ where: { OR: twice.map((t) => ({ payload: { equals: { text: t } } })) }, select: { attempts: true } });
      for (const r of rows) expect(r.attempts).toBeGreaterThanOrEqual(2);
    }
    for (let c = 0; c < CHATS; c++) {
      const seq = delivered.filter((m) => m.chat.id === chatOf(c)).map((m) => Number(/seq (\d+)/.exec(text(m))?.[1]));
      expect(seq.filter((s, i) => i === 0 || s !== seq[i - 1]), `chat ${chatOf(c)}`).toEqual(Array.from({ length: MESSAGES / CHATS }, (_, k) => k));
    }
    expect(bot.child.exitCode).toBeNull();
    expect(bot.output()).toMatch(/database unavailable while handling a message/);
  }, 300_000);
});
