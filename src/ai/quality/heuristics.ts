/**
 * Answer-quality checks that need no model. Deliberately conservative: a false alarm costs the
 * officer one extra command (`--kirim`), a missed one costs a reporter a poor answer.
 */
import { containsPii } from '../../lib/pii.js';
import { contentTokens, normalize } from '../classifier/normalize.js';

export const QUALITY_ISSUES = ['off_topic', 'only_ack', 'impolite', 'personal_data'] as const;
export type QualityIssue = (typeof QUALITY_ISSUES)[number];

/** Acknowledgements and promises: what a respon awal says. */
const ACK = new RegExp(
  [
    'sedang (kami )?(proses|tindak ?lanjuti|periksa|pelajari|koordinasikan|tangani|verifikasi)',
    'akan (segera )?(kami )?(proses|teruskan|tindak ?lanjuti|sampaikan|koordinasikan|informasikan|periksa|pelajari|tangani|follow up)',
    '(sudah|telah) (kami )?(teruskan|sampaikan ke|diteruskan|disampaikan ke)',
    'kami teruskan',
    'terima ?kasih atas (laporan|pengaduan|informasi|masukan|aduan)',
    'laporan (anda |bapak/ibu |saudara )?(telah|sudah) (kami )?(terima|diterima)',
    'mohon (ditunggu|menunggu|bersabar|kesabaran)',
    '(masih )?dalam proses',
  ].join('|'),
  'i',
);

/** Words every answer uses whatever it says: they prove no substance and no topic. */
const BOILERPLATE = new Set(
  normalize(
    'laporan lapor pengaduan pelapor bapak ibu saudara terima kasih informasi mohon sampaikan demikian hormat salam proses ' +
      'teruskan tindak lanjut tindaklanjuti tunggu segera kami koordinasi koordinasikan unit terkait pihak periksa pelajari ' +
      'tangani verifikasi masukan aduan sabar kesabaran atas perhatian selanjutnya kabar',
  ),
);

const IMPOLITE = new RegExp(
  '\\b(' +
    [
      'bodoh', 'goblo[kg]', 'tolol', 'bego', 'dungu', 'idiot', 'sinting', 'brengsek', 'bangsat', 'kampungan', 'gaptek',
      'sok tahu', 'cerewet', 'bawel', 'jangan banyak (tanya|protes|mengeluh|komplain)', 'baca sendiri', 'urus sendiri',
      'cari sendiri', 'bukan urusan (kami|saya)', 'makanya baca', 'salah (anda|sendiri|bapak|ibu) sendiri', 'dasar pelapor',
      'tidak bisa baca', 'malas (baca|membaca)',
    ].join('|') +
    ')\\b',
  'i',
);

/** Content roots of an answer beyond acknowledgement boilerplate. */
function substance(text: string): string[] {
  return normalize(text.replace(new RegExp(ACK.source, 'gi'), ' ')).filter((r) => !BOILERPLATE.has(r));
}

export function isOnlyAck(answer: string): boolean {
  return ACK.test(answer) && new Set(substance(answer)).size < 6;
}

export function isImpolite(answer: string): boolean {
  return IMPOLITE.test(answer);
}

/** At most one shared content root with the report although the answer says something of its own. */
export function isOffTopic(answer: string, reportText: string): boolean {
  const said = new Set(substance(answer));
  if (said.size < 5) return false;
  const asked = new Set(contentTokens(reportText).map((t) => t.root));
  let shared = 0;
  for (const r of said) if (asked.has(r)) shared++;
  return shared === 0 || (said.size >= 8 && shared <= 1);
}

export function hasPersonalData(answer: string, knownNames: readonly string[]): boolean {
  return containsPii(answer, { knownNames: [...knownNames] });
}

/** Every heuristic issue of an answer, in the fixed order of QUALITY_ISSUES. */
export function heuristicIssues(answer: string, reportText: string, knownNames: readonly string[]): QualityIssue[] {
  const onlyAck = isOnlyAck(answer);
  const found: Record<QualityIssue, boolean> = {
    off_topic: !onlyAck && isOffTopic(answer, reportText),
    only_ack: onlyAck,
    impolite: isImpolite(answer),
    personal_data: hasPersonalData(answer, knownNames),
  };
  return QUALITY_ISSUES.filter((i) => found[i]);
}

export const ISSUE_TEXT: Record<QualityIssue, string> = {
  off_topic: 'Jawaban tampaknya tidak menanggapi pokok laporan.',
  only_ack: 'Jawaban hanya berisi tanda terima atau janji tindak lanjut — itu respon awal (/respon), belum tindak lanjut.',
  impolite: 'Ada kata yang terkesan tidak sopan kepada pelapor.',
  personal_data: 'Jawaban memuat data pribadi (nama, NIK, telepon, e-mail atau alamat); hapus sebelum dikirim.',
};
