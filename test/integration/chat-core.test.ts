import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatCore } from '../../src/chat/core.js';
import { createTestDb, type TestDb } from '../helpers/test-db.js';
import { buildWorld, type World } from '../helpers/world.js';
import { chatCore, press, say, TG } from '../helpers/chat.js';

let db: TestDb;
let w: World;
let core: ChatCore;
beforeAll(async () => {
  db = await createTestDb();
  w = await buildWorld(db);
  core = chatCore(w);
});
afterAll(() => db.close());

describe('chat core', () => {
  it('runs a disposition → claim → answer → close flow by typed commands', async () => {
    await w.newReport('2000001');
    const d = await say(core, w, TG.admin, w.chats.admin, '/disposisi 2000001 bkn-pengadaan');
    expect(d.replies).toEqual([expect.stringMatching(/^✅ Laporan #2000001 didisposisikan ke BKN-PENGADAAN\. Batas waktu: Sen, 9 Mar 2026\.$/)]);
    expect(d.queued.filter((q) => q.purpose === 'report_post').map((q) => q.target)).toEqual([w.chats.A]);

    const c = await say(core, w, TG.budi, w.chats.A, '/ambil #2000001');
    expect(c.replies[0]).toMatch(/diambil oleh Budi/);
    expect(c.queued.some((q) => q.purpose === 'dm' && q.target === TG.budi.id)).toBe(true);

    const second = await say(core, w, TG.citra, w.chats.A, '/claim 2000001');
    expect(second.replies[0]).toMatch(/sudah diambil oleh Budi pukul \d{2}\.\d{2}/);

    expect((await say(core, w, TG.budi, w.chats.A, '/respon 2000001 Terima kasih, sedang kami proses.')).replies[0]).toMatch(/Respon awal untuk #2000001 tercatat/);
    expect((await say(core, w, TG.budi, w.chats.A, '/selesai 2000001')).replies[0]).toMatch(/setelah ada tindak lanjut/);
    expect((await say(core, w, TG.budi, w.chats.A, '/tindaklanjut 2000001 Pengumuman tanggal 20 Maret. --selesai')).replies[0]).toMatch(/SELESAI/);
    const report = await db.prisma.report.findFirstOrThrow({ where: { trackingId: '2000001' } });
    expect(report.status).toBe('SELESAI');
  });

  it('works by buttons: claim, then "Tindak lanjut" asks for the text', async () => {
    const id = await w.newReport('2000002');
    await say(core, w, TG.admin, w.chats.admin, '/disposisi 2000002 BKN-PENGADAAN');
    const post = await db.prisma.outbox.findFirstOrThrow({ where: { reportId: id, purpose: 'report_post' } });
    const buttons = (post.payload as { buttons: { label: string; data: string }[][] }).buttons.flat();
    const data = (label: string) => buttons.find((b) => b.label === label)!.data;

    const claimed = await press(core, w, TG.citra, w.chats.A, data('Ambil'));
    expect(claimed.toast).toMatch(/diambil oleh Citra/);
    const stranger = await press(core, w, TG.dedi, w.chats.A, data('Tindak lanjut'));
    expect(stranger.toast).toMatch(/hanya untuk Pejabat Penghubung/);
    const ask = await press(core, w, TG.citra, w.chats.A, data('Tindak lanjut'));
    expect(ask.replies[0]).toMatch(/tulis tindak lanjut untuk laporan #2000002/);
    const done = await say(core, w, TG.citra, w.chats.A, 'Berkas sudah kami kirim ulang ke email Anda.');
    expect(done.replies[0]).toMatch(/Tindak lanjut #2000002 tercatat/);
    expect((await db.prisma.report.findUniqueOrThrow({ where: { id } })).status).toBe('PROSES');
  });

  it('keeps a pending step in the database: after a restart the next text still answers it', async () => {
    const id = await w.newReport('2000007');
    await say(core, w, TG.admin, w.chats.admin, '/disposisi 2000007 BKN-PENGADAAN');
    await say(core, w, TG.budi, w.chats.A, '/ambil 2000007');
    const post = await db.prisma.outbox.findFirstOrThrow({ where: { reportId: id, purpose: 'report_post' } });
    const respond = (post.payload as { buttons: { label: string; data: string }[][] }).buttons.flat().find((b) => b.label === 'Respon awal')!.data;
    const ask = await press(core, w, TG.budi, w.chats.A, respond);
    expect(ask.replies[0]).toMatch(/tulis respon awal untuk laporan #2000007/);
    expect(await db.prisma.conversation.count({ where: { platform: 'telegram', chatId: w.chats.A, userId: TG.budi.id } })).toBe(1);

    const restarted = chatCore(w); // a new process: nothing carried over in memory
    const done = await say(restarted, w, TG.budi, w.chats.A, 'Terima kasih, laporan sedang kami periksa.');
    expect(done.replies[0]).toMatch(/Respon awal untuk #2000007 tercatat/);
    expect(await db.prisma.reportEvent.count({ where: { reportId: id, action: 'responded' } })).toBe(1);
    expect(await db.prisma.conversation.count({ where: { platform: 'telegram', chatId: w.chats.A, userId: TG.budi.id } })).toBe(0);
  });

  it('accepts commands as replies to the report post, without the number', async () => {
    const id = await w.newReport('2000003');
    await say(core, w, TG.admin, w.chats.admin, '/disposisi 2000003 BKN-PENGADAAN');
    await db.prisma.outbox.updateMany({ where: { reportId: id, purpose: 'report_post' }, data: { status: 'SENT', platformMessageId: '555' } });
    const r = await say(core, w, TG.budi, w.chats.A, '/bukanwewenang Bukan kewenangan kami, mohon ke Direktorat Pensiun.', { replyToMessageId: '555' });
    expect(r.replies[0]).toMatch(/#2000003 dikembalikan ke Admin Instansi/);
    const notice = r.queued.find((q) => q.purpose === 'notice');
    expect(notice?.target).toBe(w.chats.admin);
    expect(notice?.text).toMatch(/Alasan: Bukan kewenangan kami, mohon ke Direktorat Pensiun\./);
  });

  it('refuses strangers, other units and malformed ids clearly, changing nothing', async () => {
    const id = await w.newReport('2000004');
    await say(core, w, TG.admin, w.chats.admin, '/disposisi 2000004 BKN-PENGADAAN');
    const before = await db.prisma.report.findUniqueOrThrow({ where: { id } });
    const events = await db.prisma.reportEvent.count({ where: { reportId: id } });
    expect((await say(core, w, TG.stranger, w.chats.A, '/ambil 2000004')).replies[0]).toMatch(/belum terdaftar.*\/gabung/);
    expect((await say(core, w, TG.dedi, w.chats.A, '/ambil 2000004')).replies[0]).toMatch(/hanya untuk Pejabat Penghubung/);
    expect((await say(core, w, TG.budi, w.chats.A, '/ambil 20%0')).replies[0]).toMatch(/Masukan tidak valid.*nomor laporan/);
    expect((await say(core, w, TG.budi, w.chats.A, '/ambil')).replies[0]).toMatch(/nomor laporan wajib diisi/);
    expect((await say(core, w, TG.budi, w.chats.A, '/frobnicate 1')).replies[0]).toMatch(/Perintah \/frobnicate tidak dikenal/);
    expect((await say(core, w, TG.budi, w.chats.A, '/ambil 9999999')).replies[0]).toMatch(/Laporan #9999999 tidak ditemukan/);
    expect(await db.prisma.report.findUniqueOrThrow({ where: { id } })).toEqual(before);
    expect(await db.prisma.reportEvent.count({ where: { reportId: id } })).toBe(events);
    const refusals = await db.prisma.auditEvent.count({ where: { action: 'refused' } });
    expect(refusals).toBeGreaterThanOrEqual(2);
  });

  it('ignores plain chatter and commands for other bots', async () => {
    expect((await say(core, w, TG.budi, w.chats.A, 'selamat pagi semua')).queued).toEqual([]);
    expect((await say(core, w, TG.budi, w.chats.A, '/ambil@other_bot 2000001')).queued).toEqual([]);
  });

  it('answers stale or foreign buttons politely', async () => {
    expect((await press(core, w, TG.budi, w.chats.A, 'v0:c:00000000-0000-0000-0000-000000000000')).toast).toMatch(/sudah tidak berlaku/);
    expect((await press(core, w, TG.budi, w.chats.A, 'v1:c:00000000-0000-0000-0000-000000000000')).toast).toMatch(/sudah tidak berlaku/);
    const id = await w.newReport('2000006');
    await say(core, w, TG.admin, w.chats.admin, '/disposisi 2000006 BKN-PENGADAAN');
    await say(core, w, TG.budi, w.chats.A, '/tindaklanjut 2000006 Sudah dijawab. --selesai');
    const again = await press(core, w, TG.citra, w.chats.A, `v1:r:${id}`);
    expect(again.toast).toMatch(/sudah tidak berlaku/);
  });

  it('shows help per role', async () => {
    const officer = (await say(core, w, TG.budi, w.chats.A, '/bantuan')).replies[0]!;
    expect(officer).toContain('/ambil <nomor>');
    expect(officer).not.toContain('/disposisi');
    const admin = (await say(core, w, TG.admin, w.chats.admin, '/help')).replies[0]!;
    expect(admin).toContain('/disposisi <nomor> <kode-unit>');
    const stranger = (await say(core, w, TG.stranger, w.chats.A, '/bantuan')).replies[0]!;
    expect(stranger).toContain('belum terdaftar');
    expect(stranger).not.toContain('/ambil');
  });

  it('asks whether /jawab is a respon awal or a tindak lanjut', async () => {
    await w.newReport('2000005');
    await say(core, w, TG.admin, w.chats.admin, '/disposisi 2000005 BKN-PENGADAAN');
    const q = await say(core, w, TG.budi, w.chats.A, '/jawab 2000005 Sudah kami teruskan ke panitia.');
    expect(q.replies[0]).toMatch(/respon awal[\s\S]*tindak lanjut/i);
    const a = await say(core, w, TG.budi, w.chats.A, '1');
    expect(a.replies[0]).toMatch(/Respon awal untuk #2000005 tercatat/);
  });
});
