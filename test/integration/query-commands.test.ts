/**
 * The look-up commands (/status, /saya, /terlambat, /daftar, /unit) driven through the chat core,
 * with the clock moved so that reports fall overdue. Deadlines are computed by hand below from
 * the 2026 calendar (data/holidays-id.csv; cuti bersama are not working days).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatCore } from '../../src/chat/core.js';
import type { Inbound } from '../../src/chat/types.js';
import { systemActor } from '../../src/services/context.js';
import { addPerson, grantRole } from '../../src/services/directory/people-and-roles.js';
import { createTestDb, type TestDb } from '../helpers/test-db.js';
import { buildWorld, type World } from '../helpers/world.js';
import { chatCore, press, say, TG } from '../helpers/chat.js';

let db: TestDb;
let w: World;
let core: ChatCore;
const INDAH = { id: '1006', name: 'Indah' };
/** Every reply of this file, checked at the end for the reporter's identity. */
const seen: string[] = [];

/** `at` is WIB wall time on a 2026 date, e.g. wib('03-02', '09:00'). */
const wib = (day: string, time: string): string => new Date(`2026-${day}T${time}:00+07:00`).toISOString();

/** One command, one reply in the same chat; the reply is kept for the identity check. */
async function ask(who: { id: string; name: string }, chat: string, text: string, extra: Partial<Inbound> = {}): Promise<string> {
  const r = await say(core, w, who, chat, text, extra);
  expect(r.replies, `${text} → ${JSON.stringify(r.queued)}`).toHaveLength(1);
  seen.push(r.replies[0]!);
  return r.replies[0]!;
}

const lines = (...l: string[]): string => l.join('\n');

/** A setup step that must succeed. */
async function act(who: { id: string; name: string }, chat: string, text: string): Promise<void> {
  const r = await say(core, w, who, chat, text);
  expect(r.replies[0], text).not.toMatch(/⚠️/);
}

beforeAll(async () => {
  db = await createTestDb();
  w = await buildWorld(db);
  core = chatCore(w);
  const sys = systemActor('system');
  const indah = await addPerson(w.ctx, sys, { name: 'Indah', agencyId: w.agencyId, telegramId: INDAH.id });
  await grantRole(w.ctx, sys, { personId: indah.id, role: 'inspektorat', agencyId: w.agencyId });

  const { admin, budi, citra, dedi } = TG;
  const { A, B, admin: adminChat } = w.chats;
  // Mon 2 Mar 2026 09:00 WIB (the world's start).
  await w.newReport('3000001', { receivedAt: new Date(wib('03-02', '07:00')) });
  await w.newReport('3000002', { receivedAt: new Date(wib('03-02', '07:10')), category: 'tanpa-pengawasan', title: 'Mutasi pegawai belum diproses' });
  await w.newReport('3000005', { receivedAt: new Date(wib('03-02', '07:20')), title: 'Formasi PPPK guru' });
  await w.newReport('3000006', { receivedAt: new Date(wib('03-02', '07:30')), title: 'Rina Kartika 0812-3456-7890 tanya formasi' });
  await w.newReport('3000007', { receivedAt: new Date(wib('03-02', '07:40')), title: 'Jadwal tes SKD' });
  await w.newReport('3000008', { receivedAt: new Date(wib('03-02', '07:50')), title: 'Pengumuman seleksi PPPK (ulang)' });
  await w.newReport('3000009', { receivedAt: new Date(wib('03-02', '08:00')), title: 'Kartu ujian hilang' });
  // 3000001 normatif (5 working days) reaches A on Mon 2 Mar → due Mon 9 Mar (3, 4, 5, 6, 9 Mar).
  await act(admin, adminChat, '/disposisi 3000001 BKN-PENGADAAN');
  // 3000002 tanpa pengawasan (14) on Mon 2 Mar → 3–6, 9–13, 16, 17 Mar are 11 working days;
  // 18 (cuti bersama), 19 (Nyepi), 20 (cuti bersama), 21–22 (Idul Fitri, weekend), 23–24 (cuti
  // bersama) are not; 25, 26, 27 Mar make 14 → due Fri 27 Mar.
  await act(admin, adminChat, '/disposisi 3000002 BKN-PENGADAAN');
  w.clock.set(wib('03-02', '09:05'));
  await act(admin, adminChat, '/verifikasi 3000005');
  w.clock.set(wib('03-02', '09:10'));
  await act(admin, adminChat, '/disposisi 3000005 BKN-PENSIUN');
  w.clock.set(wib('03-02', '09:30'));
  await act(budi, A, '/ambil 3000002');
  await act(admin, adminChat, '/arsip 3000008 Laporan berulang dari #3000001.');

  // Tue 3 Mar: 3000003 informasi (5) to B → due Tue 10 Mar (4, 5, 6, 9, 10 Mar).
  w.clock.set(wib('03-03', '09:00'));
  await w.newReport('3000003', { receivedAt: new Date(wib('03-03', '08:00')), category: 'informasi', title: 'Syarat pensiun dini' });
  await act(admin, adminChat, '/disposisi 3000003 BKN-PENSIUN');
  w.clock.set(wib('03-03', '10:00'));
  await act(dedi, B, '/bukanwewenang 3000005 Bukan kewenangan kami. Pelapor Rina Kartika (0812-3456-7890) minta dialihkan ke Direktorat Pengadaan yang menangani seleksi.');
  // 3000005 back at A on Tue 3 Mar 11:00 → due Tue 10 Mar.
  w.clock.set(wib('03-03', '11:00'));
  await act(admin, adminChat, '/disposisi 3000005 BKN-PENGADAAN');

  // Wed 4 Mar: 3000004 normatif to A → due Wed 11 Mar (5, 6, 9, 10, 11 Mar).
  w.clock.set(wib('03-04', '09:00'));
  await w.newReport('3000004', { receivedAt: new Date(wib('03-04', '08:00')), title: 'Salah nama di SK' });
  await act(admin, adminChat, '/disposisi 3000004 BKN-PENGADAAN');
  await act(admin, adminChat, '/disposisi 3000006 BKN-PENGADAAN');
  await act(admin, adminChat, '/disposisi 3000007 BKN-PENGADAAN');
  w.clock.set(wib('03-04', '09:30'));
  await act(budi, A, '/ambil 3000004');
  w.clock.set(wib('03-04', '10:00'));
  await act(budi, A, '/ambil 3000001');
  w.clock.set(wib('03-04', '10:15'));
  await act(budi, A, '/respon 3000001 Terima kasih, sedang kami proses.');
  await act(citra, A, '/tindaklanjut 3000007 Jadwal SKD diumumkan 20 Maret. --selesai');
  await act(admin, adminChat, '/tunda 3000006 Menunggu pelapor Rina Kartika melampirkan SK.');

  // Thu 5 Mar: Citra takes 3000005 and answers it.
  w.clock.set(wib('03-05', '09:00'));
  await act(citra, A, '/ambil 3000005');
  w.clock.set(wib('03-05', '09:30'));
  await act(citra, A, '/respon 3000005 Sudah kami teruskan ke panitia seleksi.');

  // Thu 12 Mar 08:00: twelve older reports (received in February) reach A; due Thu 26 Mar.
  w.clock.set(wib('03-12', '08:00'));
  for (let i = 1; i <= 12; i++) {
    const id = `31000${String(i).padStart(2, '0')}`;
    await w.newReport(id, { receivedAt: new Date(wib(`02-${String(9 + i).padStart(2, '0')}`, '10:00')), title: `Pertanyaan nomor ${i}` });
    await act(admin, adminChat, `/disposisi ${id} BKN-PENGADAAN`);
  }
  // Thu 12 Mar 10:00 WIB: the "now" of every test below.
  w.clock.set(wib('03-12', '10:00'));
});
afterAll(() => db.close());


const bulk = (from: number, to: number, unit = false): string[] => {
  const out: string[] = [];
  for (let i = from; i >= to; i--) {
    out.push(`#31000${String(i).padStart(2, '0')}${unit ? ' · BKN-PENGADAAN' : ''} · Belum Ditindaklanjuti · batas 26 Mar (5 hari kerja lagi) · belum diambil`, `   Pertanyaan nomor ${i}`);
  }
  return out;
};

describe('/status', () => {
  it('shows category, status, unit, claim, deadline overdue in working days and the history', async () => {
    // Due Mon 9 Mar; on Thu 12 Mar the working days 10, 11, 12 Mar have passed → 3 late.
    expect(await ask(TG.budi, w.chats.A, '/status 3000001')).toBe(lines(
      '📋 Laporan #3000001',
      'Judul: Pengumuman seleksi PPPK',
      'Kategori: Pengaduan normatif',
      'Status: Proses',
      'Unit: BKN-PENGADAAN — Direktorat Pengadaan',
      'Diambil: Budi, 4 Mar 10.00',
      'Diterima: 2 Mar 2026 pukul 07.00 WIB',
      'Batas: Sen, 9 Mar 2026 (terlambat 3 hari kerja)',
      '',
      'Riwayat terakhir:',
      '• 2 Mar 09.00 · Sistem · laporan diterima',
      '• 2 Mar 09.00 · Ani Admin · didisposisikan ke BKN-PENGADAAN',
      '• 4 Mar 10.00 · Budi · diambil',
      '• 4 Mar 10.15 · Budi · respon awal: "Terima kasih, sedang kami proses."',
    ));
  });

  it('shows only the last 5 events, oldest first, with masked and shortened reasons and the bounce count', async () => {
    // 7 events: received, verified (both left out), disposed to B, bounced, disposed to A, claimed, responded.
    // Back at A on Tue 3 Mar → due Tue 10 Mar; 11 and 12 Mar have passed → 2 late.
    expect(await ask(TG.dedi, w.chats.B, '/cek 3000005')).toBe(lines(
      '📋 Laporan #3000005',
      'Judul: Formasi PPPK guru',
      'Kategori: Pengaduan normatif',
      'Status: Proses',
      'Unit: BKN-PENGADAAN — Direktorat Pengadaan',
      'Diambil: Citra, 5 Mar 09.00',
      'Diterima: 2 Mar 2026 pukul 07.20 WIB',
      'Batas: Sel, 10 Mar 2026 (terlambat 2 hari kerja)',
      'Dikembalikan (bukan wewenang): 1 kali',
      '',
      'Riwayat terakhir:',
      '• 2 Mar 09.10 · Ani Admin · didisposisikan ke BKN-PENSIUN',
      '• 3 Mar 10.00 · Dedi · bukan wewenang: "Bukan kewenangan kami. Pelapor [NAMA] ([TELEPON]) minta dialihkan ke…"',
      '• 3 Mar 11.00 · Ani Admin · didisposisikan ke BKN-PENGADAAN',
      '• 5 Mar 09.00 · Citra · diambil',
      '• 5 Mar 09.30 · Citra · respon awal: "Sudah kami teruskan ke panitia seleksi."',
    ));
  });

  it('works privately (agency from the person) for a report still with the Admin Instansi', async () => {
    expect(await ask(TG.admin, TG.admin.id, '/info #3000009')).toBe(lines(
      '📋 Laporan #3000009',
      'Judul: Kartu ujian hilang',
      'Kategori: Pengaduan normatif',
      'Status: Belum Terverifikasi',
      'Unit: menunggu Admin Instansi',
      'Diterima: 2 Mar 2026 pukul 08.00 WIB',
      '',
      'Riwayat terakhir:',
      '• 2 Mar 09.00 · Sistem · laporan diterima',
    ));
  });

  it('masks the title, gives no countdown while on hold, and is open to every role of the agency', async () => {
    const held = await ask(TG.oscar, w.chats.A, '/status 3000006');
    expect(held).toContain('Judul: [NAMA] [TELEPON] tanya formasi');
    expect(held).toContain('Status: Tunda');
    expect(held).toContain('\nBatas: Rab, 11 Mar 2026\n');
    expect(held).toContain('• 4 Mar 10.15 · Ani Admin · ditunda: "Menunggu pelapor [NAMA] melampirkan SK."');
    expect(await ask(INDAH, INDAH.id, '/status 3000003')).toContain('Batas: Sel, 10 Mar 2026 (terlambat 2 hari kerja)');
  });

  it('takes the number from the report post it replies to, and answers the post\'s Status button', async () => {
    const report = await db.prisma.report.findFirstOrThrow({ where: { trackingId: '3000002' } });
    const post = await db.prisma.outbox.findFirstOrThrow({ where: { reportId: report.id, purpose: 'report_post', target: w.chats.A } });
    await db.prisma.outbox.update({ where: { id: post.id }, data: { status: 'SENT', platformMessageId: '777' } });
    // Due Fri 27 Mar: from Thu 12 Mar the working days are 13, 16, 17, 25, 26, 27 Mar
    // (18–24 Mar: Nyepi, Idul Fitri and their cuti bersama) → 6 left.
    const replied = await ask(TG.citra, w.chats.A, '/status', { replyToMessageId: '777' });
    expect(replied).toMatch(/^📋 Laporan #3000002\n/);
    expect(replied).toContain('Kategori: Pengaduan tidak berkadar pengawasan');
    expect(replied).toContain('Batas: Jum, 27 Mar 2026 (6 hari kerja lagi)');
    const status = (post.payload as { buttons: { label: string; data: string }[][] }).buttons.flat().find((b) => b.label === 'Status')!;
    const pressed = await press(core, w, TG.citra, w.chats.A, status.data);
    expect(pressed.replies).toEqual([replied]);
  });

  it('refuses unknown numbers and strangers', async () => {
    expect(await ask(TG.budi, w.chats.A, '/status 9999999')).toMatch(/^⚠️ Laporan #9999999 tidak ditemukan/);
    expect(await ask(TG.budi, w.chats.A, '/status')).toMatch(/nomor laporan wajib diisi/);
    expect(await ask(TG.stranger, w.chats.A, '/status 3000001')).toMatch(/belum terdaftar/);
  });
});

describe('/saya', () => {
  it('lists my open reports, nearest deadline first (not in claim order)', async () => {
    // Claimed 3000002 (due 27 Mar), then 3000004 (due 11 Mar), then 3000001 (due 9 Mar).
    expect(await ask(TG.budi, w.chats.A, '/saya')).toBe(lines(
      '📌 Laporan terbuka atas nama Anda: 3',
      '#3000001 · Proses · batas 9 Mar (terlambat 3 hari kerja)',
      '   Pengumuman seleksi PPPK',
      '#3000004 · Belum Ditindaklanjuti · batas 11 Mar (terlambat 1 hari kerja)',
      '   Salah nama di SK',
      '#3000002 · Belum Ditindaklanjuti · batas 27 Mar (6 hari kerja lagi)',
      '   Mutasi pegawai belum diproses',
    ));
    expect(await ask(TG.citra, TG.citra.id, '/mine 4')).toBe(lines(
      '📌 Laporan terbuka atas nama Anda: 1',
      '#3000005 · Proses · batas 10 Mar (terlambat 2 hari kerja)',
      '   Formasi PPPK guru',
    ));
  });

  it('says so kindly when there is nothing, and is only for liaison officers', async () => {
    expect(await ask(TG.dedi, w.chats.B, '/saya')).toBe('Tidak ada laporan terbuka atas nama Anda.');
    expect(await ask(TG.oscar, w.chats.A, '/saya')).toMatch(/^⚠️ Perintah ini hanya untuk Pejabat Penghubung/);
    expect(await ask(TG.admin, w.chats.admin, '/saya')).toMatch(/^⚠️ Perintah ini hanya untuk Pejabat Penghubung/);
    expect(await ask(TG.budi, w.chats.A, '/saya dua')).toMatch(/^⚠️ Masukan tidak valid: halaman berupa angka/);
  });
});

describe('/terlambat', () => {
  it('shows a liaison officer their own unit, most overdue first', async () => {
    expect(await ask(TG.budi, w.chats.A, '/terlambat')).toBe(lines(
      '⏰ Laporan terlambat — BKN-PENGADAAN: 3',
      '#3000001 · terlambat 3 hari kerja · batas 9 Mar · Budi',
      '   Pengumuman seleksi PPPK',
      '#3000005 · terlambat 2 hari kerja · batas 10 Mar · Citra',
      '   Formasi PPPK guru',
      '#3000004 · terlambat 1 hari kerja · batas 11 Mar · Budi',
      '   Salah nama di SK',
    ));
    // 3000003 (informasi, B since Tue 3 Mar) was due Tue 10 Mar.
    expect(await ask(TG.dedi, TG.dedi.id, '/overdue')).toBe(lines(
      '⏰ Laporan terlambat — BKN-PENSIUN: 1',
      '#3000003 · terlambat 2 hari kerja · batas 10 Mar · belum diambil',
      '   Syarat pensiun dini',
    ));
  });

  it('shows the Admin Instansi every unit, grouped with counts', async () => {
    expect(await ask(TG.admin, w.chats.admin, '/terlambat')).toBe(lines(
      '⏰ Laporan terlambat — semua unit: 4',
      '',
      'BKN-PENGADAAN — Direktorat Pengadaan (3)',
      '#3000001 · terlambat 3 hari kerja · batas 9 Mar · Budi',
      '   Pengumuman seleksi PPPK',
      '#3000005 · terlambat 2 hari kerja · batas 10 Mar · Citra',
      '   Formasi PPPK guru',
      '#3000004 · terlambat 1 hari kerja · batas 11 Mar · Budi',
      '   Salah nama di SK',
      '',
      'BKN-PENSIUN — Direktorat Pensiun (1)',
      '#3000003 · terlambat 2 hari kerja · batas 10 Mar · belum diambil',
      '   Syarat pensiun dini',
    ));
  });

  it('is not for operators or the Inspektorat', async () => {
    expect(await ask(TG.oscar, w.chats.A, '/terlambat')).toMatch(/^⚠️ Perintah ini hanya untuk/);
    expect(await ask(INDAH, INDAH.id, '/terlambat')).toMatch(/^⚠️ Perintah ini hanya untuk/);
  });
});

describe('/daftar', () => {
  it('lists the chat unit\'s open reports, newest received first, 10 a page', async () => {
    const first = [
      '📂 Laporan terbuka — BKN-PENGADAAN: 16',
      '#3000004 · Belum Ditindaklanjuti · batas 11 Mar (terlambat 1 hari kerja)',
      '   Salah nama di SK',
      '#3000005 · Proses · batas 10 Mar (terlambat 2 hari kerja)',
      '   Formasi PPPK guru',
      '#3000002 · Belum Ditindaklanjuti · batas 27 Mar (6 hari kerja lagi)',
      '   Mutasi pegawai belum diproses',
      '#3000001 · Proses · batas 9 Mar (terlambat 3 hari kerja)',
      '   Pengumuman seleksi PPPK',
      // Reached A on Thu 12 Mar → due Thu 26 Mar (13, 16, 17, 25, 26 Mar) → 5 left.
      ...bulk(12, 7),
      '',
      'Halaman 1/2 — ketik /daftar terbuka 2 untuk berikutnya',
    ];
    expect(await ask(TG.budi, w.chats.A, '/daftar')).toBe(lines(...first));
    expect(await ask(TG.citra, w.chats.A, '/list Terbuka')).toBe(lines(...first));
    const second = lines('📂 Laporan terbuka — BKN-PENGADAAN: 16', ...bulk(6, 1), '', 'Halaman 2/2');
    expect(await ask(TG.budi, w.chats.A, '/daftar terbuka 2')).toBe(second);
    expect(await ask(TG.budi, w.chats.A, '/daftar 2')).toBe(second);
    expect(await ask(TG.budi, w.chats.A, '/daftar 9')).toBe(second);
  });

  it('filters by status words, case-insensitively', async () => {
    const proses = lines(
      '📂 Laporan berstatus Proses — BKN-PENGADAAN: 2',
      '#3000005 · Proses · batas 10 Mar (terlambat 2 hari kerja)',
      '   Formasi PPPK guru',
      '#3000001 · Proses · batas 9 Mar (terlambat 3 hari kerja)',
      '   Pengumuman seleksi PPPK',
    );
    expect(await ask(TG.budi, w.chats.A, '/daftar PROSES')).toBe(proses);
    // The admin in a unit's chat sees that unit.
    expect(await ask(TG.admin, w.chats.A, '/daftar proses')).toBe(proses);
    expect(await ask(TG.budi, w.chats.A, '/daftar baru')).toMatch(/^📂 Laporan berstatus Belum Ditindaklanjuti — BKN-PENGADAAN: 14\n#3000004 /);
    expect(await ask(TG.budi, w.chats.A, '/daftar belum 2')).toBe(lines('📂 Laporan berstatus Belum Ditindaklanjuti — BKN-PENGADAAN: 14', ...bulk(4, 1), '', 'Halaman 2/2'));
    expect(await ask(TG.budi, w.chats.A, '/daftar Tunda')).toBe(lines(
      '📂 Laporan berstatus Tunda — BKN-PENGADAAN: 1',
      '#3000006 · Tunda · diterima 2 Mar',
      '   [NAMA] [TELEPON] tanya formasi',
    ));
    expect(await ask(TG.budi, w.chats.A, '/daftar selesai')).toBe(lines(
      '📂 Laporan berstatus Selesai — BKN-PENGADAAN: 1',
      '#3000007 · Selesai · diterima 2 Mar',
      '   Jadwal tes SKD',
    ));
    expect(await ask(TG.budi, w.chats.A, '/daftar arsip')).toBe('Tidak ada laporan berstatus Arsip di BKN-PENGADAAN.');
    expect(await ask(TG.budi, w.chats.A, '/daftar foo')).toMatch(/^⚠️ Masukan tidak valid: status "foo" tidak dikenal; pilih baru, proses, selesai, tunda, arsip, verifikasi, terbuka atau semua\./);
    expect(await ask(TG.budi, w.chats.A, '/daftar proses x')).toMatch(/^⚠️ Masukan tidak valid: halaman berupa angka/);
  });

  it('lists the whole agency for the Admin Instansi and the Inspektorat outside unit chats', async () => {
    expect(await ask(TG.admin, w.chats.admin, '/daftar')).toBe(lines(
      '📂 Laporan terbuka — semua unit: 17',
      '#3000004 · BKN-PENGADAAN · Belum Ditindaklanjuti · batas 11 Mar (terlambat 1 hari kerja)',
      '   Salah nama di SK',
      '#3000003 · BKN-PENSIUN · Belum Ditindaklanjuti · batas 10 Mar (terlambat 2 hari kerja) · belum diambil',
      '   Syarat pensiun dini',
      '#3000005 · BKN-PENGADAAN · Proses · batas 10 Mar (terlambat 2 hari kerja)',
      '   Formasi PPPK guru',
      '#3000002 · BKN-PENGADAAN · Belum Ditindaklanjuti · batas 27 Mar (6 hari kerja lagi)',
      '   Mutasi pegawai belum diproses',
      '#3000001 · BKN-PENGADAAN · Proses · batas 9 Mar (terlambat 3 hari kerja)',
      '   Pengumuman seleksi PPPK',
      ...bulk(12, 8, true),
      '',
      'Halaman 1/2 — ketik /daftar terbuka 2 untuk berikutnya',
    ));
    expect(await ask(TG.admin, w.chats.admin, '/daftar verifikasi')).toBe(lines(
      '📂 Laporan berstatus Belum Terverifikasi — semua unit: 1',
      '#3000009 · tanpa unit · Belum Terverifikasi · diterima 2 Mar',
      '   Kartu ujian hilang',
    ));
    expect(await ask(INDAH, INDAH.id, '/daftar arsip')).toBe(lines(
      '📂 Laporan berstatus Arsip — semua unit: 1',
      '#3000008 · tanpa unit · Arsip · diterima 2 Mar',
      '   Pengumuman seleksi PPPK (ulang)',
    ));
    expect(await ask(INDAH, INDAH.id, '/daftar semua 3')).toBe(lines('📂 Laporan — semua unit: 21', ...bulk(1, 1, true), '', 'Halaman 3/3'));
  });

  it('refuses an officer of another unit in a unit chat, and lists their own unit privately', async () => {
    expect(await ask(TG.dedi, w.chats.A, '/daftar')).toBe('⚠️ Perintah ini hanya untuk Pejabat Penghubung unit BKN-PENGADAAN. Hubungi Admin Instansi bila Anda seharusnya memiliki akses.');
    expect(await ask(TG.dedi, TG.dedi.id, '/daftar')).toBe(lines(
      '📂 Laporan terbuka — BKN-PENSIUN: 1',
      '#3000003 · Belum Ditindaklanjuti · batas 10 Mar (terlambat 2 hari kerja) · belum diambil',
      '   Syarat pensiun dini',
    ));
    expect(await ask(TG.oscar, w.chats.A, '/daftar')).toMatch(/^⚠️ Perintah ini hanya untuk/);
    const refused = await db.prisma.auditEvent.findMany({ where: { action: 'refused', subject: '/daftar' } });
    expect(refused.length).toBeGreaterThanOrEqual(2);
  });
});

describe('/unit', () => {
  it('lists the units with their codes and open reports', async () => {
    expect(await ask(TG.oscar, w.chats.A, '/unit')).toBe(lines(
      '🏢 Unit kerja Badan Kepegawaian Negara: 2',
      'BKN-PENGADAAN — Direktorat Pengadaan · 16 terbuka',
      'BKN-PENSIUN — Direktorat Pensiun · 1 terbuka',
    ));
    expect(await ask(TG.admin, TG.admin.id, '/unit')).toMatch(/· 1 terbuka\n\nPakai kode unit untuk disposisi, mis\. \/disposisi 1234567 BKN-PENGADAAN$/);
    expect(await ask(TG.admin, w.chats.admin, '/units pensiun')).toBe(lines(
      '🏢 Unit kerja Badan Kepegawaian Negara (cari "pensiun"): 1',
      'BKN-PENSIUN — Direktorat Pensiun · 1 terbuka',
      '',
      'Pakai kode unit untuk disposisi, mis. /disposisi 1234567 BKN-PENSIUN',
    ));
    expect(await ask(TG.admin, w.chats.admin, '/unit xyz')).toBe('Tidak ada unit yang cocok dengan "xyz". Ketik /unit untuk semua unit.');
    expect(await ask(TG.stranger, w.chats.A, '/unit')).toMatch(/belum terdaftar/);
  });
});

describe('/saya and /terlambat pages', () => {
  // Last in this file: it claims the twelve February reports and moves the clock past their deadline.
  it('page through 10 at a time, nearest (or longest late) deadline first, and clamp a page past the end', async () => {
    w.clock.set(wib('03-12', '11:00'));
    for (let i = 1; i <= 12; i++) await act(TG.budi, w.chats.A, `/ambil 31000${String(i).padStart(2, '0')}`);
    const items = (text: string): string[] => text.split('\n').filter((l) => l.startsWith('#')).map((l) => l.slice(1, 8));

    // Still Thu 12 Mar: 3 late reports, then the twelve due 26 Mar (by tracking id), then 3000002 (27 Mar).
    const saya1 = await ask(TG.budi, w.chats.A, '/saya');
    expect(saya1.split('\n')[0]).toBe('📌 Laporan terbuka atas nama Anda: 15');
    expect(saya1).toMatch(/\n\nHalaman 1\/2 — ketik \/saya 2 untuk berikutnya$/);
    const saya2 = await ask(TG.budi, w.chats.A, '/saya 2');
    expect(saya2).toMatch(/\n\nHalaman 2\/2$/);
    const order = ['3000001', '3000004', ...Array.from({ length: 12 }, (_, i) => `31000${String(i + 1).padStart(2, '0')}`), '3000002'];
    expect([...items(saya1), ...items(saya2)]).toEqual(order);
    expect(items(saya1)).toHaveLength(10);
    expect(await ask(TG.budi, w.chats.A, '/saya 7')).toBe(saya2);

    // Fri 27 Mar: the twelve are a day late (due 26 Mar), 3000002 is due today, not late.
    w.clock.set(wib('03-27', '10:00'));
    const late1 = await ask(TG.budi, w.chats.A, '/terlambat');
    expect(late1.split('\n')[0]).toBe('⏰ Laporan terlambat — BKN-PENGADAAN: 15');
    expect(late1).toMatch(/\n\nHalaman 1\/2 — ketik \/terlambat 2 untuk berikutnya$/);
    const late2 = await ask(TG.budi, w.chats.A, '/terlambat 2');
    expect(late2).toMatch(/\n\nHalaman 2\/2$/);
    expect([...items(late1), ...items(late2)]).toEqual(['3000001', '3000005', '3000004', ...order.slice(2, 14)]);
    expect(items(late1)).toHaveLength(10);
  });
});

describe('help and confidentiality', () => {
  it('lists the look-up commands in /bantuan in their order', async () => {
    const help = await ask(TG.budi, w.chats.A, '/bantuan');
    const at = ['/status <nomor>', '/saya [halaman]', '/terlambat [halaman]', '/daftar [status] [halaman]', '/unit [cari] [halaman]'].map((u) => help.indexOf(u));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  });

  it('never shows the reporter\'s name or phone in any reply', () => {
    expect(seen.length).toBeGreaterThan(40);
    for (const text of seen) {
      expect(text).not.toMatch(/Rina|Kartika|0812|3456-7890/);
    }
  });
});
