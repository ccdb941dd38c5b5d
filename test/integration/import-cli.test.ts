import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliHarness, type CliHarness } from '../helpers/cli-env.js';
import { generateExport, toCsv } from '../fixtures/lapor-export.js';

let cli: CliHarness;
let dir: string;
beforeAll(async () => {
  cli = await cliHarness();
  dir = mkdtempSync(join(tmpdir(), 'penghubung-import-cli-'));
  expect((await cli.run('agency', 'add', '--code', 'BKN', '--name', 'Badan Kepegawaian Negara')).code).toBe(0);
  expect((await cli.run('unit', 'add', '--code', 'BKN-PENGADAAN', '--name', 'Direktorat Pengadaan')).code).toBe(0);
  expect((await cli.run('unit', 'add', '--code', 'BKN-PENSIUN', '--name', 'Direktorat Pensiun')).code).toBe(0);
});
afterAll(async () => {
  await cli.close();
  rmSync(dir, { recursive: true, force: true });
});

const json = (out: string): Record<string, unknown> => JSON.parse(out.split('\n').at(-1)!) as Record<string, unknown>;

describe('penghubung import', () => {
  const gen = generateExport({ rows: 120, badEvery: 40, units: ['BKN-PENGADAAN', 'BKN-PENSIUN'] });
  const good = generateExport({ rows: 30, units: ['BKN-PENGADAAN'], trackingBase: 7_000_000 });
  let withBad: string;
  let allGood: string;
  beforeAll(() => {
    withBad = join(dir, 'with-bad.csv');
    allGood = join(dir, 'good.csv');
    writeFileSync(withBad, toCsv(gen.header, gen.rows));
    writeFileSync(allGood, toCsv(good.header, good.rows));
  });

  it('--dry-run prints the counts and writes nothing', async () => {
    const dry = await cli.run('import', allGood, '--dry-run', '--json');
    expect(dry.code).toBe(0);
    expect(json(dry.out)).toMatchObject({ created: 30, updated: 0, unchanged: 0, rejected: 0, dryRun: true });
    const real = await cli.run('import', allGood, '--json');
    expect(json(real.out)).toMatchObject({ created: 30, dryRun: false });
  });

  it('exits 0 when every row is imported and prints a summary', async () => {
    const r = await cli.run('import', allGood);
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out).toContain('import of');
    expect(r.out).toContain('created 0 · updated 0 · unchanged 30 · rejected 0');
  });

  it('exits 3 when rows were rejected, naming each by line on stderr, after importing the rest', async () => {
    const r = await cli.run('import', withBad, '--agency', 'bkn');
    expect(r.code).toBe(3);
    expect(r.out).toContain('created 117 · updated 0 · unchanged 0 · rejected 3');
    expect(r.err.split('\n')).toEqual([
      `line ${gen.lines[39]} (#2600039): received_at "31/02/2026 10:00" is not a date (use YYYY-MM-DD, DD/MM/YYYY HH:mm or ISO 8601)`,
      `line ${gen.lines[79]} (#2600079): unit "BKN-TIDAK-ADA" is not a unit of BKN (add it with: penghubung unit add)`,
      `line ${gen.lines[119]} (#2600119): status "Menunggu Kabar" is not a LAPOR! status (Belum Terverifikasi, Belum Ditindaklanjuti, Proses, Selesai, Tunda, Arsip)`,
    ]);
  });

  it('exits 2 on bad arguments or a file it cannot import, writing nothing', async () => {
    expect((await cli.run('import')).code).toBe(2);
    expect((await cli.run('import', 'a.csv', 'b.csv')).code).toBe(2);
    const missing = await cli.run('import', join(dir, 'nope.csv'));
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/no such file/);
    const noHeader = join(dir, 'no-header.csv');
    writeFileSync(noHeader, 'Judul,Isi\nA,B\n');
    const bad = await cli.run('import', noHeader, '--json');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/^error: line 1: missing column\(s\): tracking_id/);
    const pdf = await cli.run('import', join(dir, 'x.pdf'));
    expect(pdf.code).toBe(2);
    expect((await cli.run('import', allGood, '--agency', 'NOPE')).code).toBe(2);
    expect((await cli.run('import', allGood, '--batch-size', '0')).code).toBe(2);
    // Nothing was written by any of them: the good file is still all unchanged.
    expect(json((await cli.run('import', allGood, '--json')).out)).toMatchObject({ created: 0, unchanged: 30 });
  });
});
