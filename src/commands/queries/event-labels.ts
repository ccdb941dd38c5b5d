/** Report history events as people read them in /status ("didisposisikan", "respon awal"). */
export const EVENT_LABEL: Readonly<Record<string, string>> = {
  received: 'laporan diterima',
  imported: 'diperbarui dari impor LAPOR!',
  verified: 'diverifikasi',
  disposed: 'didisposisikan',
  rerouted: 'dialihkan',
  claimed: 'diambil',
  unclaimed: 'dilepas',
  responded: 'respon awal',
  followed_up: 'tindak lanjut',
  closed: 'diselesaikan',
  bounced: 'bukan wewenang',
  held: 'ditunda',
  resumed: 'dilanjutkan',
  archived: 'diarsipkan',
  reopened: 'dibuka kembali',
  updated: 'data laporan diperbarui',
  rated: 'penilaian pelapor dicatat',
  // History carried over from an information request promoted to a report (src/info/promote.ts).
  ir_question: 'pertanyaan (permintaan informasi)',
  ir_followup: 'pertanyaan lanjutan (permintaan informasi)',
  ir_answer: 'jawaban PIC (permintaan informasi)',
  from_info_request: 'dijadikan laporan dari permintaan informasi',
};

/** `eventLabel('disposed', 'BKN-PENSIUN')` → "didisposisikan ke BKN-PENSIUN"; unknown events keep their name. */
export function eventLabel(action: string, unitCode?: string | null): string {
  const label = EVENT_LABEL[action] ?? action.replace(/_/g, ' ');
  return unitCode && (action === 'disposed' || action === 'rerouted') ? `${label} ke ${unitCode}` : label;
}
