/**
 * What the bot says about information requests (Bahasa Indonesia). Every question and answer is
 * masked before it leaves the server: operators paste what the public typed, names and numbers
 * included.
 */
import type { Button } from '../lib/message.js';
import { mask, shorten } from '../lib/pii.js';
import { encodeCallback } from '../messages/callback-data.js';
import { formatDateTime, formatLocalDate } from '../messages/format.js';
import type { IrStatus } from './requests.js';

export const IR_STATUS_LABEL: Record<IrStatus, string> = {
  OPEN: 'Menunggu jawaban',
  ANSWERED: 'Sudah dijawab',
  CLOSED: 'Selesai',
  PROMOTED: 'Dijadikan laporan',
};

export interface IrView {
  id: string;
  trackingId: string;
  question: string;
  topic: string | null;
  status: string;
  askedAt: Date;
  firstResponseDue: Date;
  /** Office-local due date (5 working days). */
  dueDate: string;
  unit: { code: string; name: string };
  askedBy: string;
  pics: string[];
}

export const clean = (text: string, max = 1500): string => shorten(mask(text), max);

export const answerButton = (requestId: string): Button[][] => [[{ label: 'Balas', data: encodeCallback('ir_answer', requestId) }]];
export const closeButton = (requestId: string): Button[][] => [[{ label: 'Selesai', data: encodeCallback('ir_close', requestId) }]];

function header(v: IrView, tz: string): string[] {
  return [
    `Untuk: ${v.unit.code} — ${v.unit.name}`,
    `Dari: ${v.askedBy} (Operator Live Chat), ${formatDateTime(v.askedAt, tz)}`,
    ...(v.topic ? [`Topik: ${v.topic}`] : []),
    `PIC: ${v.pics.length ? v.pics.join(', ') : '(belum ada PIC di direktori; Pejabat Penghubung unit dapat menjawab)'}`,
    `Target respons pertama: ${formatDateTime(v.firstResponseDue, tz)} · Batas: ${formatLocalDate(v.dueDate)}`,
  ];
}

/** The post in the unit's chat(s) and the PIC's private message. */
export function questionText(v: IrView, tz: string, opts: { followUp?: string; forPic?: boolean } = {}): string {
  const title = opts.followUp ? `❓ Pertanyaan lanjutan ${v.trackingId}` : `❓ Permintaan informasi ${v.trackingId}`;
  return [
    opts.forPic ? `${title} (Anda PIC unit ini)` : title,
    ...header(v, tz),
    '',
    `Pertanyaan: ${clean(v.question)}`,
    ...(opts.followUp ? [`Lanjutan: ${clean(opts.followUp)}`] : []),
    '',
    `Jawab: balas (reply) pesan ini dengan jawabannya, atau ketik /balas ${v.trackingId} <jawaban>, atau tekan Balas (di WhatsApp: balas dengan angka 1).`,
  ].join('\n');
}

/** The answer relayed to the asking operator. */
export function relayText(v: IrView, answer: { by: string; at: Date; text: string }, tz: string): string {
  return [
    `💬 Jawaban ${v.trackingId} dari ${answer.by} (${v.unit.code}), ${formatDateTime(answer.at, tz)}:`,
    clean(answer.text, 3000),
    '',
    `Pertanyaan: ${clean(v.question, 500)}`,
    `Tanya lagi: /tanya-lagi ${v.trackingId} <pertanyaan> · Tutup: /selesai-ir ${v.trackingId}`,
  ].join('\n');
}

/** The line appended to the unit's post once something happened to the request. */
export function statusLine(status: string, by: string, at: Date, tz: string): string {
  const verb = status === 'ANSWERED' ? '✅ Dijawab' : status === 'PROMOTED' ? '📄 Dijadikan laporan' : status === 'CLOSED' ? '☑️ Ditutup' : '↩️ Dibuka lagi';
  return `${verb} oleh ${by}, ${formatDateTime(at, tz)}`;
}

const STATUS = 'Status: ';
/** Where posts written before the status moved under the title kept it. */
const OLD_STATUS_MARK = '\n\nStatus: ';

/**
 * The post text with its status line (right under the title, so WhatsApp's short status reply,
 * which quotes only the first lines, shows it too) set to `line`.
 */
export function withStatus(postText: string, line: string): string {
  const old = postText.indexOf(OLD_STATUS_MARK);
  const [title = '', ...rest] = (old >= 0 ? postText.slice(0, old) : postText).split('\n');
  if (rest[0]?.startsWith(STATUS)) rest.shift();
  return [title, `${STATUS}${line}`, ...rest].join('\n');
}

/** A reminder, worded for who receives it. */
export function nudgeText(v: IrView, audience: 'pic' | 'unit' | 'admin', opts: { overdue: boolean; tz: string }): string {
  const since = formatDateTime(v.askedAt, opts.tz);
  const late = opts.overdue ? ` Batas 5 hari kerja (${formatLocalDate(v.dueDate)}) sudah terlewati.` : '';
  const q = `Pertanyaan: ${clean(v.question, 400)}`;
  const how = `Jawab: /balas ${v.trackingId} <jawaban>`;
  switch (audience) {
    case 'pic':
      return `⏰ Pengingat: ${v.trackingId} belum dijawab sejak ${since}; target respons pertama sudah lewat.${late}\n${q}\n${how}`;
    case 'unit':
      return `⏰ ${v.trackingId} untuk ${v.unit.code} belum dijawab sejak ${since} (PIC: ${v.pics.join(', ') || '—'}).${late} Pejabat Penghubung unit ini juga dapat menjawab.\n${q}\n${how}`;
    case 'admin':
      return `🚨 ${v.trackingId} untuk ${v.unit.code} belum dijawab sejak ${since} (PIC: ${v.pics.join(', ') || '—'}).${late} Mohon dibantu agar penanya tidak menunggu.\n${q}\n${how}`;
  }
}
