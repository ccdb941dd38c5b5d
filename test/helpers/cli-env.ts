/** Run the CLI in-process against a fresh database (PostgreSQL clone, or a temp PGlite folder). */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import { runCli } from '../../src/cli.js';
import { createDatabase } from './pg.js';

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

export interface CliHarness {
  env: Record<string, string>;
  run(...argv: string[]): Promise<CliRun>;
  close(): Promise<void>;
}

export async function cliHarness(): Promise<CliHarness> {
  const tpl = inject('pgTemplate');
  let env: Record<string, string>;
  let cleanup: () => Promise<void>;
  if (tpl) {
    const db = await createDatabase(tpl);
    env = { DATABASE_URL: db.url, LOG_LEVEL: 'silent', CONSOLE: 'false' };
    cleanup = db.drop;
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'penghubung-cli-'));
    env = { PGLITE_DIR: join(dir, 'db'), LOG_LEVEL: 'silent', CONSOLE: 'false' };
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  }
  return {
    env,
    async run(...argv) {
      const out: string[] = [];
      const err: string[] = [];
      const code = await runCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l) }, env);
      return { code, out: out.join('\n'), err: err.join('\n') };
    },
    close: cleanup,
  };
}
