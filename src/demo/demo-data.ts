/**
 * The demo agency: clearly marked (code DEMO, "(DEMO)" in every name), with units, officers and
 * about 30 reports in every status. Texts are invented; phone numbers and NIKs are fake.
 */
import type { Category, Role } from '../domain/types.js';

export const DEMO_AGENCY = { code: 'DEMO', name: 'Kementerian Contoh (DEMO)' };

export const DEMO_UNITS = [
  { code: 'DEMO-BIRO-SDM', name: 'Biro Sumber Daya Manusia (DEMO)' },
  { code: 'DEMO-DIT-PENGADAAN', name: 'Direktorat Pengadaan ASN (DEMO)' },
  { code: 'DEMO-DIT-PENSIUN', name: 'Direktorat Pensiun dan Kesejahteraan (DEMO)' },
  { code: 'DEMO-PUSDATIN', name: 'Pusat Data dan Teknologi Informasi (DEMO)' },
] as const;

export type DemoUnit = (typeof DEMO_UNITS)[number]['code'];

export const DEMO_PEOPLE: { key: string; name: string; roles: { role: Role; unit?: DemoUnit }[] }[] = [
  { key: 'ani', name: 'Ani Admin (DEMO)', roles: [{ role: 'admin_instansi' }] },
  { key: 'budi', name: 'Budi Pengadaan (DEMO)', roles: [{ role: 'penghubung', unit: 'DEMO-DIT-PENGADAAN' }] },
  { key: 'citra', name: 'Citra Pengadaan (DEMO)', roles: [{ role: 'penghubung', unit: 'DEMO-DIT-PENGADAAN' }] },
  { key: 'dedi', name: 'Dedi Pensiun (DEMO)', roles: [{ role: 'penghubung', unit: 'DEMO-DIT-PENSIUN' }] },
  { key: 'eka', name: 'Eka Pusdatin (DEMO)', roles: [{ role: 'penghubung', unit: 'DEMO-PUSDATIN' }] },
  { key: 'sari', name: 'Sari SDM (DEMO)', roles: [{ role: 'penghubung', unit: 'DEMO-BIRO-SDM' }] },
  { key: 'fajar', name: 'Fajar Operator (DEMO)', roles: [{ role: 'operator', unit: 'DEMO-PUSDATIN' }] },
  { key: 'gita', name: 'Gita Inspektorat (DEMO)', roles: [{ role: 'inspektorat' }] },
];

/** Console chats: `admin` is the Admin Instansi's group, the others one per unit. */
export const DEMO_CHATS: { id: string; title: string; unit: DemoUnit | null }[] = [
  { id: 'grup-admin', title: 'Grup Admin Instansi (DEMO)', unit: null },
  { id: 'grup-pengadaan', title: 'Grup Penghubung Pengadaan (DEMO)', unit: 'DEMO-DIT-PENGADAAN' },
  { id: 'grup-pensiun', title: 'Grup Penghubung Pensiun (DEMO)', unit: 'DEMO-DIT-PENSIUN' },
  { id: 'grup-pusdatin', title: 'Grup Penghubung Pusdatin (DEMO)', unit: 'DEMO-PUSDATIN' },
  { id: 'grup-sdm', title: 'Grup Penghubung SDM (DEMO)', unit: 'DEMO-BIRO-SDM' },
];

/** A scripted history: steps are applied in order, `daysAgo` counts calendar days back from now. */
export type DemoStep =
  | { do: 'verify' }
  | { do: 'dispose'; unit: DemoUnit }
  | { do: 'claim'; who: string }
  | { do: 'respond'; who: string; text: string }
  | { do: 'follow_up'; who: string; text: string; close?: boolean }
  | { do: 'bounce'; who: string; reason: string }
  | { do: 'hold'; reason: string }
  | { do: 'archive'; reason: string };

export interface DemoReport {
  tracking: string;
  daysAgo: number;
  category: Category;
  topic: string;
  title: string;
  body: string;
  reporter: string;
  confidential?: boolean;
  rating?: number;
  steps: DemoStep[];
}

const R = (tracking: string, daysAgo: number, category: Category, topic: string, title: string, body: string, reporter: string, steps: DemoStep[], extra: Partial<DemoReport> = {}): DemoReport => ({ tracking, daysAgo, category, topic, title, body, reporter, steps, ...extra });

const PENGADAAN: DemoUnit = 'DEMO-DIT-PENGADAAN';
const PENSIUN: DemoUnit = 'DEMO-DIT-PENSIUN';
const TI: DemoUnit = 'DEMO-PUSDATIN';
const SDM: DemoUnit = 'DEMO-BIRO-SDM';

export const DEMO_REPORTS: DemoReport[] = [
  // Belum Terverifikasi: waiting for the admin.
  R('DEMO-1001', 0, 'informasi', 'CPNS/PPPK', 'Jadwal pengumuman hasil seleksi PPPK', 'Selamat pagi, nama saya Rina Kartika. Kapan pengumuman hasil seleksi PPPK teknis tahap 2? Hubungi saya di 0812-3456-7890.', 'Rina Kartika', []),
  R('DEMO-1002', 1, 'normatif', 'ASN', 'Tunjangan kinerja belum dibayarkan', 'Tunjangan kinerja bulan lalu belum masuk ke rekening pegawai di unit kami. Mohon penjelasan.', 'Hendra Wijaya', []),
  R('DEMO-1003', 2, 'tanpa-pengawasan', 'Mutasi ASN', 'Permohonan mutasi tidak diproses', 'Saya Bapak Agus Salim mengajukan mutasi sejak tiga bulan lalu, status di aplikasi tidak berubah.', 'Agus Salim', [{ do: 'verify' }]),
  R('DEMO-1004', 4, 'informasi', 'LAPOR! teknis', 'Tidak bisa mengunggah lampiran', 'Saat mengunggah dokumen PDF di portal selalu gagal. Email saya dewi.lestari@example.com.', 'Dewi Lestari', [{ do: 'dispose', unit: SDM }, { do: 'bounce', who: 'sari', reason: 'Masalah teknis portal adalah kewenangan Pusdatin, bukan Biro SDM.' }]),
  R('DEMO-1005', 6, 'normatif', 'Pensiun', 'Salah nama pada SK pensiun', 'Nama almarhum ayah saya tertulis salah pada SK pensiun janda.', 'Yusuf Hakim', [{ do: 'dispose', unit: TI }, { do: 'bounce', who: 'eka', reason: 'SK pensiun ditangani Direktorat Pensiun.' }]),
  // Belum Ditindaklanjuti: at a unit, nobody answered yet.
  R('DEMO-1006', 0, 'informasi', 'CPNS/PPPK', 'Formasi CPNS untuk lulusan D3', 'Apakah tahun ini ada formasi CPNS untuk lulusan D3 akuntansi?', 'Lina Marlina', [{ do: 'dispose', unit: PENGADAAN }]),
  R('DEMO-1007', 1, 'informasi', 'CPNS/PPPK', 'Syarat sanggah hasil seleksi administrasi', 'Bagaimana cara mengajukan sanggah? NIK saya 3174051203900001.', 'Rudi Hartono', [{ do: 'dispose', unit: PENGADAAN }, { do: 'claim', who: 'budi' }]),
  R('DEMO-1008', 3, 'normatif', 'Pensiun', 'Pencairan Taspen tertunda', 'Pencairan tabungan hari tua tertunda sejak dua bulan lalu.', 'Sutrisno', [{ do: 'dispose', unit: PENSIUN }]),
  R('DEMO-1009', 9, 'informasi', 'LAPOR! teknis', 'Akun LAPOR! terkunci', 'Akun saya terkunci setelah salah memasukkan kata sandi tiga kali.', 'Maya Sari', [{ do: 'dispose', unit: TI }]),
  R('DEMO-1010', 12, 'normatif', 'ASN', 'Kenaikan pangkat tidak diproses', 'Usulan kenaikan pangkat periode April belum diproses.', 'Bambang Sutejo', [{ do: 'dispose', unit: SDM }]),
  R('DEMO-1011', 2, 'tanpa-pengawasan', 'CPNS/PPPK', 'Nilai SKD berbeda dengan pengumuman', 'Nilai SKD yang saya lihat saat ujian berbeda dengan yang diumumkan.', 'Fitri Handayani', [{ do: 'dispose', unit: PENGADAAN }], { confidential: true }),
  // Proses: responded, not finished.
  R('DEMO-1012', 3, 'informasi', 'CPNS/PPPK', 'Jadwal SKB CPNS', 'Kapan jadwal SKB untuk formasi analis kebijakan?', 'Teguh Prasetyo', [{ do: 'dispose', unit: PENGADAAN }, { do: 'claim', who: 'citra' }, { do: 'respond', who: 'citra', text: 'Terima kasih, laporan sedang kami koordinasikan dengan panitia seleksi.' }]),
  R('DEMO-1013', 5, 'normatif', 'Pensiun', 'Gaji pensiun turun tanpa pemberitahuan', 'Gaji pensiun bulan ini turun tanpa pemberitahuan.', 'Siti Rahayu', [{ do: 'dispose', unit: PENSIUN }, { do: 'claim', who: 'dedi' }, { do: 'respond', who: 'dedi', text: 'Laporan diterima, kami periksa data potongan pensiun Anda.' }]),
  R('DEMO-1014', 8, 'tanpa-pengawasan', 'Mutasi ASN', 'Mutasi ditolak tanpa alasan', 'Permohonan mutasi ditolak tanpa penjelasan alasan.', 'Joko Susilo', [{ do: 'dispose', unit: SDM }, { do: 'claim', who: 'sari' }, { do: 'respond', who: 'sari', text: 'Kami sedang meminta penjelasan dari bagian mutasi.' }]),
  R('DEMO-1015', 10, 'informasi', 'LAPOR! teknis', 'Notifikasi email tidak masuk', 'Notifikasi tindak lanjut tidak pernah masuk ke email saya.', 'Wulan Dari', [{ do: 'dispose', unit: TI }, { do: 'claim', who: 'eka' }, { do: 'respond', who: 'eka', text: 'Kami sedang memeriksa antrean email server.' }]),
  R('DEMO-1016', 6, 'normatif', 'CPNS/PPPK', 'Penempatan PPPK jauh dari domisili', 'Penempatan PPPK saya jauh dari domisili yang saya pilih.', 'Andi Saputra', [{ do: 'dispose', unit: PENGADAAN }, { do: 'claim', who: 'budi' }, { do: 'follow_up', who: 'budi', text: 'Penempatan sesuai formasi yang dilamar; usulan pindah dapat diajukan setelah 2 tahun.' }]),
  R('DEMO-1017', 20, 'berkadar-pengawasan', 'ASN', 'Dugaan pungutan dalam proses kenaikan pangkat', 'Ada dugaan pungutan dalam proses kenaikan pangkat di kantor regional.', 'Anonim', [{ do: 'dispose', unit: SDM }, { do: 'claim', who: 'sari' }, { do: 'respond', who: 'sari', text: 'Laporan diteruskan ke Inspektorat untuk pemeriksaan lapangan.' }], { confidential: true }),
  R('DEMO-1018', 15, 'tanpa-pengawasan', 'Pensiun', 'Berkas pensiun hilang', 'Berkas usulan pensiun saya dinyatakan hilang.', 'Hadi Purnomo', [{ do: 'dispose', unit: PENSIUN }, { do: 'respond', who: 'dedi', text: 'Kami telusuri berkas di bagian arsip.' }]),
  // Selesai.
  R('DEMO-1019', 12, 'informasi', 'CPNS/PPPK', 'Cara cetak kartu ujian', 'Bagaimana cara mencetak ulang kartu ujian?', 'Nurul Aini', [{ do: 'dispose', unit: PENGADAAN }, { do: 'claim', who: 'budi' }, { do: 'respond', who: 'budi', text: 'Laporan kami terima.' }, { do: 'follow_up', who: 'budi', text: 'Kartu ujian dapat dicetak ulang melalui menu Cetak Kartu di portal SSCASN.', close: true }], { rating: 5 }),
  R('DEMO-1020', 14, 'normatif', 'Pensiun', 'Tunjangan janda belum dibayar', 'Tunjangan janda belum dibayar sejak suami wafat.', 'Kartini', [{ do: 'dispose', unit: PENSIUN }, { do: 'claim', who: 'dedi' }, { do: 'follow_up', who: 'dedi', text: 'Tunjangan telah dibayarkan beserta rapelnya.', close: true }], { rating: 4 }),
  R('DEMO-1021', 18, 'informasi', 'LAPOR! teknis', 'Lupa kata sandi', 'Saya lupa kata sandi akun LAPOR!.', 'Ridwan', [{ do: 'dispose', unit: TI }, { do: 'claim', who: 'eka' }, { do: 'follow_up', who: 'eka', text: 'Gunakan menu Lupa Kata Sandi; tautan atur ulang dikirim ke email terdaftar.', close: true }], { rating: 4 }),
  R('DEMO-1022', 25, 'tanpa-pengawasan', 'Mutasi ASN', 'SK mutasi belum terbit', 'SK mutasi belum terbit padahal sudah disetujui.', 'Eko Prasetya', [{ do: 'dispose', unit: SDM }, { do: 'claim', who: 'sari' }, { do: 'respond', who: 'sari', text: 'Sedang kami proses.' }, { do: 'follow_up', who: 'sari', text: 'SK mutasi telah terbit dan dikirim ke instansi asal.', close: true }], { rating: 3 }),
  R('DEMO-1023', 30, 'informasi', 'CPNS/PPPK', 'Batas usia pelamar CPNS', 'Berapa batas usia pelamar CPNS tahun ini?', 'Putri Ayu', [{ do: 'dispose', unit: PENGADAAN }, { do: 'follow_up', who: 'citra', text: 'Batas usia 35 tahun pada saat pendaftaran, kecuali formasi tertentu.', close: true }], { rating: 5 }),
  R('DEMO-1024', 40, 'normatif', 'ASN', 'Cuti besar ditolak', 'Pengajuan cuti besar saya ditolak.', 'Sri Wahyuni', [{ do: 'dispose', unit: SDM }, { do: 'follow_up', who: 'sari', text: 'Cuti besar dapat diajukan kembali setelah masa kerja 5 tahun terpenuhi.', close: true }], { rating: 2 }),
  // Tunda: waiting for the reporter.
  R('DEMO-1025', 7, 'normatif', 'Pensiun', 'Data keluarga tidak sesuai', 'Data anak pada aplikasi pensiun tidak sesuai.', 'Agung Nugroho', [{ do: 'dispose', unit: PENSIUN }, { do: 'hold', reason: 'Menunggu pelapor mengirim kartu keluarga.' }]),
  R('DEMO-1026', 9, 'tanpa-pengawasan', 'ASN', 'Status kepegawaian salah', 'Status saya tercatat sebagai honorer padahal sudah PPPK.', 'Lestari', [{ do: 'hold', reason: 'Dokumen SK pengangkatan belum dilampirkan.' }]),
  R('DEMO-1027', 11, 'informasi', 'CPNS/PPPK', 'Permintaan salinan nilai', 'Mohon salinan rincian nilai seleksi saya.', 'Irfan Hakim', [{ do: 'dispose', unit: PENGADAAN }, { do: 'claim', who: 'budi' }, { do: 'respond', who: 'budi', text: 'Mohon lampirkan nomor peserta ujian.' }, { do: 'hold', reason: 'Menunggu nomor peserta dari pelapor.' }]),
  // Arsip: duplicates and unclear reports.
  R('DEMO-1028', 2, 'informasi', 'CPNS/PPPK', 'Jadwal pengumuman hasil seleksi PPPK', 'Kapan pengumuman hasil seleksi PPPK teknis tahap 2?', 'Rina Kartika', [{ do: 'archive', reason: 'Laporan berulang dari #DEMO-1001.' }]),
  R('DEMO-1029', 5, 'normatif', 'Lainnya', 'tes', 'tes tes', 'Anonim', [{ do: 'archive', reason: 'Isi laporan tidak jelas.' }]),
  R('DEMO-1030', 8, 'informasi', 'Lainnya', 'Harga tiket pesawat', 'Mengapa harga tiket pesawat mahal?', 'Toni', [{ do: 'archive', reason: 'Di luar kewenangan instansi.' }]),
];
