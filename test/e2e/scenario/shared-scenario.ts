/**
 * ONE coordination scenario for every chat platform. A platform supplies a small driver (how a
 * person writes, how "claim" is pressed or answered, how the bot's messages and post updates
 * are read); the steps and the assertions are the same everywhere:
 *
 *   admin disposes a report → the post appears in the unit chat (masked) → two officers claim it
 *   at the same moment and exactly one wins → the post is updated (Telegram: edited; WhatsApp:
 *   a status reply quoting it) → the winner gets the full text privately → the winner records a
 *   respon awal (surviving one failed send) and then a tindak lanjut by replying to the post →
 *   the other officer returns a second report as "bukan wewenang" → the admin chat gets the
 *   bounce → every queued message was sent exactly once.
 */
import { expect } from 'vitest';
import type { PrismaClient } from '../../../src/generated/prisma/client.js';

export type Officer = 'budi' | 'citra';
export type Who = 'admin' | Officer;
export type ChatRef = 'admin' | 'unit' | { privateOf: Who };

/** A message the bot sent: its platform id and text. */
export interface BotMessage {
  id: string;
  text: string;
}

export interface ScenarioDriver {
  readonly platform: 'telegram' | 'whatsapp';
  /** A person writes `text` in a group, optionally as a reply to a bot message. */
  say(chat: 'admin' | 'unit', who: Who, text: string, replyTo?: BotMessage): Promise<void>;
  /** Officers claim the post at the same moment (Telegram: press "Ambil"; WhatsApp: answer "1"). */
  claimTogether(post: BotMessage, who: Officer[]): Promise<void>;
  /** New messages the bot sent into a chat, in order (updates of a post are not included). */
  messages(chat: ChatRef): BotMessage[];
  /** Texts of the updates of a post so far (edits, or status replies quoting it). */
  postUpdates(post: BotMessage): string[];
  /** Labels of the actions a post offers (buttons, or the numbered menu). */
  actions(post: BotMessage): string[];
  /** The platform refuses the next send once (Telegram: 429; WhatsApp: the browser session drops). */
  failNextSend(): void;
  /** Whether that refusal happened. */
  sawFailure(): boolean;
  /** Platform ids of every accepted send (a duplicate means a message went out twice). */
  sentIds(): string[];
  waitFor(check: () => boolean, timeoutMs?: number): Promise<void>;
}

export interface ScenarioWorld {
  db: PrismaClient;
  /** Person ids and display names of the two officers. */
  officers: Record<Officer, { personId: string; name: string }>;
  unitCode: string;
  /** Two reports, created and not yet disposed. */
  tracking: [string, string];
}

const has = (d: ScenarioDriver, chat: ChatRef, re: RegExp): boolean => d.messages(chat).some((m) => re.test(m.text));

async function postOf(d: ScenarioDriver, tracking: string): Promise<BotMessage> {
  await d.waitFor(() => d.messages('unit').some((m) => m.text.includes(`📋 Laporan #${tracking}`)));
  return d.messages('unit').find((m) => m.text.includes(`📋 Laporan #${tracking}`))!;
}

/** Run the whole scenario through `d`; throws (fails the test) at the first broken step. */
export async function runCoordinationScenario(d: ScenarioDriver, w: ScenarioWorld): Promise<void> {
  const [first, second] = w.tracking;

  // 1. The admin disposes; the unit chat gets the living post, without the reporter's identity.
  await d.say('admin', 'admin', `/disposisi ${first} ${w.unitCode}`);
  const post = await postOf(d, first);
  expect(post.text).not.toContain('Rina');
  expect(post.text).not.toContain('0812');
  expect(d.actions(post)).toContain('Ambil');
  await d.waitFor(() => has(d, 'admin', new RegExp(`didisposisikan ke ${w.unitCode}`)));

  // 2. Both officers claim at the same moment: exactly one wins, the other is told who did.
  await d.claimTogether(post, ['budi', 'citra']);
  await d.waitFor(() => has(d, 'unit', /diambil oleh/) && has(d, 'unit', /sudah diambil oleh/));
  const claimTexts = d.messages('unit').map((m) => m.text).filter((t) => /diambil oleh/.test(t));
  expect(claimTexts.filter((t) => !/sudah/.test(t))).toHaveLength(1);
  expect(claimTexts.filter((t) => /sudah diambil oleh/.test(t))).toHaveLength(1);
  const report = await w.db.report.findFirstOrThrow({ where: { trackingId: first } });
  const winner: Officer = report.claimedById === w.officers.budi.personId ? 'budi' : 'citra';
  const loser: Officer = winner === 'budi' ? 'citra' : 'budi';
  expect(report.claimedById).toBe(w.officers[winner].personId);
  expect(await w.db.reportEvent.count({ where: { reportId: report.id, action: 'claimed' } })).toBe(1);

  // 3. The post shows the claim, and the winner got the full text privately.
  await d.waitFor(() => d.postUpdates(post).some((t) => t.includes(`diambil ${w.officers[winner].name}`)));
  await d.waitFor(() => has(d, { privateOf: winner }, /untuk Anda saja/));

  // 4. Respon awal by command; the platform refuses one send, nothing is lost or doubled.
  d.failNextSend();
  await d.say('unit', winner, `/respon ${first} Terima kasih, laporan sedang kami periksa.`);
  const responded = new RegExp(`Respon awal untuk #${first} tercatat`);
  await d.waitFor(() => has(d, 'unit', responded), 20_000);
  expect(d.sawFailure()).toBe(true);

  // 5. Tindak lanjut by replying to the post: the number may be left out.
  await d.say('unit', winner, '/tindaklanjut Pengumuman hasil seleksi tanggal 20 Maret di situs resmi.', post);
  await d.waitFor(() => has(d, 'unit', new RegExp(`Tindak lanjut #${first} tercatat`)));
  const events = await w.db.reportEvent.findMany({ where: { reportId: report.id }, orderBy: { id: 'asc' } });
  expect(events.map((e) => e.action)).toEqual(['received', 'disposed', 'claimed', 'responded', 'followed_up']);

  // 6. The other officer returns a second report; the admin chat hears why and from whom.
  await d.say('admin', 'admin', `/disposisi ${second} ${w.unitCode}`);
  await postOf(d, second);
  await d.say('unit', loser, `/bukanwewenang ${second} Kewenangan Direktorat Pensiun.`);
  await d.waitFor(() => has(d, 'admin', /BUKAN WEWENANG/));
  const bounce = d.messages('admin').find((m) => /BUKAN WEWENANG/.test(m.text))!;
  expect(bounce.text).toContain(`Oleh: ${w.officers[loser].name} (${w.unitCode})`);
  expect(bounce.text).toContain('Alasan: Kewenangan Direktorat Pensiun.');

  // 7. Each reply was sent once: respon awal once, every outbox row SENT, no platform id twice.
  expect(d.messages('unit').filter((m) => responded.test(m.text))).toHaveLength(1);
  const deadline = Date.now() + 15_000;
  for (;;) {
    const rows = await w.db.outbox.findMany({ where: { platform: d.platform } });
    const open = rows.filter((r) => r.status !== 'SENT').map((r) => [r.target, r.purpose, r.status, r.lastError]);
    if (open.length === 0) break;
    if (Date.now() > deadline) expect(open).toEqual([]);
    await new Promise((r) => setTimeout(r, 100));
  }
  const ids = d.sentIds();
  expect(new Set(ids).size).toBe(ids.length);
}
