import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi } from '../../src/api/app.js';
import { createApiToken, revokeApiToken } from '../../src/api/tokens.js';
import { silentLogger } from '../../src/lib/logger.js';
import { systemActor } from '../../src/services/context.js';
import { addAgency, addUnit } from '../../src/services/directory/agency-and-units.js';
import { followUpReport } from '../../src/services/reports/unit-actions.js';
import { createTestDb, type TestDb } from '../helpers/test-db.js';
import { buildWorld, type World } from '../helpers/world.js';
import { apiClient, type ApiClient } from '../helpers/api-client.js';

const NAME = 'Rina Kartika';
const PHONE = '0812-3456-7890';
const EMAIL = 'rina.kartika@example.com';
const BODY = `Nama saya ${NAME}, HP ${PHONE}, email ${EMAIL}. Kapan pengumuman seleksi PPPK diumumkan?`;
/** Strings of the reporter's identity that no response may ever contain. */
const IDENTITY = ['Rina', 'Kartika', '3456-7890', '81234567890', 'rina.kartika'];

let db: TestDb;
let w: World;
let api: ApiClient;
let token: string;
let otherToken: string;
let kicks = 0;
const sys = systemActor('system');

beforeAll(async () => {
  db = await createTestDb();
  w = await buildWorld(db);
  token = (await createApiToken(w.ctx, sys, { agencyId: w.agencyId, name: 'lapor-sync' })).token;
  const other = await addAgency(w.ctx, sys, { code: 'KEMENDIK', name: 'Kementerian Lain' });
  await addUnit(w.ctx, sys, { agencyId: other.id, code: 'KEMENDIK-SDM', name: 'Biro SDM' });
  otherToken = (await createApiToken(w.ctx, sys, { agencyId: other.id, name: 'lain' })).token;
  api = apiClient(createApi({ services: w.ctx, log: silentLogger(), trustProxy: true, kick: () => kicks++ }), () => token);
});
afterAll(() => db.close());

const report = (tracking: string, extra: Record<string, unknown> = {}) => ({
  trackingId: tracking, title: 'Pengumuman seleksi PPPK', body: BODY, category: 'normatif', receivedAt: '2026-03-02T01:00:00Z',
  topic: 'CPNS/PPPK', channel: 'website', reporter: { name: NAME, contact: PHONE, gender: 'P', disability: false, vulnerable: true }, ...extra,
});

/** Row counts that a refused request must leave alone. */
async function counts(): Promise<Record<string, number>> {
  const p = db.prisma;
  return { reports: await p.report.count(), events: await p.reportEvent.count(), outbox: await p.outbox.count(), reporters: await p.reporter.count(), audit: await p.auditEvent.count() };
}

const row = (tracking: string) => db.prisma.report.findUniqueOrThrow({ where: { agencyId_trackingId: { agencyId: w.agencyId, trackingId: tracking } } });
const events = async (tracking: string) => (await db.prisma.reportEvent.findMany({ where: { reportId: (await row(tracking)).id }, orderBy: { id: 'asc' } })).map((e) => e.action);

describe('authentication', () => {
  it.each([
    ['missing', null, undefined],
    ['not bearer', null, { authorization: 'Basic dXNlcjpwYXNz' }],
    ['empty bearer', null, { authorization: 'Bearer ' }],
    ['malformed token', 'not-a-token', undefined],
    ['unknown token', `phk_${'A'.repeat(43)}`, undefined],
  ])('refuses a %s token with 401 in JSON', async (_what, tok, headers) => {
    const r = await api.call('GET', '/api/v1/reports/1000001', { token: tok, headers, ip: '10.0.1.1' });
    expect(r.status).toBe(401);
    expect(r.json.error?.code).toBe('UNAUTHORIZED');
    expect(r.json.error?.message).toMatch(/Token API/);
    expect(r.headers.get('www-authenticate')).toMatch(/^Bearer/);
  });

  it('refuses a revoked token, and records use of a good one at most once a minute', async () => {
    const { token: t, row: tokenRow } = await createApiToken(w.ctx, sys, { agencyId: w.agencyId, name: 'sementara' });
    expect((await api.call('GET', '/api/v1/recap', { token: t, ip: '10.0.1.2' })).status).toBe(200);
    const first = (await db.prisma.apiToken.findUniqueOrThrow({ where: { id: tokenRow.id } })).lastUsedAt;
    expect(first?.toISOString()).toBe(w.clock.now().toISOString());
    w.clock.advance(30_000);
    await api.call('GET', '/api/v1/recap', { token: t, ip: '10.0.1.2' });
    expect((await db.prisma.apiToken.findUniqueOrThrow({ where: { id: tokenRow.id } })).lastUsedAt).toEqual(first);
    w.clock.advance(31_000);
    await api.call('GET', '/api/v1/recap', { token: t, ip: '10.0.1.2' });
    expect((await db.prisma.apiToken.findUniqueOrThrow({ where: { id: tokenRow.id } })).lastUsedAt?.toISOString()).toBe(w.clock.now().toISOString());

    await revokeApiToken(w.ctx, sys, tokenRow.id.slice(0, 8));
    const r = await api.call('GET', '/api/v1/recap', { token: t, ip: '10.0.1.2' });
    expect(r.status).toBe(401);
    expect(r.json.error?.code).toBe('UNAUTHORIZED');
  });

  it('answers 429 with Retry-After after 20 failures a minute from one address, even to a good token', async () => {
    for (let i = 0; i < 20; i++) expect((await api.call('GET', '/api/v1/recap', { token: 'wrong', ip: '10.0.9.9' })).status).toBe(401);
    const blocked = await api.call('GET', '/api/v1/recap', { ip: '10.0.9.9' });
    expect(blocked.status).toBe(429);
    expect(blocked.json.error?.code).toBe('RATE_LIMITED');
    const retry = Number(blocked.headers.get('retry-after'));
    expect(retry).toBeGreaterThan(0);
    expect(retry).toBeLessThanOrEqual(60);
    // Other addresses are not affected, and the address is let in again once the window has passed.
    expect((await api.call('GET', '/api/v1/recap', { ip: '10.0.9.10' })).status).toBe(200);
    w.clock.advance(61_000);
    expect((await api.call('GET', '/api/v1/recap', { ip: '10.0.9.9' })).status).toBe(200);
  });

  it('serves the OpenAPI document and health without a token', async () => {
    expect((await api.call('GET', '/api/v1/openapi.json', { token: null, ip: '10.0.1.3' })).status).toBe(200);
    expect((await api.call('GET', '/healthz', { token: null, ip: '10.0.1.3' })).status).toBe(200);
  });
});

describe('POST /api/v1/reports: malformed requests write nothing', () => {
  const big = 'x'.repeat(300 * 1024);
  it.each([
    ['broken JSON', '{"trackingId": "2000001", ', 400, 'INVALID_JSON'],
    ['a JSON array', '[1, 2]', 400, 'INVALID_ARGS'],
    ['missing fields', { trackingId: '2000001' }, 400, 'INVALID_ARGS'],
    ['a status (status changes go through PATCH)', report('2000001', { status: 'SELESAI' }), 400, 'INVALID_ARGS'],
    ['an unknown category', report('2000001', { category: 'darurat' }), 400, 'INVALID_ARGS'],
    ['a bad date', report('2000001', { receivedAt: '02/03/2026' }), 400, 'INVALID_ARGS'],
    ['a tracking id with SQL in it', report("1'; DROP TABLE report;--"), 400, 'INVALID_ARGS'],
    ['an unknown unit', report('2000001', { unit: 'BKN-TIDAK-ADA' }), 404, 'UNIT_NOT_FOUND'],
    ["another agency's unit", report('2000001', { unit: 'KEMENDIK-SDM' }), 404, 'UNIT_NOT_FOUND'],
    ['a body over 256 KB', report('2000001', { body: big }), 413, 'PAYLOAD_TOO_LARGE'],
  ])('refuses %s', async (_what, body, status, code) => {
    const before = await counts();
    const r = await api.call('POST', '/api/v1/reports', { body });
    expect(r.status).toBe(status);
    expect(r.json.error?.code).toBe(code);
    expect(r.json.error?.message.length).toBeGreaterThan(10);
    expect(await counts()).toEqual(before);
  });

  it('lists every invalid field, in Indonesian', async () => {
    const r = await api.call('POST', '/api/v1/reports', { body: { trackingId: '2000002', title: '', category: 'x', status: 'SELESAI' } });
    expect(r.status).toBe(400);
    expect(r.json.error?.message).toMatch(/^Masukan tidak valid/);
    expect(r.json.error?.details?.map((d) => d.path).sort()).toEqual(['body', 'body.body', 'body.category', 'body.title']);
    expect(r.json.error?.details?.find((d) => d.path === 'body')?.message).toMatch(/status/);
  });
});

describe('POST /api/v1/reports: create or update, idempotent by tracking id', () => {
  it('creates once; the same body again is 200 "unchanged" with no new event', async () => {
    const kicked = kicks;
    const first = await api.call('POST', '/api/v1/reports', { body: report('3000001') });
    expect(first.status).toBe(201);
    expect(kicks).toBe(kicked + 1);
    expect(first.json).toMatchObject({ result: 'created', changed: [], report: { trackingId: '3000001', status: 'BELUM_TERVERIFIKASI', unit: null } });
    const before = await counts();
    const again = await api.call('POST', '/api/v1/reports', { body: report('3000001') });
    expect(again.status).toBe(200);
    expect(again.json).toMatchObject({ result: 'unchanged', changed: [] });
    expect(again.json.report).toEqual(first.json.report);
    expect(kicks).toBe(kicked + 1);
    expect(await counts()).toEqual(before);
    expect(await events('3000001')).toEqual(['received']);
    // Intake told the Admin Instansi once.
    const notices = await db.prisma.outbox.findMany({ where: { reportId: (await row('3000001')).id, purpose: 'notice' } });
    expect(notices.map((n) => n.target)).toEqual([w.chats.admin]);
    const stored = await db.prisma.reporter.findUniqueOrThrow({ where: { reportId: (await row('3000001')).id } });
    expect(stored).toMatchObject({ name: NAME, contact: PHONE, gender: 'P', vulnerable: true });
  });

  it('updates the fields that differ and records one event without their texts', async () => {
    const r = await api.call('POST', '/api/v1/reports', { body: report('3000001', { title: 'Jadwal pengumuman PPPK', reporter: { contact: '0813-1111-2222' }, confidential: true }) });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ result: 'updated', changed: ['title', 'confidential', 'reporter'] });
    expect(r.json.report).toMatchObject({ title: 'Jadwal pengumuman PPPK', confidential: true, body: null, bodyWithheld: true, status: 'BELUM_TERVERIFIKASI' });
    expect(await events('3000001')).toEqual(['received', 'updated']);
    const event = await db.prisma.reportEvent.findFirstOrThrow({ where: { action: 'updated', reportId: (await row('3000001')).id } });
    expect(event).toMatchObject({ actorLabel: 'API lapor-sync', source: 'api', before: { confidential: false }, after: { confidential: true, changed: ['title', 'confidential', 'reporter'] } });
    expect(JSON.stringify([event.before, event.after, event.reason])).not.toContain('1111-2222');
    expect((await db.prisma.reporter.findUniqueOrThrow({ where: { reportId: event.reportId } })).contact).toBe('0813-1111-2222');
    // The same changed body again changes nothing.
    const again = await api.call('POST', '/api/v1/reports', { body: report('3000001', { title: 'Jadwal pengumuman PPPK', reporter: { contact: '0813-1111-2222' }, confidential: true }) });
    expect(again.json).toMatchObject({ result: 'unchanged' });
    expect(await events('3000001')).toEqual(['received', 'updated']);
  });

  it('keeps reports of other agencies apart: same tracking id, separate reports', async () => {
    const r = await api.call('POST', '/api/v1/reports', { body: report('3000001', { title: 'Laporan instansi lain' }), token: otherToken });
    expect(r.status).toBe(201);
    expect((await api.call('GET', '/api/v1/reports/3000001')).json).toMatchObject({ report: { title: 'Jadwal pengumuman PPPK' } });
  });

  it('routes a new report to the given unit at once: the unit chat gets a masked post', async () => {
    const r = await api.call('POST', '/api/v1/reports', { body: report('3000002', { unit: 'bkn-pengadaan' }) });
    expect(r.status).toBe(201);
    expect(r.json.report).toMatchObject({ status: 'BELUM_DITINDAKLANJUTI', unit: { code: 'BKN-PENGADAAN' } });
    expect(r.json.report).toHaveProperty('dueDate');
    expect(await events('3000002')).toEqual(['received', 'disposed']);
    const posts = await db.prisma.outbox.findMany({ where: { reportId: (await row('3000002')).id, purpose: 'report_post' } });
    expect(posts.map((p) => p.target)).toEqual([w.chats.A]);
    const text = (posts[0]!.payload as { text: string }).text;
    expect(text).toContain('#3000002');
    for (const s of IDENTITY) expect(text).not.toContain(s);
    // Re-sent: nothing new, no second post.
    const before = await counts();
    expect((await api.call('POST', '/api/v1/reports', { body: report('3000002', { unit: 'BKN-PENGADAAN' }) })).json).toMatchObject({ result: 'unchanged' });
    expect(await counts()).toEqual(before);
    // Made confidential at the source: the unit's post (still queued here) loses the body.
    const hidden = await api.call('POST', '/api/v1/reports', { body: report('3000002', { confidential: true }) });
    expect(hidden.json).toMatchObject({ result: 'updated', changed: ['confidential'] });
    const post = await db.prisma.outbox.findUniqueOrThrow({ where: { id: posts[0]!.id } });
    expect((post.payload as { text: string }).text).toContain('isi laporan rahasia/anonim tidak ditampilkan');
    expect((post.payload as { text: string }).text).not.toContain('pengumuman seleksi');
  });

  it('applies `unit` to an existing report only if it was never routed', async () => {
    await api.call('POST', '/api/v1/reports', { body: report('3000003') });
    const routed = await api.call('POST', '/api/v1/reports', { body: report('3000003', { unit: 'BKN-PENSIUN' }) });
    expect(routed.json).toMatchObject({ result: 'updated', changed: ['unit'], report: { unit: { code: 'BKN-PENSIUN' } } });
    // Re-routed since: a re-sent body does not pull it back.
    await api.call('PATCH', '/api/v1/reports/3000003', { body: { action: 'dispose', unit: 'BKN-PENGADAAN' } });
    const resent = await api.call('POST', '/api/v1/reports', { body: report('3000003', { unit: 'BKN-PENSIUN' }) });
    expect(resent.json).toMatchObject({ result: 'unchanged', report: { unit: { code: 'BKN-PENGADAAN' } } });
    // And its category is fixed now that a deadline depends on it.
    const before = await counts();
    const cat = await api.call('POST', '/api/v1/reports', { body: report('3000003', { category: 'informasi' }) });
    expect(cat.status).toBe(400);
    expect(cat.json.error?.code).toBe('INVALID_ARGS');
    expect(cat.json.error?.message).toMatch(/kategori/);
    expect(await counts()).toEqual(before);
  });

  it('stores SQL-looking text as plain data', async () => {
    const sql = "'); DROP TABLE report; -- \" OR 1=1; SELECT * FROM api_token";
    const r = await api.call('POST', '/api/v1/reports', { body: report('3000004', { title: sql, body: sql, topic: "x' OR '1'='1" }) });
    expect(r.status).toBe(201);
    expect(await row('3000004')).toMatchObject({ title: sql, body: sql, topic: "x' OR '1'='1" });
    expect((await api.call('GET', '/api/v1/reports/3000004')).json).toMatchObject({ report: { title: sql, body: sql } });
    const patched = await api.call('PATCH', '/api/v1/reports/3000004', { body: { action: 'hold', reason: sql } });
    expect(patched.json).toMatchObject({ result: 'held' });
    expect(await db.prisma.reportEvent.findFirst({ where: { action: 'held', reason: sql } })).not.toBeNull();
    for (const path of ["/api/v1/reports/1'%20OR%20'1'%3D'1", '/api/v1/reports/1%3B%20DROP%20TABLE%20report']) {
      const bad = await api.call('GET', path);
      expect(bad.status).toBe(400);
      expect(bad.json.error?.code).toBe('INVALID_ARGS');
    }
    expect(await db.prisma.report.count()).toBeGreaterThan(3);
  });
});

describe('PATCH /api/v1/reports/:trackingId', () => {
  const patch = (tracking: string, body: unknown) => api.call('PATCH', `/api/v1/reports/${tracking}`, { body });

  it('walks the state machine with the same rules as the chat', async () => {
    await api.call('POST', '/api/v1/reports', { body: report('4000001') });
    expect((await patch('4000001', { action: 'verify' })).json).toMatchObject({ result: 'verified', report: { status: 'BELUM_TERVERIFIKASI' } });
    const twice = await patch('4000001', { action: 'verify' });
    expect(twice.status).toBe(409);
    expect(twice.json.error?.code).toBe('ALREADY_VERIFIED');
    const noUnit = await patch('4000001', { action: 'dispose' });
    expect([noUnit.status, noUnit.json.error?.code]).toEqual([422, 'UNIT_REQUIRED']);
    const unknownUnit = await patch('4000001', { action: 'dispose', unit: 'BKN-ENTAH' });
    expect([unknownUnit.status, unknownUnit.json.error?.code]).toEqual([404, 'UNIT_NOT_FOUND']);
    const disposed = await patch('4000001', { action: 'dispose', unit: 'BKN-PENGADAAN' });
    expect(disposed.json).toMatchObject({ result: 'disposed', report: { status: 'BELUM_DITINDAKLANJUTI', unit: { code: 'BKN-PENGADAAN' } } });
    expect(await db.prisma.outbox.count({ where: { reportId: (await row('4000001')).id, purpose: 'report_post', target: w.chats.A } })).toBe(1);
    const early = await patch('4000001', { action: 'close' });
    expect([early.status, early.json.error?.code]).toEqual([409, 'FOLLOW_UP_REQUIRED']);
    const noReason = await patch('4000001', { action: 'hold' });
    expect([noReason.status, noReason.json.error?.code]).toEqual([422, 'REASON_REQUIRED']);
    expect((await patch('4000001', { action: 'hold', reason: 'Menunggu dokumen pelapor' })).json).toMatchObject({ result: 'held', report: { status: 'TUNDA' } });
    expect((await patch('4000001', { action: 'resume' })).json).toMatchObject({ result: 'resumed', report: { status: 'BELUM_DITINDAKLANJUTI' } });

    await followUpReport(w.ctx, w.people.budi, { agencyId: w.agencyId, trackingId: '4000001' }, 'Pengumuman dijadwalkan 10 Maret.', false);
    const closed = await patch('4000001', { action: 'close', rating: 4.5, reporterReplied: true });
    expect(closed.json).toMatchObject({ result: 'closed', report: { status: 'SELESAI', rating: 4.5, reporterReplied: true } });
    expect(await events('4000001')).toEqual(['received', 'verified', 'disposed', 'held', 'resumed', 'followed_up', 'closed', 'rated']);
    const labels = (closed.json.report as { events: { actor: string; source: string }[] }).events.map((e) => `${e.actor}/${e.source}`);
    expect(labels).toEqual(['API lapor-sync/api', 'API lapor-sync/api', 'API lapor-sync/api', 'API lapor-sync/api', 'API lapor-sync/api', 'Budi/telegram', 'API lapor-sync/api', 'API lapor-sync/api']);
    expect((await patch('4000001', { action: 'reopen', reason: 'Pelapor belum puas' })).json).toMatchObject({ result: 'reopened', report: { status: 'PROSES' } });
  });

  it('refuses an illegal transition with 409 and the Indonesian text, changing nothing', async () => {
    await api.call('POST', '/api/v1/reports', { body: report('4000002') });
    await patch('4000002', { action: 'archive', reason: 'Laporan berulang' });
    const before = { report: await row('4000002'), counts: await counts() };
    const r = await patch('4000002', { action: 'resume' });
    expect(r.status).toBe(409);
    expect(r.json.error).toEqual({ code: 'ILLEGAL_TRANSITION', message: expect.stringMatching(/^Laporan berstatus Arsip tidak dapat di-lanjutkan/) });
    expect({ report: await row('4000002'), counts: await counts() }).toEqual(before);
  });

  it('records a rating alone, once', async () => {
    await api.call('POST', '/api/v1/reports', { body: report('4000003') });
    expect((await patch('4000003', { rating: 3, ratingAccuracy: 4 })).json).toMatchObject({ result: 'rated', report: { rating: 3, ratingAccuracy: 4 } });
    expect((await patch('4000003', { rating: 3 })).json).toMatchObject({ result: 'unchanged' });
    expect(await events('4000003')).toEqual(['received', 'rated']);
  });

  it.each([
    ['an empty body', {}, 400, 'INVALID_ARGS'],
    ['an unknown action', { action: 'delete' }, 400, 'INVALID_ARGS'],
    ['a status field', { status: 'SELESAI' }, 400, 'INVALID_ARGS'],
    ['a rating out of range', { rating: 9 }, 400, 'INVALID_ARGS'],
    ['broken JSON', '{"action":', 400, 'INVALID_JSON'],
  ])('refuses %s with 400', async (_what, body, status, code) => {
    const before = await counts();
    const r = await patch('4000003', body);
    expect([r.status, r.json.error?.code]).toEqual([status, code]);
    expect(await counts()).toEqual(before);
  });

  it("answers 404 for an unknown report and for another agency's report", async () => {
    const r = await patch('4999999', { action: 'verify' });
    expect([r.status, r.json.error?.code]).toEqual([404, 'REPORT_NOT_FOUND']);
    expect(r.json.error?.message).toMatch(/#4999999 tidak ditemukan/);
    const other = await api.call('PATCH', '/api/v1/reports/4000003', { body: { action: 'verify' }, token: otherToken });
    expect([other.status, other.json.error?.code]).toEqual([404, 'REPORT_NOT_FOUND']);
    expect((await api.call('GET', '/api/v1/reports/4000003', { token: otherToken })).status).toBe(404);
  });
});

describe('GET /api/v1/reports/:trackingId', () => {
  it('shows the report and its history without the reporter', async () => {
    await api.call('POST', '/api/v1/reports', { body: report('5000001', { unit: 'BKN-PENSIUN' }) });
    const r = await api.call('GET', '/api/v1/reports/5000001');
    expect(r.status).toBe(200);
    const view = r.json.report as Record<string, unknown>;
    expect(Object.keys(view)).not.toContain('reporter');
    expect(view).toMatchObject({ trackingId: '5000001', status: 'BELUM_DITINDAKLANJUTI', topic: 'CPNS/PPPK', bodyWithheld: false, allowedActions: ['dispose', 'hold', 'archive'] });
    expect(view.body).toContain('[TELEPON]');
    expect(view.events).toEqual([
      { at: expect.any(String), action: 'received', actor: 'API lapor-sync', source: 'api', reason: null },
      { at: expect.any(String), action: 'disposed', actor: 'API lapor-sync', source: 'api', reason: null },
    ]);
  });

  it('answers unknown paths with JSON too', async () => {
    const r = await api.call('GET', '/api/v1/nothing');
    expect([r.status, r.json.error?.code]).toEqual([404, 'NOT_FOUND']);
  });

  it('never returned the reporter identity in any response of this file', () => {
    expect(api.seen.length).toBeGreaterThan(50);
    for (const text of api.seen) for (const s of IDENTITY) expect(text).not.toContain(s);
  });
});

describe('duplicate threshold (DUPLICATE_THRESHOLD)', () => {
  const TITLE = 'Tunjangan kinerja belum dibayar';
  const START = 'Tunjangan kinerja pegawai di kantor wilayah belum dibayarkan selama tiga bulan terakhir';
  // Pairwise similarity of these three texts is 0.69–0.70 (MinHash over word shingles).
  const post = (client: ApiClient, tracking: string, ending: string) =>
    client.call('POST', '/api/v1/reports', { body: report(tracking, { title: TITLE, body: `${START} ${ending}`, reporter: undefined }) });

  it('flags a similar report only from the configured similarity on', async () => {
    expect((await post(api, '5100001', 'tanpa penjelasan dari bagian keuangan.')).status).toBe(201);
    expect((await post(api, '5100002', ', mohon segera ditindaklanjuti oleh pimpinan.')).status).toBe(201);
    expect((await row('5100002')).duplicateOfId).toBeNull(); // default 0.8
    const lenient = apiClient(createApi({ services: w.ctx, log: silentLogger(), trustProxy: true, duplicateThreshold: 0.6 }), () => token);
    expect((await post(lenient, '5100003', ', mohon kejelasan dari kepala kantor.')).status).toBe(201);
    const flagged = await row('5100003');
    expect([(await row('5100001')).id, (await row('5100002')).id]).toContain(flagged.duplicateOfId);
    expect(flagged.duplicateScore).toBeGreaterThanOrEqual(0.6);
    expect(flagged.duplicateScore).toBeLessThan(0.8);
  });
});
