/**
 * "A newcomer can run the whole flow in the console adapter with the demo data": the demo seed
 * plus the information-request demo, driven through the chat core with console messages.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChatCore } from '../../src/chat/core.js';
import type { Inbound } from '../../src/chat/types.js';
import { createRegistry } from '../../src/commands/index.js';
import { DEMO_LIVECHAT, seedInfoDemo } from '../../src/demo/info-demo.js';
import { seedDemo } from '../../src/demo/seed-demo.js';
import { FakeClock } from '../../src/lib/clock.js';
import { silentLogger } from '../../src/lib/logger.js';
import { createCalendarSource } from '../../src/services/calendar-source.js';
import type { ServiceContext } from '../../src/services/context.js';
import { createTestDb, type TestDb } from '../helpers/test-db.js';

let db: TestDb;
let ctx: ServiceContext;
let core: ChatCore;
const people: Record<string, { id: string; name: string }> = {};
beforeAll(async () => {
  db = await createTestDb();
  ctx = {
    db: db.prisma,
    clock: new FakeClock('2026-03-02T02:00:00Z'), // Monday 09:00 WIB
    calendars: createCalendarSource(db.prisma, { timeZone: 'Asia/Jakarta', cutiBersamaIsWorkday: false }),
    log: silentLogger(),
  };
  await seedDemo(ctx);
  for (const p of await db.prisma.person.findMany()) people[p.name.split(' ')[0]!.toLowerCase()] = { id: p.id, name: p.name };
  core = new ChatCore({ services: ctx, registry: createRegistry() });
}, 120_000);
afterAll(() => db.close());

let seq = 0;
/** A console line typed as `who` in `chat`; returns every outbox row it caused. */
async function type(who: string, chat: string, text: string, replyTo?: string) {
  const p = people[who]!;
  const inbound: Inbound = { platform: 'console', chatId: chat, chatType: chat.startsWith('dm:') ? 'private' : 'group', user: p, text, messageId: `in-${++seq}`, ...(replyTo ? { replyToMessageId: replyTo } : {}) };
  const before = (await db.prisma.outbox.aggregate({ _max: { id: true } }))._max.id ?? 0n;
  await core.handle(inbound);
  const rows = await db.prisma.outbox.findMany({ where: { id: { gt: before } }, orderBy: { id: 'asc' } });
  return rows.map((r) => ({ id: r.id, target: r.target, purpose: r.purpose, text: (r.payload as { text: string }).text }));
}

describe('the information-request demo in the console', () => {
  it('seeds PICs, a live-chat desk and an answered knowledge base once', async () => {
    expect(await seedInfoDemo(ctx)).toEqual({ seeded: true, pics: 5, requests: 4 });
    expect(await seedInfoDemo(ctx)).toEqual({ seeded: false, pics: 0, requests: 0 });
    expect(await db.prisma.outbox.count({ where: { status: 'PENDING' } })).toBe(0);
    const chat = await db.prisma.chat.findFirstOrThrow({ where: { externalId: DEMO_LIVECHAT.chat }, include: { unit: true } });
    expect(chat.unit?.code).toBe('DEMO-LAYANAN');
  });

  it('runs ask → propose → confirm → PIC answers by menu → relay → close', async () => {
    const kb = await type('fajar', DEMO_LIVECHAT.chat, '/cari mendaftar PPPK');
    expect(kb[0]!.text).toMatch(/^🔎 Jawaban tersimpan untuk "mendaftar PPPK":\n\n1\. DEMO-DIT-PENGADAAN · .* · IR-\d{6}-0001\nT: Bagaimana cara mendaftar PPPK bagi tenaga honorer\?\nJ: Pendaftaran PPPK dilakukan di portal SSCASN/);

    const pic = await type('fajar', DEMO_LIVECHAT.chat, '/pic pensiun');
    expect(pic[0]!.text).toMatch(/DEMO-DIT-PENSIUN — Direktorat Pensiun dan Kesejahteraan \(DEMO\)\n• Dedi Pensiun \(DEMO\) · topik: Pensiun · jam kantor: Sen-Jum 08\.00-16\.00 WIB/);

    const proposed = await type('fajar', DEMO_LIVECHAT.chat, '/tanya pensiun Berapa lama pencairan Taspen setelah berkas lengkap?');
    expect(proposed[0]!.text).toMatch(/^Unit mana yang dituju\?[\s\S]*\n1\. DEMO-DIT-PENSIUN/);
    const sent = await type('fajar', DEMO_LIVECHAT.chat, '1');
    const ir = /IR-260302-\d{4}/.exec(sent.find((r) => r.target === DEMO_LIVECHAT.chat)!.text)![0];
    const post = sent.find((r) => r.purpose === 'notice')!;
    expect(post.target).toBe('grup-pensiun');
    expect(sent.find((r) => r.purpose === 'dm')?.target).toBe(`dm:${people.dedi!.id}`);

    // The console shows the post with "Ketik angka: 1 = Balas"; Dedi types 1 in reply to it.
    await db.prisma.outbox.update({ where: { id: post.id }, data: { status: 'SENT', platformMessageId: 'c-42' } });
    const prompt = await type('dedi', 'grup-pensiun', '1', 'c-42');
    expect(prompt[0]!.text).toMatch(new RegExp(`tulis jawaban untuk ${ir}`));
    const answered = await type('dedi', 'grup-pensiun', 'Paling lama 14 hari kerja; pantau di aplikasi layanan pensiun.');
    expect(answered.filter((r) => r.text.startsWith('💬')).map((r) => r.target)).toEqual([DEMO_LIVECHAT.chat, `dm:${people.fajar!.id}`]);

    expect((await type('fajar', DEMO_LIVECHAT.chat, `/selesai-ir ${ir}`))[0]!.text).toBe(`☑️ ${ir} ditutup.`);
    // The new answer is now in the knowledge base.
    expect((await type('eka', 'grup-pusdatin', '/cari pencairan taspen'))[0]!.text).toContain(ir);
  });
});
