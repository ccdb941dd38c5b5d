import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ChatCore } from '../../src/chat/core.js';
import { suggestForReport } from '../../src/ai/suggest.js';
import { systemActor } from '../../src/services/context.js';
import { intakeReport } from '../../src/services/intake/intake-report.js';
import { findDuplicate } from '../../src/services/intake/find-duplicate.js';
import { addAgency } from '../../src/services/directory/agency-and-units.js';
import { archiveReport } from '../../src/services/reports/admin-actions.js';
import type { NewReport } from '../../src/services/reports/create-report.js';
import { createTestDb, type TestDb } from '../helpers/test-db.js';
import { buildWorld, type World } from '../helpers/world.js';
import { chatCore, press, TG } from '../helpers/chat.js';

// The AI feature is another module's job; here it only has to hand back a suggestion when asked.
vi.mock('../../src/ai/suggest.js', () => ({ suggestForReport: vi.fn(async () => null) }));

let db: TestDb;
let w: World;
let core: ChatCore;
beforeAll(async () => {
  db = await createTestDb();
  w = await buildWorld(db);
  core = chatCore(w);
});
afterAll(() => db.close());

const api = systemActor('api', 'API Portal');
const PPPK =
  'Nama saya Rina Kartika, NIK 3201234567890123. Saya peserta seleksi PPPK tenaga teknis tahun 2025 di Kabupaten Bogor. Sampai hari ini ' +
  'jadwal tes kompetensi belum diumumkan di portal SSCASN padahal sudah lewat dua minggu dari jadwal semula. Mohon kejelasan kapan ' +
  'jadwal tes kompetensi diumumkan dan apakah ada perubahan lokasi ujian.';
const PPPK_AGAIN = `Selamat pagi. ${PPPK} Laporan ini saya kirim ulang karena belum ada jawaban.`;
const GURU =
  'Formasi guru PPPK di Kota Padang tahun 2025 tidak sesuai dengan kebutuhan sekolah. Sekolah kami kekurangan guru matematika ' +
  'tetapi formasi yang dibuka hanya untuk guru agama. Mohon formasi ditinjau ulang sebelum pengumuman seleksi tahap berikutnya.';
const OTHER = 'Ayah saya pensiun sejak Januari 2026 namun SK pensiun belum terbit dan gaji terakhir belum dibayarkan. Mohon bantuannya.';

const input = (trackingId: string, body: string, extra: Partial<NewReport> = {}): NewReport => ({
  agencyId: w.agencyId, trackingId, title: 'Jadwal tes kompetensi PPPK', body, category: 'informasi',
  reporter: { name: 'Rina Kartika', contact: '0812-1111-2222' }, ...extra,
});

async function noticesOf(reportId: string): Promise<{ target: string; text: string; buttons: { label: string; data: string }[] }[]> {
  const rows = await db.prisma.outbox.findMany({ where: { reportId, purpose: 'notice' }, orderBy: { id: 'asc' } });
  return rows.map((r) => {
    const p = r.payload as { text: string; buttons?: { label: string; data: string }[][] };
    return { target: r.target, text: p.text, buttons: p.buttons?.flat() ?? [] };
  });
}

describe('intakeReport', () => {
  let originalId: string;
  let dupId: string;

  it('stores a new report with its signature and tells the admin chat, masked', async () => {
    const r = await intakeReport(w.ctx, api, input('5000001', PPPK));
    expect(r).toMatchObject({ created: true, duplicate: null, suggestion: null });
    originalId = r.report.id;
    expect(r.report.textSignature).toMatch(/^[0-9a-f]{512}$/);
    const [notice, ...more] = await noticesOf(originalId);
    expect(more).toEqual([]);
    expect(notice!.target).toBe(w.chats.admin);
    expect(notice!.text).toBe(
      '📥 Laporan baru #5000001 · Permintaan informasi · diterima 2 Mar 2026 pukul 09.00 WIB\n\n' +
        'Judul: Jadwal tes kompetensi PPPK\n' +
        PPPK.replace('Rina Kartika', '[NAMA]').replace('3201234567890123', '[NIK]') +
        '\n\nVerifikasi: /verifikasi 5000001 · Disposisi: /disposisi 5000001 <kode-unit>',
    );
    expect(notice!.buttons.map((b) => b.label)).toEqual(['Status']);
    const events = await db.prisma.reportEvent.findMany({ where: { reportId: originalId } });
    expect(events.map((e) => [e.action, e.source, e.actorLabel])).toEqual([['received', 'api', 'API Portal']]);
  });

  it('flags a near-identical report as a duplicate of the open one and offers one-tap archiving', async () => {
    const r = await intakeReport(w.ctx, api, input('5000002', PPPK_AGAIN));
    expect(r.duplicate).toMatchObject({ reportId: originalId, trackingId: '5000001' });
    expect(r.duplicate!.score).toBeGreaterThanOrEqual(0.8);
    dupId = r.report.id;
    const stored = await db.prisma.report.findUniqueOrThrow({ where: { id: dupId } });
    expect(stored).toMatchObject({ duplicateOfId: originalId, duplicateScore: r.duplicate!.score });
    const [notice] = await noticesOf(dupId);
    const pct = Math.floor(r.duplicate!.score * 100);
    expect(notice!.text).toContain(`\n\n⚠️ Kemungkinan duplikat dari #5000001 (kemiripan ${pct}%)`);
    expect(notice!.buttons.map((b) => [b.label, b.data])).toEqual([
      ['Arsip (laporan berulang)', `v1:ad:${dupId}`],
      ['Status', `v1:s:${dupId}`],
    ]);
  });

  it('is idempotent by tracking id: the same report again changes and sends nothing', async () => {
    const outbox = await db.prisma.outbox.count();
    const r = await intakeReport(w.ctx, api, input('5000002', 'teks lain'));
    expect(r).toMatchObject({ created: false, duplicate: null });
    expect(r.report.id).toBe(dupId);
    expect(await db.prisma.outbox.count()).toBe(outbox);
  });

  it('does not flag different reports', async () => {
    const r = await intakeReport(w.ctx, api, input('5000003', OTHER, { title: 'SK pensiun belum terbit' }));
    expect(r.duplicate).toBeNull();
    expect((await noticesOf(r.report.id))[0]!.text).not.toContain('duplikat');
  });

  it('compares only open reports of the same agency received in the last 90 days, at a configurable threshold', async () => {
    const subject = await db.prisma.report.findUniqueOrThrow({ where: { id: dupId } });
    const score = subject.duplicateScore!;
    expect(await findDuplicate(db.prisma, subject, score)).toMatchObject({ reportId: originalId });
    expect(await findDuplicate(db.prisma, subject, score + 1 / 64)).toBeNull();

    // Another agency's identical report is not a candidate.
    const other = await addAgency(w.ctx, systemActor('cli'), { code: 'KEMENPAN', name: 'Kementerian PANRB' });
    const foreign = await intakeReport(w.ctx, api, { ...input('5000004', PPPK), agencyId: other.id });
    expect(foreign.duplicate).toBeNull();
    // A report received more than 90 days after the open ones is not compared with them.
    const late = await intakeReport(w.ctx, api, input('5000005', PPPK, { receivedAt: new Date('2026-06-01T02:00:00Z') }));
    expect(late.duplicate).toBeNull();
    // Archived and finished reports are not candidates either.
    await archiveReport(w.ctx, systemActor('cli'), { reportId: originalId }, 'uji');
    await archiveReport(w.ctx, systemActor('cli'), { reportId: late.report.id }, 'uji');
    expect(await findDuplicate(db.prisma, subject)).toBeNull();
  });
});

describe('the [Arsip (laporan berulang)] button', () => {
  it('archives the flagged report with the reason "laporan berulang" for the admin, and refuses others', async () => {
    const original = await intakeReport(w.ctx, api, input('5100001', GURU));
    const dup = await intakeReport(w.ctx, api, input('5100002', `${GURU} Mohon segera dijawab karena batas pendaftaran sudah dekat.`));
    expect(dup.duplicate?.reportId).toBe(original.report.id);
    const data = (await noticesOf(dup.report.id))[0]!.buttons[0]!.data;

    const refused = await press(core, w, TG.budi, w.chats.A, data);
    expect(refused.replies[0]).toMatch(/hanya untuk Admin Instansi/);
    expect((await db.prisma.report.findUniqueOrThrow({ where: { id: dup.report.id } })).status).toBe('BELUM_TERVERIFIKASI');

    const done = await press(core, w, TG.admin, w.chats.admin, data);
    expect(done.replies).toEqual(['🗄️ Laporan #5100002 diarsipkan.']);
    const archived = await db.prisma.report.findUniqueOrThrow({ where: { id: dup.report.id } });
    expect(archived.status).toBe('ARSIP');
    const event = await db.prisma.reportEvent.findFirstOrThrow({ where: { reportId: dup.report.id, action: 'archived' } });
    expect(event.reason).toBe(`Laporan berulang dari #5100001 (kemiripan ${Math.floor(dup.duplicate!.score * 100)}%)`);
    expect(event.actorLabel).toBe('Ani Admin');

    const again = await press(core, w, TG.admin, w.chats.admin, data);
    expect(again.replies[0]).toMatch(/Laporan berstatus Arsip tidak dapat di-arsipkan/);
    const notFlagged = await press(core, w, TG.admin, w.chats.admin, `v1:ad:${original.report.id}`);
    expect(notFlagged.replies[0]).toMatch(/tidak ditandai sebagai duplikat/);
  });
});

describe('a routing suggestion', () => {
  it('is added to the pending notice with a [Disposisi ke …] button carrying the stored suggestion, which disposes the report', async () => {
    vi.mocked(suggestForReport).mockResolvedValueOnce({
      source: 'local', category: 'informasi', topic: 'PPPK', duplicateOf: null,
      units: [{ code: 'BKN-PENGADAAN', reason: 'mirip laporan PPPK dari Rina Kartika sebelumnya', score: 0.9 }],
    });
    const r = await intakeReport(w.ctx, api, input('5200001', OTHER, { title: 'SK pensiun' }));
    expect(r.suggestion).toMatchObject({ unitCode: 'BKN-PENGADAAN' });
    const stored = await db.prisma.aiSuggestion.findFirstOrThrow({ where: { reportId: r.report.id } });
    expect(stored.id).toBe(r.suggestion!.id);
    const [notice, ...more] = await noticesOf(r.report.id);
    expect(more).toEqual([]);
    expect(notice!.text).toContain('\n\nSaran: disposisi ke BKN-PENGADAAN (mirip laporan PPPK dari [NAMA] sebelumnya)');
    const button = notice!.buttons.find((b) => b.label === 'Disposisi ke BKN-PENGADAAN')!;
    expect(button.data).toBe(`v1:d:${stored.id}`);

    const pressed = await press(core, w, TG.admin, w.chats.admin, button.data);
    expect(pressed.replies[0]).toMatch(/#5200001 didisposisikan ke BKN-PENGADAAN/);
    expect((await db.prisma.report.findUniqueOrThrow({ where: { id: r.report.id } })).status).toBe('BELUM_DITINDAKLANJUTI');
  });
});
