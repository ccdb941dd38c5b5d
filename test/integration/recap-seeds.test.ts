/**
 * The recap reproduces the five published LAPOR! tables exactly (seeds/000 and seeds/001): each
 * table becomes one agency's reports (test/fixtures/recap-seeds.ts), with two reports just
 * outside the period that must not count.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkingCalendar } from '../../src/domain/calendar.js';
import { computeRecap } from '../../src/recap/compute-recap.js';
import { FIGURE_KEYS } from '../../src/recap/types.js';
import { generateSeedReports, SEED_TABLES } from '../fixtures/recap-seeds.js';
import { createTestDb, type TestDb } from '../helpers/test-db.js';

let db: TestDb;
const agencies = new Map<string, { id: string; unitIds: string[] }>();
const wib = new WorkingCalendar({ holidays: [], timeZone: 'Asia/Jakarta', officialYears: [] });

beforeAll(async () => {
  db = await createTestDb();
  for (const [i, t] of SEED_TABLES.entries()) {
    const agency = await db.prisma.agency.create({ data: { code: `PANRB-${t.id}`, name: `Kementerian PANRB (${t.id})` } });
    const unitIds: string[] = [];
    for (const u of ['DAKIP', 'SDMA', 'RB', 'PP']) {
      unitIds.push((await db.prisma.unit.create({ data: { agencyId: agency.id, code: `T${i}-${u}`, name: `Unit ${u}` } })).id);
    }
    agencies.set(t.id, { id: agency.id, unitIds });
    const rows = generateSeedReports(t, { agencyId: agency.id, unitIds, startOfDay: (d) => wib.startOfDay(d), trackingPrefix: `S${i}-` });
    await db.prisma.report.createMany({ data: rows });
  }
});

afterAll(async () => {
  await db?.close();
});

describe.each(SEED_TABLES)('published recap $id', (t) => {
  it(`reproduces every status count, Total and %TL of ${t.source}`, async () => {
    const a = agencies.get(t.id)!;
    const r = await computeRecap(db.prisma, { ...t.period, agencyId: a.id, previous: false });
    expect({
      belumTerverifikasi: r.belumTerverifikasi, belumDitindaklanjuti: r.belumDitindaklanjuti, proses: r.proses,
      selesai: r.selesai, tunda: r.tunda, arsip: r.arsip, total: r.total, persenTL: r.persenTL,
    }).toEqual({ ...t.counts, total: t.total, persenTL: t.persenTL });
    // The means as read from the table (the fixture builds reports with them; this checks the rounding).
    expect({ rtl: r.rtl, rhp: r.rhp, rv: r.rv }).toEqual({ rtl: t.rtl, rhp: t.rhp, rv: t.rv });
    expect(r.received).toBe(t.total + t.counts.tunda + t.counts.arsip);
    expect(r.topTopics.map((x) => x.topic)).toEqual(t.topics);
  });

  it('splits the table over the units so that the units add up to it', async () => {
    const a = agencies.get(t.id)!;
    const r = await computeRecap(db.prisma, { ...t.period, agencyId: a.id, previous: false });
    expect(r.units.map((u) => u.code)).toHaveLength(4);
    for (const key of ['belumDitindaklanjuti', 'proses', 'selesai', 'tunda'] as const) {
      expect(r.units.reduce((n, u) => n + u[key], 0), key).toBe(r[key]);
    }
    for (const u of r.units) expect(Object.keys(u)).toEqual(expect.arrayContaining([...FIGURE_KEYS, 'code', 'name']));
  });
});

it('counts the reports just outside a period in the neighbouring one, by office-local date', async () => {
  const t = SEED_TABLES[0]!;
  const a = agencies.get(t.id)!;
  const dayBefore = await computeRecap(db.prisma, { from: '2022-12-31', to: '2022-12-31', agencyId: a.id, previous: false });
  const dayAfter = await computeRecap(db.prisma, { from: '2024-01-01', to: '2024-01-01', agencyId: a.id, previous: false });
  expect([dayBefore.selesai, dayAfter.selesai]).toEqual([1, 1]);
  // In UTC both would fall on the other side: 23:59 WIB is 16:59 UTC, 00:00:30 WIB is 17:00:30 UTC the day before.
  const utc = await computeRecap(db.prisma, { from: '2024-01-01', to: '2024-01-01', agencyId: a.id, previous: false, timeZone: 'UTC' });
  expect(utc.selesai).toBe(0);
});
