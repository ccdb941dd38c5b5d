/**
 * /rekap and /laporan through the chat core, and the weekly recap job: what is queued, to whom,
 * and that running the same slot twice queues nothing more.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatCore } from '../../src/chat/core.js';
import { silentLogger } from '../../src/lib/logger.js';
import { recapJobs } from '../../src/recap/jobs.js';
import { createTestDb, type TestDb } from '../helpers/test-db.js';
import { buildWorld, type World } from '../helpers/world.js';
import { chatCore, say, TG } from '../helpers/chat.js';
import { buildRecapScenario, wib } from '../helpers/recap-world.js';

let db: TestDb;
let w: World;
let core: ChatCore;

beforeAll(async () => {
  db = await createTestDb();
  w = await buildWorld(db);
  await buildRecapScenario(w);
  core = chatCore(w);
  w.clock.set(wib('03-18', '10:00'));
});

afterAll(async () => {
  await db?.close();
});

interface Doc { filename: string; contentBase64: string; mimeType: string }
/** Outbox rows after `id`, with their documents. */
async function queuedSince(id: bigint) {
  const rows = await w.ctx.db.outbox.findMany({ where: { id: { gt: id } }, orderBy: { id: 'asc' } });
  return rows.map((r) => ({ ...r, text: (r.payload as { text: string }).text, document: (r.payload as { document?: Doc }).document }));
}
const lastId = async (): Promise<bigint> => (await w.ctx.db.outbox.aggregate({ _max: { id: true } }))._max.id ?? 0n;

const isPng = (b64: string): boolean => Buffer.from(b64, 'base64').subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));

describe('/rekap', () => {
  it('in the admin chat: the agency recap with trend, per unit lines and the chart as a PNG document', async () => {
    const before = await lastId();
    const r = await say(core, w, TG.admin, w.chats.admin, '/rekap 2026-03-09..2026-03-15');
    const q = await queuedSince(before);
    expect(q.map((x) => [x.target, x.kind, x.purpose])).toEqual([[w.chats.admin, 'send', 'reply'], [w.chats.admin, 'document', 'reply']]);
    const text = r.replies[0]!;
    expect(text).toContain('📊 Rekapitulasi Kinerja — BKN — Badan Kepegawaian Negara');
    expect(text).toContain('Periode: 9–15 Mar 2026 · dibanding 2–8 Mar 2026');
    expect(text).toContain('%TL: 40,0%');
    expect(text).toContain('• BKN-PENGADAAN: 0/1/1 · 100,0% · ⏰');
    expect(text).toContain('✅ Laju verifikasi: 4 laporan');
    expect(q[1]!.document).toMatchObject({ mimeType: 'image/png', filename: 'rekap-BKN-2026-03-09-2026-03-15.png' });
    expect(isPng(q[1]!.document!.contentBase64)).toBe(true);
  });

  it('in a unit chat: that unit only, without the admins\' verification pace', async () => {
    const r = await say(core, w, TG.budi, w.chats.A, '/recap 2026-03-09..2026-03-15');
    expect(r.replies[0]).toContain('📊 Rekapitulasi Kinerja — BKN-PENGADAAN — Direktorat Pengadaan');
    expect(r.replies[0]).toContain('Total (tanpa Arsip & Tunda): 2 (▲1)');
    expect(r.replies[0]).not.toContain('Laju verifikasi');
    expect(r.queued.map((x) => x.kind)).toEqual(['send', 'document']);
  });

  it('understands minggu, bulan, triwulan and tahun relative to today (Wed 18 Mar 2026)', async () => {
    const week = await say(core, w, TG.admin, w.chats.admin, '/rekap');
    expect(week.replies[0]).toContain('Periode: Minggu 16–22 Mar 2026 · dibanding 9–15 Mar 2026');
    const month = await say(core, w, TG.admin, w.chats.admin, '/rekap bulan');
    expect(month.replies[0]).toContain('Periode: Maret 2026 (1–31 Mar 2026) · dibanding 1–28 Feb 2026');
    const quarter = await say(core, w, TG.admin, w.chats.admin, '/rekap TRIWULAN');
    expect(quarter.replies[0]).toContain('Periode: Triwulan I 2026 (1 Jan–31 Mar 2026)');
    const year = await say(core, w, TG.admin, w.chats.admin, '/rekap tahun');
    expect(year.replies[0]).toContain('Periode: Tahun 2026 (1 Jan–31 Des 2026) · dibanding 1 Jan–31 Des 2025');
  });

  it('refuses a bad period, the unregistered and the live-chat operator', async () => {
    expect((await say(core, w, TG.admin, w.chats.admin, '/rekap kemarin')).replies[0]).toMatch(/^⚠️ .*periode: minggu, bulan, triwulan, tahun/);
    expect((await say(core, w, TG.admin, w.chats.admin, '/rekap 2026-03-15..2026-03-09')).replies[0]).toMatch(/^⚠️ .*tidak sebelum tanggal awal/);
    expect((await say(core, w, TG.stranger, w.chats.admin, '/rekap')).replies[0]).toMatch(/^⚠️ Anda belum terdaftar/);
    expect((await say(core, w, TG.oscar, w.chats.A, '/rekap')).replies[0]).toMatch(/^⚠️ Perintah ini hanya untuk Admin Instansi/);
  });
});

describe('/laporan triwulan', () => {
  it('sends the XLSX privately to the admin and tells the group', async () => {
    const before = await lastId();
    const r = await say(core, w, TG.admin, w.chats.admin, '/laporan triwulan 2026-1');
    const q = await queuedSince(before);
    const dm = q.find((x) => x.purpose === 'dm')!;
    expect(dm.target).toBe(TG.admin.id);
    expect(dm.document).toMatchObject({ filename: 'laporan-triwulan-BKN-2026-TW1.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
    expect(Buffer.from(dm.document!.contentBase64, 'base64').subarray(0, 2).toString()).toBe('PK'); // a zip container
    expect(dm.text).toContain('Laporan Triwulan I 2026');
    expect(r.replies).toEqual([expect.stringContaining('dikirim ke chat pribadi Anda')]);
  });

  it('defaults to the last finished quarter and is refused to a liaison officer', async () => {
    const before = await lastId();
    await say(core, w, TG.admin, TG.admin.id, '/laporan triwulan');
    const q = await queuedSince(before);
    expect(q.map((x) => x.document?.filename)).toEqual(['laporan-triwulan-BKN-2025-TW4.xlsx']);
    expect((await say(core, w, TG.budi, w.chats.A, '/laporan triwulan')).replies[0]).toMatch(/^⚠️ Perintah ini hanya untuk Admin Instansi/);
  });
});

describe('weekly-recap job', () => {
  const job = recapJobs.find((j) => j.name === 'weekly-recap')!;
  const run = async (slot: Date) => {
    let kicks = 0;
    const result = await job.run({ services: w.ctx, slot, log: silentLogger(), kick: () => kicks++ });
    return { result, kicks };
  };

  it('runs on Monday 08:00 and queues once per chat and slot, even when the slot runs twice', async () => {
    expect(job.cron).toBe('0 8 * * 1');
    const slot = wib('03-16', '08:00');
    const before = await lastId();
    const first = await run(slot);
    const q = await queuedSince(before);
    // Admin chat, unit A and unit B: a text and a chart each.
    expect(q.map((x) => [x.target, x.kind, x.purpose])).toEqual([
      [w.chats.admin, 'send', 'digest'], [w.chats.admin, 'document', 'digest'],
      [w.chats.A, 'send', 'digest'], [w.chats.A, 'document', 'digest'],
      [w.chats.B, 'send', 'digest'], [w.chats.B, 'document', 'digest'],
    ]);
    expect(q[0]!.dedupeKey).toBe(`weekly-recap:BKN:telegram:${w.chats.admin}::${slot.toISOString()}:0`);
    expect(first.kicks).toBe(1);
    expect(first.result).toEqual({ summary: '6 messages to 3 chats of 1 agencies' });

    const again = await run(slot);
    expect(await queuedSince(before)).toHaveLength(6);
    expect(again.kicks).toBe(0);
  });

  it('covers the week that ended, agency-level for the admin and unit-level for each unit', async () => {
    const rows = await w.ctx.db.outbox.findMany({ where: { dedupeKey: { startsWith: 'weekly-recap:' }, kind: 'send' }, orderBy: { id: 'asc' } });
    const [admin, a, b] = rows.map((r) => (r.payload as { text: string }).text);
    expect(admin).toContain('Periode: Minggu 9–15 Mar 2026 · dibanding 2–8 Mar 2026');
    expect(admin).toContain('✅ Laju verifikasi');
    expect(a).toContain('Rekapitulasi Kinerja — BKN-PENGADAAN');
    expect(a).toContain('Selesai: 1 (=)');
    expect(b).toContain('Rekapitulasi Kinerja — BKN-PENSIUN');
    expect(b).not.toContain('Per unit');
  });

  it('queues again for the next slot', async () => {
    const before = await lastId();
    await run(wib('03-23', '08:00'));
    expect(await queuedSince(before)).toHaveLength(6);
  });
});
