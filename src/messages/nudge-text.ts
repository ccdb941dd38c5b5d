/**
 * Indonesian texts of the scheduled jobs: staged deadline nudges and their digests, the admin's
 * overdue digest, unclaimed-disposition reminders and the 10-day check. Titles arrive masked
 * (groupTitle); claimants are named, with @username when known so Telegram notifies them.
 */
import type { NudgeStage } from '../domain/nudge-plan.js';
import type { LocalDate } from '../domain/types.js';
import { shorten } from '../lib/pii.js';
import { formatDaysLeft, formatLocalDate } from './format.js';

/** Longest text we put in one message (Telegram allows 4096; leave room for the adapter). */
export const MESSAGE_BUDGET = 3500;

export interface NudgeItem {
  reportId: string;
  trackingId: string;
  /** Masked title. */
  title: string;
  stage: NudgeStage;
  dueDate: LocalDate;
  daysLeft: number;
  claimant: Claimant | null;
}

export interface Claimant {
  name: string;
  telegramUsername: string | null;
  /** E.164 number: WhatsApp mentions the claimant by it (OutMessage.mentions). */
  whatsapp?: string | null;
}

const STAGE_HEADING: Record<NudgeStage, string> = {
  overdue: '🚨 Terlambat — segera tindak lanjuti',
  due_day: '❗ Jatuh tempo hari ini',
  day_before: '⚠️ Batas waktu hari kerja berikutnya (H-1)',
  monitoring: '🔔 Pemantauan — batas waktu mendekat',
};
/** Most urgent first. */
const STAGE_ORDER: readonly NudgeStage[] = ['overdue', 'due_day', 'day_before', 'monitoring'];

/** "@budi", "Budi", or "belum diambil". */
export function claimantText(c: Claimant | null): string {
  if (!c) return 'belum diambil';
  return c.telegramUsername ? `@${c.telegramUsername.replace(/^@/, '')}` : c.name;
}

const shortDate = (d: LocalDate): string => formatLocalDate(d).replace(/^[^,]*, /, '');

function itemLines(i: NudgeItem): string[] {
  const who = i.claimant ? `penanggung jawab ${claimantText(i.claimant)}` : `belum diambil — /ambil ${i.trackingId}`;
  return [`• #${i.trackingId} · ${formatDaysLeft(i.daysLeft)} · batas ${shortDate(i.dueDate)} · ${who}`, `   ${shorten(i.title, 70)}`];
}

/** One nudge (a single report for this chat). */
export function singleNudgeText(unitCode: string, i: NudgeItem): string {
  return [`${STAGE_HEADING[i.stage]} — ${unitCode}`, ...itemLines(i), '', `Rincian: /status ${i.trackingId}`].join('\n');
}

/**
 * The blocks of a digest, grouped by stage, most urgent first. `moreOverdue` late reports beyond
 * those listed are counted under the overdue heading (a unit's overdue list is capped).
 */
export function nudgeDigestBlocks(items: readonly NudgeItem[], moreOverdue = 0): string[] {
  const blocks: string[] = [];
  for (const stage of STAGE_ORDER) {
    const of = items.filter((i) => i.stage === stage);
    const more = stage === 'overdue' ? moreOverdue : 0;
    if (of.length === 0 && more === 0) continue;
    blocks.push(`${STAGE_HEADING[stage]} (${of.length + more})`);
    for (const i of of) blocks.push(itemLines(i).join('\n'));
    if (more > 0) blocks.push(`   … dan ${more} laporan terlambat lainnya (/terlambat)`);
  }
  return blocks;
}

export function nudgeDigestHeader(unitCode: string, count: number): string {
  return `⏰ Pengingat batas waktu — ${unitCode}: ${count} laporan`;
}

export const NUDGE_FOOTER = 'Rincian: /status <nomor> · daftar: /terlambat';

/**
 * Join blocks into messages of at most `budget` characters; the header opens the first message
 * and "(lanjutan)" the following ones; a block is never split.
 */
export function splitIntoMessages(header: string, blocks: readonly string[], footer?: string, budget = MESSAGE_BUDGET): string[] {
  const out: string[] = [];
  let current = header;
  for (const b of blocks) {
    const block = b.length > budget - 100 ? `${b.slice(0, budget - 101)}…` : b;
    if (current.length + 1 + block.length > budget) {
      out.push(current);
      current = `${header} (lanjutan)`;
    }
    current += `\n${block}`;
  }
  if (footer) {
    if (current.length + 2 + footer.length > budget) {
      out.push(current);
      current = `${header} (lanjutan)`;
    }
    current += `\n\n${footer}`;
  }
  out.push(current);
  return out;
}

export interface OverdueUnit {
  code: string;
  name: string;
  total: number;
  items: { trackingId: string; title: string; daysOverdue: number; dueDate: LocalDate; claimant: Claimant | null }[];
}

/** Admin digest of overdue reports per unit (one or more messages). */
export function overdueDigestTexts(agencyName: string, units: readonly OverdueUnit[]): string[] {
  const total = units.reduce((n, u) => n + u.total, 0);
  const blocks: string[] = [];
  for (const u of units) {
    blocks.push(`\n${u.code} — ${u.name}: ${u.total} terlambat`);
    for (const i of u.items) {
      blocks.push(`• #${i.trackingId} · terlambat ${i.daysOverdue} hari kerja · batas ${shortDate(i.dueDate)} · ${claimantText(i.claimant)}\n   ${shorten(i.title, 70)}`);
    }
    if (u.total > u.items.length) blocks.push(`   … dan ${u.total - u.items.length} laporan lain (/terlambat)`);
  }
  return splitIntoMessages(`🚨 Laporan terlambat — ${agencyName}: ${total} laporan`, blocks, 'Kode etik: setiap laporan terbuka diingatkan sampai selesai, diarsipkan atau dialihkan.');
}

export interface UnclaimedItem {
  trackingId: string;
  title: string;
  unitCode: string;
  hours: number;
}

const hoursText = (h: number): string => `${Math.floor(h)} jam kerja`;

/** Reminder to a unit chat: dispositions nobody has claimed. */
export function unclaimedUnitTexts(unitCode: string, items: readonly UnclaimedItem[]): string[] {
  const blocks = items.map((i) => `• #${i.trackingId} · didisposisikan ${hoursText(i.hours)} lalu — /ambil ${i.trackingId}\n   ${shorten(i.title, 70)}`);
  return splitIntoMessages(`📥 Belum diambil — ${unitCode}: ${items.length} laporan menunggu penanggung jawab`, blocks, 'Ambil laporan dengan tombol Ambil pada pesan laporan, atau ketik /ambil <nomor>.');
}

/** Notice to the admin chat: dispositions still unclaimed after twice the allowed time. */
export function unclaimedAdminTexts(items: readonly UnclaimedItem[]): string[] {
  const blocks = items.map((i) => `• #${i.trackingId} · ${i.unitCode} · ${hoursText(i.hours)} sejak disposisi\n   ${shorten(i.title, 70)}`);
  return splitIntoMessages(`📥 Disposisi belum diambil unit: ${items.length} laporan`, blocks, 'Hubungi pejabat penghubung unit, atau alihkan: /disposisi <nomor> <kode-unit>.');
}

export interface StaleFollowUp {
  trackingId: string;
  title: string;
  unitCode: string;
  followUpDate: LocalDate;
  daysAgo: number;
  claimant: Claimant | null;
}

/** Weekly list for the admin: tindak lanjut more than 10 days ago, report still open. */
export function tenDayTexts(items: readonly StaleFollowUp[], more: number): string[] {
  const blocks = items.map((i) => `• #${i.trackingId} · ${i.unitCode} · tindak lanjut ${i.daysAgo} hari lalu (${shortDate(i.followUpDate)}) · ${claimantText(i.claimant)}\n   ${shorten(i.title, 70)}`);
  if (more > 0) blocks.push(`… dan ${more} laporan lain`);
  return splitIntoMessages(
    `🧾 Periksa dan selesaikan atau arsipkan: ${items.length + more} laporan sudah ditindaklanjuti lebih dari 10 hari lalu tetapi masih terbuka`,
    blocks,
    'Selesaikan: /selesai <nomor> · arsipkan: /arsip <nomor> <alasan>',
  );
}
