/**
 * Tests of the fake Telegram Bot API itself, driven by a real grammy Bot so the fake stays
 * wire-compatible with the client the application uses.
 */
import { Bot, GrammyError, InlineKeyboard, InputFile } from 'grammy';
import type { Message } from 'grammy/types';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeTelegramApi } from '../fakes/telegram-api.js';

const USER = { id: 4242, first_name: 'Sari', username: 'sari_petugas' };
const SUPERGROUP = -1001234567890;
const GROUP = -4567;

let fake: FakeTelegramApi;

function botFor(api: FakeTelegramApi, token = api.token): Bot {
  return new Bot(token, { client: { apiRoot: api.apiRoot } });
}

async function rejection(promise: Promise<unknown>): Promise<GrammyError> {
  const err: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof GrammyError)) throw new Error(`expected a GrammyError, got ${String(err)}`);
  return err;
}

/** A 2x1 PNG: enough header for the fake to read dimensions. */
function tinyPng(): Buffer {
  const png = Buffer.alloc(33);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(png, 0);
  png.writeUInt32BE(13, 8);
  png.write('IHDR', 12, 'ascii');
  png.writeUInt32BE(2, 16);
  png.writeUInt32BE(1, 20);
  return png;
}

beforeEach(async () => {
  fake = await FakeTelegramApi.start();
});

afterEach(async () => {
  await fake.stop();
});

describe('FakeTelegramApi: identity and routing', () => {
  it('answers getMe through bot.init() with a bot user derived from the token', async () => {
    const bot = botFor(fake);
    await bot.init();
    expect(bot.botInfo).toMatchObject({
      id: 7000000001,
      is_bot: true,
      first_name: 'Penghubung',
      username: 'penghubung_test_bot',
      can_join_groups: true,
      can_read_all_group_messages: false,
      supports_inline_queries: false,
    });
    expect(fake.apiRoot).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('rejects a wrong token with 401 Unauthorized', async () => {
    const err = await rejection(botFor(fake, '1:wrong').api.getMe());
    expect(err.error_code).toBe(401);
    expect(err.description).toBe('Unauthorized');
  });

  it('answers unknown methods with 404 and accepts urlencoded bodies and case-insensitive names', async () => {
    const unknown = await fetch(`${fake.apiRoot}/bot${fake.token}/pinChatMessage`, { method: 'POST' });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ ok: false, error_code: 404, description: 'Not Found: method not found' });

    const res = await fetch(`${fake.apiRoot}/bot${fake.token}/sendmessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ chat_id: '77', text: '123', reply_markup: JSON.stringify({ inline_keyboard: [[{ text: 'A', callback_data: 'a' }]] }) }),
    });
    const body = (await res.json()) as { ok: boolean; result: Message };
    expect(body.ok).toBe(true);
    // Form values are typed per parameter: chat_id becomes a number, text stays text.
    expect(body.result.chat).toEqual({ id: 77, type: 'private', first_name: 'User 77' });
    expect(body.result.text).toBe('123');
    expect(body.result.reply_markup?.inline_keyboard[0]?.[0]).toEqual({ text: 'A', callback_data: 'a' });
    expect(fake.sent().map((c) => [c.method, c.ok])).toEqual([['pinChatMessage', false], ['sendMessage', true]]);
  });
});

describe('FakeTelegramApi: sending and editing', () => {
  it('returns realistic messages: ids per chat, chat types from ids, thread and reply echo', async () => {
    const bot = botFor(fake);
    fake.addChat({ id: SUPERGROUP, title: 'Koordinasi LAPOR', isForum: true });
    const a1 = await bot.api.sendMessage(SUPERGROUP, 'satu', { message_thread_id: 7 });
    const a2 = await bot.api.sendMessage(SUPERGROUP, 'dua', { reply_parameters: { message_id: a1.message_id } });
    const b1 = await bot.api.sendMessage(GROUP, 'tiga');
    const c1 = await bot.api.sendMessage(USER.id, 'empat');

    expect([a1.message_id, a2.message_id, b1.message_id, c1.message_id]).toEqual([1, 2, 1, 1]);
    expect(a1).toMatchObject({
      message_thread_id: 7,
      is_topic_message: true,
      chat: { id: SUPERGROUP, type: 'supergroup', title: 'Koordinasi LAPOR', is_forum: true },
      from: { id: 7000000001, is_bot: true, username: 'penghubung_test_bot' },
      text: 'satu',
    });
    expect(a1.date).toBeCloseTo(Date.now() / 1000, -1);
    expect(a2.reply_to_message).toMatchObject({ message_id: 1, text: 'satu' });
    expect(b1.chat.type).toBe('group');
    expect(c1.chat.type).toBe('private');
    expect(fake.messages(SUPERGROUP).map((m) => m.text)).toEqual(['satu', 'dua']);
    expect(fake.messages()).toHaveLength(4);
  });

  it('edits stored messages and reports "not modified" / "not found" like Telegram', async () => {
    const bot = botFor(fake);
    const keyboard = new InlineKeyboard().text('Tutup', 'close:1');
    const sent = await bot.api.sendMessage(GROUP, 'Laporan baru', { reply_markup: keyboard });
    expect(sent.reply_markup).toEqual({ inline_keyboard: [[{ text: 'Tutup', callback_data: 'close:1' }]] });

    const edited = await bot.api.editMessageText(GROUP, sent.message_id, 'Laporan diproses', { reply_markup: keyboard });
    expect(edited).toMatchObject({ message_id: sent.message_id, text: 'Laporan diproses', reply_markup: sent.reply_markup });
    expect(edited).toHaveProperty('edit_date');

    const same = await rejection(bot.api.editMessageText(GROUP, sent.message_id, 'Laporan diproses', { reply_markup: keyboard }));
    expect(same.error_code).toBe(400);
    expect(same.description).toMatch(/^Bad Request: message is not modified/);

    const missing = await rejection(bot.api.editMessageText(GROUP, 999, 'x'));
    expect(missing.description).toBe('Bad Request: message to edit not found');

    // Omitting reply_markup in an edit removes the keyboard, as in the real API.
    const stripped = await bot.api.editMessageText(GROUP, sent.message_id, 'Selesai');
    expect(stripped).not.toHaveProperty('reply_markup');
    const withButtons = await bot.api.editMessageReplyMarkup(GROUP, sent.message_id, { reply_markup: keyboard });
    expect(withButtons).toMatchObject({ text: 'Selesai', reply_markup: sent.reply_markup });
    expect(fake.edits(GROUP).map((m) => m.text)).toEqual(['Laporan diproses', 'Selesai', 'Selesai']);
    expect(fake.storedMessage(GROUP, sent.message_id)?.reply_markup).toEqual(sent.reply_markup);
  });

  it('validates text, callback_data and HTML with Telegram error descriptions', async () => {
    const bot = botFor(fake);
    const desc = async (p: Promise<unknown>): Promise<string> => (await rejection(p)).description;
    expect(await desc(bot.api.sendMessage(GROUP, ''))).toBe('Bad Request: message text is empty');
    expect(await desc(bot.api.sendMessage(GROUP, 'x'.repeat(4097)))).toBe('Bad Request: message is too long');
    await expect(bot.api.sendMessage(GROUP, 'x'.repeat(4096))).resolves.toBeDefined();
    const tooLong = new InlineKeyboard().text('A', 'é'.repeat(33)); // 66 bytes in UTF-8
    expect(await desc(bot.api.sendMessage(GROUP, 'x', { reply_markup: tooLong }))).toBe('Bad Request: BUTTON_DATA_INVALID');
    await expect(bot.api.sendMessage(GROUP, 'x', { reply_markup: new InlineKeyboard().text('A', 'é'.repeat(32)) })).resolves.toBeDefined();
    expect(await desc(bot.api.sendMessage(GROUP, 'Rp 1 < 2', { parse_mode: 'HTML' }))).toMatch(/^Bad Request: can't parse entities: Unsupported start tag/);
    expect(await desc(bot.api.sendMessage(GROUP, 'Rp 1.000', { parse_mode: 'MarkdownV2' }))).toMatch(/Character '\.' is reserved/);

    const html = await bot.api.sendMessage(GROUP, '<b>Laporan</b> &lt;#12&gt; <a href="https://lapor.go.id">buka</a>', { parse_mode: 'HTML' });
    expect(html.text).toBe('Laporan <#12> buka');
    expect(html.entities).toEqual([
      { type: 'bold', offset: 0, length: 7 },
      { type: 'text_link', offset: 14, length: 4, url: 'https://lapor.go.id' },
    ]);
    expect(await desc(bot.api.getChat(-999))).toBe('Bad Request: chat not found');
    expect(await bot.api.getChat(GROUP)).toMatchObject({ id: GROUP, type: 'group' });
    expect(await desc(bot.api.answerCallbackQuery('nope'))).toMatch(/query ID is invalid/);
  });

  it('parses multipart uploads for sendDocument and sendPhoto', async () => {
    const bot = botFor(fake);
    const doc = await bot.api.sendDocument(GROUP, new InputFile(Buffer.from('hello'), 'a.txt'), { caption: 'Lampiran' });
    expect(doc.document).toMatchObject({ file_name: 'a.txt', mime_type: 'text/plain', file_size: 5 });
    expect(doc.caption).toBe('Lampiran');
    const call = fake.sent().find((c) => c.method === 'sendDocument');
    expect(call?.params.chat_id).toBe(GROUP);
    expect(call?.files).toHaveLength(1);
    expect(call?.files[0]).toMatchObject({ field: 'document', fileName: 'a.txt', size: 5 });
    expect(call?.files[0]?.bytes.toString()).toBe('hello');

    // Re-sending by file_id reuses the stored file.
    const again = await bot.api.sendDocument(USER.id, doc.document?.file_id ?? '');
    expect(again.document?.file_unique_id).toBe(doc.document?.file_unique_id);

    const photo = await bot.api.sendPhoto(GROUP, new InputFile(tinyPng(), 'p.png'));
    expect(photo.photo?.at(-1)).toMatchObject({ width: 2, height: 1, file_size: 33 });
    const notImage = await rejection(bot.api.sendPhoto(GROUP, new InputFile(Buffer.from('hello'), 'x.jpg')));
    expect(notImage.description).toBe('Bad Request: IMAGE_PROCESS_FAILED');
    expect(fake.messages(GROUP).map((m) => Object.keys(m).find((k) => k === 'document' || k === 'photo'))).toEqual(['document', 'photo']);
  });

  it('keeps command lists per scope and language', async () => {
    const bot = botFor(fake);
    await bot.api.setMyCommands([{ command: 'lapor', description: 'Buat laporan' }]);
    await bot.api.setMyCommands([{ command: 'status', description: 'Status laporan' }], { scope: { type: 'all_group_chats' } });
    await bot.api.setMyCommands([{ command: 'status', description: 'Report status' }], { scope: { type: 'all_group_chats' }, language_code: 'en' });

    expect(await bot.api.getMyCommands()).toEqual([{ command: 'lapor', description: 'Buat laporan' }]);
    expect(await bot.api.getMyCommands({ scope: { type: 'all_group_chats' } })).toEqual([{ command: 'status', description: 'Status laporan' }]);
    expect(fake.commands()).toHaveLength(3);
    expect(fake.commands()[2]).toEqual({
      scope: { type: 'all_group_chats' },
      language_code: 'en',
      commands: [{ command: 'status', description: 'Report status' }],
    });
    await bot.api.deleteMyCommands({ scope: { type: 'all_group_chats' } });
    expect(await bot.api.getMyCommands({ scope: { type: 'all_group_chats' } })).toEqual([]);
    const invalid = await rejection(bot.api.setMyCommands([{ command: 'Lapor', description: 'x' }]));
    expect(invalid.description).toBe('Bad Request: BOT_COMMAND_INVALID');
  });
});

describe('FakeTelegramApi: updates', () => {
  it('delivers injected messages and callback queries to grammy long polling', async () => {
    const bot = botFor(fake);
    const seen: string[] = [];
    bot.command('lapor', async (ctx) => {
      seen.push(`command:${ctx.match}`);
      await ctx.reply('Laporan diterima', { reply_markup: new InlineKeyboard().text('Tutup', 'close:1') });
    });
    bot.callbackQuery(/^close:(\d+)$/, async (ctx) => {
      seen.push(`callback:${ctx.match[1]}:${ctx.callbackQuery.message?.text}`);
      await ctx.answerCallbackQuery({ text: 'Ditutup' });
      await ctx.editMessageText('Laporan ditutup');
    });
    const polling = bot.start({ timeout: 30 });

    const update = fake.injectMessage({ chatId: SUPERGROUP, chatTitle: 'Koordinasi', from: USER, text: '/lapor@penghubung_test_bot jalan rusak' });
    expect(update.message?.entities).toEqual([{ type: 'bot_command', offset: 0, length: 26 }]);
    await fake.waitFor((calls) => calls.some((c) => c.method === 'sendMessage'), 5_000);
    const [reply] = fake.messages(SUPERGROUP);
    expect(reply).toMatchObject({ message_id: 2, text: 'Laporan diterima', chat: { type: 'supergroup', title: 'Koordinasi' } });

    fake.injectCallback({ chatId: SUPERGROUP, messageId: reply?.message_id ?? 0, from: USER, data: 'close:1' });
    await fake.waitFor(() => fake.callbackAnswers().length === 1 && fake.edits().length === 1, 5_000);
    expect(fake.callbackAnswers()[0]).toMatchObject({ text: 'Ditutup' });
    expect(fake.edits()[0]?.text).toBe('Laporan ditutup');
    expect(seen).toEqual(['command:jalan rusak', 'callback:1:Laporan diterima']);

    await bot.stop();
    await polling;
    // bot.stop() confirmed the last offset, so nothing is redelivered.
    expect(fake.pendingUpdates()).toBe(0);
  });

  it('honours getUpdates offset, limit and timeout, waking early on injection', async () => {
    const bot = botFor(fake);
    const first = fake.injectMessage({ chatId: USER.id, from: USER, text: 'halo' });
    fake.injectMessage({ chatId: USER.id, from: USER, text: 'kedua' });
    expect((await bot.api.getUpdates({ limit: 1 })).map((u) => u.update_id)).toEqual([first.update_id]);
    const rest = await bot.api.getUpdates({ offset: first.update_id + 1 });
    expect(rest.map((u) => u.message?.text)).toEqual(['kedua']);
    await bot.api.getUpdates({ offset: (rest[0]?.update_id ?? 0) + 1, timeout: 0 });
    expect(fake.pendingUpdates()).toBe(0);

    const started = Date.now();
    const poll = bot.api.getUpdates({ timeout: 30 });
    setTimeout(() => fake.injectMessage({ chatId: USER.id, from: USER, text: 'bangun' }), 50);
    const woke = await poll;
    expect(woke.map((u) => u.message?.text)).toEqual(['bangun']);
    // Well before the 30 s poll timeout: the injected update woke it (not a speed assertion).
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it('rejects waitFor with the recorded calls when the predicate never holds', async () => {
    await botFor(fake).api.sendMessage(GROUP, 'halo');
    await expect(fake.waitFor(() => false, 50)).rejects.toThrow(/timed out after 50 ms; 1 call\(s\) recorded:\n {2}#0 sendMessage chat=-4567 "halo" -> ok/);
  });
});

describe('FakeTelegramApi: faults and rate limits', () => {
  it('injects 429 with retry_after, 403 and hangs', async () => {
    const bot = botFor(fake);
    fake.failNext('sendMessage', 1, { code: 429, retryAfter: 1 });
    fake.failNext('sendMessage', 1, { code: 403 });
    const limited = await rejection(bot.api.sendMessage(GROUP, 'a'));
    expect(limited.error_code).toBe(429);
    expect(limited.description).toBe('Too Many Requests: retry after 1');
    expect(limited.parameters.retry_after).toBe(1);
    const kicked = await rejection(bot.api.sendMessage(GROUP, 'b'));
    expect(kicked.description).toBe('Forbidden: bot was kicked from the group chat');
    await bot.api.sendMessage(GROUP, 'c');
    expect(fake.sent().map((c) => c.error?.code ?? 200)).toEqual([429, 403, 200]);
    expect(fake.sent()[0]?.error?.retryAfter).toBe(1);

    fake.failNext('sendMessage', 1, { hang: 150 });
    const started = Date.now();
    await bot.api.sendMessage(GROUP, 'd');
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(fake.messages(GROUP).map((m) => m.text)).toEqual(['c', 'd']);
  });

  it('measures the densest per-chat minute and per-second windows', async () => {
    let clock = 1_700_000_000_000;
    const timed = await FakeTelegramApi.start({ now: () => clock });
    try {
      const bot = botFor(timed);
      for (let i = 0; i < 3; i++) await bot.api.sendMessage(GROUP, `a${i}`);
      await bot.api.sendMessage(USER.id, 'private');
      clock += 59_000;
      await bot.api.sendMessage(GROUP, 'a3'); // still within the first minute: 4 in one window
      clock += 2_000;
      for (let i = 0; i < 2; i++) await bot.api.sendMessage(GROUP, `b${i}`);
      expect(timed.maxPerChatPerMinute()).toBe(4);
      expect(timed.maxPerSecond()).toBe(4);
      await bot.api.sendChatAction(GROUP, 'typing'); // not a message: not counted
      expect(timed.maxPerSecond()).toBe(4);
    } finally {
      await timed.stop();
    }
  });

  it('enforces limits with computed retry_after and counts the 429s', async () => {
    let clock = 1_700_000_000_000;
    const timed = await FakeTelegramApi.start({ now: () => clock });
    try {
      const bot = botFor(timed);
      timed.enforceLimits({ perChatPerMinute: 2 });
      await bot.api.sendMessage(GROUP, '1');
      clock += 10_000;
      await bot.api.sendMessage(GROUP, '2');
      const limited = await rejection(bot.api.sendMessage(GROUP, '3'));
      expect(limited.error_code).toBe(429);
      expect(limited.parameters.retry_after).toBe(50);
      await bot.api.sendMessage(SUPERGROUP, 'other chat');
      clock += 50_000;
      await bot.api.sendMessage(GROUP, '3');
      expect(timed.rateLimited()).toBe(1);
      expect(timed.maxPerChatPerMinute()).toBe(2);

      timed.enforceLimits({ perSecond: 1 });
      const fast = await rejection(bot.api.sendMessage(USER.id, 'x'));
      expect(fast.parameters.retry_after).toBe(1);
      expect(timed.rateLimited()).toBe(2);
      timed.reset();
      expect(timed.sent()).toEqual([]);
      expect(timed.rateLimited()).toBe(0);
    } finally {
      await timed.stop();
    }
  });
});
