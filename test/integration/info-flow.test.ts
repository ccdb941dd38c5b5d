/**
 * The information-request flow through the platform-neutral chat core, with the operator on
 * WhatsApp and the PIC on Telegram: what goes where, per platform.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatCore } from '../../src/chat/core.js';
import { createTestDb, type TestDb } from '../helpers/test-db.js';
import { chatCore, TG } from '../helpers/chat.js';
import { buildInfoWorld, hear, where, type InfoWorld } from '../helpers/info-world.js';

let db: TestDb;
let w: InfoWorld;
let core: ChatCore;
beforeAll(async () => {
  db = await createTestDb();
  w = await buildInfoWorld(db);
  core = chatCore(w);
});
afterAll(() => db.close());

const HOUR = 3_600_000;
const fromWulan = (text: string, extra: { replyTo?: string; private?: boolean } = {}) =>
  hear(core, w, { platform: 'whatsapp', chatId: extra.private ? w.wa.wulanDm : w.wa.group, user: w.wa.wulan, text, ...extra });
const tg = (user: { id: string; name: string }, chatId: string, text: string, replyTo?: string) =>
  hear(core, w, { platform: 'telegram', chatId, user, text, replyTo, private: !chatId.startsWith('-') });

describe('an information request across WhatsApp and Telegram', () => {
  let ir = '';

  it('is asked on WhatsApp and reaches the unit chat and the PIC on Telegram', async () => {
    const h = await fromWulan('/tanya bkn-pensiun Berapa lama pencairan pensiun janda? Penanya: Rina Kartika, HP 0812-3456-7890');
    expect(h.replies).toHaveLength(1);
    expect(h.replies[0]).toMatch(/^✅ IR-260302-0001 terkirim ke BKN-PENSIUN dan PIC Dedi\.\nTarget respons pertama: 2 Mar 2026 pukul 13\.00 WIB · Batas: Sen, 9 Mar 2026\./);
    ir = 'IR-260302-0001';
    expect(where(h, 'notice')).toEqual([`telegram:${w.chats.B}`]);
    expect(where(h, 'dm')).toEqual([`telegram:${TG.dedi.id}`]);
    expect(h.queued.filter((q) => q.platform === 'whatsapp').map((q) => q.target)).toEqual([w.wa.group]);
    const post = h.queued.find((q) => q.purpose === 'notice')!;
    expect(post.text).toContain('Permintaan informasi IR-260302-0001');
    expect(post.text).toContain(`/balas ${ir} <jawaban>`);
    expect(post.text).not.toContain('0812-3456-7890');
    expect(post.buttons.map((b) => b.label)).toEqual(['Balas']);

    const row = await db.prisma.infoRequest.findUniqueOrThrow({ where: { trackingId: ir } });
    expect(row).toMatchObject({ status: 'OPEN', unitId: w.units.B.id, picId: w.people.dedi.personId, originPlatform: 'whatsapp', originChatId: w.wa.group, nudgeStage: 0 });
    expect(row.firstResponseDue).toEqual(new Date('2026-03-02T06:00:00Z'));
    expect(row.nextNudgeAt).toEqual(row.firstResponseDue);
    expect(row.dueAt).toEqual(new Date('2026-03-09T16:59:59.999Z'));
  });

  it('numbers requests per day', async () => {
    const second = await fromWulan('/tanya BKN-PENGADAAN Kapan pengumuman seleksi PPPK?');
    expect(second.replies[0]).toMatch(/^✅ IR-260302-0002 terkirim ke BKN-PENGADAAN dan PIC Budi/);
    // Unit A has both a Telegram and a WhatsApp chat: the post goes to both.
    expect(where(second, 'notice').sort()).toEqual([`telegram:${w.chats.A}`, `whatsapp:${w.wa.group}`].sort());
  });

  it('relays the PIC\'s Telegram answer at once to the operator on WhatsApp', async () => {
    w.clock.advance(HOUR);
    const h = await tg(TG.dedi, TG.dedi.id, `/balas ${ir.toLowerCase()} Paling lama 14 hari kerja setelah berkas lengkap.`);
    expect(h.replies).toEqual([expect.stringMatching(/^✅ Jawaban IR-260302-0001 diteruskan ke Wulan\. Dalam target respons pertama/)]);
    const relays = h.queued.filter((q) => q.purpose === 'reply' && q.dedupeKey);
    expect(relays.map((q) => `${q.platform}:${q.target}`)).toEqual([`whatsapp:${w.wa.group}`, `whatsapp:${w.wa.wulanDm}`]);
    expect(relays[0]!.text).toMatch(/^💬 Jawaban IR-260302-0001 dari Dedi \(BKN-PENSIUN\), 2 Mar 2026 pukul 10\.00 WIB:\nPaling lama 14 hari kerja/);
    expect(relays[0]!.text).toContain(`/tanya-lagi ${ir}`);
    const row = await db.prisma.infoRequest.findUniqueOrThrow({ where: { trackingId: ir } });
    expect(row).toMatchObject({ status: 'ANSWERED', nextNudgeAt: null });
    expect(row.firstAnswerAt).toEqual(w.clock.now());
    // The unit's (still unsent) post now says it was answered.
    const post = await db.prisma.outbox.findFirstOrThrow({ where: { dedupeKey: { startsWith: `ir:${ir}:q` }, purpose: 'notice' } });
    expect((post.payload as { text: string }).text).toMatch(/Status: ✅ Dijawab oleh Dedi, 2 Mar 2026 pukul 10\.00 WIB$/m);
  });

  it('takes a follow-up from WhatsApp and an answer given by replying to the Telegram post', async () => {
    const f = await fromWulan(`/tanya-lagi ${ir} Apakah bisa dipercepat bila berkas diantar langsung?`);
    expect(f.replies[0]).toMatch(/Pertanyaan lanjutan IR-260302-0001 terkirim/);
    expect(where(f, 'notice')).toEqual([`telegram:${w.chats.B}`]);
    expect(where(f, 'dm')).toEqual([`telegram:${TG.dedi.id}`]);
    expect((await db.prisma.infoRequest.findUniqueOrThrow({ where: { trackingId: ir } })).status).toBe('OPEN');

    const post = await db.prisma.outbox.findFirstOrThrow({ where: { dedupeKey: { startsWith: `ir:${ir}:q` }, purpose: 'notice' }, orderBy: { id: 'desc' } });
    await db.prisma.outbox.update({ where: { id: post.id }, data: { status: 'SENT', platformMessageId: '777' } });
    const a = await tg(TG.dedi, w.chats.B, '/balas Bisa, cukup 7 hari kerja bila berkas lengkap diantar.', '777');
    expect(a.replies[0]).toMatch(/Jawaban IR-260302-0001 diteruskan ke Wulan\.$/);
    expect(a.queued.filter((q) => q.purpose === 'reply' && q.dedupeKey).map((q) => q.platform)).toEqual(['whatsapp', 'whatsapp']);
    // The sent post is edited to show the answer.
    expect(a.queued.some((q) => q.kind === 'edit' && q.target === w.chats.B && /Dijawab oleh Dedi/.test(q.text))).toBe(true);
    const messages = await db.prisma.infoRequestMessage.findMany({ where: { request: { trackingId: ir } }, orderBy: { id: 'asc' } });
    expect(messages.map((m) => m.kind)).toEqual(['question', 'answer', 'followup', 'answer']);
  });

  it('lets the operator reply to the relayed answer to ask again, and close it', async () => {
    const relay = await db.prisma.outbox.findFirstOrThrow({ where: { dedupeKey: { startsWith: `ir:${ir}:a` }, target: w.wa.group }, orderBy: { id: 'desc' } });
    await db.prisma.outbox.update({ where: { id: relay.id }, data: { status: 'SENT', platformMessageId: 'wamid.ABC' } });
    const again = await fromWulan('/tanya-lagi Terima kasih, apakah ada formulir khusus?', { replyTo: 'wamid.ABC' });
    expect(again.replies[0]).toMatch(/Pertanyaan lanjutan IR-260302-0001 terkirim/);

    const closed = await fromWulan(`/selesai-ir ${ir}`);
    expect(closed.replies[0]).toBe('☑️ IR-260302-0001 ditutup.');
    const row = await db.prisma.infoRequest.findUniqueOrThrow({ where: { trackingId: ir } });
    expect(row).toMatchObject({ status: 'CLOSED', nextNudgeAt: null });
    expect((await fromWulan(`/selesai-ir ${ir}`)).replies[0]).toMatch(/IR-260302-0001 sudah ditutup/);
    expect((await tg(TG.dedi, TG.dedi.id, `/balas ${ir} Tambahan.`)).queued[0]!.text).toMatch(/sudah ditutup/);
  });

  it('works by buttons: Balas asks for the text, the next message is the answer', async () => {
    const asked = await fromWulan('/tanya BKN-PENSIUN Apakah SK pensiun bisa diambil oleh keluarga?');
    const t = /IR-\d{6}-\d{4}/.exec(asked.replies[0]!)![0];
    const balas = asked.queued.find((q) => q.purpose === 'notice')!.buttons[0]!.data;
    const press = await hear(core, w, { platform: 'telegram', chatId: w.chats.B, user: TG.dedi, callback: balas });
    expect(press.toast).toBe('Tulis jawaban…');
    expect(press.replies[0]).toMatch(new RegExp(`tulis jawaban untuk ${t}`));
    const typed = await tg(TG.dedi, w.chats.B, 'Bisa, dengan surat kuasa dan KTP asli.');
    expect(typed.replies[0]).toMatch(new RegExp(`Jawaban ${t} diteruskan ke Wulan`));
    expect(typed.queued.filter((q) => q.dedupeKey?.startsWith(`ir:${t}:a`)).map((q) => `${q.platform}:${q.target}`)).toEqual([`whatsapp:${w.wa.group}`, `whatsapp:${w.wa.wulanDm}`]);
    // "Selesai" on the relayed answer, pressed on WhatsApp as a numbered reply.
    const relay = await db.prisma.outbox.findFirstOrThrow({ where: { dedupeKey: { startsWith: `ir:${t}:a` }, target: w.wa.group } });
    await db.prisma.outbox.update({ where: { id: relay.id }, data: { status: 'SENT', platformMessageId: 'wamid.SEL' } });
    const done = await fromWulan('1', { replyTo: 'wamid.SEL' });
    expect(done.replies[0]).toBe(`☑️ ${t} ditutup.`);
  });

  it('proposes units for a topic and sends only once the operator confirms (WhatsApp, by number)', async () => {
    const before = await db.prisma.infoRequest.count();
    const p = await fromWulan('/tanya pensiun Kapan gaji pensiun bulan ini dibayarkan?');
    expect(p.replies[0]).toMatch(/^Unit mana yang dituju\? Usulan dari direktori PIC:\n1\. BKN-PENSIUN — Direktorat Pensiun \(topik: Pensiun\) · PIC: Dedi/);
    expect(await db.prisma.infoRequest.count()).toBe(before);
    expect((await fromWulan('9')).replies[0]).toMatch(/Balas dengan angka 1–\d untuk memilih unit/);
    const ok = await fromWulan('1');
    expect(ok.replies[0]).toMatch(/^✅ IR-260302-\d{4} terkirim ke BKN-PENSIUN dan PIC Dedi/);
    const created = await db.prisma.infoRequest.findFirstOrThrow({ orderBy: { askedAt: 'desc' }, where: { question: 'Kapan gaji pensiun bulan ini dibayarkan?' } });
    expect(created).toMatchObject({ unitId: w.units.B.id, topic: 'Pensiun' });
  });

  it('proposes units by button on Telegram, and understands a question without a topic word', async () => {
    const p = await tg(TG.oscar, w.chats.A, '/tanya Kapan pengumuman hasil seleksi CPNS?');
    expect(p.replies[0]).toMatch(/1\. BKN-PENGADAAN — Direktorat Pengadaan \(topik: CPNS\/PPPK\) · PIC: Budi/);
    const button = p.queued[0]!.buttons.find((b) => b.label === '1 BKN-PENGADAAN')!;
    // Another person's press does not act on Oscar's question.
    expect((await hear(core, w, { platform: 'telegram', chatId: w.chats.A, user: TG.budi, callback: button.data })).toast).toMatch(/sudah tidak berlaku/);
    const sent = await hear(core, w, { platform: 'telegram', chatId: w.chats.A, user: TG.oscar, callback: button.data });
    expect(sent.toast).toMatch(/terkirim ke BKN-PENGADAAN/);
    const row = await db.prisma.infoRequest.findFirstOrThrow({ where: { question: 'Kapan pengumuman hasil seleksi CPNS?' } });
    expect(row).toMatchObject({ unitId: w.units.A.id, originPlatform: 'telegram', originChatId: w.chats.A });
  });

  it('explains an unknown unit or topic', async () => {
    const h = await fromWulan('/tanya XYZ-123 Halo?');
    expect(h.replies[0]).toMatch(/"XYZ-123" bukan kode unit dan tidak cocok dengan topik di direktori PIC/);
  });

  it('shows one request with its history, and the open ones', async () => {
    const one = await tg(TG.dedi, w.chats.B, '/ir IR-260302-0001');
    expect(one.replies[0]).toMatch(/^ℹ️ IR-260302-0001 — Selesai\nUnit: BKN-PENSIUN — Direktorat Pensiun · PIC: Dedi/);
    expect(one.replies[0]).toMatch(/Pertanyaan \(Wulan\)[\s\S]*Jawaban \(Dedi\)[\s\S]*Lanjutan \(Wulan\)/);
    expect(one.replies[0]).not.toContain('0812-3456-7890');
    const open = await tg(TG.budi, w.chats.A, '/ir');
    expect(open.replies[0]).toMatch(/^📋 Permintaan informasi terbuka:\n• IR-260302-0002 · BKN-PENGADAAN · Menunggu jawaban/);
    expect(open.replies[0]).not.toContain('BKN-PENSIUN');
  });
});
