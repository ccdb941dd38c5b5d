/**
 * The recap as a chat message (Indonesian): LAPOR!'s columns with the change against the previous
 * period, overdue reports, top topics, the verification pace and one line per unit. Plain lines
 * (no table markup) so it reads the same on Telegram, WhatsApp and the console.
 */
import { formatDecimal } from '../messages/format.js';
import { mask } from '../lib/pii.js';
import type { InfoRequestStats } from '../info/stats.js';
import type { RecapPeriod } from './period.js';
import type { RecapFigures, TopicCount, UnitRecap, VerificationPace } from './types.js';

const MONTHS = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];
const SHORT = ['Jan', 'Feb', 'Mar', 'Apr', 'Mei', 'Jun', 'Jul', 'Agu', 'Sep', 'Okt', 'Nov', 'Des'];
const ROMAN = ['I', 'II', 'III', 'IV'];

const ymd = (d: string): [number, number, number] => d.split('-').map(Number) as [number, number, number];

/** "2–8 Mar 2026", "28 Feb–6 Mar 2026", "29 Des 2025–4 Jan 2026". */
export function spanLabel(from: string, to: string): string {
  const [y1, m1, d1] = ymd(from);
  const [y2, m2, d2] = ymd(to);
  if (from === to) return `${d1} ${SHORT[m1 - 1]} ${y1}`;
  if (y1 !== y2) return `${d1} ${SHORT[m1 - 1]} ${y1}–${d2} ${SHORT[m2 - 1]} ${y2}`;
  if (m1 !== m2) return `${d1} ${SHORT[m1 - 1]}–${d2} ${SHORT[m2 - 1]} ${y2}`;
  return `${d1}–${d2} ${SHORT[m2 - 1]} ${y2}`;
}

/** "Minggu 2–8 Mar 2026", "Maret 2026", "Triwulan I 2026", "Tahun 2026", or the span. */
export function periodLabel(p: RecapPeriod): string {
  const [y, m] = ymd(p.from);
  switch (p.kind) {
    case 'week': return `Minggu ${spanLabel(p.from, p.to)}`;
    case 'month': return `${MONTHS[m - 1]} ${y}`;
    case 'quarter': return `Triwulan ${ROMAN[Math.ceil(m / 3) - 1]} ${y}`;
    case 'year': return `Tahun ${y}`;
    case 'custom': return spanLabel(p.from, p.to);
  }
}

/** "87,5%" or "–" when there is nothing to divide. */
export const percent = (x: number | null): string => (x === null ? '–' : `${formatDecimal(x, 1)}%`);
const days = (x: number | null): string => (x === null ? '–' : `${formatDecimal(x, 1)} hari`);
const rating = (x: number | null): string => (x === null ? '–' : formatDecimal(x, 2));

/** "▲3", "▼2", "=" (or "" without a previous value). Decimals keep one digit: "▲5,2". */
export function change(now: number | null, before: number | null | undefined, digits = 0): string {
  if (now === null || before === null || before === undefined) return '';
  const d = Math.round((now - before) * 10 ** digits) / 10 ** digits;
  if (d === 0) return '=';
  return `${d > 0 ? '▲' : '▼'}${formatDecimal(Math.abs(d), digits)}`;
}

const withChange = (value: string, delta: string): string => (delta ? `${value} (${delta})` : value);

export interface RecapView {
  /** e.g. "BKN — Badan Kepegawaian Negara" or "BKN-PENGADAAN — Direktorat Pengadaan". */
  title: string;
  period: RecapPeriod;
  previousPeriod?: RecapPeriod | null;
  figures: RecapFigures;
  previous?: RecapFigures | null;
  overdue: number;
  topTopics: TopicCount[];
  verification?: VerificationPace | null;
  units?: UnitRecap[];
  /** Information requests asked in the period; the section is left out when there were none. */
  info?: InfoRequestStats | null;
}

/** "45 menit", "3 jam 45 menit", "1 hari 2 jam" (wall-clock; "–" when nothing was answered). */
export function minutesLabel(x: number | null): string {
  if (x === null) return '–';
  const m = Math.round(x);
  if (m < 60) return `${m} menit`;
  if (m < 24 * 60) return `${Math.floor(m / 60)} jam${m % 60 ? ` ${m % 60} menit` : ''}`;
  const h = Math.round(m / 60);
  return `${Math.floor(h / 24)} hari${h % 24 ? ` ${h % 24} jam` : ''}`;
}

/** The information-request line of a recap, or null when no request was asked. */
export function infoLine(s: InfoRequestStats | null | undefined): string | null {
  if (!s || s.count === 0) return null;
  return `ℹ️ Permintaan informasi: ${s.count} · median respons pertama ${minutesLabel(s.medianFirstResponseMinutes)} · dijawab dalam target ${percent(s.answeredWithinTargetPct)}`;
}

export function renderRecapText(v: RecapView): string {
  const f = v.figures;
  const p = v.previous ?? null;
  const lines = [`📊 Rekapitulasi Kinerja — ${v.title}`];
  const versus = v.previousPeriod ? ` · dibanding ${spanLabel(v.previousPeriod.from, v.previousPeriod.to)}` : '';
  const span = v.period.kind === 'week' || v.period.kind === 'custom' ? '' : ` (${spanLabel(v.period.from, v.period.to)})`;
  lines.push(`Periode: ${periodLabel(v.period)}${span}${versus}`, '');
  const count = (label: string, key: keyof RecapFigures): string => `${label}: ${withChange(String(f[key]), change(f[key], p?.[key]))}`;
  lines.push(
    count('Belum Terverifikasi', 'belumTerverifikasi'),
    count('Belum Ditindaklanjuti', 'belumDitindaklanjuti'),
    count('Proses', 'proses'),
    count('Selesai', 'selesai'),
    `Tunda: ${f.tunda} · Arsip: ${f.arsip}`,
    count('Total (tanpa Arsip & Tunda)', 'total'),
    `%TL: ${withChange(percent(f.persenTL), change(f.persenTL, p?.persenTL, 1))}`,
    `RTL: ${days(f.rtl)} · RHP: ${rating(f.rhp)} · RV: ${days(f.rv)}`,
    '',
    `⏰ Terlambat saat ini: ${v.overdue}`,
  );
  if (v.topTopics.length) lines.push(`🏷️ Topik terbanyak: ${v.topTopics.map((t, i) => `${i + 1}. ${mask(t.topic)} (${t.count})`).join(' ')}`);
  const pace = v.verification;
  if (pace && pace.count > 0) {
    lines.push(`✅ Laju verifikasi: ${pace.count} laporan · ≤3 hari ${pace.withinThreeDays} · >3 hari ${pace.afterThreeDays} · rata-rata ${days(pace.meanDays)}`);
    for (const a of pace.byVerifier.slice(0, 5)) lines.push(`   • ${a.name}: ≤3 hari ${a.withinThreeDays} · >3 hari ${a.afterThreeDays} · ${days(a.meanDays)}`);
  }
  const info = infoLine(v.info);
  if (info) lines.push(info);
  if (v.units && v.units.length) {
    lines.push('', 'Per unit (Belum Ditindaklanjuti/Proses/Selesai · %TL · terlambat):');
    for (const u of v.units) {
      lines.push(`• ${u.code}: ${u.belumDitindaklanjuti}/${u.proses}/${u.selesai} · ${percent(u.persenTL)} · ⏰${u.overdue}`);
    }
  }
  return lines.join('\n');
}
