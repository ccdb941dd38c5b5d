/**
 * The deadline sweep walked through whole weeks with a fake clock: staged nudges on the right
 * working days around Idul Fitri 2026, one per report per day, one digest per chat, the unit's
 * daily overdue digest that continues until closure and stops after close / archive / bounce,
 * and TUNDA pausing it.
 */
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { archiveReport, disposeReport, holdReport, resumeReport } from '../../src/services/reports/admin-actions.js';
import { bounceReport, claimReport, followUpReport } from '../../src/services/reports/unit-actions.js';
import { deadlineSweep, OVERDUE_LISTED, sweepDeadlines } from '../../src/scheduler/jobs/deadline-sweep.js';
import { silentLogger } from '../../src/lib/logger.js';
import { bindChat } from '../../src/services/directory/chats.js';
import { systemActor } from '../../src/services/context.js';
import { containsPii } from '../../src/lib/pii.js';
import { groupTitle } from '../../src/messages/report-post.js';
import { titleMaskFingerprint } from '../../src/scheduler/jobs/masked-titles.js';
import { createTestDb, type TestDb } from '../helpers/test-db.js';
import { buildWorld, type World } from '../helpers/world.js';
import { lastOutboxId, queuedAfter, runAt, runSlots, wib, wibDate, type SlotRun } from '../helpers/jobs.js';

/** Two sweeps a working day are enough to show "once a day" (the real cron runs every 15 min). */
const SWEEPS = '0 8,15 * * 1-5';
/** Walking weeks slot by slot is slow on a loaded machine: generous, not timed. */
const LONG = { timeout: 180_000 };

const dbs: TestDb[] = [];
afterAll(async () => {
  for (const db of dbs) await db.close();
});

async function world(start: Date): Promise<World> {
  const db = await createTestDb();
  dbs.push(db);
  return buildWorld(db, start.toISOString());
}

/** Office-local days on which a run queued something for `reportId` in `chat`. */
function nudgeDays(runs: SlotRun[], chat: string, tracking: string): string[] {
  return runs.filter((r) => r.queued.some((q) => q.target === chat && q.text.includes(`#${tracking}`))).map((r) => wibDate(r.slot));
}

describe('staged nudges around Idul Fitri 2026 (disposed Thu 12 Mar, normatif, due Thu 26 Mar)', () => {
  it('monitoring, day before, due day, then every working day overdue until closed', LONG, async () => {
    const w = await world(wib('2026-03-12', 10));
    const id = await w.newReport('2000001');
    const { report } = await disposeReport(w.ctx, w.people.admin, { reportId: id }, w.units.A.code);
    expect(report.dueDate?.toISOString().slice(0, 10)).toBe('2026-03-26');

    const runs = await runSlots(w, deadlineSweep, SWEEPS, wib('2026-03-12', 10), wib('2026-04-06', 9));
    expect(runs.every((r) => r.outcome.status === 'done')).toBe(true);
    // Nyepi (18–19), Idul Fitri and cuti bersama (20–24 Mar) and Good Friday (3 Apr) are silent.
    expect(nudgeDays(runs, w.chats.A, '2000001')).toEqual([
      '2026-03-16', // monitoring: 3 working days before
      '2026-03-25', // day before (24 Mar is cuti bersama)
      '2026-03-26', // due day
      '2026-03-27', '2026-03-30', '2026-03-31', '2026-04-01', '2026-04-02', // overdue, daily
      '2026-04-06',
    ]);
    const texts = runs.flatMap((r) => r.queued.filter((q) => q.target === w.chats.A).map((q) => q.text));
    expect(texts[0]).toContain('Pemantauan');
    expect(texts[1]).toContain('H-1');
    expect(texts[2]).toContain('Jatuh tempo hari ini');
    expect(texts[3]).toContain('Terlambat');
    expect(texts[3]).toContain('terlambat 1 hari kerja');
    expect(texts.at(-1)).toContain('terlambat 6 hari kerja');
    for (const t of texts) {
      expect(t).toContain('belum diambil');
      expect(containsPii(t, { knownNames: ['Rina Kartika'] })).toBe(false);
    }
    // Nothing else went anywhere: no admin chat, no other unit.
    expect(runs.flatMap((r) => r.queued).every((q) => q.target === w.chats.A && q.purpose === 'nudge')).toBe(true);

    // Closed on Mon 6 Apr: the reminders stop for good.
    w.clock.set(wib('2026-04-06', 10));
    await followUpReport(w.ctx, w.people.budi, { reportId: id }, 'Sudah dijawab melalui surat.', true);
    const after = await runSlots(w, deadlineSweep, SWEEPS, wib('2026-04-06', 10), wib('2026-04-10', 17));
    expect(after.flatMap((r) => r.queued)).toEqual([]);
    // Its own reminder ended with the due day; the overdue days were its unit's digests.
    const row = await w.ctx.db.reportReminder.findUniqueOrThrow({ where: { reportId: id } });
    expect(row.nextReminderAt).toBeNull();
    expect(row.stage).toBe('due_day');
    const unit = await w.ctx.db.unitReminder.findUniqueOrThrow({ where: { unitId: w.units.A.id } });
    expect(unit.overdueNudgedOn.toISOString().slice(0, 10)).toBe('2026-04-06');
  });

  it('overdue before Idul Fitri: reminded Tue 17 Mar, then again Wed 25 Mar, nothing in between', LONG, async () => {
    const w = await world(wib('2026-03-09', 9));
    const id = await w.newReport('2000002');
    await disposeReport(w.ctx, w.people.admin, { reportId: id }, w.units.A.code); // due Mon 16 Mar
    const runs = await runSlots(w, deadlineSweep, SWEEPS, wib('2026-03-16', 17), wib('2026-03-26', 7));
    expect(nudgeDays(runs, w.chats.A, '2000002')).toEqual(['2026-03-17', '2026-03-25']);
    // Parked since it became late: the unit's digest carries it.
    const row = await w.ctx.db.reportReminder.findUniqueOrThrow({ where: { reportId: id } });
    expect(row.nextReminderAt).toBeNull();
    const unit = await w.ctx.db.unitReminder.findUniqueOrThrow({ where: { unitId: w.units.A.id } });
    expect(unit.overdueNudgedOn.toISOString().slice(0, 10)).toBe('2026-03-25');
  });
});

describe('one digest per chat, one nudge per report per day', () => {
  it('batches several reports of a unit into one message naming the claimant', async () => {
    const w = await world(wib('2026-03-02', 9));
    await w.ctx.db.person.update({ where: { id: w.people.budi.personId! }, data: { telegramUsername: 'budi_pengadaan' } });
    const ids = [];
    for (const t of ['2100001', '2100002', '2100003']) {
      const id = await w.newReport(t);
      await disposeReport(w.ctx, w.people.admin, { reportId: id }, w.units.A.code);
      ids.push(id);
    }
    await claimReport(w.ctx, w.people.budi, { reportId: ids[0]! });
    const other = await w.newReport('2100004');
    await disposeReport(w.ctx, w.people.admin, { reportId: other }, w.units.B.code);

    // Wed 4 Mar 08:00: the monitoring reminder of all four (normatif, due Mon 9 Mar).
    const first = await runAt(w, deadlineSweep, wib('2026-03-04', 8));
    const toA = first.queued.filter((q) => q.target === w.chats.A);
    expect(toA).toHaveLength(1);
    expect(toA[0]!.purpose).toBe('digest');
    expect(toA[0]!.text).toContain('BKN-PENGADAAN: 3 laporan');
    for (const t of ['2100001', '2100002', '2100003']) expect(toA[0]!.text).toContain(`#${t}`);
    expect(toA[0]!.text).toContain('penanggung jawab @budi_pengadaan');
    expect(toA[0]!.text.match(/belum diambil/g)).toHaveLength(2);
    // A single report gets a single nudge with a Status button.
    const toB = first.queued.filter((q) => q.target === w.chats.B);
    expect(toB).toHaveLength(1);
    expect(toB[0]!.purpose).toBe('nudge');
    expect(toB[0]!.reportId).toBe(other);
    expect(toB[0]!.buttons.map((b) => b.label)).toEqual(['Status']);
    expect(first.queued.filter((q) => q.target === w.chats.admin)).toEqual([]);

    // Later sweeps the same day (and a resumed report) add nothing.
    expect((await runAt(w, deadlineSweep, wib('2026-03-04', 8, 15))).queued).toEqual([]);
    await w.ctx.db.reportReminder.updateMany({ where: { reportId: { in: ids } }, data: { nextReminderAt: wib('2026-03-04', 9) } });
    expect((await runAt(w, deadlineSweep, wib('2026-03-04', 9, 30))).queued).toEqual([]);
    const rows = await w.ctx.db.reportReminder.findMany({ where: { reportId: { in: ids } } });
    expect(rows).toHaveLength(ids.length);
    for (const r of rows) {
      expect(r.stage).toBe('monitoring');
      expect(r.lastNudgedOn?.toISOString().slice(0, 10)).toBe('2026-03-04');
      expect(r.nextReminderAt?.toISOString()).toBe(wib('2026-03-06', 8).toISOString()); // day before: Fri 6 Mar
    }
  });

  it('all due reports of a unit stay in one digest when the sweep works in small batches', async () => {
    const w = await world(wib('2026-03-02', 9));
    for (const [t, unit] of [['2500001', 'A'], ['2500002', 'B'], ['2500003', 'A'], ['2500004', 'A']] as const) {
      await disposeReport(w.ctx, w.people.admin, { reportId: await w.newReport(t) }, w.units[unit].code);
    }
    w.clock.set(wib('2026-03-04', 8));
    const before = await lastOutboxId(w.ctx);
    // Batches of 2 reports: A's three cannot share a batch with B's, nor be cut in two.
    expect(await sweepDeadlines(w.ctx, silentLogger(), { batch: 2 })).toEqual({ nudges: 4, messages: 2, rescheduled: 0 });
    const queued = await queuedAfter(w.ctx, before);
    const toA = queued.filter((q) => q.target === w.chats.A);
    expect(toA).toHaveLength(1);
    expect(toA[0]!.text).toContain('BKN-PENGADAAN: 3 laporan');
    expect(queued.filter((q) => q.target === w.chats.B).map((q) => q.purpose)).toEqual(['nudge']);
  });

  it.runIf(inject('pgTemplate') !== null)('an overlapping run leaves a unit whole to the run that holds it (no split digests)', async () => {
    const w = await world(wib('2026-03-02', 9));
    for (const [t, unit] of [['2600001', 'A'], ['2600002', 'A'], ['2600003', 'B']] as const) {
      await disposeReport(w.ctx, w.people.admin, { reportId: await w.newReport(t) }, w.units[unit].code);
    }
    w.clock.set(wib('2026-03-04', 8));
    // Another run is in the middle of unit A: it holds A's sweep lock in its transaction.
    const other = new pg.Client({ connectionString: dbs.at(-1)!.url });
    await other.connect();
    try {
      await other.query('BEGIN');
      await other.query('SELECT pg_advisory_xact_lock($1::int, hashtext($2))', [0x5eed, w.units.A.id]);
      const before = await lastOutboxId(w.ctx);
      expect(await sweepDeadlines(w.ctx, silentLogger())).toMatchObject({ nudges: 1, messages: 1 });
      expect((await queuedAfter(w.ctx, before)).map((q) => q.target)).toEqual([w.chats.B]);
      await other.query('ROLLBACK');
      // Once free (here: the other run gave up), A's two reports come in one digest.
      const next = await lastOutboxId(w.ctx);
      expect(await sweepDeadlines(w.ctx, silentLogger())).toMatchObject({ nudges: 2, messages: 1 });
      expect((await queuedAfter(w.ctx, next)).map((q) => q.target)).toEqual([w.chats.A]);
    } finally {
      await other.end();
    }
  });

  it('a unit\'s WhatsApp group gets the same digest, mentioning the claimants by number', async () => {
    const w = await world(wib('2026-03-02', 9));
    await w.ctx.db.person.update({ where: { id: w.people.budi.personId! }, data: { whatsapp: '+6281234567890' } });
    await bindChat(w.ctx, systemActor('cli'), { platform: 'whatsapp', externalId: '120363025246125486@g.us', agencyId: w.agencyId, unitId: w.units.A.id });
    const ids = [];
    for (const t of ['3100001', '3100002']) {
      const id = await w.newReport(t);
      await disposeReport(w.ctx, w.people.admin, { reportId: id }, w.units.A.code);
      ids.push(id);
    }
    await claimReport(w.ctx, w.people.budi, { reportId: ids[0]! });
    w.clock.set(wib('2026-03-04', 8));
    const before = await lastOutboxId(w.ctx);
    await sweepDeadlines(w.ctx, silentLogger());
    const rows = await w.ctx.db.outbox.findMany({ where: { id: { gt: before } }, orderBy: { id: 'asc' } });
    const byPlatform = new Map(rows.map((r) => [r.platform, r.payload as { text: string; mentions?: string[] }]));
    expect([...byPlatform.keys()].sort()).toEqual(['telegram', 'whatsapp']);
    expect(byPlatform.get('whatsapp')!.text).toBe(byPlatform.get('telegram')!.text);
    expect(byPlatform.get('whatsapp')!.mentions).toEqual(['+6281234567890']);
    expect(byPlatform.get('telegram')!.mentions).toBeUndefined();
  });

  it('a unit without a healthy chat is not skipped silently: the admin chat gets its nudges', async () => {
    const w = await world(wib('2026-03-02', 9));
    const id = await w.newReport('2200001');
    await disposeReport(w.ctx, w.people.admin, { reportId: id }, w.units.B.code);
    await w.ctx.db.chat.updateMany({ where: { unitId: w.units.B.id }, data: { healthy: false } });
    const run = await runAt(w, deadlineSweep, wib('2026-03-04', 8));
    expect(run.queued.map((q) => q.target)).toEqual([w.chats.admin]);
    expect(run.queued[0]!.text).toContain('BKN-PENSIUN (unit belum punya grup aktif)');
  });
});

describe('the unit\'s daily overdue digest', () => {
  it('lists the longest-late reports, counts the rest, shares the message with staged nudges, and writes nothing per late report', LONG, async () => {
    const w = await world(wib('2026-03-02', 9));
    // Disposed Mon 2 Mar (normatif, due Mon 9 Mar): late from Tue 10 Mar.
    const late: string[] = [];
    for (let i = 0; i < OVERDUE_LISTED + 3; i++) {
      const id = await w.newReport(String(2700001 + i));
      await disposeReport(w.ctx, w.people.admin, { reportId: id }, w.units.A.code);
      late.push(id);
    }
    // Disposed Wed 4 Mar: due Wed 11 Mar, so Tue 10 Mar is its day before.
    w.clock.set(wib('2026-03-04', 9));
    const soon = await w.newReport('2700100');
    await disposeReport(w.ctx, w.people.admin, { reportId: soon }, w.units.A.code);
    await claimReport(w.ctx, w.people.budi, { reportId: late[0]! });

    const tue = await runAt(w, deadlineSweep, wib('2026-03-10', 8));
    const toA = tue.queued.filter((q) => q.target === w.chats.A);
    expect(toA).toHaveLength(1);
    const text = toA[0]!.text;
    expect(text).toContain(`BKN-PENGADAAN: ${OVERDUE_LISTED + 4} laporan`);
    expect(text).toContain(`Terlambat — segera tindak lanjuti (${OVERDUE_LISTED + 3})`);
    expect(text).toContain('… dan 3 laporan terlambat lainnya (/terlambat)');
    expect(text).toContain('(H-1) (1)');
    expect(text).toContain('#2700100');
    // The longest late first; equal deadlines by tracking id, so the last three are counted only.
    expect(text).toContain(`#${2700001 + OVERDUE_LISTED - 1}`);
    for (let i = OVERDUE_LISTED; i < OVERDUE_LISTED + 3; i++) expect(text).not.toContain(`#${2700001 + i}`);
    expect(text.indexOf('Terlambat')).toBeLessThan(text.indexOf('H-1'));
    expect(text).toContain('terlambat 1 hari kerja');
    expect(text).toContain('penanggung jawab Budi');

    // The late reports' own reminders are parked; the next day's digest writes only the unit's row.
    const parked = await w.ctx.db.reportReminder.findMany({ where: { reportId: { in: late } } });
    expect(parked.every((r) => r.nextReminderAt === null)).toBe(true);
    const wed = await runSlots(w, deadlineSweep, SWEEPS, wib('2026-03-11', 7), wib('2026-03-11', 17));
    const wedTexts = wed.flatMap((r) => r.queued.filter((q) => q.target === w.chats.A).map((q) => q.text));
    expect(wedTexts).toHaveLength(1);
    expect(wedTexts[0]).toContain('terlambat 2 hari kerja');
    expect(wedTexts[0]).toContain('Jatuh tempo hari ini (1)');
    expect(await w.ctx.db.reportReminder.findMany({ where: { reportId: { in: late } } })).toEqual(parked);
    expect((await w.ctx.db.unitReminder.findUniqueOrThrow({ where: { unitId: w.units.A.id } })).overdueNudgedOn.toISOString().slice(0, 10)).toBe('2026-03-11');
  });

  it('before the nudge hour nothing goes out; a late report resumed after the digest is nudged alone, once', LONG, async () => {
    const w = await world(wib('2026-03-02', 9));
    const a = await w.newReport('2800001');
    const b = await w.newReport('2800002');
    for (const id of [a, b]) await disposeReport(w.ctx, w.people.admin, { reportId: id }, w.units.A.code);
    w.clock.set(wib('2026-03-06', 9));
    await holdReport(w.ctx, w.people.admin, { reportId: b }, 'Menunggu dokumen pelapor.');

    expect((await runAt(w, deadlineSweep, wib('2026-03-10', 7, 45))).queued).toEqual([]);
    const digest = await runAt(w, deadlineSweep, wib('2026-03-10', 8));
    expect(digest.queued).toHaveLength(1);
    expect(digest.queued[0]!.text).toContain('#2800001');
    expect(digest.queued[0]!.text).not.toContain('#2800002');

    w.clock.set(wib('2026-03-10', 10));
    await resumeReport(w.ctx, w.people.admin, { reportId: b });
    const after = await runSlots(w, deadlineSweep, '*/15 7-16 * * 1-5', wib('2026-03-10', 10), wib('2026-03-10', 17));
    const texts = after.flatMap((r) => r.queued.map((q) => q.text));
    expect(texts).toHaveLength(1);
    expect(texts[0]).toContain('Terlambat');
    expect(texts[0]).toContain('#2800002');
    expect(texts[0]).not.toContain('#2800001');
    // The next working day both are in the one digest again.
    const next = await runAt(w, deadlineSweep, wib('2026-03-11', 8));
    expect(next.queued).toHaveLength(1);
    for (const t of ['2800001', '2800002']) expect(next.queued[0]!.text).toContain(`#${t}`);
  });

  it.runIf(inject('pgTemplate') !== null)('two replicas sweeping at once send each unit\'s digest once', async () => {
    const w = await world(wib('2026-03-02', 9));
    for (const [t, unit] of [['2900001', 'A'], ['2900002', 'A'], ['2900003', 'B']] as const) {
      await disposeReport(w.ctx, w.people.admin, { reportId: await w.newReport(t) }, w.units[unit].code);
    }
    // Parked by a first late sweep, then the next working morning, from two replicas at once.
    await runAt(w, deadlineSweep, wib('2026-03-10', 8));
    w.clock.set(wib('2026-03-11', 8));
    const before = await lastOutboxId(w.ctx);
    const results = await Promise.all([sweepDeadlines(w.ctx, silentLogger()), sweepDeadlines(w.ctx, silentLogger())]);
    expect(results.reduce((n, r) => n + r.nudges, 0)).toBe(3);
    const queued = await queuedAfter(w.ctx, before);
    expect(queued.map((q) => q.target).sort()).toEqual([w.chats.A, w.chats.B].sort());
  });
});

describe('what stops and pauses the reminders', () => {
  it('TUNDA pauses, resuming picks up at once; archive and bounce stop', LONG, async () => {
    const w = await world(wib('2026-03-02', 9));
    const held = await w.newReport('2300001');
    const archived = await w.newReport('2300002');
    const bounced = await w.newReport('2300003');
    for (const id of [held, archived, bounced]) await disposeReport(w.ctx, w.people.admin, { reportId: id }, w.units.A.code);
    // Due Mon 9 Mar; on Tue 10 Mar all three are overdue.
    const tue = await runAt(w, deadlineSweep, wib('2026-03-10', 8));
    expect(tue.queued).toHaveLength(1);
    for (const t of ['2300001', '2300002', '2300003']) expect(tue.queued[0]!.text).toContain(`#${t}`);

    w.clock.set(wib('2026-03-10', 10));
    await holdReport(w.ctx, w.people.admin, { reportId: held }, 'Menunggu dokumen pelapor.');
    await archiveReport(w.ctx, w.people.admin, { reportId: archived }, 'Laporan berulang.');
    await bounceReport(w.ctx, w.people.budi, { reportId: bounced }, 'Kewenangan pemerintah daerah.');
    const paused = await runSlots(w, deadlineSweep, SWEEPS, wib('2026-03-10', 10), wib('2026-03-13', 17));
    expect(paused.flatMap((r) => r.queued)).toEqual([]);

    // Resumed on Monday: reminded on the next sweep, once.
    w.clock.set(wib('2026-03-16', 9));
    await resumeReport(w.ctx, w.people.admin, { reportId: held });
    const resumed = await runSlots(w, deadlineSweep, SWEEPS, wib('2026-03-16', 9), wib('2026-03-16', 17));
    const texts = resumed.flatMap((r) => r.queued.map((q) => q.text));
    expect(texts).toHaveLength(1);
    expect(texts[0]).toContain('#2300001');
    expect(texts[0]).not.toContain('#2300002');
    expect(texts[0]).not.toContain('#2300003');
  });
});

describe('reminders left on reports that are no longer open', () => {
  it('are cleared without a nudge, while an open report of the same morning is nudged', async () => {
    const w = await world(wib('2026-03-02', 9));
    const closed = await w.newReport('3000001');
    const open = await w.newReport('3000002');
    for (const id of [closed, open]) await disposeReport(w.ctx, w.people.admin, { reportId: id }, w.units.A.code);
    // Closed behind the bot's back (an import, a hand edit): its reminder time is left behind.
    await w.ctx.db.report.update({ where: { id: closed }, data: { status: 'SELESAI' } });
    const run = await runAt(w, deadlineSweep, wib('2026-03-04', 8));
    expect(run.queued).toHaveLength(1);
    expect(run.queued[0]!.text).toContain('#3000002');
    expect(run.queued[0]!.text).not.toContain('#3000001');
    const rows = await w.ctx.db.reportReminder.findMany({ where: { reportId: { in: [closed, open] } } });
    const byId = new Map(rows.map((r) => [r.reportId, r]));
    expect(byId.get(closed)!.nextReminderAt).toBeNull();
    expect(byId.get(closed)!.stage).toBeNull();
    expect(byId.get(open)!.nextReminderAt).not.toBeNull();
  });
});

describe('masked titles stored on the report', () => {
  it('are written on intake, and a missing or stale one is masked afresh, shown and saved back', async () => {
    const w = await world(wib('2026-03-02', 9));
    const stored = await w.newReport('2400001', { title: 'Sanggah hasil seleksi Rina Kartika' });
    const edited = await w.newReport('2400002');
    const imported = await w.newReport('2400003', { title: 'Pengaduan Budi Santoso, HP 0812-1111-2222', reporter: { name: 'Budi Santoso' } });
    for (const id of [stored, edited, imported]) await disposeReport(w.ctx, w.people.admin, { reportId: id }, w.units.A.code);
    const first = await w.ctx.db.report.findUniqueOrThrow({ where: { id: stored } });
    expect(first.titleMasked).toBe(groupTitle({ title: 'Sanggah hasil seleksi Rina Kartika', reporterName: 'Rina Kartika' }));
    expect(first.titleMasked).not.toContain('Rina');
    expect(first.titleMaskedFrom).toBe(titleMaskFingerprint('Sanggah hasil seleksi Rina Kartika', 'Rina Kartika'));

    // Written behind the mask's back: a new title naming the reporter, and a row without a mask at all.
    await w.ctx.db.report.update({ where: { id: edited }, data: { title: 'Kartika Rina belum dapat jawaban' } });
    await w.ctx.db.report.update({ where: { id: imported }, data: { titleMasked: null, titleMaskedFrom: null } });

    const run = await runAt(w, deadlineSweep, wib('2026-03-04', 8)); // monitoring, normatif due Mon 9 Mar
    expect(run.queued).toHaveLength(1);
    const text = run.queued[0]!.text;
    expect(text).toContain(first.titleMasked!);
    expect(text).toContain(groupTitle({ title: 'Kartika Rina belum dapat jawaban', reporterName: 'Rina Kartika' }));
    expect(text).not.toContain('Pengumuman seleksi PPPK'); // the stale mask is not used
    expect(text).toContain('[TELEPON]');
    expect(containsPii(text, { knownNames: ['Rina Kartika', 'Budi Santoso'] })).toBe(false);
    const after = await w.ctx.db.report.findMany({ where: { id: { in: [edited, imported] } }, include: { reporter: true } });
    for (const r of after) {
      expect(r.titleMasked).toBe(groupTitle({ title: r.title, reporterName: r.reporter?.name ?? null }));
      expect(r.titleMaskedFrom).toBe(titleMaskFingerprint(r.title, r.reporter?.name ?? null));
    }
  });
});
