/**
 * Patterns and word lists behind `pii.ts`. Every quantifier is bounded and repeated parts are
 * delimited by distinct characters, so a hostile message cannot make a scan superlinear. Keywords are
 * spelled case-insensitively by hand (`ci`) because the `i` flag would also fold `\p{Lu}`, and
 * name detection needs to tell "Budi" from "budi".
 */

export type PiiKind = 'nik' | 'nip' | 'id_number' | 'phone' | 'email' | 'address' | 'name' | 'account';

/** The order in which `found` lists kinds, so results are deterministic. */
export const KINDS: readonly PiiKind[] = ['nik', 'nip', 'id_number', 'phone', 'email', 'address', 'name', 'account'];

export const PLACEHOLDER: Readonly<Record<PiiKind, string>> = {
  nik: '[NIK]',
  nip: '[NIP]',
  id_number: '[NOMOR-ID]',
  phone: '[TELEPON]',
  email: '[EMAIL]',
  address: '[ALAMAT]',
  name: '[NAMA]',
  account: '[REKENING]',
};

const r = String.raw;
const PLACEHOLDER_WORDS = r`(?:NIK|NIP|NOMOR-ID|TELEPON|EMAIL|ALAMAT|NAMA|REKENING)`;
/** Placeholders already in a text; rules never rewrite inside them, which keeps masking idempotent. */
export const PLACEHOLDER_RE = new RegExp(r`\[${PLACEHOLDER_WORDS}\]`, 'g');

const WS = r`[ \t\u00A0]`;
const DASH = r`\-\u2010-\u2015`;
/** Start of a keyword: not inside a word, and not the word inside a placeholder. */
const B = r`(?<![\p{L}\p{N}_])(?!${PLACEHOLDER_WORDS}\])`;
/** End of a keyword (digits may follow directly: "NIK3174…"). */
const KE = r`(?![\p{L}])`;

function escapeRe(s: string): string {
  return s.replace(/[\^$\\.*+?()[\]{}|/]/g, '\\$&');
}

/** A word in any letter case; a space matches one to three blanks. */
function ci(word: string): string {
  let out = '';
  for (const c of word) {
    const lo = c.toLowerCase();
    const up = c.toUpperCase();
    if (c === ' ') out += `${WS}{1,3}`;
    else out += lo === up ? escapeRe(c) : `[${up}${lo}]`;
  }
  return out;
}

/** Alternation of keywords, longest first so a prefix never shadows a longer word. */
function kw(...words: string[]): string {
  return `(?:${[...words].sort((a, b) => b.length - a.length).map(ci).join('|')})`;
}

// --- e-mail and chat links -------------------------------------------------------------------

const AT = r`(?:@|${WS}?[[(]at[\])]${WS}?)`;
const DOT = r`(?:\.|${WS}?[[(]dot[\])]${WS}?)`;
export const EMAIL_RE = new RegExp(
  r`(?<![\w.%+\-])[\w.%+\-]{1,64}${AT}[a-z0-9\-]{1,63}(?:${DOT}[a-z0-9\-]{1,63}){1,6}(?![\w\-])`,
  'giu',
);

export const WA_LINK_RE = new RegExp(
  r`(?:https?:\/\/)?(?:wa\.me\/|api\.whatsapp\.com\/send\/?\?phone=|whatsapp:\/\/send\?phone=)\+?\d{6,15}(?:[?&][^\s]{0,200})?`,
  'giu',
);

// --- identity numbers ------------------------------------------------------------------------

const SEP = r`[ .\-]`;
const NUM_END = r`(?!\d|[.\-]\d)`;
const NUM_START = r`(?<![\p{L}\p{N}_]|\d[.\-])`;

/** 18-digit NIP: birth date, appointment month, sex digit, sequence ("19850312 201001 1 005"). */
const NIP_CORE =
  r`(?:19[4-9]\d|20[0-2]\d)(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])${SEP}?` +
  r`(?:19[6-9]\d|20[0-4]\d)(?:0[1-9]|1[0-2])${SEP}?[12]${SEP}?\d{3}`;
export const NIP_RE = new RegExp(`${NUM_START}${NIP_CORE}${NUM_END}`, 'gu');

const CUE_WORDS = kw(
  'saya', 'baru', 'lama', 'suami', 'istri', 'anak', 'ayah', 'ibu', 'almarhum', 'almarhumah', 'pelapor', 'pemohon', 'ybs',
  'yang bersangkutan', 'pegawai', 'dengan nomor', 'nomor', 'no',
);
/** Between a keyword and its number: "NIK anak saya adalah: ". */
const CUE_TAIL =
  r`(?:${WS}{1,2}${CUE_WORDS}${KE}\.?){0,2}(?:${WS}{1,2}${kw('adalah', 'yaitu')})?${WS}{0,3}[:.=\-]?${WS}{0,3}`;
const ID_DIGITS = r`\d(?:${SEP}?\d){7,24}(?!\d)`;

/** Whatever follows "NIP" is masked, also old 9-digit NIPs and odd groupings. */
export const NIP_KEYWORD_RE = new RegExp(
  r`(${B}(?:${kw('nip')}|N\.I\.P\.?|NI${WS}?PPPK)${KE}${CUE_TAIL})(${ID_DIGITS})`,
  'gu',
);

/** Province code 11–96 (the 2022 Papua split added 93–96). */
const PROV = r`(?:1[1-9]|[2-8]\d|9[0-6])`;
const NIK_SHAPES = [
  r`${PROV}\d{14}`,
  r`${PROV}\d{2}${SEP}\d{4}${SEP}\d{4}${SEP}\d{4}`,
  r`${PROV}${SEP}\d{2}${SEP}\d{2}${SEP}\d{6}${SEP}\d{4}`,
  r`${PROV}\d{4}${SEP}\d{6}${SEP}\d{4}`,
];
/** A bare 16-digit NIK or KK number in one of the groupings people type. */
export const NIK_RE = new RegExp(`${NUM_START}(?:${NIK_SHAPES.join('|')})${NUM_END}`, 'gu');

const NIK_WORDS =
  r`(?:${kw('nik')}|N\.I\.K\.?|KK|${kw('no', 'nomor', 'nmr')}\.?${WS}{0,2}(?:KK|${kw('e-ktp', 'ektp', 'ktp')})` +
  r`|${kw('nomor induk kependudukan', 'kartu keluarga', 'no kartu keluarga', 'nomor kartu keluarga')})`;
/** "NIK"/"No. KK" followed by any long number, including partly hidden ones ("3174xxxxxxxx0001"). */
export const NIK_KEYWORD_RE = new RegExp(
  r`(${B}${NIK_WORDS}${KE}${CUE_TAIL})([\dxX*](?:${SEP}?[\dxX*]){7,19})(?![\dxX*])`,
  'gu',
);

const NO = r`${kw('no', 'nomor', 'nmr')}\.?${WS}{0,2}`;
/** Other numbers that identify one person: students, teachers, taxpayers, insurance, exam, pension. */
const ID_ACRONYMS = kw(
  'nisn', 'nim', 'nuptk', 'npwp', 'nidn', 'nidk', 'nrp', 'nrk', 'notas', 'kpj', 'bpjs kesehatan', 'bpjs ketenagakerjaan',
  'bpjs tk', 'bpjs', 'kis', 'jkn-kis', 'jkn',
);
/** Generic words ("peserta", "pensiun") name an id only after "No."/"Nomor". */
const ID_WORDS = kw(
  'peserta ujian', 'peserta seleksi', 'peserta bpjs', 'peserta', 'pendaftaran', 'registrasi', 'pensiun', 'taspen',
  'karpeg', 'kartu pegawai', 'karis', 'karsu', 'paspor', 'sim',
);
const CARD = r`(?:${kw('kartu')}${WS}{1,2})?`;
export const ID_KEYWORD_RE = new RegExp(
  r`(${B}(?:(?:${NO})?${CARD}${ID_ACRONYMS}|${NO}${CARD}${ID_WORDS})${KE}${CUE_TAIL})` +
    r`((?:[A-Z]{1,2}\d{6,8}(?![\p{L}\p{N}])|${ID_DIGITS}))`,
  'gu',
);

// --- bank accounts -----------------------------------------------------------------------------

const GAP_STOP = kw(
  'rp', 'nik', 'nip', 'npwp', 'sebesar', 'senilai', 'sejumlah', 'laporan', 'tiket', 'tanggal', 'tgl', 'pukul', 'jam', 'tahun',
);
/** "rekening BRI saya 0123-01-012345-50-1": the number within a short, digit-free run after the keyword. */
export const ACCOUNT_RE = new RegExp(
  r`(${B}(?:${kw('nomor', 'no')}\.?${WS}{0,2})?${kw('rekening', 'rek', 'norek')}${KE}\.?)` +
    r`((?:(?!${GAP_STOP}${KE})[^\d\n!?;#]){0,40}?)(\d(?:${SEP}?\d){5,19})(?!\d)`,
  'gu',
);

/** Rupiah amounts look like numbers; never mask "1.500.000". */
export const AMOUNT_SHAPE = /^[1-9]\d{0,2}(?:\.\d{3})+(?:,\d{1,2})?$/;

// --- phone numbers -----------------------------------------------------------------------------

const PHONE_PREFIX =
  r`(\+${WS}?62${WS}?(?:[.${DASH}]${WS}?)?(?:\(0\)${WS}?)?|\(\+?62\)${WS}?|62(?:${WS}|[.${DASH}])?` +
  r`|\(0\d{2,3}\)${WS}?(?:[${DASH}]${WS}?)?|0)`;
/** Digit groups; after a blank a group needs 3+ digits, so "0812345678 12 Maret" keeps its date. */
const PHONE_BODY = r`(\d{2,12}(?:[.${DASH}]\d{1,8}|${WS}{1,2}(?:[${DASH}]${WS}?)?\d{3,8}){0,5})`;
export const PHONE_RE = new RegExp(
  r`(?<![\p{L}\p{N}_+#/@]|\p{N}[.,/${DASH}])${PHONE_PREFIX}${PHONE_BODY}(?!\p{N})`,
  'gu',
);
/** Split of a phone body into separator + digits, for trimming trailing groups. */
export const PHONE_GROUP_RE = /(\D*)(\d+)/g;
/** Valid once normalised to a leading 0: mobiles 08x (10–13 digits), landlines 0[2-9]x (9–12). */
export const PHONE_VALID = /^0(?:8[1-9]\d{7,10}|[2-79]\d{7,10})$/;

const PHONE_WORDS = kw('telepon', 'telpon', 'telp', 'tlp', 'tel', 'hp', 'handphone', 'ponsel', 'whatsapp', 'wa', 'kontak', 'fax');
/** "HP/WA/telp: 5551234": short numbers are phones too when introduced as such. */
export const PHONE_KEYWORD_RE = new RegExp(
  r`(${B}(?:${PHONE_WORDS}|${NO}${kw('hp', 'wa', 'telp', 'telepon', 'kontak')})${KE}\.?` +
    r`(?:${WS}{1,2}${kw('saya', 'aktif', 'kantor', 'rumah', 'yang bisa dihubungi')})?${WS}{0,3}[:=\-]?${WS}{0,3})` +
    r`(\+?\(?\d{2,15}\)?(?:[ .\-]\d{2,8}){0,3})(?!\d)`,
  'gu',
);

// --- street addresses --------------------------------------------------------------------------

const COMPLEXES = [
  'komplek', 'kompleks', 'komp', 'perum', 'perumahan', 'cluster', 'klaster', 'apartemen', 'apt', 'rusun', 'rusunawa', 'asrama',
];
const VILLAGES = ['kel', 'kelurahan', 'desa', 'ds', 'dusun', 'dsn', 'kampung', 'kp'];
const ADDR_WORDS = kw(
  'no', 'nomor', 'nmr', 'rt', 'rw', 'blok', 'kav', 'kavling', 'kel', 'kelurahan', 'desa', 'ds', 'dusun', 'dsn',
  'kec', 'kecamatan', 'kampung', 'kp', 'gg', 'gang', 'jl', 'jln', 'jalan', 'komplek', 'kompleks', 'komp', 'perum',
  'perumahan', 'kota', 'kab', 'kabupaten', 'provinsi', 'prov', 'dan', 'di', 'ke', 'yang', 'sejak', 'sudah',
  'belum', 'tidak', 'untuk', 'dengan', 'pada', 'karena', 'saya', 'kami', 'sangat', 'sering', 'mohon',
);
/** A word of a street or area name; abbreviations ("H.", "KH.") may keep their dot. */
const ADDR_TOKEN =
  r`(?!${ADDR_WORDS}(?![\p{L}\p{N}]))(?:\p{L}{1,3}\.|[\p{L}\p{N}][\p{L}\p{N}'’\-]{0,30}(?![\p{L}\p{N}'’\-]))`;
const ADDR_NAME = r`${ADDR_TOKEN}(?:${WS}{1,2}${ADDR_TOKEN}){0,4}`;
const named = (...words: string[]): string => r`${kw(...words)}${KE}\.?${WS}{0,2}${ADDR_NAME}`;
const RT = r`${kw('rt')}${KE}\.?${WS}{0,2}`;
const RW = r`${kw('rw')}${KE}\.?${WS}{0,2}`;
const SLASH = r`${WS}{0,2}\/${WS}{0,2}`;
/** A house or lot number, possibly a range or a sub-number: "12", "12A", "5/7", "52-53". */
const LOT = r`\d{1,4}[a-zA-Z]?(?:${WS}{0,2}[\/\-]${WS}{0,2}\d{1,4}[a-zA-Z]?)?(?![\p{L}\p{N}])`;
const ADDR_COMPONENT = [
  named('jl', 'jln', 'jalan'),
  named('gg', 'gang'),
  named(...VILLAGES, 'kec', 'kecamatan'),
  named(...COMPLEXES),
  r`${kw('no', 'nomor', 'nmr')}${KE}\.?${WS}{0,2}${LOT}`,
  r`${RT}\/${WS}{0,2}${RW}\d{1,3}${SLASH}\d{1,3}`,
  r`${RT}\d{1,3}(?:${SLASH}(?:${RW})?\d{1,3})?`,
  r`${RW}\d{1,3}`,
  r`${kw('blok')}${KE}\.?${WS}{0,2}(?:[A-Za-z]{1,2}[ \t\u00A0\-]?\d{0,3}|\d{1,3})(?![\p{L}\p{N}])`,
  r`${kw('kav', 'kavling')}${KE}\.?${WS}{0,2}${LOT}`,
].join('|');
const ADDR_SEP = r`(?:${WS}{0,3}[,/;]${WS}{0,3}|${WS}{0,3}\r?\n${WS}{0,3}|${WS}{1,3})`;
const ADDR_CUE =
  r`${B}${kw('alamat', 'beralamat', 'domisili', 'berdomisili', 'tinggal', 'bertempat tinggal')}` +
  r`(?:${WS}{1,2}${kw('saya', 'rumah', 'lengkap', 'domisili', 'tinggal', 'pelapor', 'sekarang', 'kami')})?` +
  r`${WS}{0,2}(?::|${kw('di')}${KE})?${WS}{0,3}`;
/** An optional "alamat:" cue, then a chain of address parts; `pii.ts` decides if it is specific enough. */
export const ADDRESS_RE = new RegExp(
  // The leading class only lets the engine skip quickly past characters no cue or part starts with.
  r`(?=[AaBbCcDdGgJjKkNnPpRrTt])(${ADDR_CUE})?` +
    r`${B}((?:${ADDR_COMPONENT})(?:${ADDR_SEP}(?:${ADDR_COMPONENT})){0,9})`,
  'gu',
);
/** Parts that pin down one household on their own. */
export const ADDR_STRONG = new RegExp(r`${B}(?:${kw('rt', 'rw')}|Gg|GG|gg(?=\.)|Gang|GANG)${KE}`, 'u');
/** A house, block or lot number. */
export const ADDR_NUMBER = new RegExp(r`${B}${kw('no', 'nomor', 'nmr', 'blok', 'kav', 'kavling')}${KE}`, 'u');
/** A street name carrying a number ("Jl. Kenanga 12"). */
export const ADDR_STREET_NUMBER = new RegExp(
  r`${B}${kw('jl', 'jln', 'jalan')}${KE}.*(?<![\p{L}\p{N}]|[Kk][Mm]${WS}{0,2})\d{1,4}[a-zA-Z]?(?![\p{L}\p{N}])`,
  'u',
);
/** Parts that name a place the number belongs to. */
export const ADDR_PLACE = new RegExp(r`${B}${kw('jl', 'jln', 'jalan', ...COMPLEXES, ...VILLAGES)}${KE}`, 'u');

// --- names -------------------------------------------------------------------------------------

const HONORIFICS = kw(
  'bapak', 'bpk', 'pak', 'ibu', 'bu', 'sdr', 'sdri', 'saudara', 'saudari', 'tn', 'ny', 'nn', 'alm', 'almh', 'almarhum',
  'almarhumah', 'hj', 'dr', 'ir', 'drs', 'dra', 'prof',
);
const HON_WORD = r`(?:${HONORIFICS}${KE}\.?|H\.)`;
const HONS = r`((?:${HON_WORD}${WS}{1,2}){0,3})`;
const TOKEN = r`(?:\p{Lu}\.|\p{L}[\p{L}'’\-]{0,30}(?![\p{L}'’\-]))`;
const TOKENS = r`(${TOKEN}(?:${WS}{1,2}${TOKEN}){0,5})`;
const TITLE = r`\p{Lu}\p{Ll}[\p{L}'’\-]{0,30}(?![\p{L}'’\-])`;

export interface NameRule {
  re: RegExp;
  /** Strict rules accept only capitalised tokens; loose ones also "nama saya budi". */
  strict: boolean;
  /** The run is delimited by the rule itself ("Saya, X Y,"), so every word of it must pass as a name. */
  whole?: boolean;
}

/** "nama saya …", "Nama pelapor: …" — but not "atas nama saya". */
const LOOSE_CUE =
  r`${B}(?<!${ci('atas')}${WS}{1,3})(?:${ci('nama saya')}(?:${WS}{1,2}${kw('adalah', 'yaitu', 'ialah')})?${WS}{0,2}:?` +
  r`|${ci('nama')}(?:${WS}{1,2}${kw('lengkap saya', 'lengkap', 'pelapor', 'pemohon', 'pengadu', 'saya')})?` +
  r`${WS}{0,2}[:=])${WS}{0,3}`;
const AN_CUE =
  r`${B}${ci('atas nama')}${WS}{0,2}:?${WS}{0,3}` +
  r`|${B}(?:[Aa]\.${WS}?[Nn]\.?|[Aa]\/[Nn]|[Aa][Nn]${KE}\.?)${WS}{0,3}|${B}${ci('bernama')}${WS}{1,3}`;
const ALM_CUE = r`${B}${kw('alm', 'almh')}\.${WS}{0,3}|${B}${kw('almarhum', 'almarhumah')}${WS}{1,3}`;

/** Words that typically follow a self-introduction ("Saya Budi Santoso ingin …"). */
const INTRO_NEXT = kw(
  'dari', 'selaku', 'warga', 'asal', 'nik', 'nip', 'pegawai', 'guru', 'peserta', 'pensiunan', 'ingin', 'mau', 'hendak',
  'mohon', 'menanyakan', 'bertanya', 'melaporkan', 'mengadukan', 'mengajukan', 'sebagai', 'yang', 'umur', 'usia',
  'tinggal', 'beralamat', 'berdomisili',
);
const SIGN_OFF = kw('hormat saya', 'hormat kami', 'salam', 'terima kasih', 'wassalam', 'ttd');

export const NAME_RULES: readonly NameRule[] = [
  { re: new RegExp(r`(${LOOSE_CUE})${HONS}${TOKENS}`, 'gu'), strict: false },
  { re: new RegExp(r`(${AN_CUE})${HONS}${TOKENS}`, 'gu'), strict: true },
  { re: new RegExp(r`(${ALM_CUE})${HONS}${TOKENS}`, 'gu'), strict: true },
  {
    re: new RegExp(r`(${B}${ci('saya')}${WS}{0,2},${WS}{0,3})${HONS}${TOKENS}(?=${WS}{0,2}[,(])`, 'gu'),
    strict: true,
    whole: true,
  },
  { re: new RegExp(r`(${B}${ci('saya')}${WS}{1,3})((?:${HON_WORD}${WS}{1,2}){1,3})${TOKENS}`, 'gu'), strict: true },
  {
    // A signature: "Hormat saya,\nBudi Santoso" — the name must end its line.
    re: new RegExp(
      r`(${B}${SIGN_OFF}${WS}{0,2}[,.]?${WS}{0,3}(?:\r?\n${WS}{0,3})?)${HONS}${TOKENS}(?=${WS}{0,2}(?:[,.(]|\r?\n|$))`,
      'gu',
    ),
    strict: true,
    whole: true,
  },
  {
    re: new RegExp(
      r`(${B}${ci('saya')}${WS}{1,3})()(${TITLE}(?:${WS}{1,2}${TITLE}){0,4})(?=${WS}{0,2}(?:[,(]|${INTRO_NEXT}${KE}))`,
      'gu',
    ),
    strict: true,
    whole: true,
  },
];
/** One word of a captured name run, in order. */
export const NAME_TOKEN_RE = new RegExp(TOKEN, 'gu');

/** Words that end a name run: function words, verbs, roles, institutions, acronyms. */
export const NAME_STOP: ReadonlySet<string> = new Set(
  (
    'saya aku kami kita anda beliau dia mereka ini itu tersebut yang dan atau serta dengan di ke dari pada untuk bagi ' +
    'oleh dalam atas bawah karena sebab agar supaya namun tetapi tapi jika kalau apabila sejak sampai hingga sudah telah ' +
    'belum masih akan sedang tidak tak bukan juga hanya saja pun lagi sangat mohon tolong ingin mau hendak bisa dapat ' +
    'harus perlu ada adalah ialah yaitu sebagai selaku seperti sesuai terkait mengenai tentang bahwa kepada terhadap per ' +
    'para sang si selama setelah sebelum ketika saat waktu tanggal tgl hari bulan tahun jam pukul mengapa kenapa ' +
    'bagaimana apa apakah kapan dimana mana siapa berapa terima kasih salam hormat assalamualaikum selamat pagi siang sore ' +
    'malam halo hai baik benar salah sama beda berbeda lain baru lama tercantum terdaftar terhapus hilang muncul keluar ' +
    'masuk lulus gagal ditolak diterima berubah diubah diganti tertulis ditulis keliru ganda dobel kosong kurang lebih ' +
    'sekali pernah tinggal beralamat berdomisili warga asal umur usia bekerja menjadi merupakan melapor melaporkan ' +
    'mengadu bertanya menanyakan tanya minta meminta memohon mengajukan mendaftar sekarang kemarin nomor no nik nip ' +
    'alamat telepon hp wa email rekening pns asn cpns pppk honorer guru dosen pegawai karyawan pensiunan purnawirawan ' +
    'mahasiswa siswa pelajar murid peserta pelamar calon pejabat kepala ketua sekretaris direktur staf staff admin ' +
    'operator petugas masyarakat rumah tangga petani nelayan buruh pedagang wiraswasta swasta pengusaha janda duda istri ' +
    'suami anak ayah ibu bapak orang tua keluarga kementerian kemenpan kemenpanrb panrb menpan badan dinas kantor ' +
    'pemerintah pemkot pemkab pemprov provinsi kabupaten kota kecamatan kelurahan desa instansi lembaga komisi ' +
    'direktorat biro bagian bidang seksi unit sekolah universitas institut politeknik sakit rsud puskesmas bank ' +
    'koperasi yayasan pt cv tbk persero bumn bumd bkn bkd bkpsdm bpsdm taspen asabri bpjs kesehatan ketenagakerjaan ' +
    'lapor sp4n sscasn myasn siasn simpeg span ombudsman inspektorat kpk polri tni presiden menteri gubernur bupati ' +
    'walikota wali camat lurah kades negeri sipil negara republik indonesia sd smp sma smk mts sdn smpn sman smkn ppdb ' +
    'spmb maaf yth terhormat bersama berikut nama bpk pak bu sdr sdri saudara saudari tn ny nn alm almh almarhum ' +
    'almarhumah hj h dr ir drs dra prof sendiri pribadi kembali lulusan alumni tim laporan pengaduan aduan'
  ).split(' '),
);

/** Everyday words that also occur in names; a single token of a known name that is one of these stays. */
export const COMMON_WORDS: ReadonlySet<string> = new Set([
  ...NAME_STOP,
  ...(
    'indah jaya sari putra putri putera puteri agung mulia bahagia cahaya bunga bintang bulan intan mutiara permata ' +
    'lestari rahayu sejahtera makmur sentosa abadi suci murni setia kurnia karunia rahmat bakti harapan mawar melati kenanga ' +
    'anggrek matahari bumi langit laut gunung raya utama pratama perdana muda besar kecil barat timur utara selatan ' +
    'tengah haji hajah mas mbak bin binti van der den von'
  ).split(' '),
]);

// --- known names ----------------------------------------------------------------------------------

const knownNameCache = new Map<string, RegExp | null>();

/** One regex for all known names and their distinctive words, longest first; cached per name list. */
export function knownNamesRe(names: readonly string[]): RegExp | null {
  const key = names.join('\u0000');
  const cached = knownNameCache.get(key);
  if (cached !== undefined) return cached;
  const parts = new Set<string>();
  for (const name of names) {
    if (typeof name !== 'string') continue;
    const tokens = name.trim().split(/[\s\u00A0]+/).filter(Boolean);
    const full = tokens.join(' ');
    if (full.length >= 2) parts.add(full.toLowerCase());
    if (tokens.length < 2) continue;
    // Titles and initials carry dots ("Dr.", "M.Si."); the words left are how people write the name.
    const words = tokens
      .filter((t) => !t.includes('.'))
      .map((t) => t.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, ''))
      .filter((w) => /^[\p{L}'’-]{2,}$/u.test(w));
    if (words.length > 1) parts.add(words.join(' ').toLowerCase());
    for (const w of words) if (w.length >= 3 && !COMMON_WORDS.has(w.toLowerCase())) parts.add(w.toLowerCase());
  }
  const alternatives = [...parts]
    .sort((a, b) => b.length - a.length)
    .map((p) => p.split(' ').map(escapeRe).join('[\\s\\u00A0]{1,3}'));
  const re = alternatives.length
    ? new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}])`, 'giu')
    : null;
  if (knownNameCache.size >= 64) knownNameCache.delete(knownNameCache.keys().next().value ?? '');
  knownNameCache.set(key, re);
  return re;
}
