/**
 * Answering an information request by replying to its message, without /balas: to the post in
 * the unit's chat, to the PIC's private message, to a reminder, on Telegram, WhatsApp and the
 * console. Same ACL as /balas; other replies keep their meaning.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatCore } from '../../src/chat/core.js';
import { parseConsoleLine } from '../../src/adapters/console/inbound.js';
import type { Platform } from '../../src/domain/types.js';
import { systemActor } from '../../src/services/context.js';
import { bindChat } from '../../src/services/directory/chats.js';
import { createTestDb, type TestDb } from '../helpers/test-db.js';
import { chatCore, TG } from '../helpers/chat.js';
import { buildInfoWorld, hear, type InfoWorld } from '../helpers/info-world.js';

let db: TestDb;
let w: InfoWorld;
let core: ChatCore;
const BUDI_WA = '6281200000002';
const CONSOLE_CHAT = 'grup-pensiun';

beforeAll(async () => {
  db = await createTestDb();
  w = await buildInfoWorld(db);
  core = chatCore(w);
  await db.prisma.person.update({ where: { id: w.people.budi.personId! }, data: { whatsapp: `+${BUDI_WA}` } });
  await bindChat(w.ctx, systemActor('system'), { platform: 'console', externalId: CONSOLE_CHAT, agencyId: w.agencyId, unitId: w.units.B.id, title: 'Grup Pensiun' });
});
afterAll(() => db.close());

let sentSeq = 100;

/** Wulan asks on WhatsApp; returns the tracking id. */
async function ask(unit: string, question: string): Promise<string> {
  const h = await hear(core, w, { platform: 'whatsapp', chatId: w.wa.group, user: w.wa.wulan, text: `/tanya ${unit} ${question}` });
  return /IR-\d{6}-\d{4}/.exec(h.replies[0]!)![0];
}

/** Mark the request's question (post or private message) in `target` as sent; returns its platform message id. */
async function delivered(tracking: string, platform: Platform, target: string, round: 'q' | 'n' = 'q'): Promise<string> {
  const row = await db.prisma.outbox.findFirstOrThrow({ where: { dedupeKey: { startsWith: `ir:${tracking}:${round}` }, platform, target, kind: 'send' }, orderBy: { id: 'desc' } });
  const id = platform === 'whatsapp' ? `true_${target}_${++sentSeq}` : String(++sentSeq);
  await db.prisma.outbox.update({ where: { id: row.id }, data: { status: 'SENT', platformMessageId: id } });
  return id;
}

const state = async (tracking: string) => {
  const ir = await db.prisma.infoRequest.findUniqueOrThrow({ where: { trackingId: tracking }, include: { messages: { orderBy: { id: 'asc' } } } });
  return { status: ir.status, firstAnswerAt: ir.firstAnswerAt, messages: ir.messages.map((m) => `${m.kind}:${m.authorName}:${m.text}`) };
};
const relaysOf = (h: Awaited<ReturnType<typeof hear>>, tracking: string): string[] =>
  h.queued.filter((q) => q.dedupeKey?.startsWith(`ir:${tracking}:a`)).map((q) => `${q.platform}:${q.target}`);

describe('a plain reply to an information request', () => {
  it('on Telegram, to the unit post: refused for an officer of another unit and a stranger, taken from the PIC', async () => {
    const t = await ask('BKN-PENSIUN', 'Berapa lama pencairan pensiun janda?');
    const post = await delivered(t, 'telegram', w.chats.B);
    const before = await state(t);

    const citra = await hear(core, w, { platform: 'telegram', chatId: w.chats.B, user: TG.citra, text: 'Sepertinya 14 hari.', replyTo: post });
    expect(citra.replies).toEqual([`⚠️ Balasan Anda tidak dicatat sebagai jawaban ${t}: yang dapat menjawab hanya PIC atau Pejabat Penghubung BKN-PENSIUN, atau Admin Instansi. Tidak ada yang berubah.`]);
    expect(citra.queued).toHaveLength(1);
    const stranger = await hear(core, w, { platform: 'telegram', chatId: w.chats.B, user: TG.stranger, text: 'Saya juga mau tahu', replyTo: post });
    expect(stranger.replies[0]).toMatch(new RegExp(`^⚠️ Balasan Anda tidak dicatat sebagai jawaban ${t}: .* Anda belum terdaftar; ketik /gabung`));
    expect(await state(t)).toEqual(before);
    const refused = await db.prisma.auditEvent.findMany({ where: { action: 'refused', subject: t }, orderBy: { id: 'asc' } });
    expect(refused.map((r) => [r.actorLabel, (r.data as { code: string }).code])).toEqual([['Citra', 'FORBIDDEN'], ['Orang Asing', 'NOT_REGISTERED']]);

    const dedi = await hear(core, w, { platform: 'telegram', chatId: w.chats.B, user: TG.dedi, text: 'Paling lama 14 hari kerja setelah berkas lengkap.', replyTo: post });
    expect(dedi.replies).toEqual([expect.stringMatching(new RegExp(`^✅ Jawaban ${t} diteruskan ke Wulan\\. Dalam target respons pertama`))]);
    expect(relaysOf(dedi, t)).toEqual([`whatsapp:${w.wa.group}`, `whatsapp:${w.wa.wulanDm}`]);
    const after = await state(t);
    expect(after.status).toBe('ANSWERED');
    expect(after.messages.at(-1)).toBe('answer:Dedi:Paling lama 14 hari kerja setelah berkas lengkap.');
    // The sent post is edited to show who answered.
    expect(dedi.queued.some((q) => q.kind === 'edit' && q.target === w.chats.B && /Dijawab oleh Dedi/.test(q.text))).toBe(true);
  });

  it("on Telegram, to the PIC's private message and to a reminder", async () => {
    const t = await ask('BKN-PENSIUN', 'Apakah SK pensiun bisa diambil keluarga?');
    const dm = await delivered(t, 'telegram', TG.dedi.id);
    const h = await hear(core, w, { platform: 'telegram', chatId: TG.dedi.id, user: TG.dedi, text: 'Bisa, dengan surat kuasa.', replyTo: dm, private: true });
    expect(h.replies[0]).toMatch(new RegExp(`^✅ Jawaban ${t} diteruskan ke Wulan`));
    expect((await state(t)).messages.at(-1)).toBe('answer:Dedi:Bisa, dengan surat kuasa.');

    // A reminder in the unit chat, answered by replying to it.
    const r = await db.prisma.outbox.create({ data: { platform: 'telegram', target: w.chats.B, purpose: 'nudge', payload: { text: `⏰ ${t}` }, dedupeKey: `ir:${t}:n1.1:unit:telegram:${w.chats.B}:`, status: 'SENT', platformMessageId: '900' } });
    const again = await hear(core, w, { platform: 'telegram', chatId: w.chats.B, user: TG.dedi, text: 'Tambahan: bawa KTP asli.', replyTo: r.platformMessageId! });
    expect(again.replies[0]).toMatch(new RegExp(`^✅ Jawaban ${t} diteruskan ke Wulan\\.$`));
    expect((await state(t)).messages.filter((m) => m.startsWith('answer:'))).toHaveLength(2);
  });

  it('on WhatsApp: "1" still opens Balas, the operator is refused, the liaison officer answers; a reply to the status reply too', async () => {
    const t = await ask('BKN-PENGADAAN', 'Kapan pengumuman seleksi PPPK tahap 2?');
    const post = await delivered(t, 'whatsapp', w.wa.group);
    const budi = { id: `+${BUDI_WA}`, name: 'Budi' };

    const menu = await hear(core, w, { platform: 'whatsapp', chatId: w.wa.group, user: budi, text: '1', replyTo: post });
    expect(menu.replies[0]).toMatch(new RegExp(`tulis jawaban untuk ${t}`));
    await hear(core, w, { platform: 'whatsapp', chatId: w.wa.group, user: budi, text: '/batal' });

    const wulan = await hear(core, w, { platform: 'whatsapp', chatId: w.wa.group, user: w.wa.wulan, text: 'Tolong dijawab ya', replyTo: post });
    expect(wulan.replies[0]).toMatch(new RegExp(`^⚠️ Balasan Anda tidak dicatat sebagai jawaban ${t}: yang dapat menjawab hanya PIC atau Pejabat Penghubung BKN-PENGADAAN`));
    expect((await state(t)).status).toBe('OPEN');

    const a = await hear(core, w, { platform: 'whatsapp', chatId: w.wa.group, user: budi, text: 'Dijadwalkan 20 Maret di situs resmi.', replyTo: post });
    expect(a.replies[0]).toMatch(new RegExp(`^✅ Jawaban ${t} diteruskan ke Wulan`));
    expect((await state(t)).messages.at(-1)).toBe('answer:Budi:Dijadwalkan 20 Maret di situs resmi.');

    // On WhatsApp the post's update is a status reply with its own id; replying to it counts too.
    const edit = await db.prisma.outbox.findFirstOrThrow({ where: { platform: 'whatsapp', target: w.wa.group, kind: 'edit' }, orderBy: { id: 'desc' } });
    await db.prisma.outbox.update({ where: { id: edit.id }, data: { status: 'SENT', platformMessageId: 'true_status_1' } });
    const b = await hear(core, w, { platform: 'whatsapp', chatId: w.wa.group, user: budi, text: 'Ralat: 21 Maret.', replyTo: 'true_status_1' });
    expect(b.replies[0]).toMatch(new RegExp(`^✅ Jawaban ${t} diteruskan ke Wulan`));
    expect((await state(t)).messages.at(-1)).toBe('answer:Budi:Ralat: 21 Maret.');
  });

  it('on the console, where ">42 teks" replies to message 42', async () => {
    const t = await ask('BKN-PENSIUN', 'Kapan gaji pensiun dibayarkan?');
    const post = await delivered(t, 'console', CONSOLE_CHAT);
    const dedi = { id: w.people.dedi.personId!, name: 'Dedi' };
    const line = parseConsoleLine(`>${post} Setiap tanggal 1.`, { person: dedi, chatId: CONSOLE_CHAT, menus: new Map([[CONSOLE_CHAT, '7']]) });
    expect(line).toMatchObject({ kind: 'message', inbound: { text: 'Setiap tanggal 1.', replyToMessageId: post, chatId: CONSOLE_CHAT } });
    const inbound = (line as Extract<typeof line, { kind: 'message' }>).inbound;
    const h = await hear(core, w, { platform: 'console', chatId: CONSOLE_CHAT, user: dedi, text: inbound.text!, replyTo: inbound.replyToMessageId });
    expect(h.replies[0]).toMatch(new RegExp(`^✅ Jawaban ${t} diteruskan ke Wulan`));
    expect((await state(t)).messages.at(-1)).toBe('answer:Dedi:Setiap tanggal 1.');
    // A bare number still picks from the last menu.
    expect(parseConsoleLine('1', { person: dedi, chatId: CONSOLE_CHAT, menus: new Map([[CONSOLE_CHAT, '7']]) })).toMatchObject({ inbound: { text: '1', replyToMessageId: '7' } });
  });

  it('is refused on a closed request, and other replies keep their meaning', async () => {
    const t = await ask('BKN-PENSIUN', 'Apakah ada formulir khusus?');
    const post = await delivered(t, 'telegram', w.chats.B);
    await hear(core, w, { platform: 'whatsapp', chatId: w.wa.group, user: w.wa.wulan, text: `/selesai-ir ${t}` });
    const closed = await hear(core, w, { platform: 'telegram', chatId: w.chats.B, user: TG.dedi, text: 'Ada, di situs.', replyTo: post });
    expect(closed.replies[0]).toMatch(new RegExp(`${t} sudah ditutup`));
    expect((await state(t)).messages.filter((m) => m.startsWith('answer:'))).toEqual([]);

    // The operator replying to a relayed answer: ordinary chatter, nothing queued or changed.
    const t2 = await ask('BKN-PENSIUN', 'Apakah bisa diwakilkan?');
    await hear(core, w, { platform: 'telegram', chatId: w.chats.B, user: TG.dedi, text: `/balas ${t2} Bisa.` });
    const relay = await db.prisma.outbox.findFirstOrThrow({ where: { dedupeKey: { startsWith: `ir:${t2}:a` }, target: w.wa.group } });
    await db.prisma.outbox.update({ where: { id: relay.id }, data: { status: 'SENT', platformMessageId: 'true_relay_1' } });
    const before = await state(t2);
    expect((await hear(core, w, { platform: 'whatsapp', chatId: w.wa.group, user: w.wa.wulan, text: 'Terima kasih!', replyTo: 'true_relay_1' })).queued).toEqual([]);
    expect(await state(t2)).toEqual(before);

    // A reply to a report post, and to an unknown message, by the PIC: nothing.
    const reportId = await w.newReport('8000001');
    const rp = await db.prisma.outbox.create({ data: { platform: 'telegram', target: w.chats.B, purpose: 'report_post', reportId, payload: { text: '📋 Laporan #8000001' }, status: 'SENT', platformMessageId: '950' } });
    expect((await hear(core, w, { platform: 'telegram', chatId: w.chats.B, user: TG.dedi, text: 'Sedang saya cek.', replyTo: rp.platformMessageId! })).queued).toEqual([]);
    expect((await hear(core, w, { platform: 'telegram', chatId: w.chats.B, user: TG.dedi, text: 'Halo', replyTo: '99999' })).queued).toEqual([]);
    expect(await db.prisma.infoRequestMessage.count({ where: { text: { in: ['Sedang saya cek.', 'Halo', 'Terima kasih!'] } } })).toBe(0);
  });
});
