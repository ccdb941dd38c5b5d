import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PGlite } from '@electric-sql/pglite';
import { spawnCli } from '../helpers/process.js';

const dir = mkdtempSync(join(tmpdir(), 'penghubung-start-'));
const env = { PGLITE_DIR: join(dir, 'pglite'), LOG_LEVEL: 'info', CONSOLE: 'false' };
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('penghubung start on the embedded database', () => {
  it('creates, migrates and seeds the database once, refuses a second process, and stops cleanly', async () => {
    const first = spawnCli(['start'], env);
    await first.waitFor(/Penghubung is running/, 150_000);
    expect(first.output()).toMatch(/applied migration 20261128000000_init/);
    expect(first.output()).toMatch(/demo agency DEMO created/);
    expect(first.output()).toMatch(/set TELEGRAM_BOT_TOKEN/);

    // A second process on the same folder would corrupt it: refused with a clear message.
    const second = spawnCli(['migrate'], env);
    expect(await second.exited()).toBe(1);
    expect(second.output()).toMatch(/already in use by process \d+/);

    first.child.kill('SIGINT');
    expect(await first.exited()).toBe(0);
    expect(first.output()).toMatch(/stopped/);

    // Restart: nothing to migrate, the demo is not seeded twice.
    const again = spawnCli(['start'], env);
    await again.waitFor(/Penghubung is running/, 150_000);
    expect(again.output()).not.toMatch(/applied migration/);
    expect(again.output()).not.toMatch(/demo agency DEMO created/);
    again.child.kill('SIGTERM');
    expect(await again.exited()).toBe(0);

    const db = await PGlite.create(env.PGLITE_DIR);
    try {
      const statuses = await db.query<{ status: string; n: number }>(`SELECT status::text, count(*)::int AS n FROM report GROUP BY 1 ORDER BY 1`);
      const byStatus = Object.fromEntries(statuses.rows.map((r) => [r.status, r.n]));
      expect(Object.keys(byStatus).sort()).toEqual(['ARSIP', 'BELUM_DITINDAKLANJUTI', 'BELUM_TERVERIFIKASI', 'PROSES', 'SELESAI', 'TUNDA']);
      expect(statuses.rows.reduce((s, r) => s + r.n, 0)).toBe(30);
      const agencies = await db.query<{ code: string; name: string; is_demo: boolean }>('SELECT code, name, is_demo FROM agency');
      expect(agencies.rows).toEqual([{ code: 'DEMO', name: 'Kementerian Contoh (DEMO)', is_demo: true }]);
    } finally {
      await db.close();
    }
  }, 400_000);
});
