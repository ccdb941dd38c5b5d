/**
 * Fuzzing the REST API bodies with fast-check: random JSON, valid reports with one field replaced
 * by something hostile (injection, huge, unicode, wrong types), and random PATCH bodies. The API
 * never answers 5xx, every refusal is a JSON error with a code and an Indonesian message, a
 * refused request writes nothing, and no response or log line carries the reporter's identity.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import fc from 'fast-check';
import { createApi } from '../../src/api/app.js';
import { createApiToken } from '../../src/api/tokens.js';
import { systemActor } from '../../src/services/context.js';
import { apiClient, type ApiClient } from '../helpers/api-client.js';
import { createTestDb, type TestDb } from '../helpers/test-db.js';
import { buildWorld, type World } from '../helpers/world.js';
import { capturingLogger, scanner } from './pii-scanner.js';
import { NASTY } from './fuzz-inputs.js';

const onPostgres = inject('pgTemplate') !== null;
const RUNS = Number(process.env.FUZZ_API_RUNS ?? 1500);
const NAME = 'Rina Kartika';
const PHONE = '0812-3456-7890';

let db: TestDb;
let w: World;
let api: ApiClient;
const logLines: string[] = [];

beforeAll(async () => {
  if (!onPostgres) return;
  db = await createTestDb();
  w = await buildWorld(db);
  const token = (await createApiToken(w.ctx, systemActor('system'), { agencyId: w.agencyId, name: 'fuzz' })).token;
  api = apiClient(createApi({ services: { ...w.ctx, log: capturingLogger(logLines) }, log: capturingLogger(logLines), trustProxy: true }), () => token);
  await w.newReport('3000001');
}, 60_000);
afterAll(async () => {
  if (!onPostgres) return;
  await db.close();
});

const valid = (tracking: string): Record<string, unknown> => ({
  trackingId: tracking, title: 'Pengumuman seleksi PPPK', body: `Nama saya ${NAME}, HP ${PHONE}.`, category: 'normatif',
  receivedAt: '2026-03-02T01:00:00Z', topic: 'CPNS/PPPK', channel: 'website', reporter: { name: NAME, contact: PHONE },
});
const FIELDS = ['trackingId', 'title', 'body', 'category', 'receivedAt', 'topic', 'channel', 'reporter', 'unit', 'status', 'extra'];
const hostile = fc.oneof(
  fc.constantFrom(...NASTY),
  fc.jsonValue({ maxDepth: 3 }),
  fc.string({ unit: 'grapheme', maxLength: 300 }),
  fc.constantFrom('x'.repeat(70_000), -1, 1e308, true, null, [], {}, { $ne: null }, '2026-02-30T00:00:00Z'),
);
const body = fc.oneof(
  { weight: 3, arbitrary: fc.tuple(fc.constantFrom(...FIELDS), hostile, fc.integer({ min: 0, max: 999 })).map(([field, v, n]) => ({ ...valid(`FZ-${n}`), [field]: v })) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
);
const patch = fc.record(
  { action: fc.oneof(fc.constantFrom('verify', 'dispose', 'hold', 'archive', 'reopen', 'close', 'frob'), hostile), unit: hostile, reason: hostile, rating: hostile, reporterReplied: hostile },
  { requiredKeys: [] },
);

/** Rows a refused request must not add to; one round trip (it runs twice per request). */
async function counts(): Promise<string> {
  const [row] = await db.prisma.$queryRaw<Record<string, bigint>[]>`
    SELECT (SELECT count(*) FROM report) AS reports, (SELECT count(*) FROM report_event) AS events,
           (SELECT count(*) FROM outbox) AS outbox, (SELECT count(*) FROM reporter) AS reporters`;
  return Object.entries(row!).map(([k, v]) => `${k}=${v}`).join(' ');
}

describe.runIf(onPostgres)('fuzzing the REST API', () => {
  it(`answers ${RUNS} hostile bodies without a 5xx, refusing cleanly and writing nothing on refusal`, async () => {
    const problems: string[] = [];
    const samples = [
      ...fc.sample(body, { numRuns: RUNS, seed: 4242 }).map((b) => ({ method: 'POST', path: '/api/v1/reports', body: b })),
      ...fc.sample(fc.tuple(patch, fc.constantFrom('3000001', 'FZ-1', "1'; DROP TABLE report;--", '%00', 'x'.repeat(60))), { numRuns: Math.ceil(RUNS / 3), seed: 4343 })
        .map(([p, t]) => ({ method: 'PATCH', path: `/api/v1/reports/${encodeURIComponent(t)}`, body: p })),
    ];
    const t0 = performance.now();
    let requestMs = 0;
    for (const s of samples) {
      const before = await counts();
      const t1 = performance.now();
      const r = await api.call(s.method, s.path, { body: s.body });
      requestMs += performance.now() - t1;
      const shown = `${s.method} ${JSON.stringify(s.body).slice(0, 120)}`;
      if (r.status >= 500) problems.push(`${r.status} for ${shown}: ${r.text.slice(0, 200)}`);
      else if (r.status >= 400) {
        if (!r.json?.error?.code || !(r.json.error.message.length > 10)) problems.push(`unclear ${r.status} for ${shown}: ${r.text.slice(0, 200)}`);
        const after = await counts();
        if (after !== before) problems.push(`refused ${shown} but wrote: ${before} → ${after}`);
      }
      if (problems.length >= 10) break;
    }
    // One line for the CI log: a request that suddenly takes seconds shows up here first.
    console.info(`api fuzz: ${samples.length} requests in ${Math.round(performance.now() - t0)} ms (${Math.round(requestMs)} ms in the API)`);
    expect(problems).toEqual([]);
    expect(await db.prisma.$queryRawUnsafe<{ n: bigint }[]>('SELECT count(*) AS n FROM report')).not.toHaveLength(0); // tables intact
    const scan = scanner({ names: [NAME], numbers: [PHONE], emails: [] }, { detect: false });
    expect([...api.seen.flatMap((t) => scan('response', t)), ...logLines.flatMap((l) => scan('log', l))].slice(0, 5)).toEqual([]);
  }, 600_000);
});
