/**
 * Offline replacement for `prisma migrate diff`: Prisma's schema engine compiled to WebAssembly,
 * with the committed migrations replayed on an in-memory PGlite shadow database. Empty output
 * means schema.prisma and prisma/migrations agree. Used by `npm run db:diff` and by a test.
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import * as bg from '@prisma/schema-engine-wasm/schema_engine_bg';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';

// @types/node does not declare the WebAssembly global; describe the part we use.
interface WasmApi {
  instantiate(bytes: Uint8Array, imports: object): Promise<{ instance: { exports: Record<string, unknown> } }>;
}
const { WebAssembly } = globalThis as unknown as { WebAssembly: WasmApi };

let wasmReady: Promise<void> | undefined;

function loadWasm(): Promise<void> {
  wasmReady ??= (async () => {
    // The package "exports" hide the .wasm file; resolve it next to the JS glue.
    const glue = createRequire(import.meta.url).resolve('@prisma/schema-engine-wasm/schema_engine_bg');
    const wasm = readFileSync(join(glue, '..', 'schema_engine_bg.wasm'));
    const { instance } = await WebAssembly.instantiate(wasm, { './schema_engine_bg.js': bg });
    (bg as unknown as { __wbg_set_wasm(e: unknown): void }).__wbg_set_wasm(instance.exports);
    (instance.exports as unknown as { __wbindgen_start(): void }).__wbindgen_start();
  })();
  return wasmReady;
}

export interface DiffOptions {
  schemaPath?: string;
  migrationsDir?: string;
}

/** SQL that would bring a database with all committed migrations up to schema.prisma ('' when they agree). */
export async function diffSchemaAgainstMigrations(opts: DiffOptions = {}): Promise<string> {
  await loadWasm();
  const schemaPath = resolve(opts.schemaPath ?? 'prisma/schema.prisma');
  const dir = resolve(opts.migrationsDir ?? 'prisma/migrations');
  const files = [{ path: schemaPath, content: readFileSync(schemaPath, 'utf8') }];
  const names = existsSync(dir)
    ? readdirSync(dir, { withFileTypes: true })
        .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, 'migration.sql')))
        .map((d) => d.name)
        .sort()
    : [];
  const shadow = new PGlite();
  try {
    const engine = await bg.SchemaEngine.new(
      { datamodels: files.map((f) => [f.path, f.content]) },
      () => {},
      bindMigrationAwareSqlAdapterFactory(new PrismaPGlite(shadow)),
    );
    const from =
      names.length === 0
        ? { tag: 'empty' as const }
        : {
            tag: 'migrations' as const,
            baseDir: dir,
            shadowDbInitScript: '',
            lockfile: { path: join(dir, 'migration_lock.toml'), content: readFileSync(join(dir, 'migration_lock.toml'), 'utf8') },
            migrationDirectories: names.map((n) => ({
              path: n,
              migrationFile: { path: 'migration.sql', content: { tag: 'ok' as const, value: readFileSync(join(dir, n, 'migration.sql'), 'utf8') } },
            })),
          };
    const res = await engine.diff({
      from,
      to: { tag: 'schemaDatamodel', files },
      script: true,
      exitCode: null,
      filters: { externalTables: [], externalEnums: [] },
    } as Parameters<typeof engine.diff>[0]);
    const out = (res.stdout ?? '').trim();
    // The engine prints a comment when there is nothing to do.
    return out === '' || /^-- This is an empty migration\.?$/.test(out) ? '' : out + '\n';
  } finally {
    await shadow.close();
  }
}
