/** Spawn the real `penghubung` process and wait for lines in its output. */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const BIN = fileURLToPath(new URL('../../bin/penghubung.mjs', import.meta.url));

export interface Proc {
  child: ChildProcessWithoutNullStreams;
  output(): string;
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<string>;
  exited(): Promise<number | null>;
}

export function spawnCli(args: string[], env: Record<string, string>): Proc {
  const child = spawn(process.execPath, [BIN, ...args], {
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
