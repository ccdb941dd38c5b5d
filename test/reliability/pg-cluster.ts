/**
 * A PostgreSQL cluster owned by one test: initdb into a temp dir on a free port, started and
 * stopped at will (to cut the database away from a running bot). initdb refuses to run as root,
 * so the cluster runs as the `postgres` system user when the tests run as root.
 *
 * The cluster never outlives its test: a failed creation removes what it made, `destroy()` stops
 * the server however it was left, a test process that exits without calling it stops the server on
 * its way out, and clusters left by killed runs (over two hours old) are removed by the next one.
 */
import { execFile, execFileSync } from 'node:child_process';
import { accessSync, chownSync, constants, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { freePort } from '../helpers/free-port.js';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
/** The Debian PostgreSQL 15 server binaries (package postgresql-15); PG_BIN overrides. */
export const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';
const PREFIX = 'penghubung-pg-';
const STALE_MS = 2 * 3_600_000;

export interface Cluster {
  url: string;
  port: number;
  start(): Promise<void>;
  /** Fast shutdown: open connections are cut at once. */
  stop(): Promise<void>;
  /** Stop the server (immediate) and remove the directory; safe to call more than once. */
  destroy(): Promise<void>;
}

/** A PostgreSQL binary's command line, as `postgres` when we are root. */
function command(bin: string, args: string[]): [string, string[]] {
  return userInfo().uid === 0 ? ['runuser', ['-u', 'postgres', '--', join(PG_BIN, bin), ...args]] : [join(PG_BIN, bin), args];
}

async function pg(bin: string, args: string[]): Promise<void> {
  const [cmd, argv] = command(bin, args);
  await run(cmd, argv, { timeout: 60_000 });
}

/**
 * Why this machine cannot own a cluster — the server binaries are not installed — or null when
 * it can. Anything else that goes wrong later (no `postgres` user as root, initdb failing) is a
 * test failure, not a reason to skip.
 */
export function missingBinaries(): string | null {
  const missing = ['initdb', 'pg_ctl'].filter((b) => {
    try {
      accessSync(join(PG_BIN, b), constants.X_OK);
      return false;
    } catch {
      return true;
    }
  });
  return missing.length ? `PostgreSQL server binaries not found: ${missing.map((b) => join(PG_BIN, b)).join(', ')} (install postgresql-15, or set PG_BIN)` : null;
}

/** Stop and remove clusters that killed runs left behind (a concurrent run's are younger). */
function removeStale(): void {
  for (const name of readdirSync(tmpdir()).filter((n) => n.startsWith(PREFIX))) {
    const dir = join(tmpdir(), name);
    try {
      if (Date.now() - statSync(dir).mtimeMs < STALE_MS) continue;
      stopNow(join(dir, 'data'));
      rmSync(dir, { recursive: true, force: true });
    } catch {
      // Another run removed it first.
    }
  }
}

/** Immediate shutdown, synchronously (usable from an exit handler); a stopped server is fine. */
function stopNow(data: string): void {
  const [cmd, argv] = command('pg_ctl', ['-D', data, '-m', 'immediate', '-w', '-t', '30', 'stop']);
  try {
    execFileSync(cmd, argv, { stdio: 'ignore', timeout: 40_000 });
  } catch {
    // Not running (or no data directory): nothing to stop.
  }
}

export async function createCluster(): Promise<Cluster> {
  removeStale();
  const dir = mkdtempSync(join(tmpdir(), PREFIX));
  const data = join(dir, 'data');
  let destroyed = false;
  const cleanUp = (): void => {
    if (destroyed) return;
    destroyed = true;
    process.off('exit', cleanUp);
    stopNow(data);
    rmSync(dir, { recursive: true, force: true });
  };
  // The test process exits without afterAll (a crash, a timeout in a hook): take the server along.
  process.once('exit', cleanUp);
  try {
    if (userInfo().uid === 0) {
      const { stdout: uid } = await run('id', ['-u', 'postgres']);
      const { stdout: gid } = await run('id', ['-g', 'postgres']);
      chownSync(dir, Number(uid.trim()), Number(gid.trim()));
    }
    await pg('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);
    const startOn = (port: number) => () =>
      pg('pg_ctl', ['-D', data, '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=50`, '-l', join(dir, 'log'), '-w', '-t', '60', 'start']);
    // A free port can be taken by someone else before the server binds it: try another one.
    let port = await freePort();
    for (let attempt = 1; ; attempt++) {
      try {
        await startOn(port)();
        break;
      } catch (e) {
        if (attempt === 3) throw e;
        stopNow(data);
        port = await freePort();
      }
    }
    const cluster: Cluster = {
      url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
      port,
      start: startOn(port),
      stop: () => pg('pg_ctl', ['-D', data, '-m', 'fast', '-w', '-t', '60', 'stop']),
      destroy: async () => cleanUp(),
    };
    return cluster;
  } catch (e) {
    cleanUp();
    throw e;
  }
}
