import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importReports, type ImportOptions } from '../../src/services/intake/import-reports.js';
import { containsPii } from '../../src/lib/pii.js';
import { createTestDb, type TestDb } from '../helpers/test-db.js';
import { buildWorld, type World } from '../helpers/world.js';
import { toCsv } from '../fixtures/lapor-export.js';

let db: TestDb;
let w: World;
let dir: string;
beforeAll(async () => {
  db = await createTestDb();
  w = await buildWorld(db);
  dir = mkdtempSync(join(tmpdir(), 'penghubung-import-fmt-'));
});
afterAll(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

const run = (path: string, extra: Partial<ImportOptions> = {}) => importReports(w.ctx, { file: path, agencyCode: 'BKN', ...extra });
const report = (tracking: string) => db.prisma.report.findFirstOrThrow({ where: { trackingId: tracking }, include: { unit: true, reporter: true, reminder: true } });

/** A LAPOR! export as the portal names its columns, saved by Excel with `;` (id-ID locale). */
const LAPOR_HEADER = ['No. Tracking', 'Tanggal Laporan', 'Judul', 'Isi Laporan', 'Kategori', 'Status', 'Instansi/Unit Disposisi', 'Tanggal Disposisi', 'Nama Pelapor', 'Jenis Kelamin', 'Kanal', 'Penyandang Disabilitas', 'Rating'];

describe('a LAPOR! export with Indonesian headers, status and category names', () => {
  it('imports statuses, categories, units by name and dates written DD/MM/YYYY HH:mm in WIB', async () => {
    const rows = [
      ['4100001', '02/03/2026 09:15', 'Pengumuman PPPK', 'Kapan pengumuman PPPK?', 'Permintaan Informasi', 'Belum Terverifikasi', '', '', 'Rina Kartika', 'Perempuan', 'Website/Apps', 'Tidak', ''],
      ['4100002', '2/3/2026 9.20', 'Gaji belum dibayar', 'Gaji bulan Februari belum dibayar.', 'Pengaduan tidak berkadar pengawasan', 'Terdisposisi Belum Ditindaklanjuti', 'Direktorat Pensiun', '03/03/2026 10:00', 'Agus', 'L', 'SMS', 'Ya', ''],
      ['4100003', '2026-03-02T09:30:00+07:00', 'Pungli di loket', 'Ada pungutan liar di loket.', 'Pengaduan berkadar pengawasan', 'Terdisposisi Sedang Diproses', 'BKN-PENGADAAN', '2026-03-02', '', '', 'Datang langsung', '', ''],
      ['4100004', 'Senin, 2 Maret 2026 10:00', 'Terima kasih', 'Sudah beres.', 'Pengaduan normatif', 'Selesai', 'bkn-pensiun', '02/03/2026 11:00', '', '', 'Surat', '', '4,5'],
      ['4100005', '02/03/2026 10:05', 'Ditunda', 'Menunggu dokumen.', 'Pengaduan', 'Tunda', '', '', '', '', '', '', ''],
      ['4100006', '02/03/2026 10:06', 'Berulang', 'Laporan berulang.', 'Pengaduan', 'Arsip', '', '', '', '', '', '', ''],
    ];
    const path = join(dir, 'lapor.csv');
    writeFileSync(path, toCsv(LAPOR_HEADER, rows, { delimiter: ';', eol: '\r\n', bom: true }));
    const s = await run(path);
    expect(s).toMatchObject({ created: 6, rejected: 0, ignoredColumns: [] });

    const r1 = await report('4100001');
    expect(r1).toMatchObject({ status: 'BELUM_TERVERIFIKASI', category: 'informasi', channel: 'website', unitId: null, dueDate: null });
    expect(r1.reminder?.nextReminderAt ?? null).toBeNull();
    expect(r1.receivedAt.toISOString()).toBe('2026-03-02T02:15:00.000Z'); // 09:15 WIB
    expect(r1.reporter).toMatchObject({ name: 'Rina Kartika', gender: 'P', disability: false });

    const r2 = await report('4100002');
    expect(r2).toMatchObject({ status: 'BELUM_DITINDAKLANJUTI', category: 'tanpa-pengawasan', channel: 'sms' });
    expect(r2.unit?.code).toBe('BKN-PENSIUN');
    expect(r2.receivedAt.toISOString()).toBe('2026-03-02T02:20:00.000Z');
    expect(r2.reporter).toMatchObject({ gender: 'L', disability: true });
    // 14 working days after the disposition (Tue 3 Mar 2026): 4–6, 9–13, 16, 17, (18–24 Idul Fitri and cuti bersama), 25–27, 30.
    expect(r2.disposedAt?.toISOString()).toBe('2026-03-03T03:00:00.000Z');
    expect(r2.dueDate?.toISOString().slice(0, 10)).toBe('2026-03-30');

    expect(await report('4100003')).toMatchObject({ status: 'PROSES', category: 'berkadar-pengawasan', channel: 'langsung' });
    const r4 = await report('4100004');
    expect(r4).toMatchObject({ status: 'SELESAI', channel: 'telepon' });
    expect(r4.reminder?.nextReminderAt ?? null).toBeNull();
    expect(Number(r4.rating)).toBe(4.5);
    expect(r4.receivedAt.toISOString()).toBe('2026-03-02T03:00:00.000Z');
    expect(await report('4100005')).toMatchObject({ status: 'TUNDA', category: 'normatif' });
    expect(await report('4100006')).toMatchObject({ status: 'ARSIP' });
  });

  it('finds the header below a title block and rejects rows breaking the state rules, with reasons', async () => {
    const path = join(dir, 'titled.csv');
    const text =
      'Rekapitulasi Laporan SP4N-LAPOR!\nPeriode: Maret 2026\n\n' +
      toCsv(LAPOR_HEADER.slice(0, 7), [
        ['4200001', '02/03/2026 09:00', 'Tanpa unit', 'x', 'Pengaduan', 'Sedang Diproses', ''],
        ['4200002', '02/03/2026 09:00', 'Unit tapi belum diverifikasi', 'x', 'Pengaduan', 'Belum Terverifikasi', 'BKN-PENSIUN'],
        ['4200003', '02/03/2026 09:00', 'Baik', 'x', 'Pengaduan', 'Proses', 'BKN-PENSIUN'],
      ]);
    writeFileSync(path, text);
    const s = await run(path);
    expect(s).toMatchObject({ created: 1, rejected: 2 });
    expect(s.rejections).toEqual([
      { line: 5, trackingId: '4200001', reason: 'status Sedang Diproses needs a unit (column unit)' },
      { line: 6, trackingId: '4200002', reason: expect.stringMatching(/^status Belum Terverifikasi cannot have a unit/) },
    ]);
  });

  it('reads a row without a status but with a unit as routed there (Belum Ditindaklanjuti)', async () => {
    const path = join(dir, 'no-status.csv');
    writeFileSync(path, toCsv(['ID Laporan', 'Tanggal', 'Isi', 'Jenis Laporan', 'Unit Kerja'], [
      ['4250001', '2026-03-02', 'Berkas kenaikan pangkat belum diproses. Mohon dicek.', 'Pengaduan normatif', 'BKN-PENSIUN'],
      ['4250002', '2026-03-02', 'Belum ada unit.', 'Pengaduan normatif', ''],
    ]));
    expect(await run(path)).toMatchObject({ created: 2, rejected: 0 });
    const routed = await report('4250001');
    expect(routed).toMatchObject({ status: 'BELUM_DITINDAKLANJUTI', title: 'Berkas kenaikan pangkat belum diproses.' });
    expect(routed.reminder?.nextReminderAt).not.toBeNull();
    expect(await report('4250002')).toMatchObject({ status: 'BELUM_TERVERIFIKASI', unitId: null });
  });

  it('refuses a file without the required columns, writing nothing', async () => {
    const path = join(dir, 'no-header.csv');
    writeFileSync(path, 'Judul,Isi\nA,B\n');
    const before = await db.prisma.report.count();
    await expect(run(path)).rejects.toThrow(/missing column\(s\): tracking_id/);
    expect(await db.prisma.report.count()).toBe(before);
    await expect(run(join(dir, 'nope.csv'))).rejects.toThrow(/no such file/);
    await expect(run(join(dir, 'x.xls'))).rejects.toThrow(/no such file|\.xls/);
  });
});

describe('XLSX', () => {
  it('streams the first sheet: real date cells, numbers as tracking ids, rich text, and bad rows by row number', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Laporan');
    ws.getColumn(2).numFmt = 'dd/mm/yyyy hh:mm';
    ws.addRow(['Laporan Masuk']); // a title row above the header
    ws.addRow(LAPOR_HEADER.slice(0, 7));
    // Excel date cells hold office wall-clock time (09:15 WIB) with no zone.
    ws.addRow([4300001, new Date(Date.UTC(2026, 2, 2, 9, 15)), 'Judul XLSX', 'Isi dari Excel', 'Permintaan Informasi', 'Belum Terverifikasi', '']);
    ws.addRow(['4300002', '02/03/2026 10:00', { richText: [{ text: 'Judul ' }, { text: 'tebal', font: { bold: true } }] }, 'Isi', 'Pengaduan normatif', 'Proses', 'Direktorat Pengadaan']);
    ws.addRow(['4300003', 'bukan tanggal', 'Judul', 'Isi', 'Pengaduan normatif', 'Proses', 'BKN-PENGADAAN']);
    await wb.xlsx.writeFile(join(dir, 'lapor.xlsx'));

    const s = await run(join(dir, 'lapor.xlsx'));
    expect(s).toMatchObject({ created: 2, rejected: 1 });
    expect(s.rejections[0]).toMatchObject({ line: 5, trackingId: '4300003', reason: 'received_at "bukan tanggal" is not a date (use YYYY-MM-DD, DD/MM/YYYY HH:mm or ISO 8601)' });
    const r1 = await report('4300001');
    expect(r1.receivedAt.toISOString()).toBe('2026-03-02T02:15:00.000Z');
    expect(r1.title).toBe('Judul XLSX');
    const r2 = await report('4300002');
    expect(r2.title).toBe('Judul tebal');
    expect(r2.unit?.code).toBe('BKN-PENGADAAN');
    // Importing it again changes nothing.
    expect(await run(join(dir, 'lapor.xlsx'))).toMatchObject({ created: 0, updated: 0, unchanged: 2, rejected: 1 });
  });
});

describe('--notify', () => {
  const header = ['tracking_id', 'received_at', 'title', 'body', 'category', 'status', 'unit', 'reporter_name'];
  const body = 'Nama saya Wahyu Pratama, HP 0813-2222-3333. Sampai hari ini jadwal tes kompetensi PPPK tenaga teknis di Kabupaten Bogor belum diumumkan di portal SSCASN padahal sudah lewat dua minggu dari jadwal semula.';

  it('is silent by default: a history import posts nothing', async () => {
    const path = join(dir, 'silent.csv');
    writeFileSync(path, toCsv(header, [['4400001', '2026-03-02 08:00', 'Jadwal tes PPPK', body, 'Permintaan Informasi', 'Belum Terverifikasi', '', 'Wahyu Pratama']]));
    const before = await db.prisma.outbox.count();
    await run(path);
    expect(await db.prisma.outbox.count()).toBe(before);
  });

  it('tells the admin about new unverified reports (masked, with a possible duplicate) and posts reports at a unit to the unit', async () => {
    const path = join(dir, 'notify.csv');
    writeFileSync(
      path,
      toCsv(header, [
        ['4400002', '2026-03-02 08:30', 'Jadwal tes PPPK', `${body} Mohon kejelasan.`, 'Permintaan Informasi', 'Belum Terverifikasi', '', 'Wahyu Pratama'],
        ['4400003', '2026-03-02 08:40', 'Mutasi', 'Pengajuan mutasi saya belum diproses.', 'Pengaduan normatif', 'Belum Ditindaklanjuti', 'BKN-PENSIUN', ''],
      ]),
    );
    const before = (await db.prisma.outbox.aggregate({ _max: { id: true } }))._max.id ?? 0n;
    expect(await run(path, { notify: true })).toMatchObject({ created: 2 });
    const rows = await db.prisma.outbox.findMany({ where: { id: { gt: before } }, orderBy: { id: 'asc' } });
    expect(rows.map((r) => [r.target, r.purpose])).toEqual([[w.chats.B, 'report_post'], [w.chats.admin, 'notice']]);
    const notice = (rows[1]!.payload as { text: string; buttons: { label: string; data: string }[][] });
    expect(notice.text).toMatch(/^📥 Laporan baru #4400002 · Permintaan informasi · diterima 2 Mar 2026 pukul 08\.30 WIB/);
    expect(notice.text).toContain('⚠️ Kemungkinan duplikat dari #4400001 (kemiripan');
    expect(notice.text).not.toContain('Wahyu');
    expect(notice.text).not.toContain('0813');
    expect(containsPii(notice.text, { knownNames: ['Wahyu Pratama'] })).toBe(false);
    // The local classifier may add a routing suggestion (it learns from the reports imported above).
    const labels = notice.buttons.flat().map((b) => b.label);
    expect(labels[0]).toBe('Arsip (laporan berulang)');
    expect(labels.at(-1)).toBe('Status');
    expect(labels.slice(1, -1).every((l) => l.startsWith('Disposisi ke '))).toBe(true);
    for (const b of notice.buttons.flat()) expect(Buffer.byteLength(b.data)).toBeLessThanOrEqual(64);
    const flagged = await report('4400002');
    const original = await report('4400001');
    expect(flagged.duplicateOfId).toBe(original.id);
    expect(flagged.duplicateScore).toBeGreaterThanOrEqual(0.8);
    expect((rows[0]!.payload as { text: string }).text).toContain('#4400003');
  });

  it('re-routes a report the file moved to another unit: the old post is edited without buttons, the new unit gets a post', async () => {
    const path = join(dir, 'moved.csv');
    const line = (unit: string) => ['4400004', '2026-03-02 09:00', 'Mutasi pegawai', 'Pengajuan mutasi saya belum diproses.', 'Pengaduan normatif', 'Belum Ditindaklanjuti', unit, ''];
    writeFileSync(path, toCsv(header, [line('BKN-PENSIUN')]));
    await run(path, { notify: true });
    const first = await db.prisma.outbox.findFirstOrThrow({ where: { reportId: (await report('4400004')).id, purpose: 'report_post' } });
    expect(first.target).toBe(w.chats.B);
    expect((first.payload as { buttons?: unknown[] }).buttons?.length).toBeGreaterThan(0);
    await db.prisma.outbox.update({ where: { id: first.id }, data: { status: 'SENT', platformMessageId: '77', sentAt: new Date() } });

    writeFileSync(path, toCsv(header, [line('BKN-PENGADAAN')]));
    expect(await run(path, { notify: true })).toMatchObject({ updated: 1 });
    const after = await db.prisma.outbox.findMany({ where: { reportId: first.reportId!, id: { gt: first.id } }, orderBy: { id: 'asc' } });
    expect(after.map((r) => [r.kind, r.target, r.editOfId])).toEqual([['edit', w.chats.B, first.id], ['send', w.chats.A, null]]);
    expect((after[0]!.payload as { buttons?: unknown[] }).buttons).toBeUndefined();
    expect((after[0]!.payload as { text: string }).text).toContain('BKN-PENGADAAN');
    expect((after[1]!.payload as { buttons?: unknown[] }).buttons?.length).toBeGreaterThan(0);
  });
});
