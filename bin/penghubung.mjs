#!/usr/bin/env node
// Runs the CLI from JavaScript compiled ahead by bin/build.mjs (recompiling whatever source changed
// since, so `npx penghubung …` needs no build step and never runs stale code). When compiling is
// impossible (esbuild missing, cache not writable) or PENGHUBUNG_TSX=1, the TypeScript runs
// through tsx as before: slower to start, same behaviour.
import { setFlagsFromString } from 'node:v8';

// Prisma's query compiler is a WebAssembly module of a few MB. V8 compiles it twice by default
// (baseline, then optimised in the background for hot functions): 40–80 MB more RSS and CPU at
// start, for query planning a little faster. The baseline compiler alone serves the bot well.
// Set before anything compiles WebAssembly (the flag is read at compile time).
setFlagsFromString('--liftoff-only');

let entry;
if (process.env.PENGHUBUNG_TSX !== '1') {
  try {
    const { ensureBuilt } = await import('./build.mjs');
    entry = await ensureBuilt();
  } catch (e) {
    process.stderr.write(`penghubung: running through tsx (could not compile src/: ${String(e?.message ?? e).replace(/\s+/g, ' ').slice(0, 300)})\n`);
  }
}
if (!entry) {
  const { register } = await import('tsx/esm/api');
  register();
  entry = new URL('../src/cli.ts', import.meta.url);
}
const { runCli } = await import(entry.href);
process.exitCode = await runCli(process.argv.slice(2));
