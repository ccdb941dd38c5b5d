/**
 * The scheduler across replicas (src/scheduler/run-coordinator.ts): three processes fire the same
 * 40 slots in different orders with clocks four minutes apart, one of them firing ten slots again
 * after its clock jumped back; a replica killed in the middle of a slot is restarted and retries
 * it once. Each slot's job runs to the end exactly once (evidence: the job's own start/end rows).
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestDb, type TestDb } from '../helpers/test-db.js';
import { eventually } from '../helpers/eventually.js';
import { spawnTs, stopProc, type Proc } from '../helpers/process.js';

const onPostgres = inject('pgTemplate') !== null;
const WORKER = new URL('./scheduler-worker.ts', import.meta.url);
const BASE = Date.parse('2026-03-02T01:00:00Z');
const SLOTS = Array.from({ length: 40 }, (_, i) => new Date(BASE + i * 60_000).toISOString());

let db: TestDb;
const procs: Proc[] = [];

beforeAll(async () => {
  if (!onPostgres) return;
  db = await createTestDb();
});
afterAll(async () => {
  if (!onPostgres) return;
  await Promise.all(procs.map((p) => stopProc(p)));
  await db.close();
});

function worker(env: Record<string, string>): Proc {
  const p = spawnTs(WORKER, { DATABASE_URL: db.url!, ...env });
  procs.push(p);
  return p;
}

/** A deterministic shuffle, so the replicas race over different slots at once. */
const shuffled = (k: number): string[] => [...SLOTS].sort((a, b) => ((Date.parse(a) * (k + 3)) % 97) - ((Date.parse(b) * (k + 3)) % 97) || a.localeCompare(b));

async function runs(action: string): Promise<Map<string, number>> {
  const rows = await db.prisma.auditEvent.groupBy({ by: ['subject'], where: { action }, _count: { _all: true } });
  return new Map(rows.map((r) => [r.subject ?? '', r._count._all]));
}

describe.runIf(onPostgres)('scheduler replicas', () => {
  it('three replicas with skewed clocks and a backward jump run each slot once', async () => {
    // Each run takes 100 ms: for one replica to take all 40 slots, the other two would have to
    // stall for seconds right after "go" — the race between them is real on any machine.
    const together = { WAIT_GO: '1', JOB_SLEEP_MS: '100' };
    const a = worker({ INSTANCE_ID: 'sched-a', SLOTS: shuffled(0).join(','), ...together });
    const b = worker({ INSTANCE_ID: 'sched-b', SLOTS: shuffled(1).join(','), CLOCK_OFFSET_MS: String(-4 * 60_000), ...together });
    // Replica c's clock jumps back ten minutes halfway: its cron fires ten slots a second time.
    const c = worker({ INSTANCE_ID: 'sched-c', SLOTS: [...shuffled(2), ...SLOTS.slice(10, 20)].join(','), CLOCK_OFFSET_MS: String(4 * 60_000), ...together });
    await Promise.all([a, b, c].map((p) => p.waitFor(/worker ready/, 60_000)));
    for (const p of [a, b, c]) p.child.stdin.write('go\n');
    await Promise.all([a, b, c].map((p) => p.waitFor(/worker done/, 120_000)));

    const starts = await runs('probe-start');
    const ends = await runs('probe-end');
    for (const s of SLOTS) {
      expect(starts.get(s), s).toBe(1);
      expect(ends.get(s), s).toBe(1);
    }
    const jobRuns = await db.prisma.jobRun.findMany({ where: { job: 'reliability-probe' } });
    expect(jobRuns).toHaveLength(40);
    expect(jobRuns.every((r) => r.status === 'done' && r.error === null)).toBe(true);
    // Every firing either ran the slot or saw it taken.
    const outcomes = [a, b, c].flatMap((p) => [...p.output().matchAll(/^outcome (\S+) (done|skipped|failed)/gm)].map((m) => m[2]));
    expect(outcomes.filter((o) => o === 'done')).toHaveLength(40);
    expect(outcomes.filter((o) => o === 'failed')).toHaveLength(0);
    expect(outcomes).toHaveLength(40 * 3 + 10);
    // The work was shared: no single replica ran everything.
    const share = Object.fromEntries(['sched-a', 'sched-b', 'sched-c'].map((id) => [id, jobRuns.filter((r) => r.instance === id).length]));
    console.info(`scheduler replicas: slots run per replica ${JSON.stringify(share)}`);
    for (const n of Object.values(share)) expect(n).toBeLessThan(40);
  }, 150_000);

  it('a replica killed mid-slot: the restarted one retries the slot once, the others skip it', async () => {
    const slot = new Date(BASE + 24 * 3_600_000).toISOString();
    const victim = worker({ INSTANCE_ID: 'sched-victim', SLOTS: slot, JOB_SLEEP_MS: '60000' });
    await eventually(async () => expect((await runs('probe-start')).get(slot)).toBe(1), 60_000, 100);
    victim.child.kill('SIGKILL');
    await victim.exited();
    expect(await db.prisma.jobRun.findFirst({ where: { job: 'reliability-probe', slot: new Date(slot) } })).toMatchObject({ status: 'running', instance: 'sched-victim' });

    // Restarted (a fresh process), after the slot is considered stale; then a third replica.
    await new Promise((r) => setTimeout(r, 1500));
    const restarted = worker({ INSTANCE_ID: 'sched-restarted', SLOTS: slot, STALE_MS: '1000' });
    await restarted.waitFor(/worker done/, 60_000);
    expect(restarted.output()).toMatch(new RegExp(`outcome ${slot} done sched-victim`));
    const late = worker({ INSTANCE_ID: 'sched-late', SLOTS: slot, STALE_MS: '1000' });
    await late.waitFor(/worker done/, 60_000);
    expect(late.output()).toMatch(new RegExp(`outcome ${slot} skipped`));

    expect((await runs('probe-start')).get(slot)).toBe(2); // the killed run and the retry
    expect((await runs('probe-end')).get(slot)).toBe(1); // finished exactly once
    const row = await db.prisma.jobRun.findFirstOrThrow({ where: { job: 'reliability-probe', slot: new Date(slot) } });
    expect(row).toMatchObject({ status: 'done', instance: 'sched-restarted' });
    expect(row.error).toMatch(/^retry: run by sched-victim/);
  }, 150_000);
});
