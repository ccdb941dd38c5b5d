import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createApi } from '../../src/api/app.js';
import { registerHealth } from '../../src/api/health.js';
import { startApi } from '../../src/api/server.js';
import { createApiToken } from '../../src/api/tokens.js';
import { FakeClock } from '../../src/lib/clock.js';
import { silentLogger } from '../../src/lib/logger.js';
import { resetCounters } from '../../src/lib/metrics.js';
import { OutboxDispatcher } from '../../src/scheduler/outbox-dispatcher.js';
import { systemActor, type ServiceContext } from '../../src/services/context.js';
import { archiveReport } from '../../src/services/reports/admin-actions.js';
import { FakePort } from '../fakes/fake-port.js';
import { apiClient, type ApiClient } from '../helpers/api-client.js';
import { createTestDb, type TestDb } from '../helpers/test-db.js';
import { buildWorld, type World } from '../helpers/world.js';

let db: TestDb;
let w: World;
let api: ApiClient;
let token: string;
const sys = systemActor('system');

beforeAll(async () => {
  db = await createTestDb();
  w = await buildWorld(db);
  token = (await createApiToken(w.ctx, sys, { agencyId: w.agencyId, name: 'ops' })).token;
  api = apiClient(createApi({ services: w.ctx, log: silentLogger(), trustProxy: true, metrics: async () => '# TYPE penghubung_extra_up gauge\npenghubung_extra_up 1' }), () => token);
});
afterAll(() => db.close());

describe('GET /api/v1/recap', () => {
  beforeAll(async () => {
    // January 2026 in WIB; the last one arrives at 00:00 WIB on 1 February and is outside.
    await w.newReport('6000001', { receivedAt: new Date('2026-01-05T03:00:00Z') });
    await w.newReport('6000002', { receivedAt: new Date('2025-12-31T17:00:00Z') });
    await w.newReport('6000003', { receivedAt: new Date('2026-01-31T16:59:59Z') });
    await w.newReport('6000004', { receivedAt: new Date('2026-01-31T17:00:00Z') });
    await api.call('PATCH', '/api/v1/reports/6000002', { body: { action: 'dispose', unit: 'BKN-PENGADAAN' } });
    await archiveReport(w.ctx, sys, { agencyId: w.agencyId, trackingId: '6000003' }, 'Laporan berulang');
  });

  it('gives the LAPOR! figures of the reports received in the period', async () => {
    const r = await api.call('GET', '/api/v1/recap?from=2026-01-01&to=2026-01-31');
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({
      period: { from: '2026-01-01', to: '2026-01-31' }, timeZone: 'Asia/Jakarta', unit: null,
      belumTerverifikasi: 1, belumDitindaklanjuti: 1, proses: 0, selesai: 0, tunda: 0, arsip: 1,
      total: 2, persenTL: 0, received: 3, asOf: w.ctx.clock.now().toISOString(),
      previous: { period: { from: '2025-12-01', to: '2025-12-31' }, total: 0 },
    });
    const units = (r.json.units as { code: string; belumDitindaklanjuti: number }[]).map((u) => [u.code, u.belumDitindaklanjuti]);
    expect(units).toEqual([['BKN-PENGADAAN', 1], ['BKN-PENSIUN', 0]]);
  });

  it('filters by unit and defaults to the current month', async () => {
    const unit = await api.call('GET', '/api/v1/recap?from=2026-01-01&to=2026-01-31&unit=bkn-pengadaan');
    expect(unit.json).toMatchObject({ unit: 'BKN-PENGADAAN', belumDitindaklanjuti: 1, belumTerverifikasi: 0, arsip: 0, total: 1 });
    const feb = await api.call('GET', '/api/v1/recap?from=2026-02-01&to=2026-02-28');
    expect(feb.json).toMatchObject({ belumTerverifikasi: 1, total: 1 });
    const month = await api.call('GET', '/api/v1/recap');
    expect(month.json).toMatchObject({ period: { from: '2026-03-01', to: w.ctx.clock.now().toISOString().slice(0, 10) } });
  });

  it.each([
    ['?from=2026-02-01&to=2026-01-01', 400, 'INVALID_ARGS'],
    ['?from=01/01/2026', 400, 'INVALID_ARGS'],
    ['?unit=BKN-ENTAH', 404, 'UNIT_NOT_FOUND'],
    ["?unit=x'%20OR%201%3D1", 400, 'INVALID_ARGS'],
    ['?bogus=1', 400, 'INVALID_ARGS'],
  ])('refuses %s', async (query, status, code) => {
    const r = await api.call('GET', `/api/v1/recap${query}`);
    expect([r.status, r.json.error?.code]).toEqual([status, code]);
  });
});

describe('GET /healthz', () => {
  let unregister: (() => void) | undefined;
  afterEach(() => unregister?.());

  it('reports the database and the outbox depth', async () => {
    const pending = await db.prisma.outbox.count({ where: { status: 'PENDING' } });
    const r = await api.call('GET', '/healthz', { token: null });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ status: 'ok', checks: { database: { ok: true }, outbox: { ok: true, detail: { pending, sending: 0 } } } });
    expect(pending).toBeGreaterThan(0);
  });

  it('turns 503 when a registered check fails, throws or hangs, and back when it is removed', async () => {
    unregister = registerHealth('whatsapp', () => ({ ok: false, detail: { state: 'DISCONNECTED' } }));
    const down = await api.call('GET', '/healthz', { token: null });
    expect(down.status).toBe(503);
    expect(down.json).toMatchObject({ status: 'fail', checks: { database: { ok: true }, whatsapp: { ok: false, detail: { state: 'DISCONNECTED' } } } });
    unregister();
    unregister = registerHealth('broken', () => {
      throw new Error('socket closed');
    });
    expect((await api.call('GET', '/healthz', { token: null })).json).toMatchObject({ checks: { broken: { ok: false, detail: 'Error: socket closed' } } });
    unregister();
    const slow = createApi({ services: w.ctx, log: silentLogger(), healthTimeoutMs: 50 });
    unregister = registerHealth('hung', () => new Promise(() => {}));
    const hung = await slow.request('/healthz');
    expect(hung.status).toBe(503);
    expect(await hung.json()).toMatchObject({ checks: { hung: { ok: false } } });
    unregister();
    unregister = registerHealth('whatsapp', () => ({ ok: true }));
    expect((await api.call('GET', '/healthz', { token: null })).status).toBe(200);
  });
});

/** Parse Prometheus text format 0.0.4 strictly enough to catch a malformed line. */
function parseMetrics(text: string): { types: Map<string, string>; samples: Map<string, number> } {
  const types = new Map<string, string>();
  const samples = new Map<string, number>();
  expect(text.endsWith('\n')).toBe(true);
  for (const line of text.trimEnd().split('\n')) {
    const type = /^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram|summary|untyped)$/.exec(line);
    if (type) {
      expect(types.has(type[1]!)).toBe(false);
      types.set(type[1]!, type[2]!);
      continue;
    }
    if (/^# HELP [a-zA-Z_:][a-zA-Z0-9_:]* .+$/.test(line)) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?:[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\.)*",?)*\})? (-?[0-9.]+(?:e[+-]?[0-9]+)?)$/.exec(line);
    expect(m, `bad metrics line: ${line}`).not.toBeNull();
    samples.set(`${m![1]}${m![2] ?? ''}`, Number(m![3]));
  }
  return { types, samples };
}

describe('GET /metrics', () => {
  it('exposes queue depth, job runs and send counters in Prometheus text format', async () => {
    resetCounters();
    await db.prisma.jobRun.create({ data: { job: 'deadline-sweep', slot: new Date('2026-03-02T01:00:00Z'), instance: 'a', status: 'done', finishedAt: new Date('2026-03-02T01:00:05Z') } });
    // Send the queued posts through a dispatcher (its clock ahead, so that every row is due); one 429 first.
    await w.newReport('7000001', { receivedAt: new Date('2026-03-02T01:00:00Z') });
    await api.call('PATCH', '/api/v1/reports/7000001', { body: { action: 'dispose', unit: 'BKN-PENSIUN' } });
    const clock = new FakeClock(new Date(Date.now() + 3_600_000));
    const port = new FakePort({ clock }).fail({ target: w.chats.B, kind: 'rate_limited', times: 1, retryAfterMs: 1 });
    const d = new OutboxDispatcher({ db: db.prisma, ports: { telegram: port }, log: silentLogger(), clock, instanceId: 'metrics', limits: { telegram: { perChatPerMinute: Infinity, perSecond: Infinity } } });
    await d.runOnce();
    clock.advance(10);
    for (let i = 0; i < 20 && (await d.runOnce()) > 0; i++) clock.advance(10);
    const sent = await db.prisma.outbox.count({ where: { status: 'SENT', platform: 'telegram' } });
    expect(sent).toBeGreaterThan(0);

    const r = await api.call('GET', '/metrics', { token: null });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const { types, samples } = parseMetrics(r.text);
    for (const key of samples.keys()) expect(types.has(key.replace(/\{.*$/, '')), key).toBe(true);
    const pending = await db.prisma.outbox.count({ where: { status: 'PENDING', platform: 'telegram' } });
    expect(samples.get('penghubung_outbox_queue{status="PENDING",platform="telegram"}')).toBe(pending);
    expect(samples.get('penghubung_outbox_queue{status="FAILED",platform="whatsapp"}')).toBe(0);
    expect(samples.get('penghubung_job_runs{job="deadline-sweep",status="done"}')).toBe(1);
    expect(samples.get('penghubung_job_last_run_timestamp_seconds{job="deadline-sweep",status="done"}')).toBe(Date.parse('2026-03-02T01:00:05Z') / 1000);
    expect(samples.get('penghubung_outbox_sent_total{platform="telegram"}')).toBe(sent);
    expect(samples.get('penghubung_outbox_rate_limited_total{platform="telegram"}')).toBe(1);
    expect(types.get('penghubung_outbox_sent_total')).toBe('counter');
    expect(samples.get('penghubung_extra_up')).toBe(1);
  });

  it('asks for the metrics token when one is configured', async () => {
    const guarded = apiClient(createApi({ services: w.ctx, log: silentLogger(), metricsToken: 'scrape-secret-123' }), () => 'scrape-secret-123');
    expect((await guarded.call('GET', '/metrics', { token: null })).status).toBe(401);
    expect((await guarded.call('GET', '/metrics', { token: 'wrong' })).status).toBe(401);
    expect((await guarded.call('GET', '/metrics')).status).toBe(200);
  });
});

describe('GET /api/v1/openapi.json', () => {
  it('documents every route with schemas generated from the validators', async () => {
    const r = await api.call('GET', '/api/v1/openapi.json', { token: null });
    expect(r.status).toBe(200);
    const doc = r.json as { openapi: string; paths: Record<string, Record<string, unknown>>; components: { schemas: Record<string, { required?: string[]; properties?: Record<string, unknown>; additionalProperties?: unknown }> } };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths).sort()).toEqual(['/api/v1/openapi.json', '/api/v1/recap', '/api/v1/reports', '/api/v1/reports/{trackingId}', '/healthz', '/metrics']);
    expect(Object.keys(doc.paths['/api/v1/reports/{trackingId}']!).sort()).toEqual(['get', 'parameters', 'patch']);
    const input = doc.components.schemas.ReportInput!;
    expect(input.required?.sort()).toEqual(['body', 'category', 'title', 'trackingId']);
    expect(input.additionalProperties).toBe(false);
    expect(Object.keys(doc.components.schemas.ReportPatch!.properties ?? {})).toContain('action');
    expect(Object.keys(doc.components.schemas.ReportView!.properties ?? {})).not.toContain('reporter');
    // Every $ref points at a schema that exists.
    for (const ref of r.text.match(/"#\/components\/schemas\/[A-Za-z]+"/g) ?? []) expect(doc.components.schemas).toHaveProperty(ref.slice(22, -1));
  });
});

describe('unexpected errors', () => {
  it('answer 500 in JSON without details, and the log gets a masked message', async () => {
    const lines: string[] = [];
    const log = pino({ level: 'error' }, new Writable({ write: (chunk, _enc, done) => { lines.push(String(chunk)); done(); } }));
    // A database whose report look-up fails with personal data in the message, as driver errors can.
    const db = new Proxy(w.ctx.db, {
      get: (target, key) => key === 'report'
        ? new Proxy(target.report, { get: (r, m) => (m === 'findUnique' ? async () => { throw new Error('query failed for contact 0812-3456-7890'); } : Reflect.get(r, m)) })
        : Reflect.get(target, key),
    });
    const services: ServiceContext = { ...w.ctx, db };
    const broken = apiClient(createApi({ services, log }), () => token);
    const r = await broken.call('GET', '/api/v1/reports/1234567');
    expect(r.status).toBe(500);
    expect(r.json.error?.code).toBe('INTERNAL');
    expect(r.text).not.toMatch(/0812|query failed/);
    expect(lines.join('')).toContain('query failed for contact [TELEPON]');
    expect(lines.join('')).not.toContain('0812-3456-7890');
  });
});

describe('startApi', () => {
  it('serves over real HTTP on a free port and stops', async () => {
    const server = await startApi({ port: 0, hostname: '127.0.0.1', services: w.ctx, log: silentLogger() });
    try {
      expect(server.port).toBeGreaterThan(0);
      const health = await fetch(`http://127.0.0.1:${server.port}/healthz`);
      expect(health.status).toBe(200);
      const created = await fetch(`http://127.0.0.1:${server.port}/api/v1/reports`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ trackingId: '8000001', title: 'Lewat HTTP', body: 'Isi laporan', category: 'informasi' }),
      });
      expect(created.status).toBe(201);
      expect(await created.json()).toMatchObject({ result: 'created', report: { trackingId: '8000001' } });
    } finally {
      await server.stop();
    }
    await expect(fetch(`http://127.0.0.1:${server.port}/healthz`)).rejects.toThrow();
  });
});
