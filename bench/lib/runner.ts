/** Finding the bench modules (bench/benches/*.ts, in file-name order) and running one. */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { finish, type BenchOutcome } from './results.js';
import { NotAvailable, type BenchContext, type BenchModule } from './types.js';

const BENCH_DIR = new URL('../benches/', import.meta.url);

function isBenchModule(v: unknown): v is BenchModule {
  return typeof v === 'object' && v !== null && typeof (v as BenchModule).name === 'string' && typeof (v as BenchModule).run === 'function';
}

/** Every bench module, optionally only those named in `only`. */
export async function loadBenches(only?: readonly string[]): Promise<BenchModule[]> {
  const files = readdirSync(fileURLToPath(BENCH_DIR)).filter((f) => /\.ts$/.test(f) && !f.endsWith('.d.ts')).sort();
  const out: BenchModule[] = [];
  for (const f of files) {
    const mod = (await import(new URL(f, BENCH_DIR).href)) as { default?: unknown };
    if (!isBenchModule(mod.default)) throw new Error(`bench/benches/${f} must export a BenchModule as default`);
    if (!only || only.includes(mod.default.name)) out.push(mod.default);
  }
  return out;
}

/** Run one bench; a missing feature is a skip, anything else thrown is an error. */
export async function runBench(b: BenchModule, ctx: BenchContext): Promise<BenchOutcome> {
  const started = Date.now();
  const seconds = () => Math.round((Date.now() - started) / 100) / 10;
  try {
    const figures = (await b.run(ctx)).map(finish);
    return { bench: b.name, title: b.title, status: 'ok', seconds: seconds(), figures };
  } catch (e) {
    if (e instanceof NotAvailable) return { bench: b.name, title: b.title, status: 'skipped', seconds: seconds(), figures: [], message: e.message };
    const err = e instanceof Error ? e : new Error(String(e));
    ctx.log.error({ err, bench: b.name }, 'bench failed');
    return { bench: b.name, title: b.title, status: 'error', seconds: seconds(), figures: [], message: err.message.split('\n')[0] };
  }
}
