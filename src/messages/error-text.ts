/**
 * Every DomainError as an Indonesian sentence with the next step. Stack traces go to the log,
 * never to a chat.
 */
import type { DomainError, DomainErrorCode } from '../domain/errors.js';
import { STATUS_LABEL } from '../domain/labels.js';
import type { ReportStatus } from '../domain/types.js';

type Data = Record<string, unknown>;
const s = (v: unknown): string => (v === undefined || v === null ? '' : String(v));
const status = (v: unknown): string => STATUS_LABEL[v as ReportStatus] ?? s(v);

const ACTION_LABEL: Record<string, string> = {
  verify: 'verifikasi', dispose: 'disposisi', claim: 'ambil', unclaim: 'lepas', respond: 'respon awal',
  follow_up: 'tindak lanjut', close: 'selesaikan', bounce: 'bukan wewenang', hold: 'tunda',
  resume: 'lanjutkan', archive: 'arsipkan', reopen: 'buka kembali',
};

const NEED_LABEL: Record<string, string> = {
  admin_instansi: 'Admin Instansi',
  penghubung: 'Pejabat Penghubung unit yang menangani laporan ini',
  operator: 'Operator Live Chat',
  member: 'anggota terdaftar instansi ini',
};

const TEXT: Record<DomainErrorCode, (d: Data) => string> = {
  REPORT_NOT_FOUND: (d) => `Laporan ${d.tracking ? `#${s(d.tracking)} ` : ''}tidak ditemukan. Periksa nomor pelacakan, atau ketik /daftar untuk melihat laporan unit Anda.`,
  ILLEGAL_TRANSITION: (d) => `Laporan berstatus ${status(d.from)} tidak dapat di-${ACTION_LABEL[s(d.action)] ?? s(d.action)}. Ketik /status <nomor> untuk melihat langkah yang tersedia.`,
  REASON_REQUIRED: () => 'Alasan wajib diisi. Contoh: /bukanwewenang 1234567 Kewenangan Dinas Pendidikan Provinsi.',
  TEXT_REQUIRED: () => 'Isi tanggapan wajib diisi. Contoh: /respon 1234567 Terima kasih, laporan sedang kami periksa.',
  ALREADY_CLAIMED: (d) => (d.self ? 'Anda sudah mengambil laporan ini.' : `Laporan ini sudah diambil oleh ${s(d.claimedByName) || 'petugas lain'}${d.claimedAtText ? ` pukul ${s(d.claimedAtText)}` : ''}. Ketik /status ${s(d.tracking)} untuk melihat perkembangannya.`),
  NOT_CLAIMED: () => 'Laporan ini belum diambil siapa pun.',
  FOLLOW_UP_REQUIRED: () => 'Laporan hanya dapat diselesaikan setelah ada tindak lanjut. Respon awal saja tidak menyelesaikan laporan: kirim /tindaklanjut <nomor> <jawaban> --selesai.',
  ALREADY_VERIFIED: () => 'Laporan ini sudah diverifikasi. Lanjutkan dengan /disposisi <nomor> <kode-unit>.',
  UNIT_REQUIRED: () => 'Sebutkan kode unit. Contoh: /disposisi 1234567 BKN-DIT-PENGADAAN.',
  UNIT_NOT_FOUND: (d) => `Unit ${s(d.code)} tidak ditemukan di instansi ini. Ketik /unit untuk melihat daftar kode unit.`,
  PERSON_NOT_FOUND: (d) => `Orang "${s(d.ref)}" tidak ditemukan. Ketik /siapa untuk melihat anggota terdaftar.`,
  CHAT_NOT_FOUND: () => 'Grup ini belum terhubung ke unit mana pun. Admin dapat menghubungkannya dengan /ikat <kode-unit>.',
  NOT_FOUND: (d) => `${s(d.what) || 'Data'} ${s(d.code)} tidak ditemukan.`,
  NOT_REGISTERED: () => 'Anda belum terdaftar. Ketik /gabung <kode-unit> untuk meminta akses; Admin Instansi akan menyetujuinya.',
  FORBIDDEN: (d) => d.reason === 'not_at_unit'
    ? 'Laporan ini sedang tidak berada di unit mana pun (menunggu Admin Instansi).'
    : d.reason === 'pending'
      ? 'Permintaan bergabung Anda masih menunggu persetujuan Admin Instansi. Sementara itu Anda hanya dapat membaca /bantuan.'
      : `Perintah ini hanya untuk ${NEED_LABEL[s(d.need)] ?? s(d.need)}. Hubungi Admin Instansi bila Anda seharusnya memiliki akses.`,
  INVALID_ARGS: (d) => `Masukan tidak valid${d.field ? ` (${s(d.field)}${d.value !== undefined ? `: "${s(d.value).slice(0, 60)}"` : ''})` : ''}${d.expected ? `: ${s(d.expected)}` : ''}.${d.usage ? ` Cara pakai: ${s(d.usage)}` : ''}`,
  INVALID_DATE: (d) => `Tanggal tidak valid${d.value ? `: "${s(d.value)}"` : ''}. Gunakan format YYYY-MM-DD, mis. 2026-03-17.`,
  UNKNOWN_COMMAND: (d) => `Perintah /${s(d.command)} tidak dikenal. Ketik /bantuan untuk daftar perintah.`,
  SAME_UNIT: () => 'Laporan sudah berada di unit tersebut.',
  CONFLICT: (d) => `${s(d.what) || 'Data'} ${s(d.code ?? d.tracking ?? d.value)} sudah ada.`,
  ALREADY_MEMBER: (d) => `Anda sudah terdaftar sebagai ${s(d.role)} di ${s(d.unit)}. Ketik /bantuan untuk perintah yang dapat Anda pakai.`,
  REQUEST_PENDING: (d) => `Permintaan Anda bergabung sebagai ${s(d.role)} di ${s(d.unit)} masih menunggu persetujuan Admin Instansi${d.since ? ` (dikirim ${s(d.since)})` : ''}. Sementara itu Anda hanya dapat membaca /bantuan.`,
  ALREADY_DECIDED: (d) => `Permintaan ${s(d.who)} (${s(d.role)} ${s(d.unit)}) sudah diputuskan oleh ${s(d.by) || 'Sistem'} pada ${s(d.at)}: ${s(d.outcome)}.`,
  PERSON_AMBIGUOUS: (d) => `"${s(d.ref)}" cocok dengan beberapa orang: ${s(d.candidates)}. Sebutkan @username, ID Telegram atau nomor WhatsApp-nya.`,
  GROUP_ONLY: (d) => `Perintah ini dipakai di grup yang ingin dihubungkan, bukan di chat pribadi. Tambahkan bot ke grup tersebut, lalu ketik ${s(d.usage) || 'perintahnya'} di sana.`,
  INFO_REQUEST_CLOSED: (d) => `Permintaan informasi ${s(d.tracking)} sudah ${d.report ? `dijadikan laporan #${s(d.report)}` : 'ditutup'}. Ajukan pertanyaan baru dengan /tanya <kode-unit> <pertanyaan>.`,
  UNAVAILABLE: () => 'Sistem sedang gangguan, coba lagi beberapa saat lagi. Tidak ada data yang berubah.',
};

/** The Indonesian text of a DomainError. */
export function errorText(e: DomainError): string {
  return `⚠️ ${TEXT[e.code](e.data)}`;
}
