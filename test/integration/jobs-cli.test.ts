/** `penghubung jobs list` and `penghubung jobs run <name> [--at]`, in-process against a fresh database. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/lib/logger.js';
import { openServices, type Opened } from '../../src/services/bootstrap.js';
import { disposeReport } from '../../src/services/reports/admin-actions.js';
import { cliHarness, type CliHarness } from '../helpers/cli-env.js';
import { buildWorld } from '../helpers/world.js';
import { wib } from '../helpers/jobs.js';

let cli: CliHarness;
beforeAll(async () => {
  cli = await cliHarness();
  // Seed through the services, then close: an embedded database is one process at a time.
  const opened = await open();
  try {
    const w = await buildWorld({ ...opened.db }, wib('2026-03-02', 9).toISOString());
    const id = await w.newReport('7000001');
    await disposeReport(w.ctx, w.people.admin, { reportId: id }, w.units.A.code); // monitoring Wed 4 Mar 08:00
  } finally {
    await opened.db.close();
  }
});
afterAll(async () => {
  await cli.close();
});

function open(): Promise<Opened> {
  return openServices(loadConfig(cli.env), silentLogger());
}

describe('penghubung jobs', () => {
  it('run --at runs the job for that slot once; a second run says it already ran', async () => {
    const first = await cli.run('jobs', 'run', 'deadline-sweep', '--at', '2026-03-04T09:00');
    expect(first.err).toBe('');
    expect(first.code).toBe(0);
    expect(first.out).toContain('deadline-sweep: done for slot 4 Mar 2026 pukul 09.00 WIB — 1 nudge(s) in 1 message(s)');
    expect(first.out).toContain('the running bot sends them');

    const again = await cli.run('jobs', 'run', 'deadline-sweep', '--at', '2026-03-04T02:00:00Z');
    expect(again.code).toBe(0);
    expect(again.out).toMatch(/deadline-sweep: already ran for slot 4 Mar 2026 pukul 09\.00 WIB \(done on cli-.*\); nothing done\./);

    const opened = await open();
    try {
      const rows = await opened.ctx.db.outbox.findMany({ where: { purpose: 'nudge' } });
      expect(rows.map((r) => [r.target, r.status])).toEqual([['-1002', 'PENDING']]);
      expect((rows[0]!.payload as { text: string }).text).toContain('#7000001');
    } finally {
      await opened.db.close();
    }
  });

  it('list shows every job with its cron, next run and last run', async () => {
    const r = await cli.run('jobs', 'list');
    expect(r.code).toBe(0);
    for (const name of ['deadline-sweep', 'overdue-escalation', 'unclaimed-reminder', 'ten-day-check', 'broadcasts']) expect(r.out).toContain(`${name}  [`);
    expect(r.out).toContain('deadline-sweep  [*/15 7-16 * * 1-5]');
    expect(r.out).toContain('last: done (slot 4 Mar 2026 pukul 09.00 WIB');
    expect(r.out).toContain('last: never');
    const json = JSON.parse((await cli.run('jobs', 'list', '--json')).out) as { name: string; nextRun: string | null; lastRun: { status: string } | null }[];
    const sweep = json.find((j) => j.name === 'deadline-sweep')!;
    expect(sweep.lastRun?.status).toBe('done');
    expect(new Date(sweep.nextRun!).getTime()).toBeGreaterThan(Date.now() - 60_000);
  });

  it('refuses an unknown job or a bad --at with exit code 2', async () => {
    const unknown = await cli.run('jobs', 'run', 'nope');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('unknown job "nope"; jobs are deadline-sweep');
    const bad = await cli.run('jobs', 'run', 'broadcasts', '--at', 'tomorrow');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--at must be a time such as 2026-03-09T08:00');
  });
});
