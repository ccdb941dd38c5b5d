/**
 * Information requests in the recaps: /rekap (agency and unit chats) and the weekly recap show
 * how many were asked, the median first-response time and the share answered within the
 * first-response target; the line is left out when no request was asked in the period.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatCore } from '../../src/chat/core.js';
import { answerInfo } from '../../src/info/answer.js';
import { askInfo } from '../../src/info/ask.js';
import { infoLine, minutesLabel } from '../../src/recap/render-text.js';
import { enqueueWeeklyRecaps } from '../../src/recap/weekly-recap.js';
import { chatCore, say, TG } from '../helpers/chat.js';
import { wib } from '../helpers/recap-world.js';
import { createTestDb, type TestDb } from '../helpers/test-db.js';
import { buildWorld, type World } from '../helpers/world.js';

let db: TestDb;
let w: World;
let core: ChatCore;

/** Oscar asks unit `unit` at `day time` (WIB); Budi or Dedi answers at `answered`, if given. */
async function request(unit: 'A' | 'B', day: string, time: string, answered?: string): Promise<void> {
  w.clock.set(wib(day, time));
  const { request: ir } = await askInfo(w.ctx, w.people.oscar, { agencyId: w.agencyId, unitId: w.units[unit].id, question: 'Pertanyaan uji', origin: { platform: 'telegram', chatId: w.chats.A } });
  if (answered) {
    w.clock.set(wib(day, answered));
    await answerInfo(w.ctx, unit === 'A' ? w.people.budi : w.people.dedi, { trackingId: ir.trackingId, text: 'Jawaban uji' });
  }
}

beforeAll(async () => {
  db = await createTestDb();
  w = await buildWorld(db);
  await request('A', '03-03', '09:00', '09:10'); // previous week
  // Week 9–15 Mar 2026. First-response target: 4 working hours.
  await request('A', '03-09', '09:00', '09:30'); // 30 min, within (target 13:00)
  await request('A', '03-10', '09:00', '15:00'); // 360 min, late
  await request('A', '03-12', '09:00'); // unanswered, target passed
  await request('B', '03-11', '10:00', '11:30'); // 90 min, within
  core = chatCore(w);
  w.clock.set(wib('03-16', '10:00'));
});
afterAll(() => db?.close());

const AGENCY_LINE = 'ℹ️ Permintaan informasi: 4 · median respons pertama 1 jam 30 menit · dijawab dalam target 50,0%';
const UNIT_A_LINE = 'ℹ️ Permintaan informasi: 3 · median respons pertama 3 jam 15 menit · dijawab dalam target 33,3%';
const UNIT_B_LINE = 'ℹ️ Permintaan informasi: 1 · median respons pertama 1 jam 30 menit · dijawab dalam target 100,0%';

describe('information requests in /rekap', () => {
  it('in the admin chat: the whole agency', async () => {
    const r = await say(core, w, TG.admin, w.chats.admin, '/rekap 2026-03-09..2026-03-15');
    expect(r.replies[0]).toContain(AGENCY_LINE);
  });

  it("in a unit chat: that unit's requests only", async () => {
    expect((await say(core, w, TG.budi, w.chats.A, '/rekap 2026-03-09..2026-03-15')).replies[0]).toContain(UNIT_A_LINE);
    expect((await say(core, w, TG.dedi, w.chats.B, '/rekap 2026-03-09..2026-03-15')).replies[0]).toContain(UNIT_B_LINE);
  });

  it('counts by the day asked, and leaves the line out of a period without requests', async () => {
    expect((await say(core, w, TG.admin, w.chats.admin, '/rekap 2026-03-02..2026-03-08')).replies[0]).toContain('ℹ️ Permintaan informasi: 1 · median respons pertama 10 menit · dijawab dalam target 100,0%');
    const none = (await say(core, w, TG.admin, w.chats.admin, '/rekap 2026-02-16..2026-02-22')).replies[0]!;
    expect(none).toContain('📊 Rekapitulasi Kinerja');
    expect(none).not.toContain('Permintaan informasi');
  });
});

describe('information requests in the weekly recap', () => {
  const texts = async (slot: Date): Promise<Map<string, string>> => {
    const before = (await db.prisma.outbox.aggregate({ _max: { id: true } }))._max.id ?? 0n;
    await enqueueWeeklyRecaps(w.ctx, slot);
    const rows = await db.prisma.outbox.findMany({ where: { id: { gt: before }, purpose: 'digest', kind: 'send' }, orderBy: { id: 'asc' } });
    return new Map(rows.map((r) => [r.target, (r.payload as { text: string }).text]));
  };

  it('shows the agency figures to the admins and each unit its own', async () => {
    const sent = await texts(wib('03-16', '08:00'));
    expect(sent.get(w.chats.admin)).toContain(AGENCY_LINE);
    expect(sent.get(w.chats.A)).toContain(UNIT_A_LINE);
    expect(sent.get(w.chats.B)).toContain(UNIT_B_LINE);
  });

  it('has no such line for a week without requests', async () => {
    const sent = await texts(wib('02-23', '08:00'));
    expect([...sent.keys()].sort()).toEqual([w.chats.admin, w.chats.A, w.chats.B].sort());
    for (const text of sent.values()) expect(text).not.toContain('Permintaan informasi');
  });
});

describe('the information-request line', () => {
  it('words durations in minutes, hours and days', () => {
    expect([null, 0.4, 45, 60, 195, 1439, 1560, 2880].map(minutesLabel)).toEqual(['–', '0 menit', '45 menit', '1 jam', '3 jam 15 menit', '23 jam 59 menit', '1 hari 2 jam', '2 hari']);
  });

  it('is left out when nothing was asked, and shows "–" when nothing can be judged yet', () => {
    expect(infoLine(null)).toBeNull();
    expect(infoLine({ count: 0, medianFirstResponseMinutes: null, answeredWithinTargetPct: null })).toBeNull();
    expect(infoLine({ count: 2, medianFirstResponseMinutes: null, answeredWithinTargetPct: null })).toBe('ℹ️ Permintaan informasi: 2 · median respons pertama – · dijawab dalam target –');
  });
});
