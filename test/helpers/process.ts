/**
 * Spawn real Node processes for the tests — the `penghubung` binary, or a TypeScript file of the
 * suite (through tsx) — wait for lines in their output, and stop them.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const BIN = fileURLToPath(new URL('../../bin/penghubung.mjs', import.meta.url));

export interface Proc {
  child: ChildProcessWithoutNullStreams;
  output(): string;
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<string>;
  exited(): Promise<number | null>;
}

/** The real `penghubung` command line. */
export function spawnCli(args: string[], env: Record<string, string>): Proc {
  return spawnNode([BIN, ...args], env);
}

/** A TypeScript file of the test suite in its own Node process (a worker of the reliability tests). */
export function spawnTs(file: URL, env: Record<string, string>): Proc {
  return spawnNode(['--import', 'tsx', fileURLToPath(file)], env);
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves when the process is gone. */
export async function stopProc(p: Proc, graceMs = 10_000): Promise<void> {
  if (p.child.exitCode !== null || p.child.signalCode !== null) return;
  p.child.kill('SIGTERM');
  const t = setTimeout(() => p.child.kill('SIGKILL'), graceMs);
  await p.exited();
  clearTimeout(t);
}

/** Node with `argv`, a minimal environment (no inherited settings) plus `env`, output captured. */
function spawnNode(argv: string[], env: Record<string, string>): Proc {
  const child = spawn(process.execPath, argv, {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', TZ: 'America/New_York', ...env },
    stdio: 'pipe',
  });
  let buf = '';
  const waiters: (() => void)[] = [];
  const onData = (d: Buffer): void => {
    buf += d.toString();
    for (const w of waiters.splice(0)) w();
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    output: () => buf,
    exited: () => exit,
    waitFor(pattern, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`timed out waiting for ${pattern}; output so far:\n${buf}`)), timeoutMs);
        const check = (): void => {
          const m = pattern.exec(buf);
          if (m) {
            clearTimeout(timer);
            resolve(m[0]);
          } else waiters.push(check);
        };
        void exit.then(() => {
          if (!pattern.test(buf)) {
            clearTimeout(timer);
            reject(new Error(`process exited before ${pattern}; output:\n${buf}`));
          }
        });
        check();
      });
    },
  };
}
