/**
 * SQL injection attempts in every text a person can type are stored as plain data: answers,
 * reasons, a joining person's name; and identifiers (tracking ids, unit codes) with SQL in them are
 * refused by validation. The tables are intact afterwards. (The REST API's own refusals are in
 * test/integration/api.test.ts; audit rows being append-only in test/integration/migrations.test.ts.)
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ChatCore } from '../../src/chat/core.js';
import { createTestDb, type TestDb } from '../helpers/test-db.js';
import { buildWorld, type World } from '../helpers/world.js';
import { chatCore, say, TG } from '../helpers/chat.js';

const onPostgres = inject('pgTemplate') !== null;
const PAYLOADS = [
  "'; DROP TABLE report;--",
  "' OR '1'='1' --",
  "x'); DELETE FROM report_event; --",
  '$$; DROP TABLE person; $$',
  "%' UNION SELECT name, telegram_id FROM person --",
  '\\\'; TRUNCATE audit_event; --',
  '"; UPDATE report SET status = \'SELESAI\'; --',
];

let db: TestDb;
let w: World;
let core: ChatCore;
let n = 0;

beforeAll(async () => {
  if (!onPostgres) return;
  db = await createTestDb();
  w = await buildWorld(db);
  core = chatCore(w);
}, 60_000);
afterAll(async () => {
  if (!onPostgres) return;
  await db.close();
});

async function disposed(): Promise<string> {
  const t = `SQL-${++n}`;
  await w.newReport(t);
  await say(core, w, TG.admin, w.chats.admin, `/disposisi ${t} BKN-PENGADAAN`);
  return t;
}

const lastEvent = async (t: string) =>
  db.prisma.reportEvent.findFirstOrThrow({ where: { report: { trackingId: t } }, orderBy: { id: 'desc' }, select: { action: true, reason: true } });

describe.runIf(onPostgres)('SQL injection in text inputs', () => {
  it.each(PAYLOADS)('stores %s verbatim as an answer, a reason, and a name', async (payload) => {
    const cases: [string, (t: string) => string, { id: string; name: string }, string][] = [
      ['responded', (t) => `/respon ${t} ${payload}`, TG.budi, w.chats.A],
      ['followed_up', (t) => `/tindaklanjut ${t} ${payload}`, TG.budi, w.chats.A],
      ['bounced', (t) => `/bukanwewenang ${t} ${payload}`, TG.budi, w.chats.A],
      ['held', (t) => `/tunda ${t} ${payload}`, TG.admin, w.chats.admin],
      ['archived', (t) => `/arsip ${t} ${payload}`, TG.admin, w.chats.admin],
    ];
    for (const [action, text, who, chat] of cases) {
      const t = await disposed();
      const r = await say(core, w, who, chat, text(t));
      expect(r.replies.join(' '), text(t)).not.toMatch(/⚠️/);
      expect(await lastEvent(t)).toEqual({ action, reason: payload });
    }
    // A person joining under a hostile name: stored as typed.
    const id = String(700_000 + ++n);
    const j = await say(core, w, { id, name: payload }, w.chats.A, '/gabung BKN-PENGADAAN');
    expect(j.replies[0]).toMatch(/Permintaan/);
    expect((await db.prisma.person.findUniqueOrThrow({ where: { telegramId: id } })).name).toBe(payload);
  });

  it.each(PAYLOADS)('refuses %s where an identifier is expected, changing nothing', async (payload) => {
    const before = { reports: await db.prisma.report.count(), events: await db.prisma.reportEvent.count(), roles: await db.prisma.roleAssignment.count() };
    for (const text of [`/ambil ${payload}`, `/status ${payload}`, `/disposisi 2000001 ${payload}`, `/gabung ${payload}`, `/daftar ${payload}`]) {
      const r = await say(core, w, TG.admin, w.chats.admin, text);
      expect(r.replies.join(' '), text).toMatch(/⚠️|tidak|Masukan/);
      expect(r.replies.join(' '), text).not.toMatch(/terjadi kesalahan di sistem/);
    }
    expect({ reports: await db.prisma.report.count(), events: await db.prisma.reportEvent.count(), roles: await db.prisma.roleAssignment.count() }).toEqual(before);
  });

  it('leaves every table in place', async () => {
    const tables = await db.prisma.$queryRaw<{ t: string }[]>`SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`;
    expect(tables.map((r) => r.t)).toEqual(expect.arrayContaining(['report', 'report_event', 'person', 'audit_event', 'outbox', 'role_assignment']));
    expect(await db.prisma.report.count()).toBeGreaterThan(0);
    expect(await db.prisma.auditEvent.count()).toBeGreaterThan(0);
  });
});
