/** Spawn a TypeScript file of the test suite in its own Node process (through tsx). */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Proc } from '../helpers/process.js';

export function spawnTs(file: URL, env: Record<string, string>): Proc {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(file)], {
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

/** SIGTERM, then SIGKILL after `graceMs`; resolves when the process is gone. */
export async function stopProc(p: Proc, graceMs = 10_000): Promise<void> {
  if (p.child.exitCode !== null || p.child.signalCode !== null) return;
  p.child.kill('SIGTERM');
  const t = setTimeout(() => p.child.kill('SIGKILL'), graceMs);
  await p.exited();
  clearTimeout(t);
}
