/** The recap figures of information requests. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { askInfo } from '../../src/info/ask.js';
import { answerInfo } from '../../src/info/answer.js';
import { infoRequestStats } from '../../src/info/stats.js';
import { createTestDb, type TestDb } from '../helpers/test-db.js';
import { buildWorld, type World } from '../helpers/world.js';

let db: TestDb;
let w: World;
beforeAll(async () => {
  db = await createTestDb();
  w = await buildWorld(db);
});
afterAll(() => db.close());

const wib = (local: string): Date => new Date(`${local}:00+07:00`);

async function request(askedAt: string, answeredAt: string | null): Promise<void> {
  w.clock.set(wib(askedAt));
  const { request } = await askInfo(w.ctx, w.people.oscar, { agencyId: w.agencyId, unitId: w.units.A.id, question: 'Pertanyaan uji', origin: { platform: 'telegram', chatId: w.chats.A } });
  if (answeredAt) {
    w.clock.set(wib(answeredAt));
    await answerInfo(w.ctx, w.people.budi, { trackingId: request.trackingId, text: 'Jawaban uji' });
  }
}

describe('infoRequestStats', () => {
  it('counts, takes the median first response and the share within target', async () => {
    const march = { agencyId: w.agencyId, from: wib('2026-03-01T00:00'), to: wib('2026-04-01T00:00') };
    expect(await infoRequestStats(db.prisma, march)).toEqual({ count: 0, medianFirstResponseMinutes: null, answeredWithinTargetPct: null });

    await request('2026-03-02T09:00', '2026-03-02T09:30'); // 30 min, within (target 13:00)
    await request('2026-03-02T10:00', '2026-03-02T11:30'); // 90 min, within
    await request('2026-03-03T09:00', '2026-03-03T15:00'); // 360 min, late (target 13:00)
    await request('2026-03-03T14:00', '2026-03-04T09:00'); // 1140 min, within (target Wed 10:00)
    await request('2026-03-04T09:00', null); // unanswered, target passed by April
    await request('2026-02-27T09:00', '2026-02-27T09:10'); // February: not in March

    const s = await infoRequestStats(db.prisma, march);
    expect(s).toEqual({ count: 5, medianFirstResponseMinutes: 225, answeredWithinTargetPct: 60 });
  });

  it('leaves out unanswered requests whose target has not passed yet', async () => {
    await request('2026-05-04T09:00', '2026-05-04T10:00');
    await request('2026-05-04T15:00', null); // target Tue 5 May 11:00
    const may = { agencyId: w.agencyId, from: wib('2026-05-01T00:00'), to: wib('2026-06-01T00:00') };
    expect(await infoRequestStats(db.prisma, { ...may, now: wib('2026-05-04T16:00') })).toEqual({ count: 2, medianFirstResponseMinutes: 60, answeredWithinTargetPct: 100 });
    expect(await infoRequestStats(db.prisma, { ...may, now: wib('2026-05-05T12:00') })).toEqual({ count: 2, medianFirstResponseMinutes: 60, answeredWithinTargetPct: 50 });
  });
});
