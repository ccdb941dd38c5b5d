/**
 * The real bot process against a fake Telegram Bot API and PostgreSQL: a disposition is posted,
 * two officers press "Ambil" at the same moment and exactly one wins, the post is edited, the
 * winner answers by respon awal then tindak lanjut, the other officer marks a second report
 * "bukan wewenang" and the admin chat receives the bounce; a 429 is survived without loss.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Message } from 'grammy/types';
import { FakeTelegramApi } from '../fakes/telegram-api.js';
import { createTestDb, type TestDb } from '../helpers/test-db.js';
import { buildWorld, type World } from '../helpers/world.js';
import { spawnCli, type Proc } from '../helpers/process.js';
import { eventually } from '../helpers/eventually.js';

const onPostgres = inject('pgTemplate') !== null;
const TOKEN = '123456:TEST-TOKEN-abcdefghijklmnopqrstuvwxyz';
const ADMIN = { id: 1001, first_name: 'Ani', last_name: 'Admin' };
const BUDI = { id: 1002, first_name: 'Budi' };
const CITRA = { id: 1003, first_name: 'Citra' };
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

describe.runIf(onPostgres)('Telegram end to end', () => {
  it('publishes the command menu per scope', () => {
    const scopes = api.commands().map((c) => (c.scope as { type: string }).type).sort();
    expect(scopes).toEqual(['all_chat_administrators', 'all_group_chats', 'all_private_chats', 'default']);
  });

  it('posts, lets exactly one concurrent claim win, edits the post, records both answers, and bounces to the admin', async () => {
    api.injectMessage({ chatId: ADMIN_CHAT, from: ADMIN, text: '/disposisi 3000001 BKN-PENGADAAN' });
    await api.waitFor(() => api.messages(UNIT_CHAT).some((m) => textOf(m).includes('#3000001')));
    const post = api.messages(UNIT_CHAT).find((m) => textOf(m).includes('#3000001'))!;
    expect(textOf(post)).not.toContain('Rina');
    expect(textOf(post)).not.toContain('0812');
    const ambil = buttonsOf(post).find((b) => b.text === 'Ambil')!.callback_data!;
    await api.waitFor(() => api.messages(ADMIN_CHAT).some((m) => /didisposisikan ke BKN-PENGADAAN/.test(textOf(m))));

    // Two officers press "Ambil" at the same moment.
    api.injectCallback({ chatId: UNIT_CHAT, messageId: post.message_id, from: BUDI, data: ambil });
    api.injectCallback({ chatId: UNIT_CHAT, messageId: post.message_id, from: CITRA, data: ambil });
    await api.waitFor(() => api.callbackAnswers().length >= 2);
    const answers = api.callbackAnswers().map((a) => a.text ?? '');
    const won = answers.filter((t) => /diambil oleh/.test(t) && !/sudah/.test(t));
    const lost = answers.filter((t) => /sudah diambil oleh/.test(t));
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    const report = await db.prisma.report.findFirstOrThrow({ where: { trackingId: '3000001' } });
    const winner = report.claimedById === w.people.budi.personId ? BUDI : CITRA;
    const loser = winner === BUDI ? CITRA : BUDI;
    expect(await db.prisma.reportEvent.count({ where: { reportId: report.id, action: 'claimed' } })).toBe(1);

    // The living post is edited in place.
    await api.waitFor(() => api.edits(UNIT_CHAT).some((m) => m.message_id === post.message_id && textOf(m).includes(`diambil ${winner.first_name}`)));
    // The winner got the full text privately.
    await api.waitFor(() => api.messages(winner.id).some((m) => textOf(m).includes('untuk Anda saja')));

    // A 429 from Telegram on the next send is waited out, and nothing is lost or doubled.
    api.failNext('sendMessage', 1, { code: 429, retryAfter: 1 });
    api.injectMessage({ chatId: UNIT_CHAT, from: winner, text: '/respon 3000001 Terima kasih, laporan sedang kami periksa.' });
    await api.waitFor(() => api.messages(UNIT_CHAT).some((m) => /Respon awal untuk #3000001 tercatat/.test(textOf(m))), 15_000);
    expect(api.messages(UNIT_CHAT).filter((m) => /Respon awal untuk #3000001 tercatat/.test(textOf(m)))).toHaveLength(1);
    expect(api.sent().some((c) => c.error?.code === 429)).toBe(true);

    api.injectMessage({ chatId: UNIT_CHAT, from: winner, text: '/tindaklanjut 3000001 Pengumuman hasil seleksi tanggal 20 Maret di situs resmi.' });
    await api.waitFor(() => api.messages(UNIT_CHAT).some((m) => /Tindak lanjut #3000001 tercatat/.test(textOf(m))));
    const after = await db.prisma.reportEvent.findMany({ where: { reportId: report.id }, orderBy: { id: 'asc' } });
    expect(after.map((e) => e.action)).toEqual(['received', 'disposed', 'claimed', 'responded', 'followed_up']);

    // The other officer returns a second report as "bukan wewenang"; the admin chat hears of it.
    api.injectMessage({ chatId: ADMIN_CHAT, from: ADMIN, text: '/disposisi 3000002 BKN-PENGADAAN' });
    await api.waitFor(() => api.messages(UNIT_CHAT).some((m) => textOf(m).includes('#3000002')));
    api.injectMessage({ chatId: UNIT_CHAT, from: loser, text: '/bukanwewenang 3000002 Kewenangan Direktorat Pensiun.' });
    await api.waitFor(() => api.messages(ADMIN_CHAT).some((m) => /BUKAN WEWENANG/.test(textOf(m))));
    const bounce = api.messages(ADMIN_CHAT).find((m) => /BUKAN WEWENANG/.test(textOf(m)))!;
    expect(textOf(bounce)).toContain(`Oleh: ${loser.first_name} (BKN-PENGADAAN)`);
    expect(textOf(bounce)).toContain('Alasan: Kewenangan Direktorat Pensiun.');

    // Every outbox row was sent exactly once.
    await eventually(async () => {
      const rows = await db.prisma.outbox.findMany({ where: { platform: 'telegram' } });
      expect(rows.filter((r) => r.status !== 'SENT').map((r) => [r.target, r.purpose, r.status, r.lastError])).toEqual([]);
    });
    const sentIds = api.sent().filter((c) => c.ok && c.method === 'sendMessage').map((c) => `${String(c.params.chat_id)}:${(c.result as Message).message_id}`);
    expect(new Set(sentIds).size).toBe(sentIds.length);
  });

  it('refuses an unregistered user and a malformed id without changing anything', async () => {
    const before = await db.prisma.report.findMany({ orderBy: { id: 'asc' } });
    api.injectMessage({ chatId: UNIT_CHAT, from: { id: 4242, first_name: 'Tamu' }, text: '/ambil 3000001' });
    api.injectMessage({ chatId: UNIT_CHAT, from: BUDI, text: '/ambil ###' });
    await api.waitFor(() => api.messages(UNIT_CHAT).some((m) => /belum terdaftar/.test(textOf(m))) && api.messages(UNIT_CHAT).some((m) => /Masukan tidak valid/.test(textOf(m))));
    expect(await db.prisma.report.findMany({ orderBy: { id: 'asc' } })).toEqual(before);
  });
});
