/**
 * `penghubung report monthly` end to end: the CLI in-process against its own database, seeded with
 * the fixture month of test/helpers/monthly-world.ts (expected figures: monthly-report.test.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.js';
import { cliHarness, type CliHarness } from '../helpers/cli-env.js';
import { buildWorld } from '../helpers/world.js';
import { buildMonthlyScenario } from '../helpers/monthly-world.js';

let cli: CliHarness;
let dir: string;

beforeAll(async () => {
  cli = await cliHarness();
  expect((await cli.run('holidays', 'list', '--json')).code).toBe(0); // creates and migrates the database
  const db = await openDatabase(cli.env.DATABASE_URL ? { kind: 'postgres', url: cli.env.DATABASE_URL } : { kind: 'pglite', dir: cli.env.PGLITE_DIR! });
  try {
    await buildMonthlyScenario(await buildWorld(db));
  } finally {
    await db.close();
  }
  dir = mkdtempSync(join(tmpdir(), 'monthly-cli-'));
});

afterAll(async () => {
  await cli?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('penghubung report monthly', () => {
  it('--json: the 23 indicators keyed by number, means with unit and count', async () => {
    const r = await cli.run('report', 'monthly', '--year', '2026', '--month', '3', '--agency', 'bkn', '--json');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out) as { scope: string; period: unknown; indicators: { no: string; label: string; value: unknown }[]; notes: unknown };
    expect(json.scope).toBe('BKN — Badan Kepegawaian Negara');
    expect(json.period).toEqual({ from: '2026-03-01', to: '2026-03-31' });
    expect(json.indicators.map((i) => i.no)).toEqual(['1.1', '1.2', '1.3', '1.4', ...Array.from({ length: 22 }, (_, i) => String(i + 2))]);
    expect(json.indicators[4]).toEqual({ no: '2', label: 'Jumlah aduan yang diterima', value: 12 });
    const byNo = Object.fromEntries(json.indicators.map(({ no, label: _label, ...rest }) => [no, 'unit' in rest ? rest : rest.value]));
    expect(byNo).toMatchObject({
      '1.1': 5, '2': 12, '9': 6, '16': 2, '17': 4, '18': 4, '19': 2,
      '13': { value: 1.7, unit: 'hari kalender', count: 7 },
      '21': { value: 4, unit: 'nilai 1–5', count: 3 },
      '22': [{ topic: 'PPPK', count: 5 }, { topic: 'Mutasi', count: 3 }, { topic: 'Pensiun', count: 3 }, { topic: null, count: 1 }],
      '23': { topics: ['PPPK'], count: 5 },
    });
    expect(json.notes).toEqual({ channelUnknown: 1, archived: 1, reporters: 10, vulnerableReporters: 1 });
    expect('agencies' in json).toBe(false);
  });

  it('--group aggregates a simpul; with neither option, every agency', async () => {
    type Out = { scope: string; code: string; indicators: { no: string; value: unknown }[]; agencies?: Out[] };
    const value = (o: Out, no: string) => o.indicators.find((i) => i.no === no)!.value;
    const group = JSON.parse((await cli.run('report', 'monthly', '--year', '2026', '--month', '3', '--group', 'simpul', '--json')).out) as Out;
    expect([group.scope, value(group, '2'), value(group, '16')]).toEqual(['Simpul SIMPUL — Simpul Uji (2 instansi)', 13, 3]);
    // Compiled per agency too.
    expect(group.agencies!.map((a) => [a.code, value(a, '2')])).toEqual([['BKN', 12], ['KEMENPAN', 1]]);
    const all = JSON.parse((await cli.run('report', 'monthly', '--year', '2026', '--month', '3', '--json')).out) as Out;
    expect([all.scope, value(all, '2')]).toEqual(['Semua instansi (3)', 13]);
  });

  it('prints a table by default', async () => {
    const r = await cli.run('report', 'monthly', '--year', '2026', '--month', '3', '--agency', 'BKN');
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    expect(lines[0]).toBe('Laporan Bulanan SP4N-LAPOR! — BKN — Badan Kepegawaian Negara');
    const line = (no: string) => lines.find((l) => l.startsWith(`${no.padEnd(6)}`))!.replace(/\s+/g, ' ');
    expect(line('2')).toBe('2 Jumlah aduan yang diterima 12');
    expect(line('15')).toBe('15 Rata-rata penyelesaian laporan 7,8 hari kalender (dari 4 laporan)');
    expect(line('20')).toBe('20 Rata-rata nilai dari pelapor 3,63 (nilai 1–5) (dari 4 laporan)');
    expect(line('23')).toBe('23 Kategori aduan terbanyak PPPK (5)');
    expect(r.out).toMatch(/\n {8}\(tanpa topik\) +1\n/);
  });

  it('--out writes the workbook', async () => {
    const out = join(dir, 'm.xlsx');
    const r = await cli.run('report', 'monthly', '--year', '2026', '--month', '3', '--agency', 'BKN', '--out', out);
    expect([r.code, r.out]).toEqual([0, `wrote ${out}: 12 reports received in 2026-03 (BKN)`]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.getWorksheet('Indikator')!.getCell('C11').value).toBe(12); // indicator 2
  });

  it('group set / list: a simpul made on the command line is what --group aggregates', async () => {
    const set = await cli.run('group', 'set', '--code', 'nas', '--name', 'Nasional', '--kind', 'nasional', '--agencies', 'bkn, KEMENPAN,kosong');
    expect([set.code, set.out]).toEqual([0, 'group NAS (nasional): 3 agencies — BKN, KEMENPAN, KOSONG']);
    const list = JSON.parse((await cli.run('group', 'list', '--json')).out) as unknown[];
    expect(list).toEqual([
      { code: 'NAS', name: 'Nasional', kind: 'nasional', agencies: ['BKN', 'KEMENPAN', 'KOSONG'] },
      { code: 'SIMPUL', name: 'Simpul Uji', kind: 'sektor', agencies: ['BKN', 'KEMENPAN'] },
    ]);
    // Replacing the members: BKN only.
    expect((await cli.run('group', 'set', '--code', 'NAS', '--name', 'Nasional', '--kind', 'nasional', '--agencies', 'BKN')).code).toBe(0);
    const one = JSON.parse((await cli.run('report', 'monthly', '--year', '2026', '--month', '3', '--group', 'NAS', '--json')).out) as { scope: string; indicators: { no: string; value: unknown }[] };
    expect([one.scope, one.indicators.find((i) => i.no === '2')!.value]).toEqual(['Simpul NAS — Nasional (1 instansi)', 12]);
    expect((await cli.run('group', 'set', '--code', 'X', '--name', 'X', '--kind', 'kota', '--agencies', 'BKN')).code).toBe(2);
    const unknown = await cli.run('group', 'set', '--code', 'X', '--name', 'X', '--kind', 'sektor', '--agencies', 'BKN,NOPE');
    expect([unknown.code, unknown.err]).toEqual([2, expect.stringContaining('NOPE')]);
  });

  it('refuses bad input with exit code 2', async () => {
    expect((await cli.run('report', 'monthly', '--year', '2026', '--month', '13')).code).toBe(2);
    expect((await cli.run('report', 'monthly', '--year', '2026')).code).toBe(2);
    const both = await cli.run('report', 'monthly', '--year', '2026', '--month', '3', '--agency', 'BKN', '--group', 'SIMPUL');
    expect([both.code, both.err]).toEqual([2, expect.stringContaining('not both')]);
    expect((await cli.run('report', 'monthly', '--year', '2026', '--month', '3', '--group', 'NOPE')).code).toBe(2);
  });
});
