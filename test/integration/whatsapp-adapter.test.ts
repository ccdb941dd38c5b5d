/**
 * WhatsApp behaviour through the real core, outbox and dispatcher (PostgreSQL), with WhatsApp
 * faked at the client interface: numbered menus, commands quoting a post, `!` commands,
 * identities by number, a disconnect in the middle of a burst, and a logout survived by a restart.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../helpers/test-db.js';
import { buildWorld, type World } from '../helpers/world.js';
import { eventually } from '../helpers/eventually.js';
import { bindWhatsApp, startWhatsAppHarness, WA, type WaHarness } from '../helpers/whatsapp.js';
import type { WaSent } from '../fakes/fake-whatsapp.js';
import { enqueue } from '../../src/services/outbox.js';

let db: TestDb;
let w: World;
let h: WaHarness;

beforeAll(async () => {
  db = await createTestDb();
  w = await buildWorld(db, new Date().toISOString());
  await bindWhatsApp(w);
  h = await startWhatsAppHarness(w);
});
afterAll(async () => {
  await h?.stop();
  await db?.close();
});

const NAMES = { admin: 'Ani Admin', budi: 'Budi', citra: 'Citra', dedi: 'Dedi' } as const;
const say = (who: keyof typeof NAMES, text: string, quotedId?: string, chatId: string = who === 'admin' ? WA.adminGroup : WA.unitGroup): string =>
  h.fake.userMessage({ chatId, from: WA[who], name: NAMES[who], text, quotedId });

/** Dispose a new report to unit A and return its WhatsApp post. */
async function disposed(tracking: string): Promise<WaSent> {
  const id = await w.newReport(tracking);
  say('admin', `/disposisi ${tracking} ${w.units.A.code}`);
  const row = await eventually(async () => {
    const r = await db.prisma.outbox.findFirst({ where: { reportId: id, platform: 'whatsapp', purpose: 'report_post', status: 'SENT' } });
    expect(r?.platformMessageId).toBeTruthy();
    return r!;
  });
  return h.fake.sent.find((s) => s.id === row.platformMessageId)!;
}

/** The bot's answer quoting a given message of a person. */
const answerTo = (messageId: string): Promise<WaSent> =>
  eventually(() => {
    const a = h.fake.sent.find((s) => s.quotedMessageId === messageId);
    expect(a).toBeDefined();
    return a!;
  });

const claimant = async (tracking: string): Promise<string | null> =>
  (await db.prisma.report.findFirstOrThrow({ where: { trackingId: tracking } })).claimedById;

describe('WhatsApp adapter with the chat core', () => {
  it('offers numbered menus: "1" quoting the post claims, a number on the status update asks for the answer', async () => {
    const post = await disposed('4000001');
    expect(post.text).toMatch(/Balas pesan ini dengan angka: 1 = Ambil · 2 = Respon awal · 3 = Tindak lanjut · 4 = Bukan wewenang · 5 = Status$/);

    // A bare number that quotes nothing is ordinary chatter.
    const chatter = say('budi', '1');
    const claim = say('budi', '1', post.id);
    expect((await answerTo(claim)).text).toMatch(/diambil oleh Budi/);
    expect(h.fake.sent.some((s) => s.quotedMessageId === chatter)).toBe(false);
    expect(await claimant('4000001')).toBe(w.people.budi.personId);

    const update = await eventually(() => {
      const u = h.fake.sent.find((s) => s.quotedMessageId === post.id && s.text.startsWith('✏️ Pembaruan:'));
      expect(u?.text).toMatch(/diambil Budi/);
      return u!;
    });
    expect(update.text).toMatch(/Balas pesan ini dengan angka: 1 = Respon awal · /);
    const ask = say('budi', '1', update.id);
    expect((await answerTo(ask)).text).toMatch(/Budi, tulis respon awal untuk laporan #4000001/);
    const answer = say('budi', 'Terima kasih, sedang kami periksa.');
    expect((await answerTo(answer)).text).toMatch(/Respon awal untuk #4000001 tercatat/);
    // A number beyond the menu does nothing.
    const nine = say('budi', '9', post.id);
    const other = say('budi', '/status 4000001');
    await answerTo(other);
    expect(h.fake.sent.some((s) => s.quotedMessageId === nine)).toBe(false);
  });

  it('runs commands typed with / or ! that quote a post on that post\'s report', async () => {
    const post = await disposed('4000002');
    const claim = say('citra', '!ambil', post.id);
    expect((await answerTo(claim)).text).toMatch(/#4000002 diambil oleh Citra/);
    expect(await claimant('4000002')).toBe(w.people.citra.personId);
    expect((await answerTo(say('citra', '/status', post.id))).text).toMatch(/^📋 Laporan #4000002\n/);
    expect((await answerTo(say('citra', '!respon Sedang kami proses.', post.id))).text).toMatch(/Respon awal untuk #4000002 tercatat/);
    expect(await db.prisma.reportEvent.count({ where: { report: { trackingId: '4000002' }, action: 'responded' } })).toBe(1);
  });

  it('knows officers by number (also when WhatsApp hides it) and sends strangers to onboarding', async () => {
    await disposed('4000003');
    const stranger = h.fake.userMessage({ chatId: WA.unitGroup, from: '6289999999999', name: 'Tamu', text: '/ambil 4000003' });
    expect((await answerTo(stranger)).text).toMatch(/belum terdaftar.*\/gabung/);
    // Dedi (unit B) writes from a hidden number: recognised, and refused as not of this unit.
    h.fake.lids.set('77001122334455@lid', WA.dedi);
    const dedi = h.fake.userMessage({ chatId: WA.unitGroup, from: '77001122334455@lid', name: 'Dedi', text: '/ambil 4000003' });
    expect((await answerTo(dedi)).text).toMatch(/hanya untuk Pejabat Penghubung/);
    expect(await claimant('4000003')).toBeNull();
  });

  it('loses and duplicates nothing when the connection drops in the middle of a burst', async () => {
    await disposed('4000004');
    const before = h.factoryCalls();
    h.fake.crashAfterSends(3);
    let sentAtCrash = -1;
    h.fake.once('disconnected', () => (sentAtCrash = h.fake.sent.length));
    const asked = Array.from({ length: 12 }, (_, i) => say(i % 2 ? 'budi' : 'citra', `/status 4000004`));
    await h.fake.waitFor(() => asked.every((id) => h.fake.sent.some((s) => s.quotedMessageId === id)), 30_000);
    for (const id of asked) expect(h.fake.sent.filter((s) => s.quotedMessageId === id)).toHaveLength(1);
    // The crash came in the middle: replies went out before it and after the new client was up.
    expect(sentAtCrash).toBeGreaterThan(0);
    expect(h.fake.sent.length - sentAtCrash).toBeGreaterThanOrEqual(9);
    expect(h.factoryCalls()).toBeGreaterThan(before);
    expect(h.wa.state()).toMatchObject({ state: 'ready' });
    expect(h.wa.state().reconnects).toBeGreaterThanOrEqual(1);
    await eventually(async () => expect(await db.prisma.outbox.count({ where: { platform: 'whatsapp', status: { not: 'SENT' } } })).toBe(0));
    const ids = h.fake.sent.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('holds messages while logged out and delivers them once after the restart that follows a new login', async () => {
    h.fake.disconnect('LOGOUT');
    await eventually(() => expect(h.wa.state().state).toBe('logged_out'));
    expect(h.alerts).toEqual([expect.stringMatching(/keluar dari WhatsApp \(LOGOUT\)/)]);
    // Something is queued meanwhile (a reminder, a post from another platform's action).
    const id = await db.prisma.$transaction((tx) => enqueue(tx, { platform: 'whatsapp', chatId: WA.unitGroup }, { text: 'Pengingat: laporan #4000001' }, { purpose: 'notice' }));
    await eventually(async () => {
      const row = await db.prisma.outbox.findUniqueOrThrow({ where: { id: id! } });
      expect(row).toMatchObject({ status: 'PENDING', attempts: 0, lastError: expect.stringMatching(/rate_limited: .*whatsapp not connected \(logged_out\)/) });
    });
    await h.stop();
    h = await startWhatsAppHarness(w, { fake: h.fake }); // the process restarted with the new session
    await h.fake.waitFor(() => h.fake.sent.some((s) => s.text === 'Pengingat: laporan #4000001'));
    await eventually(async () => expect(await db.prisma.outbox.findUniqueOrThrow({ where: { id: id! } })).toMatchObject({ status: 'SENT', attempts: 1 }));
    expect(h.fake.sent.filter((s) => s.text === 'Pengingat: laporan #4000001')).toHaveLength(1);
  });
});
