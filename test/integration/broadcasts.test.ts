/**
 * Admin broadcasts end to end through the chat core: a draft with its recipients first, nothing
 * sent before confirmation, sent once, repeating ones on their schedule, and cancellation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatCore } from '../../src/chat/core.js';
import { broadcastsJob } from '../../src/scheduler/jobs/broadcasts.js';
import { createTestDb, type TestDb } from '../helpers/test-db.js';
import { buildWorld, type World } from '../helpers/world.js';
import { chatCore, press, say, TG } from '../helpers/chat.js';
import { runAt, runSlots, wib } from '../helpers/jobs.js';

let db: TestDb;
let w: World;
let core: ChatCore;
beforeAll(async () => {
  db = await createTestDb();
  w = await buildWorld(db, wib('2026-03-04', 10).toISOString()); // Wednesday 10:00 WIB
  core = chatCore(w);
});
afterAll(() => db.close());

const shortOf = (text: string): string => /Draf pengumuman ([0-9a-f]{8})/.exec(text)?.[1] ?? 'missing';

describe('/umumkan', () => {
  it('shows the recipients and sends nothing before /kirim; then sends once to every chat', async () => {
    const draft = await say(core, w, TG.admin, w.chats.admin, '/umumkan Mohon perbarui data pejabat penghubung sebelum Jumat.');
    expect(draft.replies).toHaveLength(1);
    const text = draft.replies[0]!;
    expect(text).toContain('belum dikirim');
    expect(text).toContain('Penerima (3 grup, seluruh instansi)');
    expect(text).toContain('• Admin Instansi');
    expect(text).toContain('• BKN-PENGADAAN');
    expect(text).toContain('• BKN-PENSIUN');
    expect(draft.queued.filter((q) => q.purpose === 'broadcast')).toEqual([]);
    const buttons = draft.queued[0]!.buttons;
    expect(buttons.map((b) => b.label)).toEqual(['Kirim', 'Batal']);
    for (const b of buttons) expect(Buffer.byteLength(b.data)).toBeLessThanOrEqual(64);

    const short = shortOf(text);
    const sent = await say(core, w, TG.admin, w.chats.admin, `/kirim ${short}`);
    expect(sent.replies[0]).toContain('dikirim ke 3 grup');
    const out = sent.queued.filter((q) => q.purpose === 'broadcast');
    expect(out.map((q) => q.target).sort()).toEqual([w.chats.admin, w.chats.A, w.chats.B].sort());
    expect(out[0]!.text).toContain('📢 Pengumuman Admin Instansi');
    expect(out[0]!.text).toContain('Mohon perbarui data pejabat penghubung sebelum Jumat.');
    expect(out[0]!.text).toContain('— Ani Admin');

    const again = await say(core, w, TG.admin, w.chats.admin, `/kirim ${short}`);
    expect(again.replies[0]).toContain('sudah dikirim');
    expect(again.queued.filter((q) => q.purpose === 'broadcast')).toEqual([]);
  });

  it('--unit limits the recipients, and the Kirim button confirms', async () => {
    const draft = await say(core, w, TG.admin, w.chats.admin, '/umumkan --unit bkn-pensiun Rapat koordinasi besok pukul 09.00.');
    expect(draft.replies[0]).toContain('Penerima (1 grup, unit BKN-PENSIUN)');
    expect(draft.replies[0]).not.toContain('--unit');
    const kirim = draft.queued[0]!.buttons.find((b) => b.label === 'Kirim')!;
    const pressed = await press(core, w, TG.admin, w.chats.admin, kirim.data);
    expect(pressed.queued.filter((q) => q.purpose === 'broadcast').map((q) => q.target)).toEqual([w.chats.B]);
    expect(pressed.toast).toContain('dikirim ke 1 grup');
  });

  it('masks personal data in the announcement', async () => {
    const draft = await say(core, w, TG.admin, w.chats.admin, '/umumkan Pelapor atas nama Rina Kartika, HP 0812-3456-7890, mohon dihubungi.');
    const sent = await say(core, w, TG.admin, w.chats.admin, `/kirim ${shortOf(draft.replies[0]!)}`);
    const text = sent.queued.find((q) => q.purpose === 'broadcast')!.text;
    expect(text).not.toContain('0812');
    expect(text).not.toContain('Rina');
  });

  it('is for the Admin Instansi only; an unknown unit or code is refused clearly', async () => {
    expect((await say(core, w, TG.budi, w.chats.A, '/umumkan Halo semua')).replies[0]).toContain('hanya untuk Admin Instansi');
    expect((await say(core, w, TG.admin, w.chats.admin, '/umumkan --unit BKN-TIDAKADA Halo')).replies[0]).toContain('Unit BKN-TIDAKADA tidak ditemukan');
    expect((await say(core, w, TG.admin, w.chats.admin, '/kirim abcd1234')).replies[0]).toContain('Pengumuman abcd1234 tidak ditemukan');
    expect((await say(core, w, TG.admin, w.chats.admin, '/umumkan')).replies[0]).toContain('teks pengumuman wajib diisi');
  });
});

describe('/jadwalkan, /jadwal, /batal-jadwal and the broadcasts job', () => {
  it('a repeating broadcast is sent on each occurrence, once, until cancelled', { timeout: 120_000 }, async () => {
    w.clock.set(wib('2026-03-04', 10));
    const draft = await say(core, w, TG.admin, w.chats.admin, '/jadwalkan setiap Jumat 09:00 Jangan lupa perbarui status laporan sebelum akhir pekan.');
    expect(draft.replies[0]).toContain('Waktu: setiap Jumat pukul 09.00 (berikutnya 6 Mar 2026 pukul 09.00 WIB)');
    expect(draft.queued[0]!.buttons.map((b) => b.label)).toEqual(['Jadwalkan', 'Batal']);
    const short = shortOf(draft.replies[0]!);
    // A draft is never sent by the job.
    expect((await runAt(w, broadcastsJob, wib('2026-03-06', 9, 30))).queued).toEqual([]);
    w.clock.set(wib('2026-03-04', 10, 5));
    expect((await say(core, w, TG.admin, w.chats.admin, `/kirim ${short}`)).replies[0]).toContain(`Pengumuman ${short} dijadwalkan: setiap Jumat pukul 09.00`);

    const list = await say(core, w, TG.admin, w.chats.admin, '/jadwal');
    expect(list.replies[0]).toContain(`${short} · setiap Jumat pukul 09.00 · berikutnya 6 Mar 2026 pukul 09.00 WIB · semua grup`);

    // Every minute from Thursday to the next Friday morning would be slow: the job runs each hour here.
    const runs = await runSlots(w, broadcastsJob, '0 * * * *', wib('2026-03-05', 0), wib('2026-03-13', 10));
    const sentAt = runs.filter((r) => r.queued.length > 0).map((r) => [r.slot.toISOString(), r.queued.length]);
    expect(sentAt).toEqual([[wib('2026-03-06', 9).toISOString(), 3], [wib('2026-03-13', 9).toISOString(), 3]]);
    const row = await w.ctx.db.broadcast.findFirstOrThrow({ where: { repeatCron: { not: null } } });
    expect(row.state).toBe('scheduled');
    expect(row.nextRunAt?.toISOString()).toBe(wib('2026-03-20', 9).toISOString());

    expect((await say(core, w, TG.admin, w.chats.admin, `/batal-jadwal ${short}`)).replies[0]).toContain('dibatalkan');
    expect((await runAt(w, broadcastsJob, wib('2026-03-20', 9))).queued).toEqual([]);
    expect((await say(core, w, TG.admin, w.chats.admin, '/jadwal')).replies[0]).not.toContain(short);
  });

  it('a one-off is sent at its time, once; a later run finds nothing due', async () => {
    w.clock.set(wib('2026-03-23', 10));
    const draft = await say(core, w, TG.admin, w.chats.admin, '/schedule besok 09:00 Batas rekap bulanan hari ini.');
    await say(core, w, TG.admin, w.chats.admin, `/kirim ${shortOf(draft.replies[0]!)}`);
    expect((await runAt(w, broadcastsJob, wib('2026-03-24', 8, 59))).queued).toEqual([]);
    const first = await runAt(w, broadcastsJob, wib('2026-03-24', 9));
    expect(first.queued).toHaveLength(3);
    const second = await runAt(w, broadcastsJob, wib('2026-03-24', 9, 1));
    expect(second.queued).toEqual([]);
    const b = await w.ctx.db.broadcast.findFirstOrThrow({ where: { text: { contains: 'Batas rekap' } } });
    expect(b.state).toBe('done');
  });

  it('Batal button cancels a draft; a past time and a bad phrase are refused', async () => {
    w.clock.set(wib('2026-03-25', 10));
    const draft = await say(core, w, TG.admin, w.chats.admin, '/jadwalkan Senin 09:00 Apel pagi.');
    const batal = draft.queued[0]!.buttons.find((b) => b.label === 'Batal')!;
    const pressed = await press(core, w, TG.admin, w.chats.admin, batal.data);
    expect(pressed.toast).toContain('dibatalkan');
    expect((await say(core, w, TG.admin, w.chats.admin, `/kirim ${shortOf(draft.replies[0]!)}`)).replies[0]).toContain('sudah dibatalkan');
    expect((await say(core, w, TG.admin, w.chats.admin, '/jadwalkan hari ini 09:00 Sudah lewat.')).replies[0]).toContain('sudah lewat');
    expect((await say(core, w, TG.admin, w.chats.admin, '/jadwalkan nanti sore Rapat.')).replies[0]).toContain('setiap hari kerja 08:00');
  });
});
