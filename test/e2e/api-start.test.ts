/**
 * The REST API in the real bot process (`penghubung start` with API_PORT): reports posted over HTTP
 * are stored, and DUPLICATE_THRESHOLD from the environment decides which are flagged.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createApiToken } from '../../src/api/tokens.js';
import { systemActor } from '../../src/services/context.js';
import { freePort } from '../helpers/free-port.js';
import { spawnCli, stopProc, type Proc } from '../helpers/process.js';
import { createTestDb, type TestDb } from '../helpers/test-db.js';
import { buildWorld } from '../helpers/world.js';

const onPostgres = inject('pgTemplate') !== null;
const TITLE = 'Tunjangan kinerja belum dibayar';
const START = 'Tunjangan kinerja pegawai di kantor wilayah belum dibayarkan selama tiga bulan terakhir';

let db: TestDb;
let bot: Proc;
let base: string;
let token: string;

beforeAll(async () => {
  if (!onPostgres) return;
  db = await createTestDb();
  const w = await buildWorld(db, new Date().toISOString());
  token = (await createApiToken(w.ctx, systemActor('system'), { agencyId: w.agencyId, name: 'e2e' })).token;
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  // 0.6: the two texts below (similarity 0.70) are flagged; at the default 0.8 they are not (api.test.ts).
  bot = spawnCli(['start'], { DATABASE_URL: db.url!, API_PORT: String(port), DUPLICATE_THRESHOLD: '0.6', CONSOLE: 'false', DEMO_SEED: 'false', LOG_LEVEL: 'info' });
  await bot.waitFor(/REST API listening/, 90_000);
}, 120_000);

afterAll(async () => {
  if (bot) await stopProc(bot);
  await db?.close();
});

const call = async (method: string, path: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown> }> => {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
};

const report = (trackingId: string, ending: string) => ({
  trackingId, title: TITLE, body: `${START} ${ending}`, category: 'normatif', receivedAt: '2026-03-02T01:00:00Z',
});

describe.runIf(onPostgres)('the REST API of a running bot', () => {
  it('stores posted reports and flags a near-duplicate at the configured threshold', async () => {
    expect((await call('POST', '/api/v1/reports', report('5200001', 'tanpa penjelasan dari bagian keuangan.'))).status).toBe(201);
    expect((await call('POST', '/api/v1/reports', report('5200002', ', mohon segera ditindaklanjuti oleh pimpinan.'))).status).toBe(201);
    const second = await call('GET', '/api/v1/reports/5200002');
    expect(second.status).toBe(200);
    expect(second.json.report).toMatchObject({ trackingId: '5200002', duplicateOf: '5200001' });
  }, 60_000);
});
