/**
 * The monthly indicators as text: the full table (CLI) and the short summary the chat gets with
 * the workbook. Bahasa Indonesia, plain lines, decimal commas.
 */
import { formatDateTime, formatDecimal } from '../messages/format.js';
import type { Indicators, Mean } from './monthly.js';
import { formatCell, INDICATORS, NOTES, topicLabel, topTopicText } from './monthly-rows.js';
import { periodLabel, spanLabel } from './render-text.js';

export interface MonthlyHeading {
  /** "BKN — Badan Kepegawaian Negara", "Simpul JATENG — Provinsi Jawa Tengah (12 instansi)", "Semua instansi (50)". */
  scope: string;
}

/** Topics listed one by one in the text table; the rest are summed in one line. */
export const TEXT_TOPICS = 10;

export function periodLine(f: Indicators): string {
  return `Periode: ${periodLabel(f.period)} (${spanLabel(f.period.from, f.period.to)}) · laporan yang diterima pada periode ini, keadaan per ${formatDateTime(f.asOf, f.timeZone)}`;
}

const pad = (s: string, n: number): string => (s.length >= n ? s : s + ' '.repeat(n - s.length));

/** The full table: every indicator on its own line, the topics of 22 under it, then the notes. */
export function renderMonthlyTable(h: MonthlyHeading, f: Indicators): string {
  const width = Math.max(...INDICATORS.map((d) => d.label.length)) + 2;
  const lines = [`Laporan Bulanan SP4N-LAPOR! — ${h.scope}`, periodLine(f), '', `${pad('No', 6)}${pad('Indikator', width)}Nilai`];
  for (const def of INDICATORS) {
    const n = def.mean?.(f).count;
    const of = def.mean && def.value(f) !== null ? ` (dari ${n} laporan)` : '';
    lines.push(`${pad(def.no, 6)}${pad(def.label, width)}${formatCell(def, f)}${of}`);
    if (def.no === '22') {
      for (const t of f.topics.slice(0, TEXT_TOPICS)) lines.push(`${pad('', 8)}${pad(topicLabel(t), width - 2)}${t.count}`);
      const rest = f.topics.slice(TEXT_TOPICS);
      if (rest.length) lines.push(`${pad('', 8)}${pad(`${rest.length} topik lainnya`, width - 2)}${rest.reduce((s, t) => s + t.count, 0)}`);
    }
  }
  lines.push('', 'Catatan:');
  for (const note of NOTES) lines.push(`${pad('', 6)}${pad(note.label, width)}${note.value(f)}`);
  lines.push(`${pad('', 6)}Rata-rata 12–15 dalam hari kalender sejak laporan diterima; 16 = belum selesai dan diterima lebih dari 60 hari sebelum akhir periode.`);
  return lines.join('\n');
}

const d1 = (m: Mean): string => (m.value === null ? '–' : formatDecimal(m.value, 1));
const d2 = (m: Mean): string => (m.value === null ? '–' : formatDecimal(m.value, 2));

/** The chat summary; the workbook carries the rest. Counts only, never a person. */
export function monthlySummaryText(h: MonthlyHeading, f: Indicators): string {
  const c = f.channels;
  return [
    `📈 Laporan Bulanan SP4N-LAPOR! — ${h.scope}`,
    periodLine(f),
    `📥 Diterima (2): ${f.received} — website/apps ${c.website} · SMS ${c.sms} · telepon/surat/pos/e-mail ${c.telepon} · datang langsung ${c.langsung}${c.unknown ? ` · kanal tidak tercatat ${c.unknown}` : ''}`,
    `✅ Terverifikasi (3): ${f.verified} · terdisposisi (4): ${f.disposed} · direspon (5): ${f.responded}`,
    `🔄 Dalam proses instansi terkait (6): ${f.atUnit} · sedang ditindaklanjuti (7): ${f.inFollowUp} · selesai (8): ${f.resolved} · belum selesai (9): ${f.unresolved} · ditunda (10): ${f.deferred}`,
    `💬 Ditanggapi kembali oleh pelapor (11): ${f.reporterReplied}`,
    `⏱️ Rata-rata hari kalender — verifikasi/disposisi (12): ${d1(f.daysToDispose)} · respon (13): ${d1(f.daysToRespond)} · tindak lanjut (14): ${d1(f.daysToFollowUp)} · penyelesaian (15): ${d1(f.daysToResolve)}`,
    `⌛ Lebih dari 60 hari belum selesai (16): ${f.overSixtyDays}`,
    `👥 Pelapor laki-laki (17): ${f.reporters.male} · perempuan (18): ${f.reporters.female} · disabilitas (19): ${f.reporters.disability}`,
    `⭐ Nilai rata-rata (20): ${d2(f.rating)} · ketepatan solusi (21): ${d2(f.ratingAccuracy)}`,
    `🏷️ Topik terbanyak (23): ${topTopicText(f) ?? '–'}`,
  ].join('\n');
}
