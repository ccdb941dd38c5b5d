import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/database.js';
import { FakeClock, systemClock, type Clock } from '../../src/lib/clock.js';
import { silentLogger } from '../../src/lib/logger.js';
import { text, type Target } from '../../src/lib/message.js';
import { enqueue, enqueueEdit } from '../../src/services/outbox.js';
import { OutboxDispatcher, type DispatcherOptions } from '../../src/scheduler/outbox-dispatcher.js';
import { chatGoneAlert } from '../../src/scheduler/outbox-finish.js';
import { backoffMs, chatWindowFreeAt, DEFAULT_LIMITS, slotSpacingMs } from '../../src/scheduler/rate-limit.js';
import { createTestDb, type TestDb } from '../helpers/test-db.js';
import { DeliveryLog, FakePort, maxInWindow, type FakePortOptions } from '../fakes/fake-port.js';

const onPostgres = inject('pgTemplate') !== null;
const UNLIMITED = { telegram: { perChatPerMinute: Infinity, perSecond: Infinity } };

let db: TestDb;
let agencyId: string;
const extra: Database[] = [];

beforeAll(async () => {
  db = await createTestDb();
  const agency = await db.prisma.agency.create({ data: { code: 'OUTBOX', name: 'Instansi Uji' } });
  agencyId = agency.id;
  const unit = await db.prisma.unit.create({ data: { agencyId, code: 'OUTBOX-PENGADAAN', name: 'Direktorat Pengadaan' } });
  await db.prisma.chat.createMany({
    data: [
      { platform: 'telegram', externalId: '-100', agencyId, unitId: null, title: 'Admin Instansi' },
      { platform: 'telegram', externalId: '-200', agencyId, unitId: unit.id, title: 'Direktorat Pengadaan' },
      { platform: 'telegram', externalId: '-300', agencyId, unitId: unit.id },
    ],
  });
});

afterEach(async () => {
  // Tests share the database: nothing of one test may be claimable in the next.
  await db.prisma.outbox.updateMany({ where: { status: { in: ['PENDING', 'SENDING'] } }, data: { status: 'CANCELLED' } });
  await db.prisma.sendRate.deleteMany({});
});

afterAll(async () => {
  for (const d of extra) await d.close().catch(() => {});
  await db?.close();
});

const tg = (chatId: string, threadId?: string): Target => ({ platform: 'telegram', chatId, ...(threadId ? { threadId } : {}) });

async function put(target: Target, body: string): Promise<bigint> {
  const id = await enqueue(db.prisma, target, text(body), { purpose: 'reply' });
  if (id === null) throw new Error('not enqueued');
  return id;
}

/** A clock ahead of real time, so rows enqueued now (database time) are already due. */
const aheadClock = (): FakeClock => new FakeClock(new Date(Date.now() + 3_600_000));

function setup(clock: Clock, portOpts: FakePortOptions = {}, opts: Partial<DispatcherOptions> = {}): { port: FakePort; d: OutboxDispatcher } {
  const port = new FakePort({ clock, ...portOpts });
  const d = new OutboxDispatcher({ db: db.prisma, ports: { telegram: port }, log: silentLogger(), clock, instanceId: 'solo', limits: UNLIMITED, ...opts });
  return { port, d };
}

async function drain(d: OutboxDispatcher): Promise<number> {
  let total = 0;
  for (let n = await d.runOnce(); n > 0; n = await d.runOnce()) total += n;
  return total;
}

async function until(cond: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const row = (id: bigint) => db.prisma.outbox.findUniqueOrThrow({ where: { id } });

describe('one dispatcher', () => {
  it('sends each chat in order, one head row per chat per claim, and records SENT with ids', async () => {
    const clock = aheadClock();
    const { port, d } = setup(clock);
    const ids = [await put(tg('-200'), 'a1'), await put(tg('-300'), 'b1'), await put(tg('-200'), 'a2'), await put(tg('-200'), 'a3'), await put(tg('-300'), 'b2')];
    expect(await d.runOnce()).toBe(2); // only the head of each chat
    expect(await drain(d)).toBe(3);
    expect(port.log.texts('-200')).toEqual(['a1', 'a2', 'a3']);
    expect(port.log.texts('-300')).toEqual(['b1', 'b2']);
    for (const id of ids) {
      const r = await row(id);
      expect(r).toMatchObject({ status: 'SENT', attempts: 1, lockedBy: null, lockedUntil: null, sentAt: clock.now() });
      const delivered = port.log.deliveries.find((x) => x.text === (r.payload as { text: string }).text);
      expect(r.platformMessageId).toBe(delivered?.messageId);
    }
  });

  it('edits resolve the original message id; not_modified counts as sent', async () => {
    const clock = aheadClock();
    const { port, d } = setup(clock);
    const id = await put(tg('-200'), 'post v1');
    await d.runOnce();
    const original = await row(id);
    await enqueueEdit(db.prisma, original, text('post v2'));
    expect(await d.runOnce()).toBe(1);
    const edit = port.calls.find((c) => c.op === 'edit');
    expect(edit).toMatchObject({ editOf: original.platformMessageId, text: 'post v2', outcome: 'delivered' });
    const editRow = await db.prisma.outbox.findFirstOrThrow({ where: { editOfId: id, kind: 'edit' } });
    expect(editRow.status).toBe('SENT');

    port.fail({ op: 'edit', kind: 'not_modified', times: 1 });
    await enqueueEdit(db.prisma, original, text('post v2'));
    expect(await d.runOnce()).toBe(1);
    const second = await db.prisma.outbox.findFirstOrThrow({ where: { editOfId: id, kind: 'edit', id: { not: editRow.id } } });
    expect(second).toMatchObject({ status: 'SENT', platformMessageId: original.platformMessageId });
  });

  it('cancels an edit whose original failed; a rejected row fails and the chat goes on', async () => {
    const clock = aheadClock();
    const { port, d } = setup(clock);
    port.fail({ target: '-200', kind: 'rejected', times: 1 });
    const id = await put(tg('-200'), 'bad');
    const next = await put(tg('-200'), 'good');
    await d.runOnce();
    expect((await row(id)).status).toBe('FAILED');
    await enqueueEdit(db.prisma, await row(id), text('bad v2'));
    await drain(d);
    expect((await row(next)).status).toBe('SENT');
    const editRow = await db.prisma.outbox.findFirstOrThrow({ where: { editOfId: id } });
    expect(editRow.status).toBe('CANCELLED');
    expect(port.calls.filter((c) => c.op === 'edit')).toEqual([]);
  });
});

describe('loop', () => {
  it('kick() wakes an idle loop at once; stop() lets the send in flight finish', async () => {
    const { port, d } = setup(systemClock, { latencyMs: 300 }, { idleMs: 60_000 });
    d.start();
    try {
      await new Promise((r) => setTimeout(r, 100)); // the loop is now asleep for a minute
      await put(tg('-200'), 'kicked');
      const t0 = Date.now();
      d.kick();
      await until(() => port.calls.length === 1, 20_000, 'the kicked send');
      // Far below the 60 s idle sleep: only kick() can explain it (not a speed assertion).
      expect(Date.now() - t0).toBeLessThan(20_000);
    } finally {
      await d.stop();
    }
    expect(port.log.texts('-200').at(-1)).toBe('kicked');
    expect((await db.prisma.outbox.findFirstOrThrow({ where: { payload: { equals: { text: 'kicked' } } } })).status).toBe('SENT');
  });
});

describe('retries', () => {
  it('429: not retried before retry_after, never FAILED, not counted as an attempt', async () => {
    const clock = aheadClock();
    const { port, d } = setup(clock, {}, { maxAttempts: 2 });
    port.fail({ target: '-200', kind: 'rate_limited', retryAfterMs: 30_000, times: 2 });
    const id = await put(tg('-200'), 'limited');
    const start = clock.now().getTime();
    expect(await d.runOnce()).toBe(1);
    expect(await row(id)).toMatchObject({ status: 'PENDING', attempts: 0, nextAttemptAt: new Date(start + 30_000) });
    clock.advance(29_999);
    expect(await d.runOnce()).toBe(0);
    clock.advance(1);
    expect(await d.runOnce()).toBe(1); // second 429
    clock.advance(30_000);
    expect(await d.runOnce()).toBe(1);
    expect(await row(id)).toMatchObject({ status: 'SENT', attempts: 1 });
    expect(port.calls.map((c) => [c.outcome, c.at - start])).toEqual([['rate_limited', 0], ['rate_limited', 30_000], ['delivered', 60_000]]);
  });

  it('5xx: retried with exponential backoff, the chat waits, then succeeds', async () => {
    const clock = aheadClock();
    const { port, d } = setup(clock);
    port.fail({ target: '-200', kind: 'transient', times: 2 });
    const id = await put(tg('-200'), 'flaky');
    await put(tg('-200'), 'after');
    await d.runOnce();
    expect(await row(id)).toMatchObject({ status: 'PENDING', attempts: 1 });
    clock.advance(999);
    expect(await d.runOnce()).toBe(0); // the row behind it is blocked too
    clock.advance(1);
    await d.runOnce();
    expect(await row(id)).toMatchObject({ status: 'PENDING', attempts: 2 });
    clock.advance(1_999);
    expect(await d.runOnce()).toBe(0);
    clock.advance(1);
    await drain(d);
    expect(await row(id)).toMatchObject({ status: 'SENT', attempts: 3 });
    expect(port.log.texts('-200')).toEqual(['flaky', 'after']);
  });

  it('fails a row after maxAttempts transient failures, then goes on with the chat', async () => {
    const clock = aheadClock();
    const { port, d } = setup(clock, {}, { maxAttempts: 3 });
    port.fail({ textIncludes: 'doomed', kind: 'transient' });
    const id = await put(tg('-200'), 'doomed');
    const next = await put(tg('-200'), 'next');
    for (let i = 0; i < 3; i++) {
      expect(await d.runOnce()).toBe(1);
      clock.advance(10_000);
    }
    expect(await row(id)).toMatchObject({ status: 'FAILED', attempts: 3 });
    expect((await row(id)).lastError).toContain('transient');
    await drain(d);
    expect((await row(next)).status).toBe('SENT');
  });
});

describe('chat gone', () => {
  it('marks the chat unhealthy, cancels its queue, audits and alerts the admin chat', async () => {
    const clock = aheadClock();
    const { port, d } = setup(clock);
    port.fail({ target: '-200', kind: 'chat_gone', message: 'Forbidden: bot was kicked from the group chat' });
    const first = await put(tg('-200'), 'r1');
    const rest = [await put(tg('-200'), 'r2'), await put(tg('-200'), 'r3')];
    const other = await put(tg('-300'), 'elsewhere');
    await d.runOnce();
    expect(await row(first)).toMatchObject({ status: 'FAILED' });
    for (const id of rest) expect((await row(id)).status).toBe('CANCELLED');
    expect((await row(other)).status).toBe('SENT');
    const chat = await db.prisma.chat.findFirstOrThrow({ where: { externalId: '-200' } });
    expect(chat).toMatchObject({ healthy: false, unhealthyReason: 'Forbidden: bot was kicked from the group chat' });
    const audit = await db.prisma.auditEvent.findFirstOrThrow({ where: { action: 'chat_unhealthy', subject: chat.id } });
    expect(audit.agencyId).toBe(agencyId);
    const alerts = await db.prisma.outbox.findMany({ where: { purpose: 'notice' } });
    expect(alerts.map((a) => [a.target, (a.payload as { text: string }).text])).toEqual([
      ['-100', '⚠️ Bot tidak dapat mengirim ke grup Direktorat Pengadaan (Forbidden: bot was kicked from the group chat). Periksa apakah bot masih anggota grup, lalu ikat ulang dengan /ikat.'],
    ]);
    await drain(d);
    expect(port.log.texts('-100')).toEqual([chatGoneAlert('Direktorat Pengadaan', 'Forbidden: bot was kicked from the group chat')]);
    await db.prisma.chat.update({ where: { id: chat.id }, data: { healthy: true, unhealthyReason: null } });
  });

  it('no alert when the admin chat itself is gone; a private chat only fails the row', async () => {
    const clock = aheadClock();
    const { port, d } = setup(clock);
    port.fail({ target: '-100', kind: 'chat_gone' }).fail({ target: '777', kind: 'chat_gone', times: 1 });
    const notices = await db.prisma.outbox.count({ where: { purpose: 'notice' } });
    const admin = await put(tg('-100'), 'to admin');
    const dm1 = await put(tg('777'), 'dm 1');
    const dm2 = await put(tg('777'), 'dm 2');
    await drain(d);
    expect((await row(admin)).status).toBe('FAILED');
    expect(await db.prisma.chat.findFirstOrThrow({ where: { externalId: '-100' } })).toMatchObject({ healthy: false });
    expect(await db.prisma.outbox.count({ where: { purpose: 'notice' } })).toBe(notices);
    expect((await row(dm1)).status).toBe('FAILED');
    expect((await row(dm2)).status).toBe('SENT');
    await db.prisma.chat.updateMany({ where: { externalId: '-100' }, data: { healthy: true, unhealthyReason: null } });
  });
});

describe('limiter arithmetic', () => {
  it('frees a full chat window when its oldest send leaves it, counting sends in flight', () => {
    const now = new Date('2026-03-02T02:00:00Z');
    const ago = (s: number) => new Date(now.getTime() - s * 1000);
    const recent = [ago(1), ago(10), ago(20), ago(30), ago(50)];
    expect(chatWindowFreeAt(recent, 0, 6, now)).toBeNull();
    expect(chatWindowFreeAt(recent, 0, 5, now)).toEqual(new Date(ago(50).getTime() + 60_000));
    expect(chatWindowFreeAt(recent, 1, 5, now)).toEqual(new Date(ago(30).getTime() + 60_000));
    expect(chatWindowFreeAt([ago(61), ago(70)], 0, 2, now)).toBeNull();
    expect(chatWindowFreeAt([], 2, 2, now)).toEqual(new Date(now.getTime() + 1_000));
  });

  it('paces slots 5% wider than 1/perSecond; WhatsApp jitter 500–1500 ms never below the pacing', () => {
    expect(slotSpacingMs({ perChatPerMinute: 20, perSecond: 30 })).toBe(35);
    expect(slotSpacingMs({ perChatPerMinute: 20, perSecond: 20 })).toBe(53);
    const wa = DEFAULT_LIMITS.whatsapp!;
    expect(slotSpacingMs(wa, () => 0)).toBe(1_050);
    expect(slotSpacingMs(wa, () => 0.99)).toBe(1_490);
    expect([1, 2, 3, 4, 9, 20].map((n) => backoffMs(n, 1_000, 300_000))).toEqual([1_000, 2_000, 4_000, 8_000, 256_000, 300_000]);
  });
});

/** Extra dispatchers on the same database, each with its own connection pool (a replica). */
async function replica(instanceId: string, clock: Clock | undefined, port: FakePort, opts: Partial<DispatcherOptions>): Promise<OutboxDispatcher> {
  if (!db.url) throw new Error('needs PostgreSQL');
  const own = await openDatabase({ kind: 'postgres', url: db.url });
  extra.push(own);
  return new OutboxDispatcher({ db: own.prisma, ports: { telegram: port }, log: silentLogger(), instanceId, idleMs: 20, ...(clock ? { clock } : {}), ...opts });
}

describe.skipIf(!onPostgres)('several replicas (PostgreSQL)', () => {
  it('holds perChatPerMinute across 2 dispatchers, forum topics counted with their group', async () => {
    const clock = aheadClock();
    const log = new DeliveryLog();
    const limits = { telegram: { perChatPerMinute: 5, perSecond: Infinity } };
    const ports = [new FakePort({ name: 'p1', log, clock }), new FakePort({ name: 'p2', log, clock })];
    const ds = [await replica('w1', clock, ports[0]!, { limits }), await replica('w2', clock, ports[1]!, { limits })];
    for (let i = 1; i <= 8; i++) await put(tg('-500'), `g${i}`);
    for (let i = 1; i <= 6; i++) await put(tg('-500', '9'), `t${i}`);
    for (let i = 1; i <= 3; i++) await put(tg('-600'), `o${i}`);
    ds.forEach((d) => d.start());
    try {
      const settle = async (n: number): Promise<void> => {
        await until(() => log.texts('-500').length >= n && log.texts('-600').length === 3, 10_000, `${n} sends`);
        await new Promise((r) => setTimeout(r, 300)); // nothing more may come in this window
        expect(log.texts('-500')).toHaveLength(n);
      };
      await settle(5);
      const head = await db.prisma.outbox.findFirstOrThrow({ where: { target: '-500', threadId: '', status: 'PENDING' }, orderBy: { id: 'asc' } });
      expect(head.nextAttemptAt).toEqual(new Date(clock.now().getTime() + 60_000));
      expect(head.attempts).toBe(0);
      for (const n of [10, 14]) {
        clock.advance(60_000);
        ds.forEach((d) => d.kick());
        await settle(n);
      }
      expect(log.maxInWindow(60_000, '-500')).toBe(5);
      expect(log.texts('-500', '')).toEqual(['g1', 'g2', 'g3', 'g4', 'g5', 'g6', 'g7', 'g8']);
      expect(log.texts('-500', '9')).toEqual(['t1', 't2', 't3', 't4', 't5', 't6']);
    } finally {
      await Promise.all(ds.map((d) => d.stop()));
    }
  });

  it('paces a platform at perSecond across 2 dispatchers (throughput is measured by the bench, not here)', async () => {
    const log = new DeliveryLog();
    const limits = { telegram: { perChatPerMinute: Infinity, perSecond: 20 } };
    const ports = [new FakePort({ name: 'q1', log, latencyMs: [1, 5] }), new FakePort({ name: 'q2', log, latencyMs: [1, 5] })];
    const ds = [await replica('v1', undefined, ports[0]!, { limits }), await replica('v2', undefined, ports[1]!, { limits })];
    const rows = Array.from({ length: 60 }, (_, i) => ({ platform: 'telegram' as const, target: `-7${String(i % 30).padStart(3, '0')}`, payload: { text: `pace ${i}` } }));
    await db.prisma.outbox.createMany({ data: rows });
    ds.forEach((d) => d.start());
    try {
      await until(() => log.deliveries.length === 60, 60_000, '60 paced sends');
      const times = log.deliveries.map((x) => x.realAt);
      const rate = (60 - 1) / ((Math.max(...times) - Math.min(...times)) / 1000);
      // As the platform counts: when each request started, in any 1 s window.
      expect(maxInWindow(times, 1_000)).toBeLessThanOrEqual(20);
      expect(rate).toBeLessThanOrEqual(20);
    } finally {
      await Promise.all(ds.map((d) => d.stop()));
    }
  });

  it('3 replicas, 2,000 messages to 20 chats, random 429/5xx, one replica dies: each row delivered once, in order', async () => {
    const log = new DeliveryLog();
    const opts: Partial<DispatcherOptions> = {
      limits: { telegram: { perChatPerMinute: 600, perSecond: 10_000 } },
      leaseMs: 1_000, backoff: { baseMs: 20, maxMs: 200 }, maxAttempts: 8,
    };
    const random = (seed: number) => ({ seed, rateLimited: 0.02, retryAfterMs: 20, transient: 0.02 });
    const ports = [1, 2, 3].map((i) => new FakePort({ name: `r${i}`, log, latencyMs: [0, 3], random: random(i) }));
    const ds = await Promise.all(ports.map((p, i) => replica(`r${i + 1}`, undefined, p, opts)));
    const chats = Array.from({ length: 20 }, (_, c) => `-8${String(c).padStart(3, '0')}`);
    const data = [];
    for (let i = 0; i < 100; i++) for (const c of chats) data.push({ platform: 'telegram' as const, target: c, payload: { text: `${c}:${i}` } });
    await db.prisma.outbox.createMany({ data });
    const t0 = Date.now();
    ds.forEach((d) => d.start());
    const [p1, p2, p3] = ports as [FakePort, FakePort, FakePort];
    const [d1, d2, d3] = ds as [OutboxDispatcher, OutboxDispatcher, OutboxDispatcher];
    try {
      await until(() => log.deliveries.length >= 600, 20_000, '600 deliveries');
      // "Kill" r3: its sends hang (nothing delivered), its loop stops, it is never heard of again.
      p3.hang();
      await until(() => p3.hung.length >= 2, 5_000, 'r3 to hang on claimed rows');
      void d3.stop(); // never resolves: its in-flight sends hang forever
      const hungTexts = new Set(p3.hung.map((c) => c.text));
      await until(async () => (await db.prisma.outbox.count({ where: { target: { in: chats }, status: 'SENT' } })) === 2_000, 40_000, 'all rows SENT');
      const elapsed = Date.now() - t0;

      const counts = log.countByText();
      expect(counts.size).toBe(2_000);
      expect([...counts.values()].every((n) => n === 1)).toBe(true);
      for (const c of chats) expect(log.texts(c)).toEqual(Array.from({ length: 100 }, (_, i) => `${c}:${i}`));
      expect(log.maxInWindow(60_000)).toBeLessThanOrEqual(600);
      for (const p of ports) expect(p.maxConcurrentPerChat).toBe(1);

      // The rows r3 held when it died were taken over after the lease, and delivered by the others.
      const hungRows = await db.prisma.outbox.findMany({ where: { target: { in: chats } } });
      const byText = new Map(hungRows.map((r) => [(r.payload as { text: string }).text, r]));
      for (const t of hungTexts) {
        expect(byText.get(t)?.status).toBe('SENT');
        expect(byText.get(t)?.attempts).toBeGreaterThanOrEqual(2);
        expect(log.deliveries.find((x) => x.text === t)?.port).not.toBe('r3');
      }
      expect(p1.delivered.length + p2.delivered.length + p3.delivered.length).toBe(2_000);
      expect(p1.calls.some((c) => c.outcome === 'rate_limited') || p2.calls.some((c) => c.outcome === 'rate_limited')).toBe(true);
      expect(p1.calls.some((c) => c.outcome === 'transient') || p2.calls.some((c) => c.outcome === 'transient')).toBe(true);
      expect(await db.prisma.outbox.count({ where: { target: { in: chats }, status: { not: 'SENT' } } })).toBe(0);
      console.log(`2,000 messages, 3 replicas (one killed, ${hungTexts.size} rows recovered): ${elapsed} ms`);
    } finally {
      await Promise.all([d1.stop(), d2.stop()]);
    }
  }, 60_000);
});
