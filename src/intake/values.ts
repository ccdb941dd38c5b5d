/**
 * Cell values of an import as LAPOR! exports and people write them: Indonesian status and
 * category names, channels, gender, yes/no and ratings with a decimal comma. Each parser
 * returns the value, or a `Bad` carrying a one-line reason.
 */
import type { Category, ReportStatus } from '../domain/types.js';

export class Bad {
  constructor(readonly reason: string) {}
}

export const CHANNELS = ['website', 'sms', 'telepon', 'langsung'] as const;
export type Channel = (typeof CHANNELS)[number];

/** Letters and digits only, lower case, accents dropped: "Terdisposisi - Sedang Diproses" → "terdisposisisedangdiproses". */
export function squash(value: string): string {
  // Decomposing (é → e) is the costly step and only needed outside printable ASCII.
  const plain = /[^ -~]/.test(value) ? value.normalize('NFKD').replace(/[\u0300-\u036f]/g, '') : value;
  return plain.toLowerCase().replace(/[^a-z0-9]/g, '');
}

const STATUS: Record<string, ReportStatus> = {};
const addStatus = (status: ReportStatus, ...names: string[]): void => {
  for (const n of [status, ...names]) STATUS[squash(n)] = status;
};
addStatus('BELUM_TERVERIFIKASI', 'Belum Terverifikasi', 'Belum Diverifikasi', 'Menunggu Verifikasi', 'Baru');
addStatus('BELUM_DITINDAKLANJUTI', 'Belum Ditindaklanjuti', 'Terdisposisi Belum Ditindaklanjuti', 'Terdisposisi', 'Didisposisikan', 'Disposisi');
addStatus('PROSES', 'Proses', 'Diproses', 'Sedang Diproses', 'Terdisposisi Sedang Diproses', 'Dalam Proses', 'Ditindaklanjuti', 'Sedang Ditindaklanjuti');
addStatus('SELESAI', 'Selesai', 'Telah Selesai', 'Ditutup', 'Closed');
addStatus('TUNDA', 'Tunda', 'Ditunda');
addStatus('ARSIP', 'Arsip', 'Diarsipkan');

/** Empty means a report just received (Belum Terverifikasi). */
export function parseStatus(value: string): ReportStatus | Bad {
  if (value.trim() === '') return 'BELUM_TERVERIFIKASI';
  return STATUS[squash(value)] ?? new Bad(`status "${value}" is not a LAPOR! status (Belum Terverifikasi, Belum Ditindaklanjuti, Proses, Selesai, Tunda, Arsip)`);
}

/**
 * LAPOR! category names, matched by their key words so "Pengaduan - Tidak Berkadar Pengawasan"
 * and "tanpa-pengawasan" both work. A plain "Pengaduan" (kind not stated) is read as normatif:
 * the shortest complaint deadline, so nothing is reminded about too late.
 */
export function parseCategory(value: string): Category | Bad {
  const v = squash(value);
  if (v === '') return new Bad('category is empty');
  if (v.includes('berkadar') || v.includes('pengawasan')) {
    return v.includes('tidak') || v.includes('tanpa') || v.includes('non') ? 'tanpa-pengawasan' : 'berkadar-pengawasan';
  }
  if (v.includes('informasi') || v === 'info') return 'informasi';
  if (v.includes('normatif') || v === 'pengaduan') return 'normatif';
  return new Bad(`category "${value}" is not one of Permintaan Informasi, Pengaduan normatif, Pengaduan tidak berkadar pengawasan, Pengaduan berkadar pengawasan`);
}

const CHANNEL: Record<string, Channel> = {};
const addChannel = (channel: Channel, ...names: string[]): void => {
  for (const n of [channel, ...names]) CHANNEL[squash(n)] = channel;
};
// SP4N indicators 1.1–1.4: website/apps; SMS; telephone, letter, post, e-mail; walk-in.
addChannel('website', 'web', 'situs', 'apps', 'aplikasi', 'app', 'android', 'ios', 'mobile', 'website/apps', 'lapor.go.id', 'media sosial', 'twitter', 'whatsapp');
addChannel('sms', '1708', 'sms 1708', 'pesan singkat');
addChannel('telepon', 'telp', 'telpon', 'telephone', 'phone', 'call center', 'surat', 'pos', 'email', 'e-mail', 'surel', 'faks', 'fax', 'telepon/surat/pos/email');
addChannel('langsung', 'datang langsung', 'tatap muka', 'walk-in', 'walk in', 'loket', 'offline');

export function parseChannel(value: string): Channel | null | Bad {
  if (value.trim() === '') return null;
  return CHANNEL[squash(value)] ?? new Bad(`channel "${value}" is not website/apps, sms, telepon/surat/pos/email or langsung`);
}

const GENDER: Record<string, 'L' | 'P'> = { l: 'L', lakilaki: 'L', laki: 'L', pria: 'L', male: 'L', m: 'L', p: 'P', perempuan: 'P', wanita: 'P', female: 'P', f: 'P', w: 'P' };

export function parseGender(value: string): 'L' | 'P' | null | Bad {
  if (value.trim() === '') return null;
  return GENDER[squash(value)] ?? new Bad(`reporter_gender "${value}" is not L/P (laki-laki/perempuan)`);
}

const TRUE = new Set(['ya', 'y', 'yes', 'true', '1', 'benar', 'iya']);
const FALSE = new Set(['tidak', 'tdk', 'no', 'n', 'false', '0', 'bukan', 'salah']);

/** Yes/no; empty is no. */
export function parseBoolean(value: string, column: string): boolean | Bad {
  const v = squash(value);
  if (v === '' || value.trim() === '-') return false;
  if (TRUE.has(v)) return true;
  if (FALSE.has(v)) return false;
  return new Bad(`${column} "${value}" is not ya/tidak`);
}

/** A 1–5 rating, decimal comma or point ("4,5"), at most two decimals; empty is none. */
export function parseRating(value: string, column: string): number | null | Bad {
  const v = value.trim();
  if (v === '' || v === '-') return null;
  if (!/^\d(?:[.,]\d{1,2})?$/.test(v)) return new Bad(`${column} "${value}" is not a number from 1 to 5`);
  const n = Number(v.replace(',', '.'));
  return n >= 1 && n <= 5 ? n : new Bad(`${column} ${v} is outside 1–5`);
}
