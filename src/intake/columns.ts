/**
 * Import columns: the canonical names and the headers a LAPOR! export (or a hand-made sheet)
 * uses for them. Headers match case-, space-, accent- and punctuation-insensitively, so
 * "No. Tracking", "NO TRACKING" and "no_tracking" are the same column.
 */

export const CANONICAL_COLUMNS = [
  'tracking_id', 'received_at', 'title', 'body', 'category', 'status', 'unit',
  'verified_at', 'disposed_at', 'first_response_at', 'follow_up_at', 'closed_at',
  'rating', 'topic', 'reporter_name', 'reporter_contact', 'anonymous', 'confidential',
  'channel', 'reporter_gender', 'reporter_disability', 'reporter_vulnerable', 'reporter_replied', 'rating_accuracy',
] as const;
export type Column = (typeof CANONICAL_COLUMNS)[number];

/** Other names per column (the canonical name itself always matches). */
const ALIASES: Record<Column, readonly string[]> = {
  tracking_id: ['No. Tracking', 'Nomor Tracking', 'No Tracking ID', 'Tracking', 'Tracking ID', 'ID Laporan', 'No. Laporan', 'Nomor Laporan', 'Kode Laporan', 'Nomor Pelacakan', 'No. Pelacakan', 'No. Tiket', 'Nomor Tiket'],
  received_at: ['Tanggal Laporan', 'Tgl Laporan', 'Tanggal Masuk', 'Tanggal Diterima', 'Waktu Laporan', 'Tanggal Pengaduan', 'Tanggal Kirim', 'Tanggal', 'Waktu Masuk', 'Created At'],
  title: ['Judul', 'Judul Laporan', 'Perihal', 'Subjek'],
  body: ['Isi Laporan', 'Isi', 'Isi Pengaduan', 'Uraian', 'Uraian Laporan', 'Deskripsi', 'Laporan'],
  category: ['Kategori', 'Kategori Laporan', 'Klasifikasi', 'Klasifikasi Laporan', 'Jenis Laporan', 'Jenis'],
  status: ['Status', 'Status Laporan'],
  unit: ['Instansi/Unit Disposisi', 'Unit Disposisi', 'Unit Kerja', 'Unit', 'Disposisi', 'Instansi Disposisi', 'Kode Unit', 'Unit Code', 'Instansi Terdisposisi'],
  // Only names that clearly hold a date: "Tindak Lanjut" or "Respon Awal" alone may hold the answer text.
  verified_at: ['Tanggal Verifikasi', 'Tgl Verifikasi', 'Waktu Verifikasi'],
  disposed_at: ['Tanggal Disposisi', 'Tgl Disposisi', 'Waktu Disposisi'],
  first_response_at: ['Tanggal Respon Awal', 'Waktu Respon Awal', 'Tanggal Respon', 'Tanggal Tanggapan Pertama'],
  follow_up_at: ['Tanggal Tindak Lanjut', 'Tgl Tindak Lanjut', 'Waktu Tindak Lanjut'],
  closed_at: ['Tanggal Selesai', 'Tgl Selesai', 'Waktu Selesai'],
  rating: ['Rating', 'Penilaian', 'Nilai', 'Rating Pelapor', 'Nilai Kepuasan', 'Penilaian Pelapor'],
  topic: ['Topik', 'Topik Laporan', 'Sub Kategori', 'Subkategori'],
  reporter_name: ['Nama Pelapor', 'Pelapor', 'Nama'],
  reporter_contact: ['Kontak Pelapor', 'Kontak', 'No. HP', 'Nomor HP', 'No. HP Pelapor', 'Email Pelapor', 'Telepon Pelapor'],
  anonymous: ['Anonim', 'Anonymous', 'Anonym'],
  confidential: ['Rahasia', 'Confidential'],
  channel: ['Kanal', 'Saluran', 'Sumber', 'Sumber Laporan', 'Media', 'Kanal Pengaduan', 'Channel'],
  reporter_gender: ['Jenis Kelamin', 'Jenis Kelamin Pelapor', 'Gender', 'JK'],
  reporter_disability: ['Disabilitas', 'Penyandang Disabilitas', 'Pelapor Disabilitas'],
  reporter_vulnerable: ['Kelompok Rentan', 'Rentan', 'Pelapor Kelompok Rentan'],
  reporter_replied: ['Pelapor Menanggapi', 'Tanggapan Pelapor', 'Dibalas Pelapor', 'Pelapor Membalas'],
  rating_accuracy: ['Ketepatan Solusi', 'Penilaian Ketepatan', 'Rating Ketepatan', 'Akurasi Solusi', 'Ketepatan'],
};

/** "No. Tracking" → "notracking"; accents dropped, only letters and digits kept. */
export function normalizeHeader(header: string): string {
  return header.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]/g, '');
}

const LOOKUP: ReadonlyMap<string, Column> = (() => {
  const m = new Map<string, Column>();
  for (const col of CANONICAL_COLUMNS) {
    for (const name of [col, ...ALIASES[col]]) {
      const key = normalizeHeader(name);
      const taken = m.get(key);
      if (taken && taken !== col) throw new Error(`header alias "${name}" maps to both ${taken} and ${col}`);
      m.set(key, col);
    }
  }
  return m;
})();

/** The canonical column a header means, or undefined. */
export function columnFor(header: string): Column | undefined {
  return LOOKUP.get(normalizeHeader(header));
}

export interface HeaderMap {
  /** Column → cell index. */
  index: Partial<Record<Column, number>>;
  /** Columns the file has. */
  present: ReadonlySet<Column>;
  /** Headers no column matched (ignored). */
  ignored: string[];
  /** Headers that named a column a previous header already named (ignored). */
  repeated: string[];
}

/** Columns a file must have for any row to be importable. */
export const REQUIRED_COLUMNS: readonly Column[] = ['tracking_id', 'received_at', 'category'];

export function mapHeaders(headers: readonly string[]): HeaderMap {
  const index: Partial<Record<Column, number>> = {};
  const ignored: string[] = [];
  const repeated: string[] = [];
  headers.forEach((h, i) => {
    const col = columnFor(h);
    if (!col) {
      if (h.trim()) ignored.push(h.trim());
    } else if (index[col] !== undefined) repeated.push(h.trim());
    else index[col] = i;
  });
  return { index, present: new Set(Object.keys(index) as Column[]), ignored, repeated };
}

/** Why a header row cannot be imported, or null. */
export function headerProblem(map: HeaderMap): string | null {
  const missing = REQUIRED_COLUMNS.filter((c) => !map.present.has(c));
  if (!map.present.has('title') && !map.present.has('body')) missing.push('title');
  if (missing.length === 0) return null;
  const names = missing.map((c) => `${c} (e.g. "${ALIASES[c][0]}")`).join(', ');
  return `missing column(s): ${names}. unrecognised headers: ${map.ignored.length ? map.ignored.join(', ') : '(none)'}`;
}
