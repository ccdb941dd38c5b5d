/**
 * The 23 indicators as labelled rows (Indonesian labels from seeds/003, section 3.5), shared by the
 * CLI text table, the chat summary, the monthly workbook and the quarterly workbook's section.
 */
import { formatDecimal } from '../messages/format.js';
import { mask } from '../lib/pii.js';
import type { Indicators, Mean, TopicTotal } from './monthly.js';

export type Cell = number | string | null;

export interface IndicatorDef {
  /** "1.1" … "23". */
  no: string;
  label: string;
  /** Shown next to the value: "hari kalender", "nilai 1–5", "" for counts. */
  unit: string;
  value(f: Indicators): Cell;
  /** How many reports a mean is made of. */
  mean?(f: Indicators): Mean;
}

const count = (no: string, label: string, value: (f: Indicators) => number): IndicatorDef => ({ no, label, unit: '', value });
const mean = (no: string, label: string, pick: (f: Indicators) => Mean, unit: string): IndicatorDef => ({ no, label, unit, value: (f) => pick(f).value, mean: pick });

export const NO_TOPIC = '(tanpa topik)';

/** "PPPK (5)", "Mutasi, PPPK (3)", or null. */
export function topTopicText(f: Indicators): string | null {
  return f.topTopic.topics.length ? `${f.topTopic.topics.map((t) => mask(t)).join(', ')} (${f.topTopic.count})` : null;
}

/** The 23 indicators in the order of seeds/003 (22 is a list: see `topicRows`; here its total). */
export const INDICATORS: readonly IndicatorDef[] = [
  count('1.1', 'Jumlah aduan melalui website/apps', (f) => f.channels.website),
  count('1.2', 'Jumlah aduan melalui SMS', (f) => f.channels.sms),
  count('1.3', 'Jumlah aduan melalui telepon/surat/pos/e-mail', (f) => f.channels.telepon),
  count('1.4', 'Jumlah aduan melalui datang langsung', (f) => f.channels.langsung),
  count('2', 'Jumlah aduan yang diterima', (f) => f.received),
  count('3', 'Jumlah aduan yang terverifikasi', (f) => f.verified),
  count('4', 'Jumlah aduan yang terdisposisi', (f) => f.disposed),
  count('5', 'Jumlah aduan yang telah direspon', (f) => f.responded),
  count('6', 'Jumlah aduan dalam proses instansi terkait', (f) => f.atUnit),
  count('7', 'Jumlah aduan yang sedang ditindaklanjuti', (f) => f.inFollowUp),
  count('8', 'Jumlah aduan yang terselesaikan', (f) => f.resolved),
  count('9', 'Jumlah aduan yang belum terselesaikan', (f) => f.unresolved),
  count('10', 'Jumlah aduan yang ditunda karena berkas belum lengkap', (f) => f.deferred),
  count('11', 'Jumlah aduan yang ditanggapi kembali oleh pelapor', (f) => f.reporterReplied),
  mean('12', 'Rata-rata lama waktu memverifikasi/menelaah/disposisi aduan', (f) => f.daysToDispose, 'hari kalender'),
  mean('13', 'Rata-rata lama waktu merespon aduan', (f) => f.daysToRespond, 'hari kalender'),
  mean('14', 'Rata-rata lama waktu ditindaklanjuti (sejak laporan masuk)', (f) => f.daysToFollowUp, 'hari kalender'),
  mean('15', 'Rata-rata penyelesaian laporan', (f) => f.daysToResolve, 'hari kalender'),
  count('16', 'Jumlah laporan yang melebihi waktu 60 hari', (f) => f.overSixtyDays),
  count('17', 'Jumlah pelapor berjenis kelamin laki-laki', (f) => f.reporters.male),
  count('18', 'Jumlah pelapor berjenis kelamin perempuan', (f) => f.reporters.female),
  count('19', 'Jumlah pelapor dari kalangan disabilitas', (f) => f.reporters.disability),
  mean('20', 'Rata-rata nilai dari pelapor', (f) => f.rating, 'nilai 1–5'),
  mean('21', 'Rata-rata nilai dari pelapor terkait ketepatan solusi', (f) => f.ratingAccuracy, 'nilai 1–5'),
  count('22', 'Jumlah aduan per masing-masing kategori/topik', (f) => f.topics.reduce((n, t) => n + t.count, 0)),
  { no: '23', label: 'Kategori aduan terbanyak', unit: '', value: topTopicText },
];

/** Figures outside the 23 that make them add up (notes under the table). */
export const NOTES: readonly { label: string; value: (f: Indicators) => number }[] = [
  { label: 'Kanal tidak tercatat (selisih 2 dan 1.1–1.4)', value: (f) => f.channels.unknown },
  { label: 'Diarsipkan (2 = 8 + 9 + diarsipkan)', value: (f) => f.archived },
  { label: 'Pelapor (orang berbeda)', value: (f) => f.reporters.total },
  { label: 'Pelapor dari kelompok rentan', value: (f) => f.reporters.vulnerable },
];

export const topicLabel = (t: TopicTotal): string => (t.topic === null ? NO_TOPIC : mask(t.topic));

/** The text form of a value: "12", "1,5 hari kalender", "3,75 (nilai 1–5)", "–". */
export function formatCell(def: IndicatorDef, f: Indicators): string {
  const v = def.value(f);
  if (v === null) return '–';
  if (typeof v === 'string') return v;
  if (!def.mean) return String(v);
  const digits = def.unit === 'hari kalender' ? 1 : 2;
  return `${formatDecimal(v, digits)} ${def.unit === 'hari kalender' ? 'hari kalender' : '(nilai 1–5)'}`;
}
