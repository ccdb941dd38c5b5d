/** Goals, ratios, bench/results.json and the readable table. */
import { cpus, loadavg, totalmem, platform, release } from 'node:os';
import type pg from 'pg';
import { round } from './stats.js';
import type { Figure, Goal, Mode } from './types.js';

export interface BenchOutcome {
  bench: string;
  title: string;
  status: 'ok' | 'skipped' | 'error';
  seconds: number;
  figures: Figure[];
  message?: string;
}

export interface Results {
  date: string;
  mode: Mode;
  machine: { cpu: string; cores: number; memoryGb: number; platform: string; node: string; postgres: string; sharedBuffers: string; loadAverage: { start: number; end: number } };
  dataset: { reports: number; events: number; agencies: number; units: number; people: number; asOf: string; generateSeconds: number | null; generateRowsPerSecond: number | null };
  benches: BenchOutcome[];
  summary: { figures: number; goals: number; passed: number; failed: string[]; skipped: string[]; errors: string[] };
}

export function meets(value: number, goal: Goal): boolean {
  switch (goal.op) {
    case '<': return value < goal.value;
    case '<=': return value <= goal.value;
    case '>': return value > goal.value;
    case '>=': return value >= goal.value;
  }
}

/** Fill pass and ratio from goal and baseline. */
export function finish(f: Figure): Figure {
  const better = f.better ?? (f.unit === 'ms' || f.unit === 's' || f.unit === 'MB' ? 'lower' : 'higher');
  const out: Figure = { ...f, better };
  if (f.goal) out.pass = Number.isFinite(f.value) && meets(f.value, f.goal);
  if (f.baseline && f.baseline.value > 0 && f.value > 0) out.ratio = round(better === 'lower' ? f.baseline.value / f.value : f.value / f.baseline.value);
  return out;
}

/** `loadAtStart`: os.loadavg()[0] when the run began (other work on the machine skews every figure). */
export async function machineInfo(pool: pg.Pool, loadAtStart: number): Promise<Results['machine']> {
  const v = (await pool.query<{ version: string }>('SELECT version()')).rows[0]?.version ?? '?';
  const sb = (await pool.query<{ shared_buffers: string }>('SHOW shared_buffers')).rows[0]?.shared_buffers ?? '?';
  const c = cpus();
  return { cpu: c[0]?.model ?? '?', cores: c.length, memoryGb: round(totalmem() / 2 ** 30), platform: `${platform()} ${release()}`, node: process.version, postgres: v.split(' on ')[0] ?? v, sharedBuffers: sb, loadAverage: { start: round(loadAtStart), end: round(loadavg()[0] ?? NaN) } };
}

export function summarize(benches: BenchOutcome[]): Results['summary'] {
  const figures = benches.flatMap((b) => b.figures.map((f) => ({ b, f })));
  const goals = figures.filter((x) => x.f.goal);
  return {
    figures: figures.length,
    goals: goals.length,
    passed: goals.filter((x) => x.f.pass).length,
    failed: goals.filter((x) => !x.f.pass).map((x) => `${x.f.name}: ${x.f.value} ${x.f.unit} (goal ${x.f.goal!.op} ${x.f.goal!.value})`),
    skipped: benches.filter((b) => b.status === 'skipped').map((b) => `${b.bench}: ${b.message ?? ''}`),
    errors: benches.filter((b) => b.status === 'error').map((b) => `${b.bench}: ${b.message ?? ''}`),
  };
}

const fmt = (v: number | undefined, unit = ''): string => (v === undefined || !Number.isFinite(v) ? '—' : `${v.toLocaleString('en')}${unit ? ` ${unit}` : ''}`);

function pad(cells: string[][]): string[] {
  const widths = cells[0]!.map((_, i) => Math.max(...cells.map((r) => [...(r[i] ?? '')].length)));
  return cells.map((r) => r.map((c, i) => c + ' '.repeat(widths[i]! - [...c].length)).join('  ').trimEnd());
}

/** The readable table. */
export function table(r: Results): string {
  const rows: string[][] = [['bench', 'figure', 'value', 'goal', 'pass', 'baseline', 'ratio']];
  for (const b of r.benches) {
    if (b.status !== 'ok') {
      rows.push([b.bench, b.status === 'skipped' ? `skipped: ${b.message ?? ''}` : `ERROR: ${b.message ?? ''}`, '', '', '', '', '']);
      continue;
    }
    for (const f of b.figures) {
      rows.push([
        b.bench, f.name, fmt(f.value, f.unit), f.goal ? `${f.goal.op} ${f.goal.value.toLocaleString('en')}` : '',
        f.goal ? (f.pass ? 'yes' : 'NO') : '', f.baseline ? `${f.baseline.name}: ${fmt(f.baseline.value, f.unit)}` : '', f.ratio !== undefined ? `${f.ratio}×` : '',
      ]);
    }
  }
  const d = r.dataset;
  const head = [
    `Penghubung benchmarks — ${r.mode} run, ${r.date}`,
    `machine: ${r.machine.cpu} × ${r.machine.cores}, ${r.machine.memoryGb} GB, ${r.machine.postgres} (shared_buffers ${r.machine.sharedBuffers}), Node ${r.machine.node}; load average ${r.machine.loadAverage.start} → ${r.machine.loadAverage.end}`,
    `data: ${d.reports.toLocaleString('en')} reports, ${d.events.toLocaleString('en')} events, ${d.agencies} agencies, ${d.units} units, ${d.people} people, as of ${d.asOf}` +
      (d.generateSeconds !== null ? `; generated in ${d.generateSeconds} s (${fmt(d.generateRowsPerSecond ?? undefined)} rows/s)` : ''),
    '',
  ];
  const notes = r.benches.flatMap((b) => b.figures.filter((f) => f.note).map((f) => `  ${f.name}: ${f.note}`));
  const s = r.summary;
  return [...head, ...pad(rows), '', 'notes:', ...notes, '', `goals met: ${s.passed}/${s.goals}; skipped: ${s.skipped.length}; errors: ${s.errors.length}`].join('\n');
}
