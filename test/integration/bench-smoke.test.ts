/**
 * Every bench module of `npm run bench` runs against a small generated data set (5,000 reports)
 * and produces figures. No time is asserted: benchmarks measure, tests check they still work
 * (a bench whose feature has not landed may skip, with a clear reason).
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { generateDataset } from '../../src/dev/generate.js';
import { silentLogger } from '../../src/lib/logger.js';
import { officialCalendar } from '../../src/services/calendar-source.js';
import { openBenchContext, type OpenedContext } from '../../bench/lib/context.js';
import { finish } from '../../bench/lib/results.js';
import { loadBenches, runBench } from '../../bench/lib/runner.js';
import { createDatabase } from '../helpers/pg.js';

const onPostgres = inject('pgTemplate') !== null;
const benches = await loadBenches();

let db: { url: string; drop(): Promise<void> };
let opened: OpenedContext;

beforeAll(async () => {
  if (!onPostgres) return;
  db = await createDatabase(inject('pgTemplate')!);
  const asOf = new Date();
  await generateDataset({
    url: db.url, seed: 5, reports: 5000, agencies: 5, units: 20, years: 1, asOf,
    calendar: officialCalendar({ timeZone: 'Asia/Jakarta', cutiBersamaIsWorkday: false }),
  });
  opened = await openBenchContext({ url: db.url, mode: 'smoke', log: silentLogger(), asOf });
}, 180_000);

afterAll(async () => {
  if (!onPostgres) return;
  await opened?.close();
  await db?.drop();
});

describe.runIf(onPostgres)('bench modules on a small data set', () => {
  it('finds the bench modules', () => {
    expect(benches.map((b) => b.name)).toEqual(expect.arrayContaining(['status', 'saya', 'terlambat', 'recap', 'import', 'sweep', 'outbox', 'process']));
  });

  it.each(benches.map((b) => [b.name, b] as const))('%s produces figures', async (_name, bench) => {
    const o = await runBench(bench, opened.ctx);
    expect(o.status, o.message).not.toBe('error');
    if (o.status === 'skipped') {
      expect(o.message).toMatch(/not available yet|has no export|did not load/);
      return;
    }
    expect(o.figures.length).toBeGreaterThan(0);
    for (const f of o.figures) {
      expect(f.name).not.toBe('');
      expect(f.unit).not.toBe('');
      expect(Number.isFinite(f.value), `${f.name} = ${f.value}`).toBe(true);
      if (f.goal) expect(typeof f.pass).toBe('boolean');
      for (const p of f.plans ?? []) expect(p.nodes.length).toBeGreaterThan(0);
    }
  }, 240_000);

  it('computes pass and ratios from goals and baselines', () => {
    expect(finish({ name: 'x', value: 5, unit: 'ms', goal: { op: '<', value: 10 }, baseline: { name: 'b', value: 20 } })).toMatchObject({ pass: true, ratio: 4, better: 'lower' });
    expect(finish({ name: 'y', value: 10_000, unit: 'rows/s', goal: { op: '>=', value: 20_000 }, baseline: { name: 'b', value: 100 } })).toMatchObject({ pass: false, ratio: 100, better: 'higher' });
  });
});
