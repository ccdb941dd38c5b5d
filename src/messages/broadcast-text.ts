/** Indonesian texts of admin broadcasts: the announcement itself and the confirmation step. */
import type { Broadcast } from '../generated/prisma/client.js';
import type { OutMessage } from '../lib/message.js';
import { mask, shorten } from '../lib/pii.js';
import { decodeRepeat, describeRepeat } from '../domain/schedule-phrase.js';
import { encodeCallback } from './callback-data.js';
import { formatDateTime } from './format.js';

/** The announcement as the groups see it (masked like every post). */
export function broadcastMessage(text: string, authorName: string | null): OutMessage {
  return { text: `📢 Pengumuman Admin Instansi\n\n${mask(text)}${authorName ? `\n\n— ${authorName}` : ''}` };
}

/** "sekarang", "1 Des 2026 pukul 09.00 WIB", "setiap Jumat pukul 09.00 (berikutnya …)". */
export function whenText(b: Pick<Broadcast, 'repeatCron' | 'nextRunAt'>, timeZone: string): string {
  if (b.repeatCron) {
    const next = b.nextRunAt ? ` (berikutnya ${formatDateTime(b.nextRunAt, timeZone)})` : '';
    return `${describeRepeat(decodeRepeat(b.repeatCron))}${next}`;
  }
  return b.nextRunAt ? formatDateTime(b.nextRunAt, timeZone) : 'sekarang';
}

/** The reply to /umumkan and /jadwalkan: what, when, to whom, and how to confirm. */
export function confirmationMessage(b: Broadcast, short: string, recipients: readonly string[], timeZone: string, unitCode: string | null): OutMessage {
  const lines = [
    `📝 Draf pengumuman ${short} — belum dikirim.`,
    `Waktu: ${whenText(b, timeZone)}`,
    `Penerima (${recipients.length} grup${unitCode ? `, unit ${unitCode}` : ', seluruh instansi'}):`,
    ...recipients.map((r) => `• ${r}`),
    '',
    'Isi:',
    shorten(mask(b.text), 1500),
    '',
    `Kirim: tekan Kirim atau ketik /kirim ${short}. Batalkan: /batal-jadwal ${short}.`,
  ];
  return {
    text: lines.join('\n'),
    buttons: [[{ label: b.nextRunAt ? 'Jadwalkan' : 'Kirim', data: encodeCallback('bc_send', b.id) }, { label: 'Batal', data: encodeCallback('bc_cancel', b.id) }]],
  };
}
