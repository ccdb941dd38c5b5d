/**
 * Reminders of unanswered requests climb PIC → unit chat → admin on working hours, with the fake
 * clock across a weekend, a national holiday (Fri 16 Jan 2026) and Idul Fitri 2026.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { askInfo } from '../../src/info/ask.js';
import { answerInfo } from '../../src/info/answer.js';
import { followUpInfo } from '../../src/info/follow-up.js';
import { infoJobs } from '../../src/info/jobs.js';
import { runInfoNudges } from '../../src/info/nudges.js';
import { silentLogger } from '../../src/lib/logger.js';
import { createTestDb, type TestDb } from '../helpers/test-db.js';
import { TG } from '../helpers/chat.js';
import { buildInfoWorld, type InfoWorld } from '../helpers/info-world.js';

let db: TestDb;
let w: InfoWorld;
beforeAll(async () => {
  db = await createTestDb();
  w = await buildInfoWorld(db, '2026-01-15T07:00:00Z');
});
afterAll(() => db.close());

/** WIB wall-clock time → instant. */
const wib = (local: string): Date => new Date(`${local}:00+07:00`);

async function ask(at: string, unit: 'A' | 'B', question: string): Promise<string> {
  w.clock.set(wib(at));
  const { request } = await askInfo(w.ctx, w.wulan, { agencyId: w.agencyId, unitId: w.units[unit].id, question, origin: { platform: 'whatsapp', chatId: w.wa.group } });
  return request.trackingId;
}

/** Run the sweep at a slot; the nudges it queued for `ir`, as "audience→platform:target". */
async function sweep(local: string, ir: string, instant = wib(local)): Promise<string[]> {
  w.clock.set(instant);
  const before = (await db.prisma.outbox.aggregate({ _max: { id: true } }))._max.id ?? 0n;
  await runInfoNudges(w.ctx, instant);
  const rows = await db.prisma.outbox.findMany({ where: { id: { gt: before }, purpose: 'nudge', dedupeKey: { startsWith: `ir:${ir}:` } }, orderBy: { id: 'asc' } });
  return rows.map((r) => `${r.dedupeKey!.split(':')[3]}→${r.platform}:${r.target}`);
}

describe('reminders for an unanswered request', () => {
  it('wait out a holiday and a weekend, then climb PIC → unit chat → admin', async () => {
    // Thursday 15 Jan 14:00: two office hours left that day; Friday is Isra Mikraj, then the weekend.
    const ir = await ask('2026-01-15T14:00', 'B', 'Kapan kenaikan gaji pensiun berlaku?');
    const row = await db.prisma.infoRequest.findUniqueOrThrow({ where: { trackingId: ir } });
    expect(row.firstResponseDue).toEqual(wib('2026-01-19T10:00'));

    for (const quiet of ['2026-01-15T16:00', '2026-01-16T10:00', '2026-01-17T10:00', '2026-01-19T09:45']) {
      expect(await sweep(quiet, ir)).toEqual([]);
    }
    expect(await sweep('2026-01-19T10:00', ir)).toEqual([`pic→telegram:${TG.dedi.id}`]);
    expect(await sweep('2026-01-19T10:00', ir)).toEqual([]); // the same slot again sends nothing
    expect(await sweep('2026-01-19T13:45', ir)).toEqual([]);
    expect(await sweep('2026-01-19T14:00', ir)).toEqual([`unit→telegram:${w.chats.B}`]);
    // Monday 14–16 and Tuesday 08–10: the admin hears on Tuesday at 10:00.
    expect(await sweep('2026-01-20T09:45', ir)).toEqual([]);
    expect(await sweep('2026-01-20T10:00', ir)).toEqual([`admin→telegram:${w.chats.admin}`]);
    // Then unit and admin once a working day until someone answers.
    expect(await sweep('2026-01-21T10:00', ir)).toEqual([`unit→telegram:${w.chats.B}`, `admin→telegram:${w.chats.admin}`]);

    const texts = await db.prisma.outbox.findMany({ where: { purpose: 'nudge', dedupeKey: { startsWith: `ir:${ir}:` } }, orderBy: { id: 'asc' } });
    expect((texts[0]!.payload as { text: string }).text).toMatch(new RegExp(`^⏰ Pengingat: ${ir} belum dijawab sejak 15 Jan 2026 pukul 14\\.00 WIB`));
    expect((texts[2]!.payload as { text: string }).text).toMatch(new RegExp(`^🚨 ${ir} untuk BKN-PENSIUN belum dijawab`));

    w.clock.set(wib('2026-01-21T11:00'));
    await answerInfo(w.ctx, w.people.dedi, { trackingId: ir, text: 'Berlaku mulai 1 April.' });
    expect(await sweep('2026-01-22T10:00', ir)).toEqual([]);
    expect(await sweep('2026-01-26T10:00', ir)).toEqual([]);
  });

  it('say so once the five working days have passed', async () => {
    const ir = await ask('2026-01-22T09:00', 'B', 'Apakah tunjangan janda ikut naik?');
    // Due Thursday 29 Jan (5 working days); the sweep runs every hour, day and night, until the day after.
    const sent: { audience: string; at: Date }[] = [];
    for (let t = wib('2026-01-22T09:00').getTime(); t <= wib('2026-01-30T16:00').getTime(); t += 60 * 60_000) {
      const at = new Date(t);
      for (const n of await sweep('', ir, at)) sent.push({ audience: n.split('→')[0]!, at });
    }
    // PIC, unit, admin, then unit+admin once on each following working day; never outside office hours.
    expect(sent.map((s) => s.audience).slice(0, 3)).toEqual(['pic', 'unit', 'admin']);
    expect(sent.map((s) => s.at)).toContainEqual(wib('2026-01-22T13:00'));
    for (const { at } of sent) {
      const local = new Date(at.getTime() + 7 * 3_600_000);
      expect([0, 6]).not.toContain(local.getUTCDay());
      expect(local.getUTCHours() * 60 + local.getUTCMinutes()).toBeGreaterThanOrEqual(8 * 60);
      expect(local.getUTCHours() * 60 + local.getUTCMinutes()).toBeLessThanOrEqual(16 * 60);
    }
    const rows = await db.prisma.outbox.findMany({ where: { purpose: 'nudge', dedupeKey: { startsWith: `ir:${ir}:` } }, orderBy: { id: 'asc' } });
    const last = rows[rows.length - 1]!.payload as { text: string };
    expect(last.text).toMatch(/Batas 5 hari kerja \(Kam, 29 Jan 2026\) sudah terlewati/);
    expect((rows[0]!.payload as { text: string }).text).not.toMatch(/sudah terlewati/);
  });

  it('skip Idul Fitri and the cuti bersama around it', async () => {
    // Tue 17 Mar 14:00; 18 Mar–24 Mar are holidays or cuti bersama: the PIC hears on Wed 25 Mar.
    const ir = await ask('2026-03-17T14:00', 'B', 'Apakah layanan pensiun buka saat cuti bersama?');
    for (const quiet of ['2026-03-18T10:00', '2026-03-20T10:00', '2026-03-23T10:00', '2026-03-24T15:00', '2026-03-25T09:45']) {
      expect(await sweep(quiet, ir)).toEqual([]);
    }
    expect(await sweep('2026-03-25T10:00', ir)).toEqual([`pic→telegram:${TG.dedi.id}`]);
  });

  it('move a reminder that falls due while the office is closed to the next opening', async () => {
    const ir = await ask('2026-02-02T09:00', 'B', 'Bagaimana cara mengurus pensiun dini?');
    // The sweep was down from 13:00; it comes back on Saturday.
    expect(await sweep('2026-02-07T10:00', ir)).toEqual([]);
    expect((await db.prisma.infoRequest.findUniqueOrThrow({ where: { trackingId: ir } })).nextNudgeAt).toEqual(wib('2026-02-09T08:00'));
    expect(await sweep('2026-02-09T08:00', ir)).toEqual([`pic→telegram:${TG.dedi.id}`]);
  });

  it('start again after a follow-up, with a fresh round', async () => {
    const ir = await ask('2026-02-10T09:00', 'B', 'Apakah SK pensiun dikirim lewat pos?');
    expect(await sweep('2026-02-10T13:00', ir)).toEqual([`pic→telegram:${TG.dedi.id}`]);
    w.clock.set(wib('2026-02-10T13:30'));
    await answerInfo(w.ctx, w.people.dedi, { trackingId: ir, text: 'Dikirim lewat pos tercatat.' });
    w.clock.set(wib('2026-02-10T14:00'));
    await followUpInfo(w.ctx, w.wulan, { trackingId: ir, text: 'Berapa lama sampainya?' });
    const row = await db.prisma.infoRequest.findUniqueOrThrow({ where: { trackingId: ir } });
    expect(row).toMatchObject({ status: 'OPEN', nudgeStage: 0, firstResponseDue: wib('2026-02-10T13:00') });
    expect(row.nextNudgeAt).toEqual(wib('2026-02-11T10:00'));
    expect(await sweep('2026-02-11T10:00', ir)).toEqual([`pic→telegram:${TG.dedi.id}`]);
  });

  it('start at the unit chat when the unit has no PIC, and run as the scheduled job', async () => {
    await db.prisma.picEntry.deleteMany({ where: { unitId: w.units.A.id } });
    await db.prisma.infoRequest.updateMany({ where: { status: 'OPEN' }, data: { status: 'CLOSED', nextNudgeAt: null } });
    const ir = await ask('2026-02-23T09:00', 'A', 'Kapan jadwal SKB?');
    const job = infoJobs.find((j) => j.name === 'info-nudges')!;
    expect(job.cron).toBe('*/15 * * * *');
    const kick = vi.fn();
    w.clock.set(wib('2026-02-23T13:00'));
    const r = await job.run({ services: w.ctx, slot: wib('2026-02-23T13:00'), log: silentLogger(), kick });
    expect(r).toEqual({ summary: '2 reminders for 1 requests' });
    expect(kick).toHaveBeenCalledOnce();
    const rows = await db.prisma.outbox.findMany({ where: { purpose: 'nudge', dedupeKey: { startsWith: `ir:${ir}:` } }, orderBy: { id: 'asc' } });
    expect(rows.map((x) => `${x.platform}:${x.target}`).sort()).toEqual([`telegram:${w.chats.A}`, `whatsapp:${w.wa.group}`].sort());
  });
});
