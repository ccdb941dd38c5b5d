/**
 * The shared coordination scenario on WhatsApp: the real ChatCore, OutboxDispatcher, WhatsApp
 * adapter and port against PostgreSQL, with WhatsApp itself faked at the narrow client
 * interface (no Chromium, no network). Claims are numbered answers ("1") to the post; post
 * updates are status replies quoting it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../helpers/test-db.js';
import { buildWorld, type World } from '../helpers/world.js';
import { bindWhatsApp, startWhatsAppHarness, WA, type WaHarness } from '../helpers/whatsapp.js';
import { runCoordinationScenario, type ChatRef, type ScenarioDriver, type Who } from './scenario/shared-scenario.js';

const NAMES: Record<Who, string> = { admin: 'Ani Admin', budi: 'Budi', citra: 'Citra' };
const STATUS_REPLY = '✏️ Pembaruan:';

let db: TestDb;
let w: World;
let h: WaHarness;

beforeAll(async () => {
  db = await createTestDb();
  w = await buildWorld(db, new Date().toISOString());
  await bindWhatsApp(w);
  await w.newReport('3000001');
  await w.newReport('3000002');
  h = await startWhatsAppHarness(w);
});

afterAll(async () => {
  await h?.stop();
  await db?.close();
});

const chatIdOf = (chat: ChatRef): string => (chat === 'admin' ? WA.adminGroup : chat === 'unit' ? WA.unitGroup : `${WA[chat.privateOf]}@c.us`);

/** The menu line of a WhatsApp message → its labels ("1 = Ambil · 2 = Status" → Ambil, Status). */
function menuLabels(text: string): string[] {
  const line = /Balas pesan ini dengan angka: (.*)$/m.exec(text)?.[1];
  return line ? line.split(' · ').map((item) => item.replace(/^\d+ = /, '')) : [];
}

const whatsappDriver = (): ScenarioDriver => ({
  platform: 'whatsapp',
  async say(chat, who, text, replyTo) {
    h.fake.userMessage({ chatId: chatIdOf(chat), from: WA[who], name: NAMES[who], text, quotedId: replyTo?.id });
  },
  async claimTogether(post, who) {
    for (const o of who) h.fake.userMessage({ chatId: WA.unitGroup, from: WA[o], name: NAMES[o], text: '1', quotedId: post.id });
  },
  messages(chat) {
    return h.fake.messages(chatIdOf(chat)).filter((s) => !s.text.startsWith(STATUS_REPLY)).map((s) => ({ id: s.id, text: s.text }));
  },
  postUpdates(post) {
    return h.fake.sent.filter((s) => s.quotedMessageId === post.id && s.text.startsWith(STATUS_REPLY)).map((s) => s.text);
  },
  actions(post) {
    return menuLabels(post.text);
  },
  failNextSend() {
    h.fake.failNext('Protocol error (Runtime.callFunctionOn): Target closed.', 1, WA.unitGroup);
  },
  sawFailure() {
    return h.fake.failedSends.some((f) => /Target closed/.test(f.error));
  },
  sentIds() {
    return h.fake.sent.map((s) => s.id);
  },
  waitFor(check, timeoutMs) {
    return h.fake.waitFor(check, timeoutMs);
  },
});

describe('WhatsApp end to end (fake client)', () => {
  it('runs the shared coordination scenario: post, one concurrent claim wins, status reply, answers, bounce to the admin', async () => {
    await runCoordinationScenario(whatsappDriver(), {
      db: db.prisma,
      officers: { budi: { personId: w.people.budi.personId!, name: 'Budi' }, citra: { personId: w.people.citra.personId!, name: 'Citra' } },
      unitCode: w.units.A.code,
      tracking: ['3000001', '3000002'],
    });
    // WhatsApp specifics: posts carry a numbered menu, updates quote the post, replies quote the person.
    const post = h.fake.messages(WA.unitGroup).find((s) => s.text.includes('📋 Laporan #3000001'))!;
    expect(post.text).toMatch(/Balas pesan ini dengan angka: 1 = Ambil · /);
    const update = h.fake.sent.find((s) => s.quotedMessageId === post.id && s.text.startsWith(STATUS_REPLY))!;
    expect(update.text.split('\n')[1]).toBe(post.text.split('\n')[0]);
    expect(h.fake.messages(WA.unitGroup).filter((s) => /tercatat/.test(s.text)).every((s) => s.quotedMessageId?.startsWith('false_'))).toBe(true);
    // The bot's own messages (echoed as message_create) were never taken for commands.
    expect(await db.prisma.auditEvent.count({ where: { action: 'refused' } })).toBe(0);
  });
});
