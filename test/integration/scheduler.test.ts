/**
 * The run coordinator: once per slot across replicas (two coordinators on one PostgreSQL
 * database racing the same slot), a slot left `running` by a crashed replica (retried once),
 * catch-up of the latest missed slot on start, and the node-cron wiring.
 */
import cron from 'node-cron';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/database.js';
import { FakeClock } from '../../src/lib/clock.js';
import { silentLogger } from '../../src/lib/logger.js';
import type { JobDefinition } from '../../src/scheduler/job.js';
import { RETRY_NOTE } from '../../src/scheduler/job-slot.js';
import { deadlineSweep, sweepDeadlines } from '../../src/scheduler/jobs/deadline-sweep.js';
import { runJobSlot, startScheduler, type RunSlotDeps } from '../../src/scheduler/run-coordinator.js';
import { createCalendarSource } from '../../src/services/calendar-source.js';
import type { ServiceContext } from '../../src/services/context.js';
import { disposeReport } from '../../src/services/reports/admin-actions.js';
import { createTestDb, type TestDb } from '../helpers/test-db.js';
import { buildWorld, type World } from '../helpers/world.js';
import { lastOutboxId, queuedAfter, wib } from '../helpers/jobs.js';

const onPostgres = inject('pgTemplate') !== null;

let db: TestDb;
let w: World;
beforeAll(async () => {
  db = await createTestDb();
  w = await buildWorld(db, wib('2026-03-02', 9).toISOString());
});
afterAll(() => db.close());

const deps = (services: ServiceContext, instanceId: string): RunSlotDeps => ({ services, log: silentLogger(), kick: () => {}, instanceId });

/** A job that records each run (slot and the clock it saw). */
function countingJob(name: string, cronExpr = '0 8 * * *', fail?: string): JobDefinition & { runs: { slot: string; now: string }[] } {
  const runs: { slot: string; now: string }[] = [];
  return {
    name,
    cron: cronExpr,
    description: 'test job',
    runs,
    async run({ services, slot }) {
      runs.push({ slot: slot.toISOString(), now: services.clock.now().toISOString() });
      if (fail) throw new Error(fail);
      return { summary: `run ${runs.length}` };
    },
  };
}

describe.skipIf(!onPostgres)('two replicas on one PostgreSQL database', () => {
  let second: Database;
  let ctx2: ServiceContext;
  beforeAll(async () => {
    second = await openDatabase({ kind: 'postgres', url: db.url! });
    ctx2 = { db: second.prisma, clock: new FakeClock(w.clock.now()), calendars: createCalendarSource(second.prisma, { timeZone: 'Asia/Jakarta', cutiBersamaIsWorkday: false }), log: silentLogger() };
  });
  afterAll(() => second.close());

  it('each slot runs exactly once when both race for it', async () => {
    const job = countingJob('race-test', '* * * * *');
    for (let i = 0; i < 15; i++) {
      const slot = new Date(wib('2026-03-02', 10).getTime() + i * 60_000);
      const outcomes = await Promise.all([runJobSlot(deps(w.ctx, 'replica-1'), job, slot), runJobSlot(deps(ctx2, 'replica-2'), job, slot)]);
      expect(outcomes.map((o) => o.status).sort()).toEqual(['done', 'skipped']);
    }
    expect(job.runs).toHaveLength(15);
    expect(new Set(job.runs.map((r) => r.slot)).size).toBe(15);
    const rows = await db.prisma.jobRun.findMany({ where: { job: 'race-test' } });
    expect(rows.every((r) => r.status === 'done' && r.finishedAt !== null)).toBe(true);
  });

  it('the deadline sweep racing on both replicas nudges once, even for different slots', async () => {
    const dispose = async (t: string, unit: 'A' | 'B'): Promise<void> => {
      await disposeReport(w.ctx, w.people.admin, { reportId: await w.newReport(t) }, w.units[unit].code);
    };
    w.clock.set(wib('2026-03-02', 9));
    await dispose('6000001', 'A');
    await dispose('6000002', 'A');
    const at = wib('2026-03-04', 8);
    w.clock.set(at);
    (ctx2.clock as FakeClock).set(at);
    let before = await lastOutboxId(w.ctx);
    const [a, b] = await Promise.all([runJobSlot(deps(w.ctx, 'replica-1'), deadlineSweep, at), runJobSlot(deps(ctx2, 'replica-2'), deadlineSweep, at)]);
    expect([a.status, b.status].sort()).toEqual(['done', 'skipped']);
    let queued = await queuedAfter(w.ctx, before);
    expect(queued.map((q) => q.target)).toEqual([w.chats.A]);
    expect(queued[0]!.text).toContain('#6000001');
    expect(queued[0]!.text).toContain('#6000002');

    // Two sweeps outside the slot guard (e.g. `jobs run --at 08:01` beside the bot's 08:00 slot):
    // the row locks and last_nudged_on still give one message per chat.
    w.clock.set(wib('2026-03-04', 9));
    await dispose('6000003', 'B');
    await dispose('6000004', 'B');
    const later = wib('2026-03-06', 8); // monitoring for B's, day before for A's
    w.clock.set(later);
    (ctx2.clock as FakeClock).set(later);
    before = await lastOutboxId(w.ctx);
    for (let i = 0; i < 3; i++) await Promise.all([sweepDeadlines(w.ctx, silentLogger()), sweepDeadlines(ctx2, silentLogger())]);
    queued = await queuedAfter(w.ctx, before);
    expect(queued.map((q) => q.target).sort()).toEqual([w.chats.A, w.chats.B].sort());
  });
});

describe('a replica that crashed mid-slot', () => {
  const job = countingJob('restart-test');
  const slot = wib('2026-03-03', 8);

  it('a fresh `running` row (another replica at work) is left alone', async () => {
    w.clock.set(wib('2026-03-03', 8, 5));
    await db.prisma.jobRun.create({ data: { job: job.name, slot, instance: 'busy-replica', status: 'running', startedAt: wib('2026-03-03', 8) } });
    const o = await runJobSlot(deps(w.ctx, 'replica-2'), job, slot);
    expect(o.status).toBe('skipped');
    expect(job.runs).toHaveLength(0);
  });

  it('a `running` row older than the timeout is taken over once, with a note', async () => {
    w.clock.set(wib('2026-03-03', 9)); // 60 min later; the default timeout is 30 min
    const o = await runJobSlot(deps(w.ctx, 'replica-2'), job, slot);
    expect(o).toMatchObject({ status: 'done', takenOverFrom: 'busy-replica' });
    expect(job.runs).toHaveLength(1);
    const row = await db.prisma.jobRun.findUniqueOrThrow({ where: { job_slot: { job: job.name, slot } } });
    expect(row).toMatchObject({ status: 'done', instance: 'replica-2' });
    expect(row.error).toContain(`${RETRY_NOTE}run by busy-replica`);
    // Done now: nobody runs it again.
    expect((await runJobSlot(deps(w.ctx, 'replica-3'), job, slot)).status).toBe('skipped');
  });

  it('a slot that crashed again after its retry is not retried a second time', async () => {
    const other = wib('2026-03-04', 8);
    await db.prisma.jobRun.create({ data: { job: job.name, slot: other, instance: 'replica-2', status: 'running', startedAt: wib('2026-03-04', 8), error: `${RETRY_NOTE}run by busy-replica did not finish` } });
    w.clock.set(wib('2026-03-04', 12));
    expect((await runJobSlot(deps(w.ctx, 'replica-3'), job, other)).status).toBe('skipped');
    expect(job.runs).toHaveLength(1);
  });

  it('a failing job records the error and is not re-run for that slot', async () => {
    const failing = countingJob('failing-test', '0 8 * * *', 'boom');
    const s = wib('2026-03-05', 8);
    w.clock.set(s);
    expect(await runJobSlot(deps(w.ctx, 'replica-1'), failing, s)).toMatchObject({ status: 'failed', error: 'boom' });
    const row = await db.prisma.jobRun.findUniqueOrThrow({ where: { job_slot: { job: failing.name, slot: s } } });
    expect(row).toMatchObject({ status: 'failed', error: 'boom' });
    expect((await runJobSlot(deps(w.ctx, 'replica-2'), failing, s)).status).toBe('skipped');
    expect(failing.runs).toHaveLength(1);
  });
});

describe('startScheduler', () => {
  it('catches up only the latest missed slot of a job that ran before, once', async () => {
    const job = countingJob('catchup-test', '0 8 * * *');
    const fresh = countingJob('never-ran-test', '0 8 * * *');
    // It last ran Monday 08:00; the bot was down until Wednesday 10:00.
    await db.prisma.jobRun.create({ data: { job: job.name, slot: wib('2026-03-02', 8), instance: 'old', status: 'done', finishedAt: wib('2026-03-02', 8) } });
    w.clock.set(wib('2026-03-04', 10));
    const s1 = startScheduler({ services: w.ctx, log: silentLogger(), kick: () => {}, timeZone: 'Asia/Jakarta', instanceId: 'replica-1', jobs: [job, fresh] });
    const outcomes = await s1.ready;
    await s1.stop();
    expect(outcomes.map((o) => [o.job, o.slot.toISOString(), o.status])).toEqual([[job.name, wib('2026-03-04', 8).toISOString(), 'done']]);
    expect(job.runs.map((r) => r.slot)).toEqual([wib('2026-03-04', 8).toISOString()]); // not Tuesday's
    expect(fresh.runs).toEqual([]);

    // A second replica (or a restart) starting later finds nothing to catch up.
    w.clock.set(wib('2026-03-04', 10, 30));
    const s2 = startScheduler({ services: w.ctx, log: silentLogger(), kick: () => {}, timeZone: 'Asia/Jakarta', instanceId: 'replica-2', jobs: [job, fresh] });
    expect(await s2.ready).toEqual([]);
    await s2.stop();
    expect(job.runs).toHaveLength(1);
  });

  it('registers each job with node-cron in the office timezone; firing runs the slot; off jobs are not registered', async () => {
    const on = countingJob('cron-on-test', '*/5 * * * *');
    const off = countingJob('cron-off-test', '0 8 * * *');
    const s = startScheduler({ services: w.ctx, log: silentLogger(), kick: () => {}, timeZone: 'Asia/Jakarta', instanceId: 'replica-1', jobs: [on, off], overrides: { 'cron-off-test': 'off' }, catchUp: false });
    try {
      const tasks = [...cron.getTasks().values()].filter((t) => t.name?.startsWith('penghubung:'));
      expect(tasks.map((t) => [t.name, t.getPattern()])).toEqual([['penghubung:cron-on-test', '*/5 * * * *']]);
      // A manual fire takes the slot of the minute it fires in.
      await tasks[0]!.execute();
      expect(on.runs).toHaveLength(1);
      expect(new Date(on.runs[0]!.slot).getUTCSeconds()).toBe(0);
      expect(s.schedules.map((x) => [x.job.name, x.cron])).toEqual([['cron-on-test', '*/5 * * * *'], ['cron-off-test', null]]);
    } finally {
      await s.stop();
    }
    expect([...cron.getTasks().values()].filter((t) => t.name?.startsWith('penghubung:') && t.getStatus() !== 'destroyed')).toEqual([]);
  });

  it('runNow runs a job as of a given time, once per slot', async () => {
    const job = countingJob('runnow-test', '0 8 * * *');
    const s = startScheduler({ services: w.ctx, log: silentLogger(), kick: () => {}, timeZone: 'Asia/Jakarta', instanceId: 'replica-1', jobs: [job], catchUp: false });
    try {
      const at = wib('2026-03-06', 8, 7);
      expect((await s.runNow('runnow-test', at)).status).toBe('done');
      expect(job.runs).toEqual([{ slot: wib('2026-03-06', 8, 7).toISOString(), now: at.toISOString() }]);
      expect((await s.runNow('runnow-test', at)).status).toBe('skipped');
      await expect(s.runNow('nope', at)).rejects.toThrow('unknown job "nope"');
    } finally {
      await s.stop();
    }
  });

  it('refuses an override for an unknown job', () => {
    expect(() => startScheduler({ services: w.ctx, log: silentLogger(), kick: () => {}, timeZone: 'Asia/Jakarta', instanceId: 'x', jobs: [], overrides: { ghost: '0 8 * * *' } })).toThrow('unknown job "ghost"');
  });
});
