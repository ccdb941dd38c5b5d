/**
 * The admin-facing jobs with a fake clock: the daily overdue digest (continuing until closure,
 * stopping after close / archive / bounce, silent on holidays), unclaimed-disposition reminders
 * (unit first, then admin, each once) and the weekly 10-day check.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { archiveReport, disposeReport } from '../../src/services/reports/admin-actions.js';
import { bounceReport, claimReport, followUpReport } from '../../src/services/reports/unit-actions.js';
import { overdueEscalation } from '../../src/scheduler/jobs/overdue-escalation.js';
import { unclaimedReminderJob, UNCLAIMED_AFTER_WORKING_HOURS } from '../../src/scheduler/jobs/unclaimed-reminder.js';
import { tenDayCheck } from '../../src/scheduler/jobs/ten-day-check.js';
import { containsPii } from '../../src/lib/pii.js';
import { createTestDb, type TestDb } from '../helpers/test-db.js';
import { buildWorld, type World } from '../helpers/world.js';
import { runAt, runSlots, wib, wibDate } from '../helpers/jobs.js';

const dbs: TestDb[] = [];
afterAll(async () => {
  for (const db of dbs) await db.close();
});

async function world(start: Date): Promise<World> {
  const db = await createTestDb();
  dbs.push(db);
  return buildWorld(db, start.toISOString());
}

const LONG = { timeout: 180_000 };

describe('overdue escalation to the admin chat', () => {
  it('one digest per working day, per unit, until each report is closed, archived or re-routed', LONG, async () => {
    const w = await world(wib('2026-03-09', 9));
    const ids: Record<string, string> = {};
    for (const [t, unit] of [['3000001', 'A'], ['3000002', 'A'], ['3000003', 'B'], ['3000004', 'A']] as const) {
      ids[t] = await w.newReport(t);
      await disposeReport(w.ctx, w.people.admin, { reportId: ids[t] }, w.units[unit].code); // due Mon 16 Mar
    }
    await claimReport(w.ctx, w.people.budi, { reportId: ids['3000001']! });
    // Not yet late on the due day itself.
    expect((await runAt(w, overdueEscalation, wib('2026-03-16', 8))).queued).toEqual([]);

    const tue = await runAt(w, overdueEscalation, wib('2026-03-17', 8));
    expect(tue.queued.map((q) => q.target)).toEqual([w.chats.admin]);
    const text = tue.queued[0]!.text;
    expect(text).toContain('Laporan terlambat — Badan Kepegawaian Negara: 4 laporan');
    expect(text).toContain('BKN-PENGADAAN — Direktorat Pengadaan: 3 terlambat');
    expect(text).toContain('BKN-PENSIUN — Direktorat Pensiun: 1 terlambat');
    expect(text).toMatch(/#3000001 · terlambat 1 hari kerja · batas 16 Mar 2026 · Budi/);
    expect(text).toMatch(/#3000002 · terlambat 1 hari kerja · .* · belum diambil/);
    expect(text.indexOf('BKN-PENGADAAN')).toBeLessThan(text.indexOf('BKN-PENSIUN'));
    expect(containsPii(text, { knownNames: ['Rina Kartika'] })).toBe(false);

    // Nyepi and Idul Fitri: no digest; Wed 25 Mar it continues (2 working days late).
    const holidays = await runSlots(w, overdueEscalation, '0 8 * * 1-5', wib('2026-03-17', 9), wib('2026-03-24', 9));
    expect(holidays.flatMap((r) => r.queued)).toEqual([]);
    expect(holidays.map((r) => r.outcome.status).every((s) => s === 'done')).toBe(true);

    w.clock.set(wib('2026-03-25', 7));
    await followUpReport(w.ctx, w.people.budi, { reportId: ids['3000001']! }, 'Sudah dijawab.', true);
    await archiveReport(w.ctx, w.people.admin, { reportId: ids['3000002']! }, 'Laporan berulang.');
    await bounceReport(w.ctx, w.people.dedi, { reportId: ids['3000003']! }, 'Bukan kewenangan unit kami.');
    const wed = await runAt(w, overdueEscalation, wib('2026-03-25', 8));
    expect(wed.queued).toHaveLength(1);
    expect(wed.queued[0]!.text).toContain(': 1 laporan');
    expect(wed.queued[0]!.text).toMatch(/#3000004 · terlambat 2 hari kerja/);
    for (const t of ['3000001', '3000002', '3000003']) expect(wed.queued[0]!.text).not.toContain(`#${t}`);

    await followUpReport(w.ctx, w.people.citra, { reportId: ids['3000004']! }, 'Selesai.', true);
    expect((await runAt(w, overdueEscalation, wib('2026-03-26', 8))).queued).toEqual([]);
  });

  it('splits a long digest into messages under the length budget', async () => {
    const w = await world(wib('2026-03-09', 9));
    // Inserted directly (overdue since Mon 16 Mar): the digest's layout is under test, not disposition.
    await w.ctx.db.report.createMany({
      data: Array.from({ length: 45 }, (_, i) => ({
        agencyId: w.agencyId, trackingId: `31${String(i).padStart(5, '0')}`, category: 'normatif', status: 'PROSES' as const,
        title: `Pengaduan panjang nomor ${i} tentang layanan kepegawaian yang belum dijawab`, body: '-',
        unitId: i % 2 ? w.units.A.id : w.units.B.id, receivedAt: wib('2026-03-09'), disposedAt: wib('2026-03-09'),
        dueDate: new Date('2026-03-16T00:00:00Z'), dueAt: wib('2026-03-16', 23, 59),
      })),
    });
    const run = await runAt(w, overdueEscalation, wib('2026-03-17', 8));
    expect(run.queued.length).toBeGreaterThan(1);
    for (const q of run.queued) expect(q.text.length).toBeLessThanOrEqual(3500);
    expect(run.queued[1]!.text).toContain('(lanjutan)');
    // Per unit at most 30 listed, the rest counted.
    const all = run.queued.map((q) => q.text).join('\n');
    expect(all).toContain('BKN-PENSIUN — Direktorat Pensiun: 23 terlambat');
    expect((all.match(/^• #/gm) ?? []).length).toBe(45);
  });
});

describe('unclaimed dispositions', () => {
  it(`reminds the unit after ${UNCLAIMED_AFTER_WORKING_HOURS} working hours and the admin after twice that, each once`, LONG, async () => {
    const w = await world(wib('2026-03-06', 15)); // Friday 15:00
    const lonely = await w.newReport('4000001');
    const claimed = await w.newReport('4000002');
    await disposeReport(w.ctx, w.people.admin, { reportId: lonely }, w.units.A.code);
    await disposeReport(w.ctx, w.people.admin, { reportId: claimed }, w.units.A.code);
    await claimReport(w.ctx, w.people.citra, { reportId: claimed });

    const job = unclaimedReminderJob();
    const runs = await runSlots(w, job, '*/30 7-16 * * 1-5', wib('2026-03-06', 15), wib('2026-03-10', 17));
    const sent = runs.filter((r) => r.queued.length > 0).map((r) => ({ at: `${wibDate(r.slot)} ${r.slot.getUTCHours() + 7}:${String(r.slot.getUTCMinutes()).padStart(2, '0')}`, to: r.queued.map((q) => q.target) }));
    // Fri 15–16 = 1 h; Mon 08–11 = 3 h → 4 h at Mon 11:00; 8 h at Mon 15:00.
    expect(sent).toEqual([
      { at: '2026-03-09 11:00', to: [w.chats.A] },
      { at: '2026-03-09 15:00', to: [w.chats.admin] },
    ]);
    const unitText = runs.flatMap((r) => r.queued).find((q) => q.target === w.chats.A)!.text;
    expect(unitText).toContain('#4000001');
    expect(unitText).toContain('/ambil 4000001');
    expect(unitText).not.toContain('#4000002');
    const adminText = runs.flatMap((r) => r.queued).find((q) => q.target === w.chats.admin)!.text;
    expect(adminText).toContain('#4000001 · BKN-PENGADAAN · 8 jam kerja sejak disposisi');
  });

  it('N is configurable, and a claim in time means no reminder', async () => {
    const w = await world(wib('2026-03-02', 8));
    const a = await w.newReport('4100001');
    const b = await w.newReport('4100002');
    await disposeReport(w.ctx, w.people.admin, { reportId: a }, w.units.A.code);
    await disposeReport(w.ctx, w.people.admin, { reportId: b }, w.units.B.code);
    w.clock.set(wib('2026-03-02', 9, 30));
    await claimReport(w.ctx, w.people.dedi, { reportId: b });
    const run = await runAt(w, unclaimedReminderJob({ afterWorkingHours: 2 }), wib('2026-03-02', 10));
    expect(run.queued.map((q) => q.target)).toEqual([w.chats.A]);
    expect(run.queued[0]!.text).toContain('#4100001');
  });
});

describe('10-day check', () => {
  it('lists open reports whose tindak lanjut is over 10 days old, weekly, to the admin', async () => {
    const w = await world(wib('2026-03-02', 9));
    const open = await w.newReport('5000001');
    const closed = await w.newReport('5000002');
    const fresh = await w.newReport('5000003');
    for (const id of [open, closed, fresh]) await disposeReport(w.ctx, w.people.admin, { reportId: id }, w.units.A.code);
    await followUpReport(w.ctx, w.people.budi, { reportId: open }, 'Sedang dikoordinasikan dengan BKD.', false);
    await followUpReport(w.ctx, w.people.budi, { reportId: closed }, 'Sudah dijawab.', true);
    w.clock.set(wib('2026-03-10', 9));
    await followUpReport(w.ctx, w.people.citra, { reportId: fresh }, 'Menunggu data.', false);

    expect((await runAt(w, tenDayCheck, wib('2026-03-09', 9))).queued).toEqual([]); // 7 days
    const run = await runAt(w, tenDayCheck, wib('2026-03-16', 9));
    expect(run.queued.map((q) => q.target)).toEqual([w.chats.admin]);
    const text = run.queued[0]!.text;
    expect(text).toContain('Periksa dan selesaikan atau arsipkan: 1 laporan');
    expect(text).toContain('#5000001 · BKN-PENGADAAN · tindak lanjut 14 hari lalu (2 Mar 2026) · Budi');
    expect(text).not.toContain('#5000002');
    expect(text).not.toContain('#5000003');
  });
});
