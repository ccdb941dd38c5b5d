import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importReports, type ImportOptions } from '../../src/services/intake/import-reports.js';
import { createTestDb, type TestDb } from '../helpers/test-db.js';
import { tempFiles } from '../helpers/temp-files.js';
import { buildWorld, type World } from '../helpers/world.js';
import { badKindOf, generateExport, toCsv } from '../fixtures/lapor-export.js';

const { file } = tempFiles('penghubung-import-');

async function countsOf(db: TestDb): Promise<{ reports: number; events: number; reporters: number; outbox: number }> {
  const [reports, events, reporters, outbox] = await Promise.all([
    db.prisma.report.count(),
    db.prisma.reportEvent.count(),
    db.prisma.reporter.count(),
    db.prisma.outbox.count(),
  ]);
  return { reports, events, reporters, outbox };
}

// The same behaviour from both writers: COPY on a connection of its own (PostgreSQL) and Prisma (any database).
const writers = [{ writer: 'COPY' }, { writer: 'Prisma' }] as const;

describe.each(writers)('import through $writer', ({ writer }) => {
  let db: TestDb;
  let w: World;
  beforeAll(async () => {
    db = await createTestDb();
    w = await buildWorld(db);
  });
  afterAll(async () => {
    await db.close();
  });
  const run = (path: string, extra: Partial<ImportOptions> = {}) => importReports(w.ctx, { file: path, agencyCode: 'BKN', postgresUrl: writer === 'COPY' ? db.url : undefined, ...extra });
  const counts = () => countsOf(db);

  describe('import of a generated 10,000-row export with 1% bad rows', () => {
    const units = ['BKN-PENGADAAN', 'Direktorat Pensiun'];
    const gen = generateExport({ rows: 10_000, badEvery: 100, multilineEvery: 7, units });
    let path: string;
    beforeAll(() => {
      // Excel-style: BOM, CRLF line ends, and bodies whose line breaks are CRLF too.
      path = file('lapor-10k.csv', toCsv(gen.header, gen.rows, { eol: '\r\n', bom: true }));
    });

    it('creates the 9,900 good rows and rejects the 100 bad ones with their lines and reasons', async () => {
      const rejected: { line: number; reason: string }[] = [];
      const s = await run(path, { onReject: (r) => rejected.push(r) });
      expect(s).toMatchObject({ created: 9_900, updated: 0, unchanged: 0, rejected: 100, dryRun: false });
      expect(rejected.map((r) => r.line)).toEqual(gen.bad.map((i) => gen.lines[i]));
      rejected.forEach((r, n) => expect(r.reason).toMatch(badKindOf(n).reason));
      expect(s.rejections).toEqual(rejected.map((r) => expect.objectContaining(r)));
      const c = await counts();
      expect(c.reports).toBe(9_900);
      expect(c.reporters).toBe(9_900);
      expect(c.events).toBe(9_900);
      expect(c.outbox).toBe(0); // a history import posts nothing without --notify
    }, 180_000);

    it('stores each row as given, with the deadline fields of reports open at a unit', async () => {
      // Row 8 (0-based): Terdisposisi Belum Ditindaklanjuti at BKN-PENGADAAN; received 05/01/2026 08:56 WIB, disposed an hour later.
      const r = await db.prisma.report.findFirstOrThrow({ where: { trackingId: '2600008' }, include: { reporter: true, unit: true, reminder: true } });
      expect(r).toMatchObject({ status: 'BELUM_DITINDAKLANJUTI', category: 'informasi', channel: 'website', topic: 'Kenaikan pangkat' });
      expect(r.unit?.code).toBe('BKN-PENGADAAN');
      expect(r.receivedAt.toISOString()).toBe('2026-01-05T01:56:00.000Z');
      expect(r.disposedAt?.toISOString()).toBe('2026-01-05T02:56:00.000Z');
      // 5 working days after Mon 5 Jan 2026: 6, 7, 8, 9, 12 → due Mon 12 Jan; already past at "now"
      // (2 Mar) → no reminder time of its own: its unit's daily overdue digest lists it.
      expect(r.dueDate?.toISOString().slice(0, 10)).toBe('2026-01-12');
      expect(r.reminder?.nextReminderAt ?? null).toBeNull();
      expect(r.reporter).toMatchObject({ name: 'Dewi Lestari', gender: 'P' });
      expect(r.textSignature).toMatch(/^[0-9a-f]{512}$/);
      // Multi-line bodies keep their line breaks (stored as LF whatever the file used).
      const multi = await db.prisma.report.findFirstOrThrow({ where: { trackingId: '2600006' } });
      expect(multi.body.split('\n')).toHaveLength(3);
      expect(multi.body).not.toContain('\r');
      // A unit given by its name resolves too; a finished report keeps its due date but is not reminded.
      const done = await db.prisma.report.findFirstOrThrow({ where: { trackingId: '2600017' }, include: { unit: true, reminder: true } });
      // Finished reports can never be the original of a new duplicate: no signature is computed.
      expect(done).toMatchObject({ status: 'SELESAI', textSignature: null });
      expect(done.reminder?.nextReminderAt ?? null).toBeNull();
      expect(done.unit?.code).toBe('BKN-PENSIUN');
      expect(done.dueDate).not.toBeNull();
      expect(Number(done.rating)).toBe(3);
    });

    it('changes nothing when the same file is imported again', async () => {
      const before = await counts();
      const s = await run(path);
      expect(s).toMatchObject({ created: 0, updated: 0, unchanged: 9_900, rejected: 100 });
      expect(await counts()).toEqual(before);
    }, 180_000);

    it('updates changed rows with one imported event each, recording only what changed', async () => {
      const changed = gen.rows.map((r) => [...r]);
      const col = (name: string): number => gen.header.indexOf(name);
      changed[8]![col('status')] = 'Proses';
      changed[8]![col('first_response_at')] = '2026-01-06T03:00:00Z';
      changed[9]![col('title')] = 'Judul diperbaiki';
      changed[10]![col('unit')] = 'BKN-PENSIUN';
      const before = await counts();
      const s = await run(file('lapor-10k-changed.csv', toCsv(gen.header, changed)));
      expect(s).toMatchObject({ created: 0, updated: 3, unchanged: 9_897, rejected: 100 });
      const after = await counts();
      expect(after.events - before.events).toBe(3);
      const ev = await db.prisma.reportEvent.findFirstOrThrow({ where: { action: 'imported', report: { trackingId: '2600008' } } });
      expect(ev.before).toEqual({ status: 'BELUM_DITINDAKLANJUTI', firstResponseAt: null });
      expect(ev.after).toEqual({ status: 'PROSES', firstResponseAt: '2026-01-06T03:00:00.000Z', line: gen.lines[8] });
      expect(ev).toMatchObject({ source: 'import', actorId: null });
      const moved = await db.prisma.report.findFirstOrThrow({ where: { trackingId: '2600010' }, include: { unit: true } });
      expect(moved.unit?.code).toBe('BKN-PENSIUN');
      const titled = await db.prisma.report.findFirstOrThrow({ where: { trackingId: '2600009' } });
      expect(titled.title).toBe('Judul diperbaiki');
    }, 180_000);

    it('--dry-run writes nothing and reports the counts a real run would', async () => {
      const extra = generateExport({ rows: 50, units, trackingBase: 3_700_000 });
      const rows = [...extra.rows, ...gen.rows.slice(20, 40)].map((r) => [...r]);
      rows[60]![gen.header.indexOf('title')] = 'Diubah saat uji coba';
      const before = await counts();
      const s = await run(file('dry.csv', toCsv(gen.header, rows)), { dryRun: true, batchSize: 7 });
      expect(s).toMatchObject({ created: 50, updated: 1, unchanged: 19, rejected: 0, dryRun: true });
      expect(await counts()).toEqual(before);
    });

    it('reads a tracking id given twice in one file as a later update of the same report', async () => {
      const first = gen.rows[0]!.map((c, i) => (i === 0 ? '3800001' : c));
      const second = [...first];
      second[gen.header.indexOf('title')] = 'Judul versi kedua';
      const s = await run(file('twice.csv', toCsv(gen.header, [first, second])));
      expect(s).toMatchObject({ created: 1, updated: 1, unchanged: 0 });
      const r = await db.prisma.report.findFirstOrThrow({ where: { trackingId: '3800001' } });
      expect(r.title).toBe('Judul versi kedua');
      expect(await db.prisma.reportEvent.findMany({ where: { reportId: r.id }, select: { action: true }, orderBy: { id: 'asc' } })).toEqual([{ action: 'received' }, { action: 'imported' }]);
    });
  });
});
