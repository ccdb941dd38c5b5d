/** Report history events as people read them in /status ("didisposisikan", "respon awal"). */
export const EVENT_LABEL: Readonly<Record<string, string>> = {
  received: 'laporan diterima',
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
};

/** `eventLabel('disposed', 'BKN-PENSIUN')` → "didisposisikan ke BKN-PENSIUN"; unknown events keep their name. */
export function eventLabel(action: string, unitCode?: string | null): string {
  const label = EVENT_LABEL[action] ?? action.replace(/_/g, ' ');
  return unitCode && (action === 'disposed' || action === 'rerouted') ? `${label} ke ${unitCode}` : label;
}
