/**
 * Import batches, through both writers (COPY on PostgreSQL, Prisma everywhere): batch
 * boundaries, a tracking id repeated in one file, and a file mixing new, changed, unchanged and
 * bad rows — each checked row by row, event by event.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importReports, type ImportOptions } from '../../src/services/intake/import-reports.js';
import { createTestDb, type TestDb } from '../helpers/test-db.js';
import { tempFiles } from '../helpers/temp-files.js';
import { buildWorld, type World } from '../helpers/world.js';
import { generateExport, toCsv } from '../fixtures/lapor-export.js';

const { file } = tempFiles('penghubung-import-batches-');

const units = ['BKN-PENGADAAN', 'BKN-PENSIUN'];

describe.each([{ writer: 'COPY' }, { writer: 'Prisma' }] as const)('import batches through $writer', ({ writer }) => {
  let db: TestDb;
  let w: World;
  beforeAll(async () => {
    db = await createTestDb();
    w = await buildWorld(db);
  });
  afterAll(async () => {
    await db.close();
  });
  const run = (path: string, extra: Partial<ImportOptions> = {}) =>
    importReports(w.ctx, { file: path, agencyCode: 'BKN', postgresUrl: writer === 'COPY' ? db.url : undefined, ...extra });
  const report = (trackingId: string) => db.prisma.report.findFirstOrThrow({ where: { trackingId }, include: { reporter: true, unit: true, reminder: true } });
  const actions = async (trackingId: string) =>
    (await db.prisma.reportEvent.findMany({ where: { report: { trackingId } }, orderBy: { id: 'asc' }, select: { action: true, after: true } })).map((e) => [
      e.action,
      (e.after as { title?: string } | null)?.title ?? null,
    ]);

  it('reads a tracking id repeated within a batch and across batch boundaries as later updates, in file order', async () => {
    const gen = generateExport({ rows: 5, units, trackingBase: 4_100_000 });
    const title = gen.header.indexOf('title');
    const [a, b, c, d, e] = gen.rows.map((r) => [...r]) as [string[], string[], string[], string[], string[]];
    const a2 = [...a];
    a2[title] = 'A versi kedua';
    const d2 = [...d];
    d2[title] = 'D versi kedua';
    // batch size 3: [a b c] [a2 d] (d again closes the batch) [d2 e a2] — the last a2 changes nothing.
    const s = await run(file('repeat.csv', toCsv(gen.header, [a, b, c, a2, d, d2, e, a2])), { batchSize: 3 });
    expect(s).toMatchObject({ created: 5, updated: 2, unchanged: 1, rejected: 0 });
    expect((await report('4100000')).title).toBe('A versi kedua');
    expect((await report('4100003')).title).toBe('D versi kedua');
    expect(await actions('4100000')).toEqual([['received', null], ['imported', 'A versi kedua']]);
    expect(await actions('4100003')).toEqual([['received', null], ['imported', 'D versi kedua']]);
    expect(await actions('4100001')).toEqual([['received', null]]);
    expect(await db.prisma.report.count({ where: { trackingId: { startsWith: '41000' } } })).toBe(5);
  });

  it('gives the same counts with any batch size, one row per batch included', async () => {
    const gen = generateExport({ rows: 7, units, trackingBase: 4_200_000 });
    const path = file('sizes.csv', toCsv(gen.header, gen.rows));
    expect(await run(path, { batchSize: 1 })).toMatchObject({ created: 7, updated: 0, unchanged: 0 });
    for (const batchSize of [1, 2, 7, 1000]) expect(await run(path, { batchSize })).toMatchObject({ created: 0, updated: 0, unchanged: 7 });
  });

  describe('a file mixing new, changed, unchanged and bad rows', () => {
    const base = generateExport({ rows: 20, units, trackingBase: 4_500_000 });
    const col = (name: string): number => base.header.indexOf(name);
    const rows = base.rows.map((r) => [...r]);
    // Row 11 has no reporter at all (no reporter row is stored for it).
    for (const c of ['reporter_name', 'reporter_contact', 'reporter_gender']) rows[11]![col(c)] = '';

    it('imports the base file', async () => {
      expect(await run(file('base.csv', toCsv(base.header, rows)))).toMatchObject({ created: 20, rejected: 0 });
      expect((await report('4500011')).reporter).toBeNull();
    });

    it('creates, updates, leaves alone and rejects row by row, with one event per change', async () => {
      // Row 8 sits at unit BKN-PENGADAAN, Belum Ditindaklanjuti; Budi has claimed it and been nudged.
      const moved = await report('4500008');
      expect(moved).toMatchObject({ status: 'BELUM_DITINDAKLANJUTI', unit: { code: 'BKN-PENGADAAN' } });
      await db.prisma.report.update({
        where: { id: moved.id },
        data: { claimedById: w.people.budi.personId, claimedAt: w.clock.now(), reminder: { upsert: { create: { stage: 'monitoring', lastNudgedOn: new Date('2026-03-02T00:00:00Z') }, update: { stage: 'monitoring', lastNudgedOn: new Date('2026-03-02T00:00:00Z') } } } },
      });
      // A column the file does not have is never touched, even on a changed report.
      const titled = await report('4500010');
      const verifiedAt = new Date('2026-01-06T03:00:00Z');
      await db.prisma.report.update({ where: { id: titled.id }, data: { verifiedAt } });
      const eventsBefore = await db.prisma.reportEvent.count();

      const next = rows.map((r) => [...r]);
      next[8]![col('unit')] = 'BKN-PENSIUN';
      next[9]![col('reporter_name')] = 'Rina Kartika Sari';
      next[10]![col('title')] = 'Judul yang diperbaiki petugas';
      next[11]![col('reporter_name')] = 'Agus Salim';
      next[3]![col('received_at')] = '30/02/2026 09:00';
      next[5]![col('unit')] = 'BKN-TIDAK-ADA';
      const fresh = generateExport({ rows: 2, units, trackingBase: 4_600_000 }).rows;
      const all = [...next.slice(0, 6), fresh[0]!, ...next.slice(6), fresh[1]!];
      const rejected: { line: number; reason: string }[] = [];
      const s = await run(file('mixed.csv', toCsv(base.header, all)), { batchSize: 4, onReject: (r) => rejected.push(r) });

      expect(s).toMatchObject({ created: 2, updated: 4, unchanged: 14, rejected: 2 });
      expect(rejected).toEqual([
        expect.objectContaining({ line: 5, reason: expect.stringMatching(/^received_at "30\/02\/2026 09:00" is not a date/) }),
        expect.objectContaining({ line: 7, reason: expect.stringMatching(/^unit "BKN-TIDAK-ADA" is not a unit of BKN/) }),
      ]);
      expect(await db.prisma.reportEvent.count()).toBe(eventsBefore + 6);

      // Moved: the claim and the reminder stage go, the unit changes, one event names the move.
      const m = await report('4500008');
      expect(m).toMatchObject({ unit: { code: 'BKN-PENSIUN' }, claimedById: null, claimedAt: null, reminder: { stage: null, lastNudgedOn: null }, version: moved.version + 1 });
      // Already past its due date at the new unit: that unit's overdue digest lists it, so it keeps no reminder time of its own.
      expect(m.dueAt!.getTime()).toBeLessThan(w.clock.now().getTime());
      expect(m.reminder?.nextReminderAt ?? null).toBeNull();
      const ev = await db.prisma.reportEvent.findFirstOrThrow({ where: { reportId: m.id, action: 'imported' } });
      expect(ev).toMatchObject({ before: { unitId: w.units.A.id }, after: { unitId: w.units.B.id, line: 11 }, source: 'import' });

      // A reporter's name changes in the reporter table only: the event names the field, never the value.
      const r9 = await report('4500009');
      expect(r9.reporter?.name).toBe('Rina Kartika Sari');
      expect(r9.reporter?.contact).toBe(rows[9]![col('reporter_contact')]);
      const ev9 = await db.prisma.reportEvent.findFirstOrThrow({ where: { reportId: r9.id, action: 'imported' } });
      expect(ev9.before).toEqual({});
      expect(ev9.after).toEqual({ reporterFieldsChanged: 'name', line: 12 });
      expect(JSON.stringify([ev9.before, ev9.after, ev9.reason])).not.toContain('Rina');

      // A new title gets a new signature; verified_at (not in the file) stays as it was.
      const r10 = await report('4500010');
      expect(r10).toMatchObject({ title: 'Judul yang diperbaiki petugas', verifiedAt });
      expect(r10.textSignature).toMatch(/^[0-9a-f]{512}$/);
      expect(r10.textSignature).not.toBe(titled.textSignature);

      // A report without a reporter gets one.
      expect((await report('4500011')).reporter).toMatchObject({ name: 'Agus Salim', contact: null, gender: null });

      // New rows are created with their 'received' event; rejected rows leave their reports alone.
      expect(await actions('4600000')).toEqual([['received', null]]);
      expect(await actions('4600001')).toEqual([['received', null]]);
      expect(await actions('4500005')).toEqual([['received', null]]);
      expect(await actions('4500003')).toEqual([['received', null]]);

      // Importing the same file again: the good rows are all unchanged now.
      expect(await run(file('mixed.csv', toCsv(base.header, all)), { batchSize: 4 })).toMatchObject({ created: 0, updated: 0, unchanged: 20, rejected: 2 });
      expect(await db.prisma.reportEvent.count()).toBe(eventsBefore + 6);
    });
  });

  it('keeps the first response ever: set on creation, moved back by an earlier response time, never forward', async () => {
    const header = ['tracking_id', 'received_at', 'title', 'body', 'category', 'status', 'unit', 'first_response_at'];
    const row = (id: string, responded: string): string[] =>
      [id, '2026-03-02 08:00', 'Jadwal tes PPPK', 'Jadwal tes PPPK belum diumumkan.', 'Permintaan Informasi', 'Proses', 'BKN-PENGADAAN', responded];
    const first = async (id: string): Promise<[string | undefined, string | undefined]> => {
      const r = await report(id);
      return [r.firstResponseAt?.toISOString(), r.firstRespondedAt?.toISOString()];
    };
    await run(file('resp-0.csv', toCsv(header, [row('4800000', '2026-03-05 10:00'), row('4800001', '2026-03-05 10:00')])));
    expect(await first('4800000')).toEqual(['2026-03-05T03:00:00.000Z', '2026-03-05T03:00:00.000Z']);
    await run(file('resp-1.csv', toCsv(header, [row('4800000', '2026-03-03 10:00'), row('4800001', '2026-03-09 10:00')])));
    expect(await first('4800000')).toEqual(['2026-03-03T03:00:00.000Z', '2026-03-03T03:00:00.000Z']);
    expect(await first('4800001')).toEqual(['2026-03-09T03:00:00.000Z', '2026-03-05T03:00:00.000Z']);
  });

  it('takes the duplicate threshold as a parameter', async () => {
    const header = ['tracking_id', 'received_at', 'title', 'body', 'category', 'status'];
    const body =
      'Sampai hari ini jadwal tes kompetensi PPPK tenaga teknis di Kabupaten Bogor belum diumumkan di portal SSCASN padahal sudah lewat dua minggu dari jadwal semula.';
    const row = (id: string, extra: string): string[] => [id, '2026-03-02 08:00', 'Jadwal tes PPPK', `${body} ${extra}`, 'Permintaan Informasi', 'Belum Terverifikasi'];
    await run(file('dup-0.csv', toCsv(header, [row('4700000', '')])));
    await run(file('dup-1.csv', toCsv(header, [row('4700001', 'Mohon kejelasan jadwal pengumuman.')])), { notify: true, duplicateThreshold: 0.999 });
    expect((await report('4700001')).duplicateOfId).toBeNull();
    await run(file('dup-2.csv', toCsv(header, [row('4700002', 'Mohon kejelasan jadwal pengumuman.')])), { notify: true, duplicateThreshold: 0.5 });
    // Its text is that of 4700001 exactly: the most similar open report wins.
    expect((await report('4700002')).duplicateOfId).toBe((await report('4700001')).id);
  });
});
