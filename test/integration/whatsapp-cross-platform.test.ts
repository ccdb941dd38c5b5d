/**
 * One agency, one unit, a Telegram group AND a WhatsApp group bound to it, one process: both
 * groups get the post, and what is done in one group shows in the other (Telegram: the post is
 * edited; WhatsApp: a status reply quotes the post).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutMessage } from '../../src/lib/message.js';
import { createTestDb, type TestDb } from '../helpers/test-db.js';
import { buildWorld, type World } from '../helpers/world.js';
import { eventually } from '../helpers/eventually.js';
import { bindWhatsApp, startWhatsAppHarness, WA, type WaHarness } from '../helpers/whatsapp.js';
import { FakePort } from '../fakes/fake-port.js';
import { systemActor } from '../../src/services/context.js';
import { addAgency } from '../../src/services/directory/agency-and-units.js';
import { bindChat } from '../../src/services/directory/chats.js';
import { alertAdminsOnTelegram, WHATSAPP_ALERTS } from '../../src/services/whatsapp-alerts.js';

let db: TestDb;
let w: World;
let h: WaHarness;
const telegram = new FakePort({ platform: 'telegram' });

beforeAll(async () => {
  db = await createTestDb();
  w = await buildWorld(db, new Date().toISOString());
  await bindWhatsApp(w);
  h = await startWhatsAppHarness(w, { ports: { telegram } });
});
afterAll(async () => {
  await h?.stop();
  await db?.close();
});

describe('Telegram and WhatsApp groups of the same unit', () => {
  it('both get the post; a claim on WhatsApp and an answer on Telegram show in both', async () => {
    const reportId = await w.newReport('5000001');
    h.fake.userMessage({ chatId: WA.adminGroup, from: WA.admin, name: 'Ani Admin', text: `/disposisi 5000001 ${w.units.A.code}` });

    // Both unit groups get the post.
    const tgPost = await eventually(() => {
      const d = telegram.delivered.find((x) => x.op === 'send' && x.target === w.chats.A && x.text.includes('📋 Laporan #5000001'));
      expect(d).toBeDefined();
      return d!;
    });
    await h.fake.waitFor(() => h.fake.messages(WA.unitGroup).some((s) => s.text.includes('📋 Laporan #5000001')));
    const waPost = h.fake.messages(WA.unitGroup).find((s) => s.text.includes('📋 Laporan #5000001'))!;

    // Budi claims on WhatsApp with "1": the Telegram post is edited.
    h.fake.userMessage({ chatId: WA.unitGroup, from: WA.budi, name: 'Budi', text: '1', quotedId: waPost.id });
    await eventually(() => expect(telegram.delivered.some((d) => d.op === 'edit' && d.editOf === tgPost.messageId && d.text.includes('diambil Budi'))).toBe(true));

    // Citra presses "Ambil" on the Telegram post: refused, Budi has it.
    const row = await db.prisma.outbox.findFirstOrThrow({ where: { reportId, platform: 'telegram', purpose: 'report_post', kind: 'send' } });
    const ambil = (row.payload as unknown as OutMessage).buttons!.flat().find((b) => b.label === 'Ambil')!;
    const refused = await h.core.handle({ platform: 'telegram', chatId: w.chats.A, chatType: 'group', user: { id: '1003', name: 'Citra' }, callback: { id: 'cb1', data: ambil.data, messageId: tgPost.messageId } });
    expect(refused.toast).toMatch(/sudah diambil oleh Budi/);

    // Budi answers on Telegram: the WhatsApp group gets a status reply quoting its post.
    await h.core.handle({ platform: 'telegram', chatId: w.chats.A, chatType: 'group', user: { id: '1002', name: 'Budi' }, messageId: '77', text: '/respon 5000001 Sedang kami periksa.' });
    await h.fake.waitFor(() => h.fake.sent.some((s) => s.quotedMessageId === waPost.id && /^✏️ Pembaruan:/.test(s.text) && /respon awal oleh Budi/.test(s.text)));
    const report = await db.prisma.report.findUniqueOrThrow({ where: { id: reportId } });
    expect(report).toMatchObject({ claimedById: w.people.budi.personId, status: 'PROSES' });
    expect(await db.prisma.reportEvent.count({ where: { reportId, action: 'claimed' } })).toBe(1);
  });
});

describe('WhatsApp alerts to the admins', () => {
  it('are queued for the Telegram admin chat of every agency, once per key', async () => {
    const sys = systemActor('system');
    const other = await addAgency(w.ctx, sys, { code: 'KEMENPAN', name: 'Kementerian PANRB' });
    await bindChat(w.ctx, sys, { platform: 'telegram', externalId: '-2001', agencyId: other.id, unitId: null });
    const text = WHATSAPP_ALERTS.loggedOut('LOGOUT');
    expect(await alertAdminsOnTelegram(w.ctx, text, 'wa-test-alert')).toBe(2);
    expect(await alertAdminsOnTelegram(w.ctx, text, 'wa-test-alert')).toBe(0);
    const rows = await db.prisma.outbox.findMany({ where: { payload: { path: ['text'], equals: text } }, orderBy: { id: 'asc' } });
    // Only Telegram admin chats: not the WhatsApp admin group, not unit groups.
    expect(rows.map((r) => [r.platform, r.target, r.purpose])).toEqual([['telegram', w.chats.admin, 'notice'], ['telegram', '-2001', 'notice']]);
  });
});
