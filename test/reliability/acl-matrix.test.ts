/**
 * The ACL matrix: every registered chat command × every kind of person — Admin Instansi, liaison
 * officer of the report's unit, liaison officer of another unit, operator, inspektorat and a
 * stranger — typed in unit A's group. For the main commands the expected allow/deny row is
 * written by hand below; every other registered command is checked against its declared audience
 * (whoever is outside it must be refused). A refusal is what the chat core audits as `refused`
 * (FORBIDDEN / NOT_REGISTERED), comes with a clear reply, and changes nothing.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ChatCore } from '../../src/chat/core.js';
import { systemActor } from '../../src/services/context.js';
import { addPerson, grantRole } from '../../src/services/directory/people-and-roles.js';
import { createTestDb, type TestDb } from '../helpers/test-db.js';
import { buildWorld, type World } from '../helpers/world.js';
import { chatCore, say, TG } from '../helpers/chat.js';

const onPostgres = inject('pgTemplate') !== null;

type Who = 'admin' | 'own' | 'other' | 'operator' | 'inspektorat' | 'stranger';
const WHO: readonly Who[] = ['admin', 'own', 'other', 'operator', 'inspektorat', 'stranger'];
const INDAH = { id: '1006', name: 'Indah' };
const USER: Record<Who, { id: string; name: string }> = { admin: TG.admin, own: TG.budi, other: TG.dedi, operator: TG.oscar, inspektorat: INDAH, stranger: TG.stranger };
const MEMBERS: Who[] = ['admin', 'own', 'other', 'operator', 'inspektorat'];

/** The report state a cell starts from. */
type Setup = 'none' | 'received' | 'disposed' | 'claimed' | 'held' | 'archived';

interface Row {
  command: string;
  setup: Setup;
  text: (tracking: string) => string;
  /** A second message by the same person, e.g. the choice /jawab asks for (its action is checked then). */
  then?: string;
  allow: readonly Who[];
}

/** Written by hand: who may run the main commands, typed in unit A's group. */
const MATRIX: readonly Row[] = [
  { command: 'bantuan', setup: 'none', text: () => '/bantuan', allow: WHO },
  { command: 'batal', setup: 'none', text: () => '/batal', allow: WHO },
  { command: 'gabung', setup: 'none', text: () => '/gabung BKN-PENGADAAN', allow: WHO },
  { command: 'status', setup: 'disposed', text: (t) => `/status ${t}`, allow: MEMBERS },
  { command: 'unit', setup: 'none', text: () => '/unit', allow: MEMBERS },
  { command: 'siapa', setup: 'none', text: () => '/siapa', allow: MEMBERS },
  { command: 'saya', setup: 'none', text: () => '/saya', allow: ['own', 'other'] },
  { command: 'terlambat', setup: 'none', text: () => '/terlambat', allow: ['admin', 'own', 'other'] },
  // In unit A's group an officer of unit B may not list unit A's reports.
  { command: 'daftar', setup: 'none', text: () => '/daftar', allow: ['admin', 'own', 'inspektorat'] },
  { command: 'ambil', setup: 'disposed', text: (t) => `/ambil ${t}`, allow: ['own'] },
  { command: 'lepas', setup: 'claimed', text: (t) => `/lepas ${t}`, allow: ['own'] },
  { command: 'respon', setup: 'claimed', text: (t) => `/respon ${t} Sedang kami periksa.`, allow: ['own'] },
  { command: 'tindaklanjut', setup: 'claimed', text: (t) => `/tindaklanjut ${t} Sudah kami tindak lanjuti.`, allow: ['own'] },
  { command: 'jawab', setup: 'claimed', text: (t) => `/jawab ${t} Jawaban kami.`, then: '2', allow: ['own'] },
  { command: 'selesai', setup: 'claimed', text: (t) => `/selesai ${t}`, allow: ['own'] },
  { command: 'bukanwewenang', setup: 'disposed', text: (t) => `/bukanwewenang ${t} Bukan kewenangan kami.`, allow: ['own'] },
  { command: 'verifikasi', setup: 'received', text: (t) => `/verifikasi ${t}`, allow: ['admin'] },
  { command: 'disposisi', setup: 'received', text: (t) => `/disposisi ${t} BKN-PENGADAAN`, allow: ['admin'] },
  { command: 'tunda', setup: 'disposed', text: (t) => `/tunda ${t} Menunggu dokumen pelapor.`, allow: ['admin'] },
  { command: 'lanjutkan', setup: 'held', text: (t) => `/lanjutkan ${t}`, allow: ['admin'] },
  { command: 'arsip', setup: 'received', text: (t) => `/arsip ${t} Laporan berulang.`, allow: ['admin'] },
  { command: 'bukakembali', setup: 'archived', text: (t) => `/bukakembali ${t} Belum terjawab.`, allow: ['admin'] },
  { command: 'setujui', setup: 'none', text: () => '/setujui @tidak_ada', allow: ['admin'] },
  { command: 'tolak', setup: 'none', text: () => '/tolak @tidak_ada', allow: ['admin'] },
  { command: 'serahkan', setup: 'none', text: () => '/serahkan @tidak_ada @tidak_ada_juga', allow: ['admin'] },
  { command: 'ikat', setup: 'none', text: () => '/ikat BKN-PENGADAAN', allow: ['admin'] },
];

let db: TestDb;
let w: World;
let core: ChatCore;
let seq = 0;

beforeAll(async () => {
  if (!onPostgres) return;
  db = await createTestDb();
  w = await buildWorld(db);
  core = chatCore(w);
  const sys = systemActor('system');
  const indah = await addPerson(w.ctx, sys, { name: INDAH.name, agencyId: w.agencyId, telegramId: INDAH.id });
  await grantRole(w.ctx, sys, { personId: indah.id, role: 'inspektorat', agencyId: w.agencyId });
}, 60_000);

afterAll(async () => {
  if (!onPostgres) return;
  await db.close();
});

/** A fresh report in the given state (through the bot itself, by the people allowed to). */
async function prepare(setup: Setup): Promise<string> {
  const t = `ACL-${++seq}`;
  if (setup === 'none') return t;
  await w.newReport(t);
  const step = async (who: { id: string; name: string }, chat: string, text: string) => {
    const r = await say(core, w, who, chat, text);
    expect(r.replies.join(' '), text).not.toMatch(/⚠️/);
  };
  if (setup === 'received') return t;
  if (setup === 'archived') {
    await step(TG.admin, w.chats.admin, `/arsip ${t} Berulang.`);
    return t;
  }
  await step(TG.admin, w.chats.admin, `/disposisi ${t} BKN-PENGADAAN`);
  if (setup === 'claimed') await step(TG.budi, w.chats.A, `/ambil ${t}`);
  if (setup === 'held') await step(TG.admin, w.chats.admin, `/tunda ${t} Menunggu dokumen.`);
  return t;
}

/** Run one cell: was it refused (audited), did it answer, did a refused cell leave the report alone? */
async function cell(who: Who, text: string, tracking: string, then?: string): Promise<{ refused: boolean; reply: string }> {
  const before = await db.prisma.report.findFirst({ where: { trackingId: tracking } });
  const refusals = await db.prisma.auditEvent.count({ where: { action: 'refused' } });
  const said = [await say(core, w, USER[who], w.chats.A, text)];
  if (then) said.push(await say(core, w, USER[who], w.chats.A, then));
  const refused = (await db.prisma.auditEvent.count({ where: { action: 'refused' } })) > refusals;
  const reply = said.flatMap((r) => [...r.replies, ...r.queued.filter((q) => q.purpose === 'dm' && q.target === USER[who].id).map((q) => q.text)]).join('\n');
  if (refused) {
    expect(await db.prisma.report.findFirst({ where: { trackingId: tracking } }), `${who}: ${text}`).toEqual(before);
    expect(reply, `${who}: ${text}`).toMatch(/belum terdaftar|hanya untuk|menunggu persetujuan|tidak berada di unit/);
  }
  return { refused, reply };
}

describe.runIf(onPostgres)('ACL matrix', () => {
  it.each(MATRIX.map((row) => [row.command, row] as const))('/%s: allow and deny as written', async (_c, row) => {
    const got: Record<string, string> = {};
    const want: Record<string, string> = {};
    for (const who of WHO) {
      const tracking = await prepare(row.setup);
      const { refused, reply } = await cell(who, row.text(tracking), tracking, row.then);
      expect(reply, `${who} got no reply to ${row.text(tracking)}`).not.toBe('');
      got[who] = refused ? 'deny' : 'allow';
      want[who] = row.allow.includes(who) ? 'allow' : 'deny';
    }
    expect(got).toEqual(want);
  }, 60_000);

  it('covers every main command of the registry by hand', () => {
    const names = new Set(core.registry.commands.map((c) => c.name));
    for (const row of MATRIX) expect(names.has(row.command), `/${row.command} is not registered`).toBe(true);
  });

  it('refuses everyone outside the declared audience of every other registered command', async () => {
    const handled = new Set(MATRIX.map((r) => r.command));
    const others = core.registry.commands.filter((c) => !handled.has(c.name));
    const tracking = await prepare('disposed');
    const wrong: string[] = [];
    for (const c of others) {
      const text = (c.examples?.[0] ?? c.usage).replace(/\b\d{7}\b/, tracking).replace(/<[^>]*>/g, 'x');
      for (const who of WHO) {
        const { refused } = await cell(who, text, tracking);
        const inAudience = c.audience === 'anyone' || (who !== 'stranger' && (c.audience === 'member' || c.audience.some((r) => roleOf(who) === r)));
        if (!inAudience && !refused) wrong.push(`${who} was not refused /${c.name}`);
        if (who === 'stranger' && c.audience !== 'anyone' && !refused) wrong.push(`stranger ran /${c.name}`);
      }
    }
    expect(wrong).toEqual([]);
  }, 180_000);
});

function roleOf(who: Who): string {
  return who === 'admin' ? 'admin_instansi' : who === 'own' || who === 'other' ? 'penghubung' : who;
}
