/**
 * The recap engine on reports driven through the real services (test/helpers/recap-world.ts):
 * period, agency, unit and group filters, RTL across a "bukan wewenang", RV and the verification
 * pace per admin, overdue snapshot, top topics and the previous period. Expected values are worked
 * out by hand from the scenario.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeRecap } from '../../src/recap/compute-recap.js';
import { renderRecapText } from '../../src/recap/render-text.js';
import type { RecapFigures } from '../../src/recap/types.js';
import { scopeView } from '../../src/recap/recap-messages.js';
import { createTestDb, type TestDb } from '../helpers/test-db.js';
import { buildWorld, type World } from '../helpers/world.js';
import { buildRecapScenario, wib, type RecapWorld } from '../helpers/recap-world.js';
import { disposeReport } from '../../src/services/reports/admin-actions.js';
import { followUpReport, respondReport } from '../../src/services/reports/unit-actions.js';

let db: TestDb;
let w: World;
let s: RecapWorld;
const WEEK = { from: '2026-03-09', to: '2026-03-15' };

beforeAll(async () => {
  db = await createTestDb();
  w = await buildWorld(db);
  s = await buildRecapScenario(w);
});

afterAll(async () => {
  await db?.close();
});

const figures = (r: RecapFigures) => ({
  belumTerverifikasi: r.belumTerverifikasi, belumDitindaklanjuti: r.belumDitindaklanjuti, proses: r.proses, selesai: r.selesai,
  tunda: r.tunda, arsip: r.arsip, total: r.total, persenTL: r.persenTL, rtl: r.rtl, rhp: r.rhp, rv: r.rv,
});

describe('agency recap of the week 9–15 Mar 2026', () => {
  it('counts the reports received in the week by their status now, with LAPOR! means', async () => {
    const r = await computeRecap(w.ctx.db, { ...WEEK, agencyId: w.agencyId, asOf: wib('03-31', '12:00'), previous: 'week' });
    // BT: R4, R7 (Sun 23:30 WIB); BD: R3; P: R2; S: R1; Tunda: R6; Arsip: R5. R8 (Mon 00:10) is next week.
    // RTL: R1 9→11 Mar = 2, R2 9→10 Mar = 1 (its first response was at unit B, before the bounce) → 1.5.
    // RV: R1 0, R2 1, R3 6, R6 0 → 7/4 = 1.75 → 1.8 (half up). RHP: (4 + 3.5)/2.
    expect(figures(r)).toEqual({
      belumTerverifikasi: 2, belumDitindaklanjuti: 1, proses: 1, selesai: 1, tunda: 1, arsip: 1,
      total: 5, persenTL: 40, rtl: 1.5, rhp: 3.75, rv: 1.8,
    });
    expect(r.received).toBe(7);
  });

  it('lists every unit with its own figures, overdue count and topics', async () => {
    const r = await computeRecap(w.ctx.db, { ...WEEK, agencyId: w.agencyId, asOf: wib('03-31', '12:00'), previous: false });
    const [a, b] = r.units;
    expect([a?.code, b?.code]).toEqual(['BKN-PENGADAAN', 'BKN-PENSIUN']);
    // A: R1 Selesai, R2 Proses (re-routed from B), R6 Tunda; RV 0, 1, 0 → 0.3.
    expect(figures(a!)).toEqual({ belumTerverifikasi: 0, belumDitindaklanjuti: 0, proses: 1, selesai: 1, tunda: 1, arsip: 0, total: 2, persenTL: 100, rtl: 1.5, rhp: 3.75, rv: 0.3 });
    expect(figures(b!)).toEqual({ belumTerverifikasi: 0, belumDitindaklanjuti: 1, proses: 0, selesai: 0, tunda: 0, arsip: 0, total: 1, persenTL: 0, rtl: null, rhp: null, rv: 6 });
    expect(a!.topTopics).toEqual([{ topic: 'PPPK', count: 2 }, { topic: 'Mutasi', count: 1 }]);
    // Archived R5 (PPPK) is left out of the topics.
    expect(r.topTopics).toEqual([{ topic: 'PPPK', count: 3 }, { topic: 'Pensiun', count: 2 }, { topic: 'Mutasi', count: 1 }]);
  });

  it('takes overdue counts as a snapshot at asOf', async () => {
    // R2 at A is due Thu 26 Mar, R3 at B Mon 30 Mar (18–24 Mar: cuti bersama, Nyepi, Idul Fitri).
    const late = await computeRecap(w.ctx.db, { ...WEEK, agencyId: w.agencyId, asOf: wib('03-31', '12:00'), previous: false });
    expect([late.overdue, late.units.map((u) => u.overdue)]).toEqual([2, [1, 1]]);
    const earlier = await computeRecap(w.ctx.db, { ...WEEK, agencyId: w.agencyId, asOf: wib('03-27', '12:00'), previous: false });
    expect([earlier.overdue, earlier.units.map((u) => u.overdue)]).toEqual([1, [1, 0]]);
  });

  it('gives the verification pace per admin from the same reports and days as RV', async () => {
    const r = await computeRecap(w.ctx.db, { ...WEEK, agencyId: w.agencyId, previous: false });
    expect(r.verification).toEqual({
      count: 4, withinThreeDays: 3, afterThreeDays: 1, meanDays: 1.8,
      byVerifier: [
        { personId: w.people.admin.personId, name: 'Ani Admin', withinThreeDays: 3, afterThreeDays: 0, meanDays: 0.3 },
        { personId: s.bayu.personId, name: 'Bayu Admin', withinThreeDays: 0, afterThreeDays: 1, meanDays: 6 },
      ],
    });
  });

  it('compares with the week before', async () => {
    const r = await computeRecap(w.ctx.db, { ...WEEK, agencyId: w.agencyId, previous: 'week' });
    expect(r.previous?.period).toEqual({ from: '2026-03-02', to: '2026-03-08' });
    expect(figures(r.previous!)).toMatchObject({ belumTerverifikasi: 1, selesai: 1, total: 2, persenTL: 50 });
    expect(r.previous!.units[w.units.A.id]).toMatchObject({ selesai: 1, total: 1 });
    const text = renderRecapText(scopeView(r, { code: 'BKN', name: 'Badan Kepegawaian Negara', period: { ...WEEK, kind: 'week' }, previousPeriod: { from: '2026-03-02', to: '2026-03-08', kind: 'week' } }));
    expect(text).toContain('Total (tanpa Arsip & Tunda): 5 (▲3)');
    expect(text).toContain('Selesai: 1 (=)');
    expect(text).toContain('%TL: 40,0% (▼10,0)');
    expect(text).toContain('RTL: 1,5 hari · RHP: 3,75 · RV: 1,8 hari');
    expect(text).toContain('Periode: Minggu 9–15 Mar 2026 · dibanding 2–8 Mar 2026');
    expect(text).toContain('• Bayu Admin: ≤3 hari 0 · >3 hari 1 · 6,0 hari');
    expect(text).not.toMatch(/Rina|0812/);
  });
});

describe('filters', () => {
  it('a unit recap counts only the reports now at that unit', async () => {
    const r = await computeRecap(w.ctx.db, { ...WEEK, unitId: w.units.A.id, previous: false });
    expect(figures(r)).toEqual({ belumTerverifikasi: 0, belumDitindaklanjuti: 0, proses: 1, selesai: 1, tunda: 1, arsip: 0, total: 2, persenTL: 100, rtl: 1.5, rhp: 3.75, rv: 0.3 });
    expect(r.units.map((u) => u.code)).toEqual(['BKN-PENGADAAN']);
  });

  it('a period is office-local days: Sunday 23:30 WIB is in, Monday 00:10 WIB is out', async () => {
    const sunday = await computeRecap(w.ctx.db, { from: '2026-03-15', to: '2026-03-15', agencyId: w.agencyId, previous: false });
    const monday = await computeRecap(w.ctx.db, { from: '2026-03-16', to: '2026-03-16', agencyId: w.agencyId, previous: false });
    expect([sunday.belumTerverifikasi, monday.belumTerverifikasi]).toEqual([1, 1]);
    const empty = await computeRecap(w.ctx.db, { from: '2026-02-01', to: '2026-02-28', agencyId: w.agencyId, previous: false });
    expect(figures(empty)).toEqual({ belumTerverifikasi: 0, belumDitindaklanjuti: 0, proses: 0, selesai: 0, tunda: 0, arsip: 0, total: 0, persenTL: null, rtl: null, rhp: null, rv: null });
    expect(empty.units).toHaveLength(2); // an agency's units are listed even when quiet
  });

  it('another agency never counts, but a group of agencies adds them up', async () => {
    const other = await computeRecap(w.ctx.db, { ...WEEK, agencyId: s.otherAgencyId, previous: false });
    expect([other.belumTerverifikasi, other.received, other.units]).toEqual([1, 1, []]);
    const group = await w.ctx.db.agencyGroup.create({ data: { code: 'NASIONAL', name: 'Nasional', kind: 'nasional', members: { create: [{ agencyId: w.agencyId }, { agencyId: s.otherAgencyId }] } } });
    const all = await computeRecap(w.ctx.db, { ...WEEK, groupId: group.id, previous: false });
    expect([all.received, all.belumTerverifikasi, all.total]).toEqual([8, 3, 6]);
    expect(all.units.map((u) => u.code)).toEqual(['BKN-PENGADAAN', 'BKN-PENSIUN']);
  });

  it('a custom period is compared with as many days right before it', async () => {
    const r = await computeRecap(w.ctx.db, { from: '2026-03-09', to: '2026-03-10', agencyId: w.agencyId });
    expect(r.previous?.period).toEqual({ from: '2026-03-07', to: '2026-03-08' });
  });
});

describe('RTL across a re-route', () => {
  it('counts the first response made at the unit the report was re-routed away from', async () => {
    const { admin, budi, dedi } = w.people;
    const key = { agencyId: w.agencyId, trackingId: 'RRT1' };
    const at = async (day: string, time: string, fn: () => Promise<unknown>): Promise<void> => {
      w.clock.set(wib(day, time));
      await fn();
    };
    // Week of 6–12 Apr 2026, nothing else received in it. Responded at B after 1 day, then moved
    // to A by the admin (a re-route, not a "bukan wewenang"), answered and closed there after 4.
    await at('04-06', '08:00', () => w.newReport('RRT1', { receivedAt: wib('04-06', '08:00'), topic: 'PPPK' }));
    await at('04-06', '09:00', () => disposeReport(w.ctx, admin, key, w.units.B.code));
    await at('04-07', '10:00', () => respondReport(w.ctx, dedi, key, 'Sedang kami periksa.'));
    await at('04-08', '09:00', () => disposeReport(w.ctx, admin, key, w.units.A.code));
    await at('04-10', '10:00', () => followUpReport(w.ctx, budi, key, 'Jawaban lengkap.', true));
    const row = await w.ctx.db.report.findUniqueOrThrow({ where: { agencyId_trackingId: key } });
    expect([row.bounceCount, row.firstResponseAt, row.firstRespondedAt]).toEqual([0, wib('04-10', '10:00'), wib('04-07', '10:00')]);

    const r = await computeRecap(w.ctx.db, { from: '2026-04-06', to: '2026-04-12', agencyId: w.agencyId, asOf: wib('04-13', '12:00'), previous: false });
    expect(figures(r)).toMatchObject({ selesai: 1, total: 1, rtl: 1 });
    expect(r.units.find((u) => u.code === w.units.A.code)).toMatchObject({ selesai: 1, rtl: 1 });
  });
});
