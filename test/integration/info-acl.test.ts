/** Who may ask, answer, follow up, close and keep the PIC directory; refusals change nothing. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatCore } from '../../src/chat/core.js';
import { systemActor } from '../../src/services/context.js';
import { addPerson, grantRole } from '../../src/services/directory/people-and-roles.js';
import { createTestDb, type TestDb } from '../helpers/test-db.js';
import { chatCore, say, TG } from '../helpers/chat.js';
import { buildInfoWorld, hear, type InfoWorld } from '../helpers/info-world.js';

let db: TestDb;
let w: InfoWorld;
let core: ChatCore;
let ir: string;
const EKO = { id: '1006', name: 'Eko' };

beforeAll(async () => {
  db = await createTestDb();
  w = await buildInfoWorld(db);
  core = chatCore(w);
  // Eko: liaison officer of unit B, but not in the PIC directory.
  const eko = await addPerson(w.ctx, systemActor('system'), { name: 'Eko', agencyId: w.agencyId, telegramId: EKO.id });
  await grantRole(w.ctx, systemActor('system'), { personId: eko.id, role: 'penghubung', unitCode: w.units.B.code });
  const asked = await say(core, w, TG.oscar, w.chats.A, '/tanya BKN-PENSIUN Kapan kenaikan gaji pensiun berlaku?');
  ir = /IR-\d{6}-\d{4}/.exec(asked.replies[0]!)![0];
});
afterAll(() => db.close());

/** Everything a refusal must leave untouched. */
async function snapshot() {
  return {
    requests: await db.prisma.infoRequest.findMany({ orderBy: { trackingId: 'asc' } }),
    messages: await db.prisma.infoRequestMessage.count(),
    pics: await db.prisma.picEntry.count(),
    notices: await db.prisma.outbox.count({ where: { purpose: { not: 'reply' } } }),
    relays: await db.prisma.outbox.count({ where: { purpose: 'reply', dedupeKey: { not: null } } }),
  };
}

describe('asking', () => {
  it('is for operators only', async () => {
    const before = await snapshot();
    expect((await say(core, w, TG.budi, w.chats.A, '/tanya BKN-PENSIUN Kapan?')).replies[0]).toMatch(/hanya untuk Operator Live Chat/);
    expect((await say(core, w, TG.admin, w.chats.admin, '/tanya BKN-PENSIUN Kapan?')).replies[0]).toMatch(/hanya untuk Operator Live Chat/);
    expect((await say(core, w, TG.stranger, w.chats.A, '/tanya BKN-PENSIUN Kapan?')).replies[0]).toMatch(/belum terdaftar/);
    expect(await snapshot()).toEqual(before);
    expect(await db.prisma.auditEvent.count({ where: { action: 'refused', subject: { startsWith: '/tanya' } } })).toBe(3);
  });
});

describe('answering', () => {
  it('refuses officers of other units, operators and strangers, changing nothing', async () => {
    const before = await snapshot();
    for (const [who, chat] of [[TG.budi, w.chats.A], [TG.citra, w.chats.B], [TG.oscar, w.chats.A]] as const) {
      expect((await say(core, w, who, chat, `/balas ${ir} Saya coba jawab.`)).replies[0]).toMatch(/hanya untuk PIC atau Pejabat Penghubung BKN-PENSIUN, atau Admin Instansi/);
    }
    expect((await say(core, w, TG.stranger, w.chats.B, `/balas ${ir} Halo.`)).replies[0]).toMatch(/belum terdaftar/);
    // The Balas button is refused the same way, before any text is asked for.
    const post = await db.prisma.outbox.findFirstOrThrow({ where: { dedupeKey: { startsWith: `ir:${ir}:q` }, purpose: 'notice' } });
    const data = (post.payload as { buttons: { data: string }[][] }).buttons[0]![0]!.data;
    const pressed = await hear(core, w, { platform: 'telegram', chatId: w.chats.B, user: TG.budi, callback: data });
    expect(pressed.toast).toMatch(/hanya untuk PIC/);
    expect(await db.prisma.conversation.count()).toBe(0);
    expect(await snapshot()).toEqual(before);
  });

  it('accepts the PIC, a liaison officer of the unit, and the admin', async () => {
    expect((await say(core, w, EKO, w.chats.B, `/balas ${ir} Berlaku mulai April.`)).replies[0]).toMatch(/diteruskan ke Oscar/);
    expect((await say(core, w, TG.dedi, w.chats.B, `/balas ${ir} Tambahan: dibayar bersama rapel.`)).replies[0]).toMatch(/diteruskan ke Oscar/);
    expect((await say(core, w, TG.admin, w.chats.admin, `/balas ${ir} Terima kasih.`)).replies[0]).toMatch(/diteruskan ke Oscar/);
    const answers = await db.prisma.infoRequestMessage.findMany({ where: { request: { trackingId: ir }, kind: 'answer' }, orderBy: { id: 'asc' } });
    expect(answers.map((a) => a.authorName)).toEqual(['Eko', 'Dedi', 'Ani Admin']);
  });

  it('needs a request id or a reply to a request message', async () => {
    expect((await say(core, w, TG.dedi, w.chats.B, '/balas Jawaban tanpa nomor')).replies[0]).toMatch(/sebutkan nomor IR-… atau balas \(reply\) pesan permintaan informasinya/);
    expect((await say(core, w, TG.dedi, w.chats.B, '/balas IR-260302-9999 Jawaban')).replies[0]).toMatch(/Permintaan informasi IR-260302-9999 tidak ditemukan/);
  });
});

describe('following up and closing', () => {
  it('are for operators and the admin, not for liaison officers', async () => {
    const before = await snapshot();
    expect((await say(core, w, TG.dedi, w.chats.B, `/tanya-lagi ${ir} Satu lagi?`)).replies[0]).toMatch(/hanya untuk Operator Live Chat/);
    expect((await say(core, w, TG.dedi, w.chats.B, `/selesai-ir ${ir}`)).replies[0]).toMatch(/hanya untuk Operator Live Chat/);
    expect((await say(core, w, TG.dedi, w.chats.B, `/jadikan-laporan ${ir} normatif`)).replies[0]).toMatch(/hanya untuk Operator Live Chat/);
    expect(await snapshot()).toEqual(before);
    expect((await say(core, w, TG.oscar, w.chats.A, `/selesai-ir ${ir}`)).replies[0]).toBe(`☑️ ${ir} ditutup.`);
  });
});

describe('the PIC directory', () => {
  it('is edited by the admin only and read by every member', async () => {
    const before = await snapshot();
    expect((await say(core, w, TG.budi, w.chats.A, '/pic tambah BKN-PENSIUN @dedi Taspen')).replies[0]).toMatch(/hanya untuk Admin Instansi/);
    expect(await snapshot()).toEqual(before);

    const added = await say(core, w, TG.admin, w.chats.admin, '/pic tambah bkn-pensiun Eko "Tabungan hari tua" Sen-Jum 08.00-15.00 WIB');
    expect(added.replies[0]).toMatch(/^✅ PIC ditambahkan untuk BKN-PENSIUN:\n• Eko · topik: Tabungan hari tua · jam kantor: Sen-Jum 08\.00-15\.00 WIB · id [0-9a-f]{8}$/);
    const again = await say(core, w, TG.admin, w.chats.admin, '/pic tambah BKN-PENSIUN Eko "Tabungan hari tua"');
    expect(again.replies[0]).toMatch(/PIC Eko untuk BKN-PENSIUN \(Tabungan hari tua\) sudah ada/);

    const all = (await say(core, w, TG.oscar, w.chats.A, '/pic')).replies[0]!;
    expect(all).toMatch(/BKN-PENGADAAN — Direktorat Pengadaan\n• Budi · topik: CPNS\/PPPK · jam kantor: Sen-Jum 08\.00-16\.00/);
    expect(all).toMatch(/BKN-PENSIUN — Direktorat Pensiun\n• Dedi · topik: Pensiun[\s\S]*• Eko · topik: Tabungan hari tua/);
    const byTopic = (await say(core, w, TG.oscar, w.chats.A, '/pic tabungan')).replies[0]!;
    expect(byTopic).toContain('Eko');
    expect(byTopic).not.toContain('Budi');

    const id = /id ([0-9a-f]{8})$/.exec(added.replies[0]!)![1]!;
    expect((await say(core, w, TG.dedi, w.chats.B, `/pic hapus ${id}`)).replies[0]).toMatch(/hanya untuk Admin Instansi/);
    expect((await say(core, w, TG.admin, w.chats.admin, `/pic hapus ${id}`)).replies[0]).toBe('🗑️ PIC Eko (BKN-PENSIUN, Tabungan hari tua) dihapus dari direktori.');
    expect((await say(core, w, TG.oscar, w.chats.A, '/pic tabungan')).replies[0]).toMatch(/Tidak ada PIC untuk "tabungan"/);
  });
});
