import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatCore } from '../../src/chat/core.js';
import type { Inbound } from '../../src/chat/types.js';
import { encodeCallback } from '../../src/messages/callback-data.js';
import { systemActor } from '../../src/services/context.js';
import { addAgency, addUnit } from '../../src/services/directory/agency-and-units.js';
import { addPerson, grantRole } from '../../src/services/directory/people-and-roles.js';
import { bindChat } from '../../src/services/directory/chats.js';
import { splitRefs } from '../../src/commands/people/args.js';
import { createTestDb, type TestDb } from '../helpers/test-db.js';
import { buildWorld, type World } from '../helpers/world.js';
import { chatCore, press, say, TG } from '../helpers/chat.js';

let db: TestDb;
let w: World;
let core: ChatCore;
/** A second agency: its admin must not decide the first agency's requests. */
const other = { agencyId: '', unitCode: 'KEMENPAN-SDM', adminChat: '-2001', admin: { id: '2001', name: 'Admin Dua' } };
const sys = systemActor('system');

beforeAll(async () => {
  db = await createTestDb();
  w = await buildWorld(db);
  core = chatCore(w);
  const agency = await addAgency(w.ctx, sys, { code: 'KEMENPAN', name: 'Kementerian PANRB' });
  other.agencyId = agency.id;
  await addUnit(w.ctx, sys, { agencyId: agency.id, code: other.unitCode, name: 'Biro SDM' });
  const admin2 = await addPerson(w.ctx, sys, { name: other.admin.name, agencyId: agency.id, telegramId: other.admin.id });
  await grantRole(w.ctx, sys, { personId: admin2.id, role: 'admin_instansi', agencyId: agency.id });
  await bindChat(w.ctx, sys, { platform: 'telegram', externalId: other.adminChat, agencyId: agency.id, unitId: null });
});
afterAll(() => db.close());

/** Everything a refused command must leave as it was (refusal audits and replies aside). */
async function dbState() {
  const p = db.prisma;
  return {
    people: await p.person.findMany({ orderBy: { id: 'asc' } }),
    roles: await p.roleAssignment.findMany({ orderBy: { id: 'asc' } }),
    chats: await p.chat.findMany({ orderBy: { id: 'asc' } }),
    reports: await p.report.findMany({ orderBy: { id: 'asc' } }),
    reportEvents: await p.reportEvent.count(),
    audits: await p.auditEvent.count({ where: { action: { not: 'refused' } } }),
    messages: await p.outbox.count({ where: { purpose: { not: 'reply' } } }),
  };
}

/** Run `act`, expect it to change nothing, return its result. */
async function unchanged<T>(act: () => Promise<T>): Promise<T> {
  const before = await dbState();
  const out = await act();
  expect(await dbState()).toEqual(before);
  return out;
}

/** Drive the core with any platform's message; returns the replies to that chat and everything queued. */
async function send(inbound: Inbound) {
  const before = (await db.prisma.outbox.aggregate({ _max: { id: true } }))._max.id ?? 0n;
  const { toast } = await core.handle(inbound);
  const rows = await db.prisma.outbox.findMany({ where: { id: { gt: before } }, orderBy: { id: 'asc' } });
  const queued = rows.map((r) => ({ target: r.target, purpose: r.purpose, kind: r.kind, text: (r.payload as { text: string }).text }));
  return { replies: queued.filter((q) => q.target === inbound.chatId && q.purpose === 'reply').map((q) => q.text), queued, toast };
}

const STRANGER = { ...TG.stranger, username: 'orangasing' };
const person = (telegramId: string) => db.prisma.person.findUniqueOrThrow({ where: { telegramId } });
/** A person's only request, or their pending one. */
const requestOf = (personId: string, state?: 'PENDING') => db.prisma.roleAssignment.findFirstOrThrow({ where: { personId, ...(state ? { state } : {}) } });

describe('/gabung → /setujui', () => {
  it('a stranger asks to join; admins get buttons; Setujui approves, notifies, welcomes; the officer can /ambil', async () => {
    const asked = await say(core, w, STRANGER, STRANGER.id, '/gabung bkn-pengadaan');
    expect(asked.replies).toEqual([
      '📨 Permintaan dikirim ke Admin Instansi untuk bergabung sebagai Pejabat Penghubung BKN-PENGADAAN (Direktorat Pengadaan). Anda akan diberi tahu setelah diputuskan. Sementara itu Anda hanya dapat membaca /bantuan.',
    ]);
    const p = await person(STRANGER.id);
    expect(p).toMatchObject({ name: 'Orang Asing', telegramUsername: 'orangasing', agencyId: null, active: true });
    const a = await requestOf(p.id);
    expect(a).toMatchObject({ state: 'PENDING', unitId: w.units.A.id, agencyId: w.agencyId, role: 'penghubung', decidedById: null });

    const notice = asked.queued.find((q) => q.target === w.chats.admin && q.purpose === 'notice')!;
    expect(notice.text).toBe(
      `👤 Orang Asing (@orangasing) meminta bergabung sebagai Pejabat Penghubung BKN-PENGADAAN (Direktorat Pengadaan).\n\n` +
        `Tekan Setujui atau Tolak, atau ketik:\n/setujui ${a.id.slice(0, 8)}\n/tolak ${a.id.slice(0, 8)} <alasan>`,
    );
    expect(notice.buttons).toEqual([
      { label: 'Setujui', data: encodeCallback('approve', a.id) },
      { label: 'Tolak', data: encodeCallback('reject', a.id) },
    ]);
    expect(asked.queued.filter((q) => q.purpose !== 'reply')).toHaveLength(1); // only the admin chat
    expect(await db.prisma.auditEvent.findMany({ where: { subject: p.id }, select: { action: true, actorId: true }, orderBy: { id: 'asc' } })).toEqual([
      { action: 'person_added', actorId: p.id },
      { action: 'role_requested', actorId: p.id },
    ]);

    // Waiting: other commands are refused, help still works, asking again is refused.
    await unchanged(async () => {
      expect((await say(core, w, STRANGER, w.chats.A, '/ambil 1234567')).replies[0]).toMatch(/masih menunggu persetujuan Admin Instansi/);
      expect((await say(core, w, STRANGER, w.chats.A, '/siapa')).replies[0]).toMatch(/masih menunggu persetujuan/);
      expect((await say(core, w, STRANGER, STRANGER.id, '/gabung BKN-PENGADAAN')).replies[0]).toMatch(
        /^⚠️ Permintaan Anda bergabung sebagai Pejabat Penghubung di BKN-PENGADAAN masih menunggu persetujuan Admin Instansi \(dikirim 2 Mar 2026 pukul 09\.00 WIB\)/,
      );
    });
    expect((await say(core, w, STRANGER, STRANGER.id, '/bantuan')).replies[0]).toContain('/gabung <kode-unit>');

    w.clock.advance(5 * 60_000);
    const approved = await press(core, w, TG.admin, w.chats.admin, notice.buttons[0]!.data);
    expect(approved.toast).toBe('✅ Orang Asing disetujui sebagai Pejabat Penghubung BKN-PENGADAAN. Ia sudah diberi tahu dan disambut di grup unit.');
    expect(await requestOf(p.id)).toMatchObject({ state: 'APPROVED', decidedById: w.people.admin.personId, decidedAt: w.clock.now() });
    expect((await person(STRANGER.id)).agencyId).toBe(w.agencyId);
    expect(await db.prisma.auditEvent.count({ where: { action: 'role_approved', subject: p.id, actorId: w.people.admin.personId } })).toBe(1);

    const dm = approved.queued.find((q) => q.purpose === 'dm')!;
    expect(dm.target).toBe(STRANGER.id);
    expect(dm.text).toMatch(/^✅ Permintaan Anda disetujui oleh Ani Admin: Anda kini Pejabat Penghubung BKN-PENGADAAN \(Direktorat Pengadaan\)\./);
    expect(dm.text).toContain('/bantuan');
    expect(dm.text).toContain('/saya');
    const welcome = approved.queued.find((q) => q.target === w.chats.A)!;
    expect(welcome).toMatchObject({ purpose: 'notice' });
    expect(welcome.text).toMatch(/^👋 Selamat bergabung, Orang Asing — Pejabat Penghubung BKN-PENGADAAN!\n.*\/ambil <nomor>[\s\S]*\/bantuan[\s\S]*\/saya/);
    // The request in the admin chat (not sent yet here) is rewritten: decision appended, no buttons.
    const request = await db.prisma.outbox.findFirstOrThrow({ where: { dedupeKey: { startsWith: `join:${a.id}:` } } });
    expect(request.payload).toEqual({ text: `${notice.text}\n\n✅ Disetujui oleh Ani Admin (09.05).` });

    // Deciding again says who decided and when; asking again says they are registered.
    await unchanged(async () => {
      const again = await press(core, w, TG.admin, w.chats.admin, notice.buttons[1]!.data);
      expect(again.toast).toBe('⚠️ Permintaan Orang Asing (Pejabat Penghubung BKN-PENGADAAN) sudah diputuskan oleh Ani Admin pada 2 Mar 2026 pukul 09.05 WIB: disetujui.');
      expect((await say(core, w, STRANGER, STRANGER.id, '/join BKN-PENGADAAN')).replies[0]).toBe(
        '⚠️ Anda sudah terdaftar sebagai Pejabat Penghubung di BKN-PENGADAAN. Ketik /bantuan untuk perintah yang dapat Anda pakai.',
      );
    });

    await w.newReport('4000001');
    await say(core, w, TG.admin, w.chats.admin, '/disposisi 4000001 BKN-PENGADAAN');
    expect((await say(core, w, STRANGER, w.chats.A, '/ambil 4000001')).replies[0]).toMatch(/^✅ Laporan #4000001 diambil oleh Orang Asing\./);
  });

  it('a WhatsApp user asks as operator; /tolak with a reason rejects and tells them privately', async () => {
    const sari = { id: '+6281211112222', name: 'Sari' };
    const dmChat = '6281211112222@c.us';
    const wa = (text: string): Inbound => ({ platform: 'whatsapp', chatId: dmChat, chatType: 'private', user: sari, text, messageId: `wa-${text.length}` });
    const asked = await send(wa('!join BKN-PENSIUN operator'));
    expect(asked.replies[0]).toMatch(/^📨 Permintaan dikirim ke Admin Instansi untuk bergabung sebagai Operator Live Chat BKN-PENSIUN/);
    const p = await db.prisma.person.findUniqueOrThrow({ where: { whatsapp: '+6281211112222' } });
    expect(p).toMatchObject({ name: 'Sari', telegramId: null });
    const a = await requestOf(p.id);
    expect(a).toMatchObject({ state: 'PENDING', role: 'operator', unitId: w.units.B.id });
    expect(asked.queued.find((q) => q.target === w.chats.admin)?.text).toMatch(/^👤 Sari \(\+6281211112222\) meminta bergabung sebagai Operator Live Chat BKN-PENSIUN/);

    const short = a.id.slice(0, 8);
    const rejected = await say(core, w, TG.admin, w.chats.admin, `/tolak ${short.toUpperCase()} Bukan pegawai Direktorat Pensiun.`);
    expect(rejected.replies).toEqual(['❌ Permintaan Sari sebagai Operator Live Chat BKN-PENSIUN ditolak. Ia sudah diberi tahu.']);
    expect(await requestOf(p.id)).toMatchObject({ state: 'REJECTED', decidedById: w.people.admin.personId });
    const logged = await db.prisma.auditEvent.findFirstOrThrow({ where: { action: 'role_rejected', subject: p.id } });
    expect(logged.data).toMatchObject({ assignmentId: a.id, role: 'operator', reason: 'Bukan pegawai Direktorat Pensiun.' });
    expect(rejected.queued.find((q) => q.purpose === 'dm')).toMatchObject({
      target: dmChat,
      text: '❌ Permintaan Anda bergabung sebagai Operator Live Chat BKN-PENSIUN ditolak oleh Ani Admin.\nAlasan: Bukan pegawai Direktorat Pensiun.\nHubungi Admin Instansi bila ini keliru.',
    });
    expect(rejected.queued.some((q) => q.target === w.chats.B)).toBe(false); // no welcome
    const request = await db.prisma.outbox.findFirstOrThrow({ where: { dedupeKey: { startsWith: `join:${a.id}:` } } });
    expect((request.payload as { text: string; buttons?: unknown }).buttons).toBeUndefined();
    expect((request.payload as { text: string }).text).toMatch(/❌ Ditolak oleh Ani Admin \(\d{2}\.\d{2}\): Bukan pegawai Direktorat Pensiun\.$/);

    await unchanged(async () => {
      expect((await say(core, w, TG.admin, w.chats.admin, `/setujui ${short}`)).replies[0]).toMatch(/sudah diputuskan oleh Ani Admin pada .*: ditolak\.$/);
      expect((await send(wa('!ambil 4000001'))).replies[0]).toMatch(/hanya untuk anggota terdaftar/);
    });
    // After a rejection they may ask again (a new request).
    expect((await send(wa('!gabung BKN-PENSIUN operator'))).replies[0]).toMatch(/Permintaan dikirim/);
    expect(await db.prisma.roleAssignment.count({ where: { personId: p.id, state: 'PENDING' } })).toBe(1);
  });

  it('refuses unknown units, bad roles, missing codes and unknown console ids, changing nothing', async () => {
    const newbie = { id: '9997', name: 'Baru' };
    await unchanged(async () => {
      expect((await say(core, w, newbie, newbie.id, '/gabung BKN-TIDAKADA')).replies[0]).toMatch(/^⚠️ Unit BKN-TIDAKADA tidak ditemukan/);
      expect((await say(core, w, newbie, newbie.id, '/gabung BKN-PENGADAAN kepala')).replies[0]).toMatch(/peran berupa penghubung atau operator/);
      expect((await say(core, w, newbie, newbie.id, '/gabung')).replies[0]).toMatch(/kode unit wajib diisi/);
      const consoleUser = { id: '00000000-0000-4000-8000-000000000000', name: 'Siapa' };
      const c = await send({ platform: 'console', chatId: 'grup-a', chatType: 'group', user: consoleUser, text: '/gabung BKN-PENGADAAN' });
      expect(c.replies[0]).toMatch(/konsol.*penghubung person add/);
    });
    expect(await db.prisma.person.findUnique({ where: { telegramId: newbie.id } })).toBeNull();
  });

  it('in a unit chat the code may be left out; a member may ask for another unit', async () => {
    const newbie = { id: '9996', name: 'Putri' };
    expect((await say(core, w, newbie, w.chats.B, '/gabung')).replies[0]).toMatch(/Pejabat Penghubung BKN-PENSIUN/);
    const p = await person(newbie.id);
    expect(await requestOf(p.id)).toMatchObject({ unitId: w.units.B.id, state: 'PENDING' });

    const budi = await say(core, w, TG.budi, TG.budi.id, '/gabung BKN-PENSIUN');
    expect(budi.replies[0]).toMatch(/Permintaan dikirim ke Admin Instansi/);
    expect(budi.queued.find((q) => q.target === w.chats.admin)?.text).toMatch(/^👤 Budi meminta bergabung sebagai Pejabat Penghubung BKN-PENSIUN \(Direktorat Pensiun\)\.\nSaat ini: Pejabat Penghubung BKN-PENGADAAN\./);
    // Still works in their own unit meanwhile, and cannot re-ask for it.
    expect((await say(core, w, TG.budi, w.chats.A, '/bantuan')).replies[0]).toContain('/ambil <nomor>');
    await unchanged(async () => {
      expect((await say(core, w, TG.budi, w.chats.A, '/gabung')).replies[0]).toMatch(/sudah terdaftar sebagai Pejabat Penghubung di BKN-PENGADAAN/);
    });
    // Clean up: the admin turns both down (typed, without a reason).
    const mine = await requestOf(w.people.budi.personId!, 'PENDING');
    expect((await say(core, w, TG.admin, w.chats.admin, `/reject ${mine.id.slice(0, 8)}`)).replies[0]).toMatch(/Permintaan Budi sebagai Pejabat Penghubung BKN-PENSIUN ditolak/);
    expect((await say(core, w, TG.admin, w.chats.admin, `/tolak ${(await requestOf(p.id, 'PENDING')).id.slice(0, 8)}`)).replies[0]).toMatch(/ditolak/);
  });

  it('only an Admin Instansi of the same agency decides', async () => {
    const tono = { id: '9995', name: 'Tono' };
    await say(core, w, tono, tono.id, '/gabung BKN-PENGADAAN');
    const a = await requestOf((await person(tono.id)).id);
    const short = a.id.slice(0, 8);
    await unchanged(async () => {
      // The other agency's admin, in their own admin chat: the button (full id) and the typed short id.
      const pressed = await press(core, w, other.admin, other.adminChat, encodeCallback('approve', a.id));
      expect(pressed.toast).toMatch(/hanya untuk Admin Instansi/);
      expect((await say(core, w, other.admin, other.adminChat, `/setujui ${short}`)).replies[0]).toBe(`⚠️ Permintaan bergabung ${short} tidak ditemukan.`);
      // … and in this agency's admin chat, where they hold no role.
      expect((await press(core, w, other.admin, w.chats.admin, encodeCallback('reject', a.id))).toast).toMatch(/hanya untuk Admin Instansi/);
      // Officers and operators of the agency cannot either.
      expect((await say(core, w, TG.budi, w.chats.A, `/setujui ${short}`)).replies[0]).toMatch(/hanya untuk Admin Instansi/);
      expect((await press(core, w, TG.oscar, w.chats.A, encodeCallback('approve', a.id))).toast).toMatch(/hanya untuk Admin Instansi/);
      expect((await say(core, w, TG.admin, w.chats.admin, '/setujui 12345')).replies[0]).toMatch(/ID permintaan berupa 8 karakter pertama/);
      expect((await say(core, w, TG.admin, w.chats.admin, '/setujui ffffffff')).replies[0]).toBe('⚠️ Permintaan bergabung ffffffff tidak ditemukan.');
    });
    expect((await say(core, w, TG.admin, w.chats.admin, `/approve ${short}`)).replies[0]).toMatch(/^✅ Tono disetujui/);
    expect((await requestOf(a.personId)).state).toBe('APPROVED');
  });
});

describe('/serahkan', () => {
  const FAJAR = { id: '1007', name: 'Fajar Nugroho' };
  const EKA = { id: '1008', name: 'Eka Putri' };
  let fajarId: string;
  let ekaId: string;

  it('refuses officers, the same person, unknown, other-agency and ambiguous people, changing nothing', async () => {
    const fajar = await addPerson(w.ctx, sys, { name: FAJAR.name, agencyId: w.agencyId, telegramId: FAJAR.id, telegramUsername: 'fajar' });
    fajarId = fajar.id;
    await grantRole(w.ctx, sys, { personId: fajar.id, role: 'penghubung', unitCode: w.units.A.code });
    await grantRole(w.ctx, sys, { personId: fajar.id, role: 'operator', unitCode: w.units.B.code });
    ekaId = (await addPerson(w.ctx, sys, { name: EKA.name, agencyId: w.agencyId, telegramId: EKA.id })).id;
    await addPerson(w.ctx, sys, { name: 'Gita', agencyId: w.agencyId, telegramId: '1011' });
    await addPerson(w.ctx, sys, { name: 'Gita', agencyId: w.agencyId, telegramId: '1012', telegramUsername: 'gita2' });
    const steps: Record<string, string[]> = {
      '5000001': [],
      '5000002': ['/respon 5000002 Sedang kami periksa.'],
      '5000003': ['/tindaklanjut 5000003 Jawaban sudah kami kirim. --selesai'],
      '5000004': ['admin:/tunda 5000004 Menunggu dokumen pelapor.'],
    };
    for (const [tracking, more] of Object.entries(steps)) {
      await w.newReport(tracking);
      await say(core, w, TG.admin, w.chats.admin, `/disposisi ${tracking} BKN-PENGADAAN`);
      await say(core, w, FAJAR, w.chats.A, `/ambil ${tracking}`);
      for (const step of more) {
        if (step.startsWith('admin:')) await say(core, w, TG.admin, w.chats.admin, step.slice(6));
        else await say(core, w, FAJAR, w.chats.A, step);
      }
    }
    await w.newReport('5000005');
    await say(core, w, TG.admin, w.chats.admin, '/disposisi 5000005 BKN-PENGADAAN');
    await say(core, w, TG.citra, w.chats.A, '/ambil 5000005');
    const statuses = await db.prisma.report.findMany({ where: { trackingId: { startsWith: '50000' } }, orderBy: { trackingId: 'asc' }, select: { status: true, claimedById: true } });
    expect(statuses.map((s) => s.status)).toEqual(['BELUM_DITINDAKLANJUTI', 'PROSES', 'SELESAI', 'TUNDA', 'BELUM_DITINDAKLANJUTI']);

    const admin = (text: string) => say(core, w, TG.admin, w.chats.admin, text).then((r) => r.replies[0]);
    await unchanged(async () => {
      expect((await say(core, w, TG.budi, w.chats.A, '/serahkan @fajar "Eka Putri"')).replies[0]).toMatch(/hanya untuk Admin Instansi/);
      expect(await admin('/serahkan @fajar 1007')).toMatch(/penerima serah terima harus orang lain/);
      expect(await admin('/serahkan @fajar "Tidak Ada"')).toBe('⚠️ Orang "Tidak Ada" tidak ditemukan. Ketik /siapa untuk melihat anggota terdaftar.');
      expect(await admin(`/serahkan @fajar "${other.admin.name}"`)).toMatch(/Orang "Admin Dua" tidak ditemukan/);
      expect(await admin(`/serahkan @fajar ${other.admin.id}`)).toMatch(/Orang "2001" tidak ditemukan/);
      expect(await admin('/serahkan @fajar "Eka Putri')).toMatch(/tanda kutip belum ditutup/);
      expect(await admin('/serahkan @fajar Eka Putri')).toMatch(/tepat dua orang.*"Budi Santoso"/);
      expect(await admin('/serahkan @fajar')).toMatch(/tepat dua orang/);
      expect(await admin('/serahkan')).toMatch(/sebutkan dua orang/);
      expect(await admin('/serahkan @fajar Gita')).toMatch(/"Gita" cocok dengan beberapa orang: Gita, Gita \(@gita2\)\./);
      expect(await admin('/serahkan Citra Orang Asing')).toMatch(/tepat dua orang/);
    });
    // The other agency's admin cannot hand over this agency's people either.
    await unchanged(async () => {
      expect((await say(core, w, other.admin, other.adminChat, '/serahkan @fajar "Eka Putri"')).replies[0]).toMatch(/Orang "@fajar" tidak ditemukan/);
    });
  });

  it('moves open claimed reports (not closed ones) and unit roles, with events, audit, posts and messages', async () => {
    const report2 = await db.prisma.report.findFirstOrThrow({ where: { trackingId: '5000002' } });
    const sentPost = await db.prisma.outbox.findFirstOrThrow({ where: { reportId: report2.id, purpose: 'report_post', kind: 'send' } });
    await db.prisma.outbox.update({ where: { id: sentPost.id }, data: { status: 'SENT', platformMessageId: '777' } });
    w.clock.advance(60 * 60_000);

    const r = await say(core, w, TG.admin, w.chats.admin, '/serahkan @fajar "Eka  Putri" --nonaktif');
    expect(r.replies).toEqual([
      '✅ Serah terima selesai: 3 laporan dan 2 peran dipindahkan dari Fajar Nugroho ke Eka Putri.\nLaporan: #5000001, #5000002, #5000004.\nFajar Nugroho dinonaktifkan.\nKeduanya sudah diberi tahu secara pribadi.',
    ]);
    const reports = await db.prisma.report.findMany({ where: { trackingId: { startsWith: '50000' } }, orderBy: { trackingId: 'asc' } });
    expect(reports.map((x) => [x.trackingId, x.claimedById === ekaId ? 'eka' : x.claimedById === fajarId ? 'fajar' : 'other'])).toEqual([
      ['5000001', 'eka'], ['5000002', 'eka'], ['5000003', 'fajar'], ['5000004', 'eka'], ['5000005', 'other'],
    ]);
    expect(reports[0]!.claimedAt).toEqual(w.clock.now());
    expect(reports[3]!.status).toBe('TUNDA');

    const events = await db.prisma.reportEvent.findMany({ where: { action: 'handed_over' }, include: { report: { select: { trackingId: true } } }, orderBy: { id: 'asc' } });
    expect(events.map((e) => e.report.trackingId)).toEqual(['5000001', '5000002', '5000004']);
    expect(events[0]).toMatchObject({
      actorId: w.people.admin.personId, actorLabel: 'Ani Admin', reason: 'serah terima dari Fajar Nugroho ke Eka Putri', source: 'telegram',
      before: { claimedById: fajarId }, after: { claimedById: ekaId, claimedAt: w.clock.now().toISOString() },
    });

    const roles = await db.prisma.roleAssignment.findMany({ where: { personId: { in: [fajarId, ekaId] } }, orderBy: [{ personId: 'asc' }, { role: 'asc' }] });
    expect(roles.filter((x) => x.personId === fajarId).map((x) => [x.role, x.state])).toEqual([['penghubung', 'REVOKED'], ['operator', 'REVOKED']]);
    expect(roles.filter((x) => x.personId === ekaId).map((x) => [x.role, x.unitId, x.state])).toEqual([
      ['penghubung', w.units.A.id, 'APPROVED'], ['operator', w.units.B.id, 'APPROVED'],
    ]);
    expect((await db.prisma.person.findUniqueOrThrow({ where: { id: fajarId } })).active).toBe(false);
    const logged = await db.prisma.auditEvent.findFirstOrThrow({ where: { action: 'handover' } });
    expect(logged).toMatchObject({ agencyId: w.agencyId, actorId: w.people.admin.personId, subject: fajarId });
    expect(logged.data).toMatchObject({ from: fajarId, to: ekaId, reports: 3, roles: 2, deactivated: true, trackingIds: ['5000001', '5000002', '5000004'] });

    const dms = r.queued.filter((q) => q.purpose === 'dm');
    expect(dms.filter((q) => q.target === FAJAR.id).map((q) => q.text)).toEqual([
      '🔁 Serah terima oleh Ani Admin: tugas Anda dialihkan ke Eka Putri.\n' +
        'Peran: Pejabat Penghubung BKN-PENGADAAN, Operator Live Chat BKN-PENSIUN\n' +
        'Laporan terbuka (3):\n• #5000001 (Belum Ditindaklanjuti) Pengumuman seleksi PPPK\n• #5000002 (Proses) Pengumuman seleksi PPPK\n• #5000004 (Tunda) Pengumuman seleksi PPPK\n' +
        'Akun Anda di bot dinonaktifkan. Terima kasih atas tugas Anda.',
    ]);
    const toEka = dms.filter((q) => q.target === EKA.id).map((q) => q.text);
    expect(toEka[0]).toMatch(/^🔁 Serah terima dari Fajar Nugroho oleh Ani Admin: tugas berikut kini Anda pegang\.\nPeran: Pejabat Penghubung BKN-PENGADAAN, Operator Live Chat BKN-PENSIUN\nLaporan terbuka \(3\):/);
    expect(toEka.slice(1).map((t) => t.split('\n')[0])).toEqual(['5000001', '5000002', '5000004'].map((t) => `🔒 Laporan #${t} (untuk Anda saja, serah terima dari Fajar Nugroho)`));
    expect(toEka[0]).not.toContain('Rina Kartika'); // the summary is masked like a group post
    const notices = r.queued.filter((q) => q.purpose === 'notice');
    expect(notices.map((q) => [q.target, q.text])).toEqual([
      [w.chats.A, '🔁 Serah terima: tugas Fajar Nugroho di unit ini dialihkan ke Eka Putri (3 laporan terbuka).'],
      [w.chats.B, '🔁 Serah terima: tugas Fajar Nugroho di unit ini dialihkan ke Eka Putri.'],
    ]);
    // Living posts: the sent one gets an edit, a pending one is rewritten in place.
    const edit = r.queued.find((q) => q.kind === 'edit')!;
    expect(edit.target).toBe(w.chats.A);
    expect(edit.text).toMatch(/Status: Proses · diambil Eka Putri \(\d{2}\.\d{2}\)\nTerakhir: serah terima dari Fajar Nugroho ke Eka Putri oleh Ani Admin/);
    const pendingPost = await db.prisma.outbox.findFirstOrThrow({ where: { reportId: reports[0]!.id, purpose: 'report_post', kind: 'send' } });
    expect((pendingPost.payload as { text: string }).text).toContain('diambil Eka Putri');

    // Fajar is out; Eka works the reports.
    expect((await say(core, w, FAJAR, w.chats.A, '/ambil 5000005')).replies[0]).toMatch(/belum terdaftar/);
    expect((await say(core, w, EKA, w.chats.A, '/respon 5000001 Terima kasih, sedang kami proses.')).replies[0]).toMatch(/Respon awal untuk #5000001 tercatat/);
  });

  it('when the successor already holds the role, only the leaver\'s is revoked', async () => {
    const citraId = w.people.citra.personId!;
    const r = await say(core, w, TG.admin, w.chats.admin, '/handover “eka putri” citra');
    expect(r.replies[0]).toMatch(/^✅ Serah terima selesai: 3 laporan dan 2 peran dipindahkan dari Eka Putri ke Citra\./);
    expect(r.replies[0]).not.toContain('dinonaktifkan');
    const citraRoles = await db.prisma.roleAssignment.findMany({ where: { personId: citraId, state: 'APPROVED' }, orderBy: { role: 'asc' } });
    expect(citraRoles.map((x) => [x.role, x.unitId])).toEqual([['penghubung', w.units.A.id], ['operator', w.units.B.id]]);
    expect(await db.prisma.roleAssignment.count({ where: { personId: ekaId, state: 'APPROVED' } })).toBe(0);
    expect((await db.prisma.person.findUniqueOrThrow({ where: { id: ekaId } })).active).toBe(true);
    expect(await db.prisma.report.count({ where: { claimedById: citraId, trackingId: { in: ['5000001', '5000002', '5000004', '5000005'] } } })).toBe(4);
  });

  it('splits references on spaces, keeping quoted names together', () => {
    expect(splitRefs('@budi "Budi  Santoso"')).toEqual(['@budi', 'Budi Santoso']);
    expect(splitRefs('“Budi Santoso” 0812-3456-7890')).toEqual(['Budi Santoso', '0812-3456-7890']);
    expect(splitRefs('"Budi Santoso”   @citra')).toEqual(['Budi Santoso', '@citra']);
    expect(splitRefs('"Budi')).toBeNull();
  });
});

describe('/ikat', () => {
  const GROUP = '-1009';

  it('binds this group to a unit, re-binds it as the admin chat, binds a forum topic', async () => {
    const first = await say(core, w, TG.admin, GROUP, '/ikat bkn-pensiun', { chatTitle: 'Grup Pensiun Baru' });
    expect(first.replies).toEqual([
      '🔗 Grup ini kini terhubung ke unit BKN-PENSIUN (Direktorat Pensiun). Laporan yang didisposisikan ke BKN-PENSIUN akan diposting di sini. Petugas baru dapat mengetik /gabung untuk meminta akses.',
    ]);
    const chat = () => db.prisma.chat.findUniqueOrThrow({ where: { platform_externalId_threadId: { platform: 'telegram', externalId: GROUP, threadId: '' } } });
    expect(await chat()).toMatchObject({ agencyId: w.agencyId, unitId: w.units.B.id, title: 'Grup Pensiun Baru' });

    const again = await say(core, w, TG.admin, GROUP, '/bind admin');
    expect(again.replies[0]).toMatch(/^🔗 Grup ini kini terhubung ke Admin Instansi \(sebelumnya BKN-PENSIUN\)\./);
    expect(await chat()).toMatchObject({ unitId: null, title: 'Grup Pensiun Baru' });

    const topic = await say(core, w, TG.admin, GROUP, '/ikat BKN-PENGADAAN', { threadId: '77' });
    expect(topic.replies[0]).toMatch(/^🔗 Topik ini kini terhubung ke unit BKN-PENGADAAN/);
    expect(await db.prisma.chat.findUniqueOrThrow({ where: { platform_externalId_threadId: { platform: 'telegram', externalId: GROUP, threadId: '77' } } })).toMatchObject({ unitId: w.units.A.id });
    expect(await chat()).toMatchObject({ unitId: null });
    expect(await db.prisma.auditEvent.count({ where: { action: 'chat_bound', actorId: w.people.admin.personId } })).toBe(3);
  });

  it('refuses officers, private chats, unknown or foreign units and other agencies, changing nothing', async () => {
    await unchanged(async () => {
      expect((await say(core, w, TG.budi, GROUP, '/ikat BKN-PENSIUN')).replies[0]).toMatch(/hanya untuk Admin Instansi/);
      expect((await say(core, w, TG.admin, TG.admin.id, '/ikat BKN-PENSIUN')).replies[0]).toBe(
        '⚠️ Perintah ini dipakai di grup yang ingin dihubungkan, bukan di chat pribadi. Tambahkan bot ke grup tersebut, lalu ketik /ikat <kode-unit> (atau /ikat admin) di sana.',
      );
      expect((await say(core, w, TG.admin, GROUP, '/ikat BKN-TIDAKADA')).replies[0]).toMatch(/Unit BKN-TIDAKADA tidak ditemukan/);
      expect((await say(core, w, TG.admin, GROUP, `/ikat ${other.unitCode}`)).replies[0]).toMatch(/Unit KEMENPAN-SDM tidak ditemukan/);
      expect((await say(core, w, TG.admin, GROUP, '/ikat')).replies[0]).toMatch(/sebutkan kode unit, atau admin/);
      expect((await say(core, w, other.admin, GROUP, `/ikat ${other.unitCode}`)).replies[0]).toMatch(/hanya untuk Admin Instansi/);
      expect((await say(core, w, { id: '9990', name: 'Tamu' }, '-1010', '/ikat admin')).replies[0]).toMatch(/belum terdaftar/);
    });
  });
});

describe('/siapa', () => {
  it('lists the unit\'s members in a unit chat, with open reports per liaison officer', async () => {
    const text = (await say(core, w, TG.budi, w.chats.A, '/siapa')).replies[0]!;
    const citraOpen = await db.prisma.report.count({ where: { claimedById: w.people.citra.personId, status: { in: ['BELUM_DITINDAKLANJUTI', 'PROSES', 'TUNDA'] } } });
    expect(text.split('\n')[0]).toBe('👥 Anggota BKN-PENGADAAN — Direktorat Pengadaan');
    expect(text).toContain(`• Citra — Pejabat Penghubung · ${citraOpen} laporan terbuka`);
    expect(text).toMatch(/• Budi — Pejabat Penghubung · \d+ laporan terbuka/);
    expect(text).toContain('• Oscar — Operator Live Chat\n');
    expect(text).toContain('• Orang Asing (@orangasing) — Pejabat Penghubung · 1 laporan terbuka');
    expect(text).not.toContain('Fajar'); // deactivated
    expect(text).not.toContain('Dedi'); // another unit
    expect(text).not.toContain('Menunggu persetujuan'); // not an admin
  });

  it('lists every unit and the pending requests in the admin chat', async () => {
    const sari = await db.prisma.person.findUniqueOrThrow({ where: { whatsapp: '+6281211112222' } });
    const pending = await requestOf(sari.id, 'PENDING');
    const text = (await say(core, w, TG.admin, w.chats.admin, '/who')).replies[0]!;
    expect(text.split('\n')[0]).toBe('👥 Anggota Badan Kepegawaian Negara (BKN)');
    expect(text).toContain('• Ani Admin — Admin Instansi');
    expect(text).toMatch(/\nBKN-PENGADAAN — Direktorat Pengadaan\n[\s\S]*\nBKN-PENSIUN — Direktorat Pensiun\n• Citra — Operator Live Chat\n• Dedi — Pejabat Penghubung · 0 laporan terbuka/);
    expect(text).toContain(`⏳ Menunggu persetujuan:\n• Sari (+6281211112222) — Operator Live Chat BKN-PENSIUN · /setujui ${pending.id.slice(0, 8)} atau /tolak ${pending.id.slice(0, 8)}`);
    await unchanged(async () => {
      expect((await say(core, w, { id: '9990', name: 'Tamu' }, w.chats.A, '/siapa')).replies[0]).toMatch(/belum terdaftar/);
    });
  });
});
