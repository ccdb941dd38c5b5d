/**
 * One scheduler replica in its own process, for the scheduler reliability test: it runs the
 * coordinator's `runJobSlot` for a list of slots, as its cron would fire them, with its own clock
 * (CLOCK_OFFSET_MS: a replica whose clock is off), against a job that records its start and end
 * in audit_event (append-only) and takes JOB_SLEEP_MS in between.
 *
 *   DATABASE_URL, INSTANCE_ID, SLOTS (comma-separated ISO instants, in firing order),
 *   CLOCK_OFFSET_MS (default 0), JOB_SLEEP_MS (default 10), STALE_MS (default 30 min),
 *   WAIT_GO=1: print "worker ready" and wait for a line on stdin first (replicas start together)
 *
 * Prints "outcome <slot> <status>[ <taken over from>]" per slot, then "worker done".
 */
import { openDatabase } from '../../src/db/database.js';
import { createLogger } from '../../src/lib/logger.js';
import { createCalendarSource } from '../../src/services/calendar-source.js';
import type { ServiceContext } from '../../src/services/context.js';
import { runJobSlot } from '../../src/scheduler/run-coordinator.js';
import type { JobDefinition } from '../../src/scheduler/job.js';

const env = (name: string, def?: string): string => {
  const v = process.env[name] ?? def;
  if (v === undefined) throw new Error(`${name} is required`);
  return v;
};

const instance = env('INSTANCE_ID');
const offset = Number(env('CLOCK_OFFSET_MS', '0'));
const sleepMs = Number(env('JOB_SLEEP_MS', '10'));
const log = createLogger({ level: 'warn', name: instance });
const db = await openDatabase({ kind: 'postgres', url: env('DATABASE_URL') }, log);
const services: ServiceContext = {
  db: db.prisma,
  clock: { now: () => new Date(Date.now() + offset) },
  calendars: createCalendarSource(db.prisma, { timeZone: 'Asia/Jakarta', cutiBersamaIsWorkday: false }),
  log,
};

const job: JobDefinition = {
  name: 'reliability-probe',
  cron: '* * * * *',
  description: 'records each run (reliability test)',
  async run({ slot }) {
    const subject = slot.toISOString();
    await db.prisma.auditEvent.create({ data: { actorLabel: instance, action: 'probe-start', subject } });
    await new Promise((r) => setTimeout(r, sleepMs));
    await db.prisma.auditEvent.create({ data: { actorLabel: instance, action: 'probe-end', subject } });
    return { summary: `ran by ${instance}` };
  },
};

if (env('WAIT_GO', '0') === '1') {
  process.stdout.write('worker ready\n');
  await new Promise((resolve) => process.stdin.once('data', resolve));
  process.stdin.pause();
}
for (const s of env('SLOTS').split(',').filter(Boolean)) {
  const out = await runJobSlot({ services, log, kick: () => {}, instanceId: instance, staleAfterMs: Number(env('STALE_MS', String(30 * 60_000))) }, job, new Date(s));
  const extra = out.status === 'done' && out.takenOverFrom ? ` ${out.takenOverFrom}` : '';
  process.stdout.write(`outcome ${s} ${out.status}${extra}\n`);
}
process.stdout.write('worker done\n');
await db.close();
