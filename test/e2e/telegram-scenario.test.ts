/**
 * The real bot process against a fake Telegram Bot API and PostgreSQL, driven through the shared
 * coordination scenario (test/e2e/scenario/shared-scenario.ts; the WhatsApp adapter runs the
 * same one): post, concurrent claim, edit, both answers, bounce to the admin, a 429 survived
 * without loss. Telegram-only checks (command menu, refusals) follow.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Message } from 'grammy/types';
import { FakeTelegramApi } from '../fakes/telegram-api.js';
import { createTestDb, type TestDb } from '../helpers/test-db.js';
import { buildWorld, type World } from '../helpers/world.js';
import { spawnCli, type Proc } from '../helpers/process.js';
import { runCoordinationScenario, type BotMessage, type ChatRef, type ScenarioDriver, type Who } from './scenario/shared-scenario.js';

const onPostgres = inject('pgTemplate') !== null;
const TOKEN = '123456:TEST-TOKEN-abcdefghijklmnopqrstuvwxyz';
const USERS = {
  admin: { id: 1001, first_name: 'Ani', last_name: 'Admin' },
  budi: { id: 1002, first_name: 'Budi' },
  citra: { id: 1003, first_name: 'Citra' },
  dedi: { id: 1004, first_name: 'Dedi' },
} as const;
const ADMIN_CHAT = -1001;
const UNIT_CHAT = -1002;

let db: TestDb;
let w: World;
let api: FakeTelegramApi;
let bot: Proc;

beforeAll(async () => {
  if (!onPostgres) return;
  db = await createTestDb();
  w = await buildWorld(db, new Date().toISOString());
  await w.newReport('3000001');
  await w.newReport('3000002');
  api = await FakeTelegramApi.start({ token: TOKEN });
  api.addChat({ id: ADMIN_CHAT, type: 'group', title: 'Admin Instansi' });
  api.addChat({ id: UNIT_CHAT, type: 'group', title: 'Penghubung Pengadaan' });
  bot = spawnCli(['start'], { DATABASE_URL: db.url!, TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: api.apiRoot, CONSOLE: 'false', LOG_LEVEL: 'info', INSTANCE_ID: 'e2e' });
  await bot.waitFor(/telegram long polling started/, 60_000);
}, 90_000);

afterAll(async () => {
  if (!onPostgres) return;
  bot.child.kill('SIGTERM');
  await bot.exited();
  await api.stop();
  await db.close();
});

const textOf = (m: unknown): string => (m as Message).text ?? '';
const buttonsOf = (m: Message): { text: string; callback_data?: string }[] =>
  (m.reply_markup?.inline_keyboard.flat() ?? []) as { text: string; callback_data?: string }[];
const chatIdOf = (chat: ChatRef): number => (chat === 'admin' ? ADMIN_CHAT : chat === 'unit' ? UNIT_CHAT : USERS[chat.privateOf].id);

/** The shared scenario's driver: the fake Bot API in front of the real bot process. */
const telegramDriver = (): ScenarioDriver => ({
  platform: 'telegram',
  async say(chat, who: Who, text, replyTo) {
    api.injectMessage({ chatId: chatIdOf(chat), from: USERS[who], text, replyToMessageId: replyTo ? Number(replyTo.id) : undefined });
  },
  async claimTogether(post, who) {
    const message = api.messages(UNIT_CHAT).find((m) => String(m.message_id) === post.id)!;
    const ambil = buttonsOf(message).find((b) => b.text === 'Ambil')!.callback_data!;
    const answered = api.callbackAnswers().length;
    for (const o of who) api.injectCallback({ chatId: UNIT_CHAT, messageId: message.message_id, from: USERS[o], data: ambil });
    await api.waitFor(() => api.callbackAnswers().length >= answered + who.length);
  },
  messages(chat): BotMessage[] {
    return api.messages(chatIdOf(chat)).map((m) => ({ id: String(m.message_id), text: textOf(m) }));
  },
  postUpdates(post) {
    return api.edits(UNIT_CHAT).filter((m) => String(m.message_id) === post.id).map(textOf);
  },
  actions(post) {
    const message = api.messages(UNIT_CHAT).find((m) => String(m.message_id) === post.id);
    return message ? buttonsOf(message).map((b) => b.text) : [];
  },
  failNextSend() {
    api.failNext('sendMessage', 1, { code: 429, retryAfter: 1 });
  },
  sawFailure() {
    return api.sent().some((c) => c.error?.code === 429);
  },
  sentIds() {
    return api.sent().filter((c) => c.ok && c.method === 'sendMessage').map((c) => `${String(c.params.chat_id)}:${(c.result as Message).message_id}`);
  },
  waitFor(check, timeoutMs = 15_000) {
    return api.waitFor(() => check(), timeoutMs);
  },
});

describe.runIf(onPostgres)('Telegram end to end', () => {
  it('publishes the command menu per scope', () => {
    const scopes = api.commands().map((c) => (c.scope as { type: string }).type).sort();
    expect(scopes).toEqual(['all_chat_administrators', 'all_group_chats', 'all_private_chats', 'default']);
  });

  it('runs the shared coordination scenario: post, one concurrent claim wins, edit, answers, bounce to the admin', async () => {
    await runCoordinationScenario(telegramDriver(), {
      db: db.prisma,
      officers: { budi: { personId: w.people.budi.personId!, name: 'Budi' }, citra: { personId: w.people.citra.personId!, name: 'Citra' } },
      unitCode: w.units.A.code,
      tracking: ['3000001', '3000002'],
    });
    // On Telegram the claim answers are also button toasts.
    const toasts = api.callbackAnswers().map((a) => a.text ?? '');
    expect(toasts.filter((t) => /diambil oleh/.test(t) && !/sudah/.test(t))).toHaveLength(1);
    expect(toasts.filter((t) => /sudah diambil oleh/.test(t))).toHaveLength(1);
  });

  it('refuses an unregistered user, an officer of another unit and a malformed id without changing anything', async () => {
    const before = await db.prisma.report.findMany({ orderBy: { id: 'asc' } });
    const events = await db.prisma.reportEvent.count();
    const refusals = await db.prisma.auditEvent.count({ where: { action: 'refused' } });
    const said = (re: RegExp): boolean => api.messages(UNIT_CHAT).some((m) => re.test(textOf(m)));
    api.injectMessage({ chatId: UNIT_CHAT, from: { id: 4242, first_name: 'Tamu' }, text: '/ambil 3000001' });
    api.injectMessage({ chatId: UNIT_CHAT, from: USERS.dedi, text: '/lepas 3000001' });
    api.injectMessage({ chatId: UNIT_CHAT, from: USERS.budi, text: '/ambil ###' });
    await api.waitFor(() => said(/belum terdaftar/) && said(/hanya untuk Pejabat Penghubung unit yang menangani/) && said(/Masukan tidak valid/));
    expect(await db.prisma.report.findMany({ orderBy: { id: 'asc' } })).toEqual(before);
    expect(await db.prisma.reportEvent.count()).toBe(events);
    // Both refusals by role are recorded (the malformed id is an input error, not a refusal).
    expect(await db.prisma.auditEvent.count({ where: { action: 'refused' } })).toBe(refusals + 2);
  });
});
