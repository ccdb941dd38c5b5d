import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors.js';
import { archiveReport, disposeReport, holdReport, resumeReport } from '../../src/services/reports/admin-actions.js';
import { bounceReport, claimReport, closeReport, followUpReport, respondReport } from '../../src/services/reports/unit-actions.js';
import { containsPii } from '../../src/lib/pii.js';
import { createTestDb, type TestDb } from '../helpers/test-db.js';
import { buildWorld, type World } from '../helpers/world.js';

let db: TestDb;
let w: World;
beforeAll(async () => {
  db = await createTestDb();
  w = await buildWorld(db);
});
afterAll(() => db.close());

const errorCode = async (p: Promise<unknown>): Promise<string> => {
  try {
    await p;
    return 'no error';
  } catch (e) {
    if (e instanceof DomainError) return e.code;
    throw e;
  }
};

/** Everything about a report that a refused action must leave alone. */
async function fingerprint(reportId: string): Promise<unknown> {
  const [report, events, outbox] = await Promise.all([
    db.prisma.report.findUniqueOrThrow({ where: { id: reportId } }),
    db.prisma.reportEvent.count({ where: { reportId } }),
    db.prisma.outbox.count({ where: { reportId } }),
  ]);
  return { report, events, outbox };
}

describe('disposition', () => {
  it('stores the deadline, posts to the unit chat with masked text, and records the event', async () => {
    const id = await w.newReport('1000001');
    w.clock.set('2026-03-02T02:00:00Z'); // Monday 09:00 WIB
    const { report } = await disposeReport(w.ctx, w.people.admin, { reportId: id }, 'bkn-pengadaan');
    expect(report.status).toBe('BELUM_DITINDAKLANJUTI');
    expect(report.unitId).toBe(w.units.A.id);
    // 5 working days after Mon 2 Mar: 3,4,5,6,9 → due Mon 9 Mar; reminder 3 before → Wed 4 Mar 08:00 WIB.
    expect(report.dueDate?.toISOString().slice(0, 10)).toBe('2026-03-09');
    expect(report.dueAt?.toISOString()).toBe('2026-03-09T16:59:59.999Z');
    expect(report.reminder?.nextReminderAt?.toISOString()).toBe('2026-03-04T01:00:00.000Z');

    const posts = await db.prisma.outbox.findMany({ where: { reportId: id, purpose: 'report_post' } });
    expect(posts.map((p) => p.target)).toEqual([w.chats.A]);
    const payload = posts[0]!.payload as { text: string; buttons: { label: string; data: string }[][] };
    expect(payload.text).toContain('#1000001');
    expect(payload.text).toContain('Batas: Sen, 9 Mar 2026 (5 hari kerja lagi)');
    expect(payload.text).not.toContain('Rina');
    expect(payload.text).not.toContain('0812');
    expect(containsPii(payload.text, { knownNames: ['Rina Kartika'] })).toBe(false);
    expect(payload.buttons.flat().map((b) => b.label)).toEqual(['Ambil', 'Respon awal', 'Tindak lanjut', 'Bukan wewenang', 'Status']);
    for (const b of payload.buttons.flat()) expect(Buffer.byteLength(b.data)).toBeLessThanOrEqual(64);

    const events = await db.prisma.reportEvent.findMany({ where: { reportId: id }, orderBy: { id: 'asc' } });
    expect(events.map((e) => [e.action, e.actorLabel])).toEqual([['received', 'Sistem'], ['disposed', 'Ani Admin']]);
  });

  it('refuses a unit of another agency or an unknown code, and officers', async () => {
    const id = await w.newReport('1000002');
    const before = await fingerprint(id);
    expect(await errorCode(disposeReport(w.ctx, w.people.admin, { reportId: id }, 'NOPE'))).toBe('UNIT_NOT_FOUND');
    expect(await errorCode(disposeReport(w.ctx, w.people.budi, { reportId: id }, w.units.A.code))).toBe('FORBIDDEN');
    expect(await fingerprint(id)).toEqual(before);
  });
});

describe('claim', () => {
  it('lets exactly one of two concurrent claims win', async () => {
    const id = await w.newReport('1000010');
    await disposeReport(w.ctx, w.people.admin, { reportId: id }, w.units.A.code);
    const results = await Promise.allSettled([
      claimReport(w.ctx, w.people.budi, { reportId: id }),
      claimReport(w.ctx, w.people.citra, { reportId: id }),
    ]);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    const err = lost[0]!.reason as DomainError;
    expect(err.code).toBe('ALREADY_CLAIMED');
    const report = await db.prisma.report.findUniqueOrThrow({ where: { id } });
    const winner = report.claimedById === w.people.budi.personId ? 'Budi' : 'Citra';
    expect(err.data.claimedByName).toBe(winner);
    expect(err.data.claimedAtText).toMatch(/^\d{2}\.\d{2}$/);
    expect(await db.prisma.reportEvent.count({ where: { reportId: id, action: 'claimed' } })).toBe(1);
    // The winner gets the full text privately, once.
    const dms = await db.prisma.outbox.findMany({ where: { reportId: id, purpose: 'dm' } });
    expect(dms).toHaveLength(1);
    expect((dms[0]!.payload as { text: string }).text).toContain('Kapan pengumuman seleksi PPPK?');
  });

  it('refuses officers of another unit and unregistered people, changing nothing', async () => {
    const id = await w.newReport('1000011');
    await disposeReport(w.ctx, w.people.admin, { reportId: id }, w.units.A.code);
    const before = await fingerprint(id);
    expect(await errorCode(claimReport(w.ctx, w.people.dedi, { reportId: id }))).toBe('FORBIDDEN');
    expect(await errorCode(claimReport(w.ctx, w.people.stranger, { reportId: id }))).toBe('FORBIDDEN');
    expect(await errorCode(claimReport(w.ctx, w.people.oscar, { reportId: id }))).toBe('FORBIDDEN');
    expect(await errorCode(claimReport(w.ctx, w.people.budi, { agencyId: w.agencyId, trackingId: 'NOPE-1' }))).toBe('REPORT_NOT_FOUND');
    expect(await fingerprint(id)).toEqual(before);
  });
});

describe('answers', () => {
  it('keeps respon awal and tindak lanjut apart: only a tindak lanjut can close', async () => {
    const id = await w.newReport('1000020');
    await disposeReport(w.ctx, w.people.admin, { reportId: id }, w.units.A.code);
    const r1 = await respondReport(w.ctx, w.people.budi, { reportId: id }, 'Terima kasih, sedang kami periksa.');
    expect(r1.report.status).toBe('PROSES');
    expect(r1.report.claimedById).toBe(w.people.budi.personId);
    expect(await errorCode(closeReport(w.ctx, w.people.budi, { reportId: id }))).toBe('FOLLOW_UP_REQUIRED');
    const r2 = await followUpReport(w.ctx, w.people.citra, { reportId: id }, 'Pengumuman tanggal 20 Maret di situs resmi.', false);
    expect(r2.report.status).toBe('PROSES');
    const r3 = await closeReport(w.ctx, w.people.budi, { reportId: id });
    expect(r3.report.status).toBe('SELESAI');
    expect(r3.report.reminder?.nextReminderAt).toBeNull();
    const events = await db.prisma.reportEvent.findMany({ where: { reportId: id }, orderBy: { id: 'asc' } });
    expect(events.map((e) => e.action)).toEqual(['received', 'disposed', 'responded', 'followed_up', 'closed']);
    expect(events[2]!.reason).toBe('Terima kasih, sedang kami periksa.');
  });

  it('requires text', async () => {
    const id = await w.newReport('1000021');
    await disposeReport(w.ctx, w.people.admin, { reportId: id }, w.units.A.code);
    expect(await errorCode(respondReport(w.ctx, w.people.budi, { reportId: id }, '   '))).toBe('TEXT_REQUIRED');
  });
});

describe('bukan wewenang', () => {
  it('returns the report to the admin with the reason, counts the bounce, and retires the post buttons', async () => {
    const id = await w.newReport('1000030');
    await disposeReport(w.ctx, w.people.admin, { reportId: id }, w.units.A.code);
    await db.prisma.outbox.updateMany({ where: { reportId: id }, data: { status: 'SENT', platformMessageId: '77' } });
    expect(await errorCode(bounceReport(w.ctx, w.people.budi, { reportId: id }, ''))).toBe('REASON_REQUIRED');
    const { report } = await bounceReport(w.ctx, w.people.budi, { reportId: id }, 'Kewenangan Direktorat Pensiun.');
    expect(report).toMatchObject({ status: 'BELUM_TERVERIFIKASI', unitId: null, bounceCount: 1, dueAt: null, reminder: { nextReminderAt: null, lastNudgedOn: null } });
    const notice = await db.prisma.outbox.findFirstOrThrow({ where: { reportId: id, purpose: 'notice' } });
    expect(notice.target).toBe(w.chats.admin);
    expect((notice.payload as { text: string }).text).toMatch(/BUKAN WEWENANG[\s\S]*Oleh: Budi \(BKN-PENGADAAN\)[\s\S]*Alasan: Kewenangan Direktorat Pensiun\.[\s\S]*1 kali/);
    const edit = await db.prisma.outbox.findFirstOrThrow({ where: { reportId: id, kind: 'edit' } });
    expect((edit.payload as { text: string; buttons?: unknown }).buttons).toBeUndefined();
    expect((edit.payload as { text: string }).text).toContain('bukan wewenang');

    // Re-routed by the admin: the new unit gets its own post, the deadline starts again.
    w.clock.advance(3_600_000);
    const again = await disposeReport(w.ctx, w.people.admin, { reportId: id }, w.units.B.code);
    expect(again.transition.event).toBe('disposed');
    const posts = await db.prisma.outbox.findMany({ where: { reportId: id, purpose: 'report_post', kind: 'send' }, orderBy: { id: 'asc' } });
    expect(posts.map((p) => p.target)).toEqual([w.chats.A, w.chats.B]);

    // Later changes refresh both posts, but only the current unit's post keeps its buttons.
    await db.prisma.outbox.updateMany({ where: { reportId: id, kind: 'send' }, data: { status: 'SENT', platformMessageId: '78' } });
    await claimReport(w.ctx, w.people.dedi, { reportId: id });
    const edits = await db.prisma.outbox.findMany({ where: { reportId: id, kind: 'edit', status: 'PENDING' }, orderBy: { id: 'asc' } });
    const byChat = Object.fromEntries(edits.map((e) => [e.target, (e.payload as { buttons?: unknown[] }).buttons?.length ?? 0]));
    expect(byChat[w.chats.A]).toBe(0);
    expect(byChat[w.chats.B]).toBeGreaterThan(0);
  });
});

describe('living post', () => {
  it('rewrites a pending post in place and coalesces pending edits', async () => {
    const id = await w.newReport('1000040');
    await disposeReport(w.ctx, w.people.admin, { reportId: id }, w.units.A.code);
    await claimReport(w.ctx, w.people.budi, { reportId: id });
    // Still pending: no edit row, the original is rewritten.
    expect(await db.prisma.outbox.count({ where: { reportId: id, kind: 'edit' } })).toBe(0);
    const post = await db.prisma.outbox.findFirstOrThrow({ where: { reportId: id, purpose: 'report_post' } });
    expect((post.payload as { text: string }).text).toContain('diambil Budi');
    await db.prisma.outbox.update({ where: { id: post.id }, data: { status: 'SENT', platformMessageId: '12' } });
    await respondReport(w.ctx, w.people.budi, { reportId: id }, 'Sedang diproses.');
    await followUpReport(w.ctx, w.people.budi, { reportId: id }, 'Sudah dijawab.', true);
    const edits = await db.prisma.outbox.findMany({ where: { reportId: id, kind: 'edit' } });
    expect(edits).toHaveLength(1);
    expect(edits[0]!.editOfId).toBe(post.id);
    expect((edits[0]!.payload as { text: string }).text).toContain('Status: Selesai');
  });
});

describe('admin holds and archives', () => {
  it('pauses reminders on hold and resumes them', async () => {
    const id = await w.newReport('1000050');
    await disposeReport(w.ctx, w.people.admin, { reportId: id }, w.units.A.code);
    expect(await errorCode(holdReport(w.ctx, w.people.budi, { reportId: id }, 'x'))).toBe('FORBIDDEN');
    const held = await holdReport(w.ctx, w.people.admin, { reportId: id }, 'Menunggu dokumen pelapor.');
    expect(held.report).toMatchObject({ status: 'TUNDA', reminder: { nextReminderAt: null } });
    const resumed = await resumeReport(w.ctx, w.people.admin, { reportId: id });
    expect(resumed.report.status).toBe('BELUM_DITINDAKLANJUTI');
    expect(resumed.report.reminder?.nextReminderAt).toEqual(w.clock.now());
    const archived = await archiveReport(w.ctx, w.people.admin, { reportId: id }, 'Laporan berulang.');
    expect(archived.report.status).toBe('ARSIP');
  });
});
