/**
 * `penghubung recap`, `report quarterly` and `export` end to end: the CLI in-process against its
 * own database, seeded with the recap scenario between runs.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.js';
import { cliHarness, type CliHarness } from '../helpers/cli-env.js';
import { buildWorld } from '../helpers/world.js';
import { buildRecapScenario, wib } from '../helpers/recap-world.js';
import { askInfo } from '../../src/info/ask.js';
import { answerInfo } from '../../src/info/answer.js';

let cli: CliHarness;
let dir: string;
const KEYS = ['belumTerverifikasi', 'belumDitindaklanjuti', 'proses', 'selesai', 'tunda', 'arsip', 'total', 'persenTL', 'rtl', 'rhp', 'rv'];

beforeAll(async () => {
  cli = await cliHarness();
  expect((await cli.run('holidays', 'list', '--json')).code).toBe(0); // creates and migrates the database
  const db = await openDatabase(cli.env.DATABASE_URL ? { kind: 'postgres', url: cli.env.DATABASE_URL } : { kind: 'pglite', dir: cli.env.PGLITE_DIR! });
  try {
    const w = await buildWorld(db);
    await buildRecapScenario(w);
    // One information request in the week of 9–15 March, answered after 30 minutes.
    w.clock.set(wib('03-10', '09:00'));
    const { request } = await askInfo(w.ctx, w.people.oscar, { agencyId: w.agencyId, unitId: w.units.A.id, question: 'Pertanyaan uji', origin: { platform: 'telegram', chatId: w.chats.A } });
    w.clock.set(wib('03-10', '09:30'));
    await answerInfo(w.ctx, w.people.budi, { trackingId: request.trackingId, text: 'Jawaban uji' });
  } finally {
    await db.close();
  }
  dir = mkdtempSync(join(tmpdir(), 'recap-cli-'));
});

afterAll(async () => {
  await cli?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('penghubung recap', () => {
  it('--json has exactly the LAPOR! keys, and per unit the same plus code and name', async () => {
    const r = await cli.run('recap', '--agency', 'bkn', '--from', '2026-03-09', '--to', '2026-03-15', '--json');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out) as Record<string, unknown> & { units: Record<string, unknown>[] };
    expect(Object.keys(json)).toEqual([...KEYS, 'units']);
    expect(json).toMatchObject({ belumTerverifikasi: 2, belumDitindaklanjuti: 1, proses: 1, selesai: 1, tunda: 1, arsip: 1, total: 5, persenTL: 40, rtl: 1.5, rhp: 3.75, rv: 1.8 });
    expect(json.units.map((u) => Object.keys(u))).toEqual([['code', 'name', ...KEYS], ['code', 'name', ...KEYS]]);
    expect(json.units[1]).toEqual({ code: 'BKN-PENSIUN', name: 'Direktorat Pensiun', belumTerverifikasi: 0, belumDitindaklanjuti: 1, proses: 0, selesai: 0, tunda: 0, arsip: 0, total: 1, persenTL: 0, rtl: null, rhp: null, rv: 6 });
  });

  it('--unit narrows to one unit; the text form is the chat recap', async () => {
    const json = JSON.parse((await cli.run('recap', '--unit', 'BKN-PENGADAAN', '--from', '2026-03-09', '--to', '2026-03-15', '--json')).out) as { total: number; units: { code: string }[] };
    expect([json.total, json.units.map((u) => u.code)]).toEqual([2, ['BKN-PENGADAAN']]);
    const text = await cli.run('recap', '--agency', 'BKN', '--from', '2026-03-09', '--to', '2026-03-15');
    expect(text.out).toContain('📊 Rekapitulasi Kinerja — BKN — Badan Kepegawaian Negara');
    expect(text.out).toContain('%TL: 40,0% (▼10,0)');
    expect(text.out).toContain('ℹ️ Permintaan informasi: 1 · median respons pertama 30 menit · dijawab dalam target 100,0%');
    const other = await cli.run('recap', '--unit', 'BKN-PENSIUN', '--from', '2026-03-09', '--to', '2026-03-15');
    expect(other.out).not.toContain('Permintaan informasi');
  });

  it('refuses bad input with exit code 2', async () => {
    const bad = await cli.run('recap', '--agency', 'BKN', '--from', '09-03-2026');
    expect([bad.code, bad.err]).toEqual([2, expect.stringContaining('--from must be a date YYYY-MM-DD')]);
    const reversed = await cli.run('recap', '--agency', 'BKN', '--from', '2026-03-15', '--to', '2026-03-09');
    expect([reversed.code, reversed.err]).toEqual([2, expect.stringContaining('is before --from')]);
    expect((await cli.run('recap', '--unit', 'NOPE')).code).toBe(2);
  });
});

describe('penghubung report quarterly and export', () => {
  it('writes the quarterly workbook', async () => {
    const out = join(dir, 'q1.xlsx');
    const r = await cli.run('report', 'quarterly', '--year', '2026', '--quarter', '1', '--agency', 'BKN', '--out', out);
    expect([r.code, r.out]).toEqual([0, `wrote ${out}: 10 reports received in 2026 Q1 (BKN)`]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.getWorksheet('Ringkasan')!.getCell('A11').value).toBe('Total Triwulan I 2026');
    expect((await cli.run('report', 'quarterly', '--year', '2026', '--quarter', '5')).code).toBe(2);
  });

  it('exports CSV to the terminal and XLSX to a file', async () => {
    const csv = await cli.run('export', '--agency', 'BKN', '--from', '2026-03-09', '--to', '2026-03-15');
    expect(csv.code).toBe(0);
    const lines = csv.out.split('\n');
    expect(lines).toHaveLength(1 + 7);
    expect(lines[0]).toMatch(/^\uFEFFNomor laporan,Diterima,Kategori/);
    expect(csv.out).not.toMatch(/Rina|0812/);
    const out = join(dir, 'export.xlsx');
    const x = await cli.run('export', '--agency', 'BKN', '--from', '2026-03-01', '--to', '2026-03-31', '--out', out);
    expect([x.code, x.out]).toEqual([0, `wrote ${out}: 10 reports (BKN, 2026-03-01..2026-03-31, xlsx)`]);
    expect(readFileSync(out).subarray(0, 2).toString()).toBe('PK');
    expect((await cli.run('export', '--agency', 'BKN', '--from', '2026-03-01', '--to', '2026-03-31', '--format', 'xlsx')).code).toBe(2);
  });
});
