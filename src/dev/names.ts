/**
 * Word lists for generated data. Every name, number and address is invented; phone numbers use
 * the 0812-0000-xxxx range and e-mail addresses the reserved example.org domain.
 */

export const AGENCY_KINDS = [
  ['KEMEN', 'Kementerian', ['Pendayagunaan Aparatur Negara', 'Kesehatan', 'Pendidikan Dasar', 'Sosial', 'Agama', 'Perhubungan', 'Keuangan', 'Dalam Negeri', 'Pertanian', 'Ketenagakerjaan']],
  ['BADAN', 'Badan', ['Kepegawaian Negara', 'Pusat Statistik', 'Pertanahan Nasional', 'Penyelenggara Jaminan Sosial', 'Meteorologi']],
  ['PROV', 'Pemerintah Provinsi', ['Jawa Barat', 'Jawa Tengah', 'Jawa Timur', 'Sumatera Utara', 'Sulawesi Selatan', 'Bali', 'Kalimantan Timur', 'Papua', 'Nusa Tenggara Barat', 'Riau']],
  ['KAB', 'Pemerintah Kabupaten', ['Bogor', 'Bandung', 'Sleman', 'Banyuwangi', 'Gowa', 'Badung', 'Deli Serdang', 'Kutai Kartanegara', 'Lombok Timur', 'Jayapura']],
  ['KOTA', 'Pemerintah Kota', ['Surabaya', 'Medan', 'Makassar', 'Denpasar', 'Semarang', 'Balikpapan', 'Mataram', 'Pekanbaru', 'Malang', 'Yogyakarta']],
] as const;

export const UNIT_NAMES = [
  'Biro Umum', 'Biro Sumber Daya Manusia', 'Biro Hukum', 'Biro Keuangan', 'Biro Perencanaan',
  'Inspektorat', 'Pusat Data dan Informasi', 'Direktorat Pengadaan', 'Direktorat Pensiun',
  'Direktorat Pelayanan', 'Direktorat Pengawasan', 'Dinas Pendidikan', 'Dinas Kesehatan',
  'Dinas Sosial', 'Dinas Perhubungan', 'Dinas Kependudukan dan Pencatatan Sipil',
  'Dinas Pekerjaan Umum', 'Dinas Lingkungan Hidup', 'Badan Pendapatan Daerah', 'Satpol PP',
  'Rumah Sakit Umum Daerah', 'Dinas Perizinan', 'Dinas Tenaga Kerja', 'Dinas Perumahan',
];

export const GIVEN = [
  'Agus', 'Ani', 'Bambang', 'Budi', 'Citra', 'Dedi', 'Dewi', 'Eka', 'Fajar', 'Fitri', 'Gita', 'Hendra',
  'Indah', 'Joko', 'Kartika', 'Lina', 'Maya', 'Nur', 'Oki', 'Putri', 'Rina', 'Rudi', 'Sari', 'Siti',
  'Taufik', 'Umar', 'Wati', 'Yusuf', 'Zainal', 'Ayu', 'Bayu', 'Dian', 'Hadi', 'Intan', 'Nanda', 'Rizky',
];
export const FAMILY = [
  'Saputra', 'Wijaya', 'Lestari', 'Hartono', 'Kusuma', 'Santoso', 'Pratama', 'Hidayat', 'Nugroho',
  'Siregar', 'Nasution', 'Harahap', 'Simanjuntak', 'Pangaribuan', 'Sihombing', 'Wibowo', 'Setiawan',
  'Rahmawati', 'Marlina', 'Purnomo', 'Syahputra', 'Gunawan', 'Halim', 'Tanjung',
];

/** Topics with title and body templates; `{x}` is filled in from `detail`. */
export const TOPICS: { topic: string; titles: string[]; detail: string[] }[] = [
  { topic: 'CPNS/PPPK', titles: ['Pengumuman hasil seleksi {x}', 'Jadwal tes {x}', 'Sanggah hasil seleksi {x}', 'Formasi {x} tidak sesuai'], detail: ['PPPK guru', 'CPNS 2024', 'PPPK teknis', 'PPPK tenaga kesehatan', 'CPNS lulusan D3'] },
  { topic: 'Kebijakan ASN', titles: ['Tunjangan kinerja {x}', 'Kenaikan pangkat {x}', 'Status kepegawaian {x}'], detail: ['belum dibayarkan', 'tertunda', 'tidak jelas', 'salah hitung'] },
  { topic: 'LAPOR! teknis', titles: ['Tidak bisa {x} di LAPOR!', 'Akun LAPOR! {x}'], detail: ['mengunggah lampiran', 'login', 'terkunci', 'tidak menerima notifikasi'] },
  { topic: 'Pensiun', titles: ['Pencairan {x} tertunda', 'SK pensiun {x}'], detail: ['Taspen', 'tunjangan janda', 'salah nama', 'belum terbit'] },
  { topic: 'Infrastruktur', titles: ['Jalan rusak di {x}', 'Lampu jalan mati di {x}', 'Drainase tersumbat di {x}'], detail: ['Jalan Merdeka', 'Kelurahan Sukamaju', 'depan pasar', 'perumahan warga'] },
  { topic: 'Kesehatan', titles: ['Pelayanan {x} lambat', 'Antrean {x} terlalu lama'], detail: ['puskesmas', 'RSUD', 'BPJS Kesehatan', 'instalasi gawat darurat'] },
  { topic: 'Pendidikan', titles: ['Pungutan {x} di sekolah', 'PPDB {x}'], detail: ['seragam', 'buku', 'zonasi', 'jalur afirmasi'] },
  { topic: 'Administrasi Kependudukan', titles: ['KTP elektronik {x}', 'Akta kelahiran {x}'], detail: ['belum jadi', 'salah data', 'hilang', 'tertunda'] },
  { topic: 'Bantuan Sosial', titles: ['Bansos {x}', 'PKH {x}'], detail: ['tidak tepat sasaran', 'belum diterima', 'dipotong oknum'] },
  { topic: 'Perizinan', titles: ['Izin {x} lama diproses', 'Biaya izin {x} tidak resmi'], detail: ['usaha', 'mendirikan bangunan', 'reklame'] },
];

export const BODY_OPENERS = ['Selamat pagi,', 'Yth. Admin,', 'Mohon bantuan,', 'Assalamualaikum,', 'Permisi,'];
export const BODY_CLOSERS = ['Mohon segera ditindaklanjuti.', 'Terima kasih atas perhatiannya.', 'Mohon penjelasan.', 'Sudah berkali-kali melapor tanpa jawaban.'];

export const RESPONSES = ['Terima kasih, laporan sedang kami periksa.', 'Laporan diterima dan diteruskan ke bidang terkait.', 'Kami sedang berkoordinasi dengan unit teknis.'];
export const FOLLOW_UPS = ['Sudah kami tindak lanjuti; silakan cek kembali.', 'Pembayaran telah diproses pada periode berikutnya.', 'Perbaikan telah dijadwalkan dan dikerjakan.', 'Jawaban lengkap telah dikirim melalui portal.'];
export const BOUNCE_REASONS = ['Bukan kewenangan unit kami, mohon ke unit teknis.', 'Kewenangan pemerintah daerah.', 'Ditangani instansi lain.'];
export const HOLD_REASONS = ['Menunggu pelapor melengkapi dokumen.', 'Menunggu data pendukung dari pelapor.'];
export const ARCHIVE_REASONS = ['Laporan berulang.', 'Laporan tidak jelas.', 'Di luar ruang lingkup.'];
