#!/usr/bin/env node
/**
 * Ahead-of-time compilation of src/ (TypeScript) to JavaScript for bin/penghubung.mjs, so a start
 * does not load tsx and transform TypeScript in a loader thread (about a second and 70 MB of RSS
 * on a small machine).
 *
 * Each src/**\/*.ts becomes node_modules/.cache/penghubung/src/**\/*.js (esbuild, one file at a
 * time, no bundling: modules imported lazily stay lazy, and a running process that imports a
 * module later gets the current one, as under tsx). `import.meta.url` is rewritten to the URL of
 * the source file, so paths relative to it (prompts/, assets/, data/, migrations) still work.
 *
 * Freshness: a manifest records each source's mtime and size when it was compiled; a start
 * compares it with the sources (a few hundred stat calls, a few ms) and recompiles only what
 * changed, so editing src/ and running `npm start` never runs stale code. Every file (and the
 * manifest) is written to a temporary name and renamed: processes starting at the same time may
 * compile the same files, but none sees half a file.
 *
 * `node bin/build.mjs` (npm run build) compiles everything; `--check` only what is stale;
 * `--warm` (postinstall) compiles what is stale and only warns when it cannot: the first start
 * then compiles, or runs through tsx.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SRC = join(ROOT, 'src');
/** Where the JavaScript goes (inside node_modules: ignored by git, eslint and vitest, gone with `npm ci`). */
export const OUT_DIR = join(ROOT, 'node_modules', '.cache', 'penghubung');
const MANIFEST = join(OUT_DIR, 'manifest.json');
/** Bump when the compile options below change: every file is then compiled again. */
const FORMAT = 1;
/** Settings that change the output of every file. */
const GLOBAL_INPUTS = ['tsconfig.json', 'bin/build.mjs'];

const toPosix = (p) => p.split(sep).join('/');
const stampOf = (path) => {
  const s = statSync(path);
  return `${s.mtimeMs}:${s.size}`;
};

function listSources(dir, out = []) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) listSources(p, out);
    else if (e.name.endsWith('.ts') && !e.name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

function readManifest() {
  try {
    const m = JSON.parse(readFileSync(MANIFEST, 'utf8'));
    return m && m.format === FORMAT ? m : null;
  } catch {
    return null;
  }
}

function writeAtomic(path, contents) {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  writeFileSync(tmp, contents);
  renameSync(tmp, path);
}

/** esbuild: a dependency of tsx, normally hoisted; otherwise resolved from tsx itself. */
async function loadEsbuild() {
  try {
    return await import('esbuild');
  } catch {
    const fromTsx = createRequire(createRequire(import.meta.url).resolve('tsx/package.json'));
    return fromTsx('esbuild');
  }
}

/** The compiled file of a source (relative to ROOT, posix). */
const outPathOf = (rel) => join(OUT_DIR, rel.replace(/\.ts$/, '.js'));

async function compile(rels) {
  const esbuild = await loadEsbuild();
  const metaUrl = {
    name: 'source-import-meta-url',
    setup(build) {
      build.onLoad({ filter: /\.ts$/ }, (args) => {
        let contents = readFileSync(args.path, 'utf8');
        if (contents.includes('import.meta.url')) {
          const rel = toPosix(relative(dirname(outPathOf(toPosix(relative(ROOT, args.path)))), args.path));
          contents = contents.replaceAll('import.meta.url', `new URL(${JSON.stringify(rel)}, import.meta.url).href`);
        }
        return { contents, loader: 'ts' };
      });
    },
  };
  const result = await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: rels,
    outbase: '.',
    outdir: OUT_DIR,
    bundle: false,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: 'linked',
    write: false,
    logLevel: 'silent',
    plugins: [metaUrl],
  });
  for (const f of result.outputFiles) writeAtomic(f.path, f.contents);
}

/**
 * Compile what is stale (everything with `force`); returns the URL of the compiled src/cli.js.
 * Throws when esbuild is missing or a file does not compile.
 */
export async function ensureBuilt({ force = false } = {}) {
  const manifest = force ? null : readManifest();
  const globals = Object.fromEntries(GLOBAL_INPUTS.map((g) => [g, stampOf(join(ROOT, g))]));
  const globalsChanged = !manifest || GLOBAL_INPUTS.some((g) => manifest.globals?.[g] !== globals[g]);
  const known = globalsChanged ? {} : (manifest.files ?? {});
  const files = {};
  const stale = [];
  for (const path of listSources(SRC)) {
    const rel = toPosix(relative(ROOT, path));
    // Stamped before reading: a file changed during the compile is compiled again next time.
    files[rel] = stampOf(path);
    if (known[rel] !== files[rel]) stale.push(rel);
  }
  if (stale.length > 0) await compile(stale);
  // A source deleted since: its JavaScript goes too (an import of it must fail, as under tsx).
  const gone = Object.keys(known).filter((rel) => !(rel in files));
  for (const rel of gone) for (const p of [outPathOf(rel), `${outPathOf(rel)}.map`]) rmSync(p, { force: true });
  if (stale.length > 0 || globalsChanged || Object.keys(known).length !== Object.keys(files).length) {
    writeAtomic(MANIFEST, `${JSON.stringify({ format: FORMAT, globals, files })}\n`);
  }
  return pathToFileURL(outPathOf('src/cli.ts'));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const started = Date.now();
  const warm = process.argv.includes('--warm');
  try {
    await ensureBuilt({ force: !warm && !process.argv.includes('--check') });
    process.stdout.write(`penghubung: src/ compiled to ${toPosix(relative(ROOT, OUT_DIR))} (${Date.now() - started} ms)\n`);
  } catch (e) {
    process.stderr.write(`penghubung: could not compile src/: ${e instanceof Error ? e.message : String(e)}\n`);
    if (!warm) process.exitCode = 1;
  }
}
