/**
 * Replica crash: three dispatcher processes share a burst of 5,000 messages to 100 chats; one is
 * killed with SIGKILL mid-burst. Every message arrives at the (fake) Telegram API, each chat in
 * order, and exactly once — except the documented window of the dispatcher (outbox-dispatcher.ts):
 * a message the dead replica had handed to Telegram but not yet marked SENT is sent again when its
 * lease runs out. Such duplicates must be among the rows the dead replica held, and right after
 * their original (so the chat's order stays intact).
 *
 * The dispatchers run with the platform limits switched off (test/reliability/dispatcher-worker.ts):
 * at Telegram's 30/s a 5,000-message burst alone would take almost three minutes.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { spawnTs, stopProc, type Proc } from '../helpers/process.js';
import { FakeTelegramApi } from '../fakes/telegram-api.js';
import { createTestDb, type TestDb } from '../helpers/test-db.js';
import { eventually } from '../helpers/eventually.js';

const onPostgres = inject('pgTemplate') !== null;
const MESSAGES = 5000;
const CHATS = 100;
const WORKER = new URL('./dispatcher-worker.ts', import.meta.url);
/**
 * How long a claimed row is a replica's. Long enough that a live replica on a loaded CI machine
 * never outlives its lease (which would be the same duplicate window, by a stall instead of a
 * crash); short enough that the dead replica's rows come back within the test.
 */
const LEASE_MS = 20_000;

let db: TestDb;
let api: FakeTelegramApi;
const workers: Proc[] = [];

beforeAll(async () => {
  if (!onPostgres) return;
  db = await createTestDb();
  api = await FakeTelegramApi.start();
  for (const id of ['replica-1', 'replica-2', 'replica-3']) {
    workers.push(spawnTs(WORKER, { DATABASE_URL: db.url!, TELEGRAM_API_ROOT: api.apiRoot, TELEGRAM_BOT_TOKEN: api.token, INSTANCE_ID: id, LEASE_MS: String(LEASE_MS) }));
  }
  await Promise.all(workers.map((w) => w.waitFor(/worker ready/, 60_000)));
}, 90_000);

afterAll(async () => {
  if (!onPostgres) return;
  await Promise.all(workers.map((w) => stopProc(w)));
  await api.stop();
  await db.close();
});

const chatOf = (i: number): number => -4_000_000_000 - (i % CHATS);
const textOf = (i: number): string => `crash #${i} seq ${Math.floor(i / CHATS)}`;

describe.runIf(onPostgres)('a replica killed mid-burst', () => {
  it('loses nothing, keeps each chat in order, and duplicates only what the dead replica held', async () => {
    await db.prisma.outbox.createMany({
      data: Array.from({ length: MESSAGES }, (_, i) => ({ platform: 'telegram' as const, target: String(chatOf(i)), purpose: 'notice', payload: { text: textOf(i) } })),
    });
    // Kill replica 2 once a third of the burst is through, at a moment it holds rows: frozen with
    // SIGSTOP (its statements already on the wire settle), looked at, then SIGKILLed — or let go
    // on and tried again a little later. Rows it held were claimed and maybe sent, never marked SENT.
    // Polled (not api.waitFor, which would copy every message after each call).
    await eventually(() => expect(api.messages().length).toBeGreaterThanOrEqual(MESSAGES / 3), 120_000, 100);
    const victim = workers[1]!;
    const heldBy = async (): Promise<number> => db.prisma.outbox.count({ where: { status: 'SENDING', lockedBy: 'replica-2' } });
    const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
    await eventually(async () => {
      victim.child.kill('SIGSTOP');
      await pause(200);
      const holding = await heldBy();
      if (holding === 0) {
        victim.child.kill('SIGCONT');
        await pause(50);
      }
      expect(holding).toBeGreaterThan(0);
    }, 60_000, 0);
    victim.child.kill('SIGKILL');
    await victim.exited();
    const held = new Set(
      (await db.prisma.outbox.findMany({ where: { status: 'SENDING', lockedBy: 'replica-2' }, select: { payload: true } })).map((r) => (r.payload as { text: string }).text),
    );
    expect(held.size).toBeGreaterThan(0); // the crash does cut through claimed rows

    await eventually(async () => {
      expect(await db.prisma.outbox.count({ where: { status: { not: 'SENT' } } })).toBe(0);
    }, 150_000, 500);

    const delivered = api.messages().map((m) => ({ chat: m.chat.id, text: m.text ?? '' }));
    const counts = new Map<string, number>();
    for (const d of delivered) counts.set(d.text, (counts.get(d.text) ?? 0) + 1);
    const missing = Array.from({ length: MESSAGES }, (_, i) => textOf(i)).filter((t) => !counts.has(t));
    expect(missing).toEqual([]);
    const duplicated = [...counts].filter(([, n]) => n > 1).map(([t]) => t);
    const unexpected = duplicated.filter((t) => !held.has(t));
    const why = unexpected.length
      ? await db.prisma.outbox.findMany({ where: { OR: unexpected.slice(0, 5).map((t) => ({ payload: { equals: { text: t } } })) }, select: { attempts: true, lastError: true, payload: true } })
      : [];
    expect(unexpected, JSON.stringify(why)).toEqual([]);
    for (const [t, n] of counts) expect(n, t).toBeLessThanOrEqual(2);
    console.info(`replica crash: ${duplicated.length} duplicate(s); the killed replica held ${held.size} row(s) at the kill`);

    // Per chat: with a repeated message collapsed into one, the sequence is 0, 1, 2, … in order.
    for (let c = 0; c < CHATS; c++) {
      const seq = delivered.filter((d) => d.chat === chatOf(c)).map((d) => Number(/seq (\d+)/.exec(d.text)?.[1]));
      const collapsed = seq.filter((s, i) => i === 0 || s !== seq[i - 1]);
      expect(collapsed, `chat ${chatOf(c)}`).toEqual(Array.from({ length: MESSAGES / CHATS }, (_, k) => k));
    }
    // The survivors are still running and the dead replica's rows were taken over.
    for (const w of [workers[0]!, workers[2]!]) expect(w.child.exitCode).toBeNull();
    expect(await db.prisma.outbox.count({ where: { lockedBy: { not: null } } })).toBe(0);
  }, 300_000);
});
