/**
 * Information requests end to end on both platforms at once, in one process as main.ts wires it:
 * the real grammY client and TelegramPort against the fake Bot API (long polling through the
 * Telegram adapter), the WhatsApp adapter over the fake client, one ChatCore, one outbox
 * dispatcher, PostgreSQL. The operator asks on one platform, the PIC answers on the other (by
 * /balas and by a plain reply), the answer comes back through the outbox; then a follow-up and
 * closing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Message } from 'grammy/types';
import { startTelegram, type RunningAdapter } from '../../src/adapters/telegram/adapter.js';
import { createTelegramBot } from '../../src/adapters/telegram/client.js';
import { TelegramPort } from '../../src/adapters/telegram/port.js';
import { silentLogger } from '../../src/lib/logger.js';
import { FakeTelegramApi, type FakeUser } from '../fakes/telegram-api.js';
import { TG } from '../helpers/chat.js';
import { eventually } from '../helpers/eventually.js';
import { buildInfoWorld, type InfoWorld } from '../helpers/info-world.js';
import { createTestDb, type TestDb } from '../helpers/test-db.js';
import { startWhatsAppHarness, WA, type WaHarness } from '../helpers/whatsapp.js';

let db: TestDb;
let w: InfoWorld;
let api: FakeTelegramApi;
let h: WaHarness;
let telegram: RunningAdapter;

const user = (p: { id: string; name: string }): FakeUser => ({ id: Number(p.id), first_name: p.name });
const CHAT = { A: -1002, B: -1003 };
const BUDI_DM = `${WA.budi}@c.us`;

beforeAll(async () => {
  db = await createTestDb();
  w = await buildInfoWorld(db);
  // Budi (PIC of unit A) also works on WhatsApp.
  await db.prisma.person.update({ where: { id: w.people.budi.personId! }, data: { whatsapp: `+${WA.budi}` } });
  api = await FakeTelegramApi.start();
  api.addChat({ id: -1001, type: 'group', title: 'Admin Instansi' });
  api.addChat({ id: CHAT.A, type: 'group', title: 'Penghubung Pengadaan' });
  api.addChat({ id: CHAT.B, type: 'group', title: 'Penghubung Pensiun' });
  const bot = createTelegramBot({ token: api.token, apiRoot: api.apiRoot });
  h = await startWhatsAppHarness(w, { ports: { telegram: new TelegramPort(bot.api) } });
  telegram = await startTelegram({ bot, core: h.core, log: silentLogger() });
}, 60_000);

afterAll(async () => {
  await telegram?.stop();
  await h?.stop();
  await api?.stop();
  await db?.close();
});

const textOf = (m: Message): string => m.text ?? '';
const buttonsOf = (m: Message): { text: string; callback_data?: string }[] => (m.reply_markup?.inline_keyboard.flat() ?? []) as { text: string; callback_data?: string }[];

/** The bot's first Telegram message in `chatId` matching `re`, once it is there. */
async function telegramMessage(chatId: number, re: RegExp): Promise<Message> {
  await api.waitFor(() => api.messages(chatId).some((m) => re.test(textOf(m))));
  return api.messages(chatId).find((m) => re.test(textOf(m)))!;
}

/** The bot's first WhatsApp message in `chatId` matching `re`, once it is there. */
async function whatsappMessage(chatId: string, re: RegExp): Promise<{ id: string; text: string; quotedMessageId?: string }> {
  await h.fake.waitFor(() => h.fake.messages(chatId).some((s) => re.test(s.text)));
  return h.fake.messages(chatId).find((s) => re.test(s.text))!;
}

const messagesOf = async (tracking: string): Promise<string[]> =>
  (await db.prisma.infoRequestMessage.findMany({ where: { request: { trackingId: tracking } }, orderBy: { id: 'asc' } })).map((m) => `${m.kind}:${m.authorName}`);

describe('information requests across WhatsApp and the Telegram Bot API', () => {
  it('operator on WhatsApp, PIC on Telegram: /balas privately, then a plain reply to the follow-up post', async () => {
    const ir = 'IR-260302-0001';
    h.fake.userMessage({ chatId: w.wa.group, from: w.wa.wulan.id, name: 'Wulan', text: '/tanya BKN-PENSIUN Berapa lama pencairan pensiun janda? Penanya: Rina Kartika, HP 0812-3456-7890' });
    const ack = await whatsappMessage(w.wa.group, new RegExp(`^✅ ${ir} terkirim ke BKN-PENSIUN dan PIC Dedi`));
    expect(ack.quotedMessageId).toMatch(/^false_/);

    // The unit's Telegram group gets the post with a Balas button; Dedi gets it privately.
    const post = await telegramMessage(CHAT.B, new RegExp(`^❓ Permintaan informasi ${ir}\\n`));
    expect(textOf(post)).toContain('Untuk: BKN-PENSIUN — Direktorat Pensiun');
    expect(textOf(post)).not.toContain('0812-3456-7890');
    expect(buttonsOf(post).map((b) => b.text)).toEqual(['Balas']);
    await telegramMessage(Number(TG.dedi.id), new RegExp(`^❓ Permintaan informasi ${ir} \\(Anda PIC unit ini\\)`));

    // Dedi answers with /balas in his private chat: the answer reaches the WhatsApp group and Wulan's private chat.
    api.injectMessage({ chatId: Number(TG.dedi.id), from: user(TG.dedi), text: `/balas ${ir} Paling lama 14 hari kerja setelah berkas lengkap.` });
    const relay = await whatsappMessage(w.wa.group, new RegExp(`^💬 Jawaban ${ir} dari Dedi \\(BKN-PENSIUN\\), 2 Mar 2026 pukul 09\\.00 WIB:\\nPaling lama 14 hari kerja`));
    await whatsappMessage(w.wa.wulanDm, new RegExp(`^💬 Jawaban ${ir} dari Dedi`));
    await telegramMessage(Number(TG.dedi.id), new RegExp(`^✅ Jawaban ${ir} diteruskan ke Wulan\\. Dalam target respons pertama`));
    // The Telegram post is edited to show the answer.
    await api.waitFor(() => api.edits(CHAT.B).some((m) => m.message_id === post.message_id && /Status: ✅ Dijawab oleh Dedi/.test(textOf(m))));

    // Wulan asks a follow-up by quoting the relayed answer on WhatsApp.
    h.fake.userMessage({ chatId: w.wa.group, from: w.wa.wulan.id, name: 'Wulan', text: '/tanya-lagi Apakah bisa dipercepat bila berkas diantar langsung?', quotedId: relay.id });
    await whatsappMessage(w.wa.group, new RegExp(`Pertanyaan lanjutan ${ir} terkirim`));
    const followUp = await telegramMessage(CHAT.B, new RegExp(`^❓ Pertanyaan lanjutan ${ir}\\n`));
    expect(textOf(followUp)).toContain('Lanjutan: Apakah bisa dipercepat');

    // Dedi replies to the follow-up post in the group with plain text: that is the answer.
    api.injectMessage({ chatId: CHAT.B, from: user(TG.dedi), text: 'Bisa, cukup 7 hari kerja bila berkas lengkap diantar.', replyToMessageId: followUp.message_id });
    await whatsappMessage(w.wa.group, new RegExp(`^💬 Jawaban ${ir} dari Dedi[^\\n]*\\nBisa, cukup 7 hari kerja`));
    await whatsappMessage(w.wa.wulanDm, /Bisa, cukup 7 hari kerja/);
    const thanks = await telegramMessage(CHAT.B, new RegExp(`^✅ Jawaban ${ir} diteruskan ke Wulan\\.$`));
    expect(thanks.reply_to_message?.message_id).toBeDefined();

    // Citra (another unit) replying to the post is refused; nothing changes.
    api.injectMessage({ chatId: CHAT.B, from: user(TG.citra), text: 'Setahu saya 10 hari.', replyToMessageId: post.message_id });
    await telegramMessage(CHAT.B, new RegExp(`^⚠️ Balasan Anda tidak dicatat sebagai jawaban ${ir}`));
    expect(await messagesOf(ir)).toEqual(['question:Wulan', 'answer:Dedi', 'followup:Wulan', 'answer:Dedi']);

    // Wulan closes it on WhatsApp: the Telegram post loses its Balas button.
    h.fake.userMessage({ chatId: w.wa.group, from: w.wa.wulan.id, name: 'Wulan', text: `/selesai-ir ${ir}` });
    await whatsappMessage(w.wa.group, new RegExp(`^☑️ ${ir} ditutup\\.$`));
    await api.waitFor(() => api.edits(CHAT.B).some((m) => m.message_id === post.message_id && /Status: ☑️ Ditutup oleh Wulan/.test(textOf(m)) && buttonsOf(m).length === 0));
    expect(await db.prisma.infoRequest.findUniqueOrThrow({ where: { trackingId: ir } })).toMatchObject({ status: 'CLOSED', nextNudgeAt: null });
  });

  it('operator on Telegram, PIC on WhatsApp: a plain reply to the private request, Selesai pressed on Telegram', async () => {
    api.injectMessage({ chatId: CHAT.A, from: user(TG.oscar), text: '/tanya BKN-PENGADAAN Kapan pengumuman hasil seleksi PPPK tahap 2?' });
    const ack = await telegramMessage(CHAT.A, /^✅ IR-260302-\d{4} terkirim ke BKN-PENGADAAN dan PIC Budi/);
    const ir = /IR-260302-\d{4}/.exec(textOf(ack))![0];
    // Unit A's WhatsApp group gets the post (with the numbered menu); Budi gets it privately on both platforms.
    const waPost = await whatsappMessage(w.wa.group, new RegExp(`^❓ Permintaan informasi ${ir}\\n`));
    expect(waPost.text).toMatch(/Balas pesan ini dengan angka: 1 = Balas/);
    const dm = await whatsappMessage(BUDI_DM, new RegExp(`^❓ Permintaan informasi ${ir} \\(Anda PIC unit ini\\)`));
    await telegramMessage(Number(TG.budi.id), new RegExp(`^❓ Permintaan informasi ${ir} \\(Anda PIC unit ini\\)`));

    // Wulan (an operator) replying to the post in the WhatsApp group is refused.
    h.fake.userMessage({ chatId: w.wa.group, from: w.wa.wulan.id, name: 'Wulan', text: 'Mohon segera dijawab.', quotedId: waPost.id });
    await whatsappMessage(w.wa.group, new RegExp(`^⚠️ Balasan Anda tidak dicatat sebagai jawaban ${ir}: yang dapat menjawab hanya PIC atau Pejabat Penghubung BKN-PENGADAAN`));
    expect(await messagesOf(ir)).toEqual(['question:Oscar']);

    // Budi replies to his private WhatsApp message: the answer reaches Oscar's Telegram group and private chat.
    h.fake.userMessage({ chatId: BUDI_DM, from: WA.budi, name: 'Budi', text: 'Dijadwalkan 20 Maret 2026 di situs resmi.', quotedId: dm.id });
    const relay = await telegramMessage(CHAT.A, new RegExp(`^💬 Jawaban ${ir} dari Budi \\(BKN-PENGADAAN\\)[^\\n]*\\nDijadwalkan 20 Maret 2026`));
    await telegramMessage(Number(TG.oscar.id), new RegExp(`^💬 Jawaban ${ir} dari Budi`));
    await whatsappMessage(BUDI_DM, new RegExp(`^✅ Jawaban ${ir} diteruskan ke Oscar`));
    // The WhatsApp post gets a status reply quoting it.
    await h.fake.waitFor(() => h.fake.sent.some((s) => s.quotedMessageId === waPost.id && /Dijawab oleh Budi/.test(s.text)));

    // Oscar presses "Selesai" on the relayed answer in Telegram.
    const selesai = buttonsOf(relay).find((b) => b.text === 'Selesai')!;
    api.injectCallback({ chatId: CHAT.A, messageId: relay.message_id, from: user(TG.oscar), data: selesai.callback_data! });
    await api.waitFor(() => api.callbackAnswers().some((a) => a.text === `☑️ ${ir} ditutup.`));
    await h.fake.waitFor(() => h.fake.sent.some((s) => s.quotedMessageId === waPost.id && /Ditutup oleh Oscar/.test(s.text)));
    await eventually(async () => expect((await db.prisma.infoRequest.findUniqueOrThrow({ where: { trackingId: ir } })).status).toBe('CLOSED'));
    expect(await messagesOf(ir)).toEqual(['question:Oscar', 'answer:Budi']);
  });
});
