/** Webhook mode: updates are accepted only with Telegram's secret token header. */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Message } from 'grammy/types';
import { FakeTelegramApi } from '../fakes/telegram-api.js';
import { createTestDb, type TestDb } from '../helpers/test-db.js';
import { buildWorld } from '../helpers/world.js';
import { freePort } from '../helpers/free-port.js';
import { spawnCli, type Proc } from '../helpers/process.js';

const onPostgres = inject('pgTemplate') !== null;
const TOKEN = '123456:WEBHOOK-TOKEN-abcdefghijklmnopqrstuvwxyz';
const SECRET = 'webhook-secret-0123456789';

let db: TestDb;
let api: FakeTelegramApi;
let bot: Proc;
let port: number;

beforeAll(async () => {
  if (!onPostgres) return;
  db = await createTestDb();
  await buildWorld(db, new Date().toISOString());
  api = await FakeTelegramApi.start({ token: TOKEN });
  port = await freePort();
  bot = spawnCli(['start'], {
    DATABASE_URL: db.url!, TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: api.apiRoot, CONSOLE: 'false', LOG_LEVEL: 'info',
    TELEGRAM_WEBHOOK_URL: 'https://bot.example.invalid/telegram', TELEGRAM_WEBHOOK_SECRET: SECRET, TELEGRAM_WEBHOOK_PORT: String(port),
  });
  await bot.waitFor(/telegram webhook listening/, 60_000);
}, 90_000);

afterAll(async () => {
  if (!onPostgres) return;
  bot.child.kill('SIGTERM');
  await bot.exited();
  await api.stop();
  await db.close();
});

const update = (id: number) => ({
  update_id: id,
  message: { message_id: id, date: Math.floor(Date.now() / 1000), chat: { id: -1002, type: 'group', title: 'Unit' }, from: { id: 1002, is_bot: false, first_name: 'Budi' }, text: '/bantuan', entities: [{ type: 'bot_command', offset: 0, length: 8 }] },
});

describe.runIf(onPostgres)('Telegram webhook', () => {
  it('registers the webhook with its secret', () => {
    const call = api.sent().find((c) => c.method === 'setWebhook');
    expect(call?.params).toMatchObject({ url: 'https://bot.example.invalid/telegram', secret_token: SECRET });
  });

  it('refuses updates without the right secret and handles those with it', async () => {
    const post = (headers: Record<string, string>, id: number) =>
      fetch(`http://127.0.0.1:${port}/`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(update(id)) });
    expect((await post({}, 1)).status).toBe(401);
    expect((await post({ 'x-telegram-bot-api-secret-token': 'wrong-secret-0000000' }, 2)).status).toBe(401);
    expect((await post({ 'x-telegram-bot-api-secret-token': SECRET }, 3)).status).toBe(200);
    await api.waitFor(() => api.messages(-1002).some((m) => ((m as Message).text ?? '').includes('Penghubung')));
    // Only the authentic update was answered.
    expect(api.messages(-1002).filter((m) => ((m as Message).text ?? '').includes('Penghubung'))).toHaveLength(1);
  });
});
