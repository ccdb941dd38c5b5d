/** Promoting an information request to a formal report, with its history. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatCore } from '../../src/chat/core.js';
import { createTestDb, type TestDb } from '../helpers/test-db.js';
import { chatCore, say, TG } from '../helpers/chat.js';
import { buildInfoWorld, type InfoWorld } from '../helpers/info-world.js';

let db: TestDb;
let w: InfoWorld;
let core: ChatCore;
beforeAll(async () => {
  db = await createTestDb();
  w = await buildInfoWorld(db);
  core = chatCore(w);
});
afterAll(() => db.close());

async function askAndAnswer(question: string, answer: string): Promise<string> {
  const asked = await say(core, w, TG.oscar, w.chats.A, `/tanya BKN-PENSIUN ${question}`);
  const ir = /IR-\d{6}-\d{4}/.exec(asked.replies[0]!)![0];
  w.clock.advance(30 * 60_000);
  await say(core, w, TG.dedi, w.chats.B, `/balas ${ir} ${answer}`);
  w.clock.advance(30 * 60_000);
  return ir;
}

describe('/jadikan-laporan', () => {
  it('turns the request into a report under the same number, keeping its history', async () => {
    const ir = await askAndAnswer('Pensiun ayah saya belum dibayar tiga bulan, padahal SK sudah terbit.', 'Mohon diajukan sebagai pengaduan agar diperiksa.');
    const r = await say(core, w, TG.oscar, w.chats.A, `/jadikan-laporan ${ir} NORMATIF`);
    expect(r.replies[0]).toBe(`📄 ${ir} dijadikan laporan #${ir} (Pengaduan normatif). Admin Instansi memverifikasi dan mendisposisikannya; pantau dengan /status ${ir}.`);
    const notice = r.queued.find((q) => q.purpose === 'notice');
    expect(notice?.target).toBe(w.chats.admin);
    expect(notice?.text).toMatch(new RegExp(`Verifikasi: /verifikasi ${ir}`));

    const report = await db.prisma.report.findFirstOrThrow({ where: { trackingId: ir }, include: { events: { orderBy: { id: 'asc' } } } });
    expect(report).toMatchObject({ agencyId: w.agencyId, status: 'BELUM_TERVERIFIKASI', category: 'normatif', unitId: null });
    expect(report.body).toMatch(new RegExp(`^Berasal dari permintaan informasi ${ir} \\(unit BKN-PENSIUN\\)\\.`));
    expect(report.body).toMatch(/Pertanyaan \(Oscar, [^)]+\): Pensiun ayah saya[\s\S]*Jawaban \(Dedi, [^)]+\): Mohon diajukan/);
    expect(report.events.map((e) => e.action)).toEqual(['received', 'ir_question', 'ir_answer', 'from_info_request']);
    expect(report.events.map((e) => e.actorLabel)).toEqual(['Oscar', 'Oscar', 'Dedi', 'Oscar']);

    const row = await db.prisma.infoRequest.findUniqueOrThrow({ where: { trackingId: ir } });
    expect(row).toMatchObject({ status: 'PROMOTED', promotedReportId: report.id, nextNudgeAt: null });
    // The unit's post shows it; the request takes no more answers; the report goes its normal way.
    const post = await db.prisma.outbox.findFirstOrThrow({ where: { dedupeKey: { startsWith: `ir:${ir}:q` }, purpose: 'notice' } });
    expect((post.payload as { text: string; buttons?: unknown }).text).toMatch(/Status: 📄 Dijadikan laporan oleh Oscar/);
    expect((post.payload as { buttons?: unknown }).buttons).toBeUndefined();
    expect((await say(core, w, TG.dedi, w.chats.B, `/balas ${ir} Lagi.`)).replies[0]).toMatch(new RegExp(`${ir} sudah dijadikan laporan #${ir}`));
    expect((await say(core, w, TG.oscar, w.chats.A, `/jadikan-laporan ${ir} normatif`)).replies[0]).toMatch(/sudah dijadikan laporan/);
    const status = (await say(core, w, TG.admin, w.chats.admin, `/status ${ir}`)).replies[0]!;
    expect(status).toMatch(/jawaban PIC \(permintaan informasi\)/);
    expect((await say(core, w, TG.admin, w.chats.admin, `/verifikasi ${ir}`)).replies[0]).toMatch(new RegExp(`Laporan #${ir} terverifikasi`));
  });

  it('is refused to liaison officers and for unknown categories, changing nothing', async () => {
    const ir = await askAndAnswer('Kapan SK pensiun dikirim?', 'Pekan depan.');
    const reports = await db.prisma.report.count();
    expect((await say(core, w, TG.dedi, w.chats.B, `/jadikan-laporan ${ir} normatif`)).replies[0]).toMatch(/hanya untuk Operator Live Chat/);
    expect((await say(core, w, TG.oscar, w.chats.A, `/jadikan-laporan ${ir} keluhan`)).replies[0]).toMatch(/kategori salah satu dari informasi, normatif/);
    expect(await db.prisma.report.count()).toBe(reports);
    expect((await db.prisma.infoRequest.findUniqueOrThrow({ where: { trackingId: ir } })).status).toBe('ANSWERED');
    // The admin may promote it.
    expect((await say(core, w, TG.admin, w.chats.admin, `/jadikan-laporan ${ir} tanpa_pengawasan`)).replies[0]).toMatch(/Pengaduan tidak berkadar pengawasan/);
  });
});
