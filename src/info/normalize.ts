/**
 * Indonesian text normalisation for the knowledge base (pure). Questions and answers are stored
 * normalised (`info_request_message.search_text`, indexed by PostgreSQL's 'simple' config) and
 * queries are normalised the same way, so "mendaftar", "pendaftaran" and "daftar" meet at "daftar".
 *
 * Steps: lower case, strip accents and punctuation, drop stopwords, then a light affix stemmer.
 * The stemmer has no dictionary, so where Indonesian nasal assimilation is ambiguous it emits
 * both readings (men+ilai → "tilai nilai", meng+irim → "irim kirim"): an extra token costs a
 * little ranking noise, a missing one costs the hit. Every strip keeps a root of at least four
 * letters; common roots that merely look affixed ("direktorat", "periksa") are never stemmed.
 */

/** Function words and chat filler that carry no topic. */
export const STOPWORDS: ReadonlySet<string> = new Set(
  (
    'yang dan di ke dari untuk dengan ini itu apakah bagaimana kapan apa siapa mengapa kenapa dimana mana berapa ' +
    'ada adalah akan sudah telah belum masih bisa dapat saya aku kami kita anda mereka dia ia kamu beliau pada dalam ' +
    'atau juga tidak tak bukan karena jika kalau agar supaya oleh sebagai seperti tersebut saat ketika lagi hanya ' +
    'sangat lebih mohon tolong terima kasih makasih pak bu bapak ibu kak mas mbak selamat pagi siang sore malam halo ' +
    'hai min admin ya nya lah kah pun para se oh sih dong deh kok gimana gmn bgmn yg dgn utk tdk sdh blm krn dr pd ' +
    'kpd kepada bagi antara tentang mengenai hal cara ingin mau harus boleh sama apabila bila maka namun tetapi tapi ' +
    'setelah sebelum sejak hingga sampai begitu sini situ sana saja pula nah per tsb dll dsb via lewat secara agak ' +
    'punya banyak semua setiap tiap sedang baru nanti kemudian lalu jadi kok dgn mengapakah bagaimanakah kapankah'
  ).split(/\s+/),
);

/** Roots that look affixed but are not (or whose stem would collide); kept as typed. */
const KEEP: ReadonlySet<string> = new Set(
  (
    'direktorat direktur direksi digital diskon diskusi disiplin dinas diri dimensi distribusi pegawai pensiun periksa ' +
    'pertama perempuan persen perlu pernah penting pesan peta teknis terima tertib tengah terminal berita beras bersih ' +
    'berat berkas mental menteri mentor meja kantor bentuk beli belanja benar besar bidang perihal pemilu pendidik ' +
    'tentara ternak terang teras terus kemarin kemudian kecil kenal keras kelas kertas ketua kepala pemerintah ' +
    'perdana pekan pelan peran persero menu mesin media metode memori bandung berlin terbit sekolah masalah istilah ' +
    'salah langkah nikah berkah sedekah jumlah pelajar'
  ).split(/\s+/),
);

const MIN_ROOT = 4;
const VOWEL = /^[aiueo]/;

/** Lower case, no accents, punctuation and symbols as spaces; tokens of two or more characters. */
export function tokenize(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .split(' ')
    .filter((t) => t.length >= 2);
}

/** Strip `suffix` when at least MIN_ROOT letters remain. */
function cut(word: string, suffix: string): string | null {
  return word.length - suffix.length >= MIN_ROOT && word.endsWith(suffix) ? word.slice(0, -suffix.length) : null;
}

/** Roots ending in -nya that are not the possessive (tanya, punya, hanya). */
const NYA_ROOT = /(tanya|punya|hanya)$/;

/** Particles (-lah, -kah, -pun), then the possessive -nya: "hasilnya" → "hasil", "sekolah" stays. */
function stripInflection(word: string): string {
  let w = word;
  if (!KEEP.has(w)) for (const p of ['lah', 'kah', 'pun']) w = cut(w, p) ?? w;
  return NYA_ROOT.test(w) ? w : (cut(w, 'nya') ?? w);
}

/**
 * Derivational prefixes. Returns the candidate roots (one, or two where nasal assimilation is
 * ambiguous), or null when no prefix applies.
 */
function stripPrefix(w: string): string[] | null {
  const rest = (n: number): string => w.slice(n);
  const ok = (...c: string[]): string[] | null => {
    const roots = c.filter((r) => r.length >= MIN_ROOT);
    return roots.length ? roots : null;
  };
  // meN- / peN- (nasal assimilation), most specific first.
  for (const base of ['me', 'pe']) {
    if (!w.startsWith(base)) continue;
    const after = w.slice(2);
    if (after.startsWith('ny') && VOWEL.test(after.slice(2))) return ok(`s${rest(4)}`); // menyampaikan → sampai
    if (after.startsWith('ng')) {
      const r = rest(4);
      if (/^[ghk]/.test(r)) return ok(r); // menggunakan → guna, menghubungi → hubung, mengkritik → kritik
      if (VOWEL.test(r)) return ok(r, `k${r}`); // mengirim → irim | kirim, pengumuman → umum | kumum
    }
    if (after.startsWith('m')) {
      const r = rest(3);
      if (/^[bfp]/.test(r)) return ok(r); // membayar → bayar, mempunyai → punya
      if (VOWEL.test(r)) return ok(`p${r}`, `m${r}`); // memilih → pilih | milih, meminta → pinta | minta
    }
    if (after.startsWith('n')) {
      const r = rest(3);
      if (/^[cdjz]/.test(r) || r.startsWith('sy')) return ok(r); // mendaftar → daftar, mencari → cari
      if (VOWEL.test(r)) return ok(`t${r}`, `n${r}`); // menulis → tulis | nulis, menilai → tilai | nilai
    }
    if (base === 'pe' && w.startsWith('per')) {
      const r = rest(3);
      if (r.length >= MIN_ROOT) return ok(r); // pertanyaan → tanya, permohonan → mohon
    }
    if (/^[lrwy]/.test(after) || (base === 'pe' && after.startsWith('k'))) return ok(after); // melapor → lapor, pekerja → kerja
    return null;
  }
  for (const p of ['di', 'ter', 'ber', 'be']) {
    if (!w.startsWith(p)) continue;
    if (p === 'be' && !w.startsWith('beker')) continue; // only bekerja: be- is otherwise too rare to risk
    return ok(rest(p.length));
  }
  return null;
}

/**
 * The word without its derivational suffix: -kan, else -an, else -i after a consonant (mulai,
 * nilai, pegawai keep theirs). A stripped -i is ambiguous (menghubungi vs. berhenti), so the
 * unstripped word is offered too.
 */
function suffixBases(w: string): string[] {
  const stripped = cut(w, 'kan') ?? cut(w, 'an');
  if (stripped) return [stripped];
  // No Indonesian root ends in c, j, w or y, so "kunci" is never "kunc" + -i.
  const i = /[^aiueocjwy]i$/.test(w) ? cut(w, 'i') : null;
  return i ? [i, w] : [w];
}

/** A second, non-nasal prefix under the first: diperpanjang → perpanjang → panjang. */
function stripInner(root: string): string {
  if (KEEP.has(root) || !/^(per|ter|ber|di)/.test(root)) return root;
  return stripPrefix(root)?.[0] ?? root;
}

/**
 * The root candidates of one lower-case token, e.g. stemWord('pendaftaran') → ['daftar'],
 * stemWord('menilai') → ['tilai', 'nilai'], stemWord('direktorat') → ['direktorat'].
 */
export function stemWord(token: string): string[] {
  if (!/^\p{L}+$/u.test(token) || token.length <= MIN_ROOT || KEEP.has(token)) return [token];
  const word = stripInflection(token);
  if (KEEP.has(word)) return [word];
  // The ke-…-an confix: kepegawaian → pegawai, keterlambatan → terlambat → lambat.
  if (word.startsWith('ke') && word.endsWith('an') && word.length - 4 >= MIN_ROOT) {
    const inner = word.slice(2, -2);
    return KEEP.has(inner) ? [inner] : (stripPrefix(inner) ?? [inner]);
  }
  const roots: string[] = [];
  for (const base of suffixBases(word)) {
    if (KEEP.has(base)) roots.push(base);
    else roots.push(...(stripPrefix(base)?.map(stripInner) ?? []));
  }
  if (roots.length) return [...new Set(roots)];
  // No prefix: -kan (tanyakan → tanya), and -an when a longer root remains (layanan → layan);
  // -i and short -an words (jalan, bulan, pesan) are roots.
  return [cut(word, 'kan') ?? (word.length - 2 > MIN_ROOT ? cut(word, 'an') : null) ?? word];
}

/** Normalised terms of a text, stopwords removed, each word's root candidates in order. */
export function normalizeTerms(text: string): string[] {
  const out: string[] = [];
  for (const token of tokenize(text)) {
    if (STOPWORDS.has(token)) continue;
    for (const root of stemWord(token)) if (!STOPWORDS.has(root)) out.push(root);
  }
  return out;
}

/** The text stored in `search_text`: normalised terms separated by spaces. */
export function normalizeText(text: string): string {
  return normalizeTerms(text).join(' ');
}

/**
 * A `to_tsquery('simple', …)` expression: the distinct terms OR-ed, each as a prefix
 * (`daftar:* | cpns:*`); null when nothing searchable is left. Terms are [a-z0-9] only, so the
 * expression needs no escaping.
 */
export function toPrefixQuery(text: string): string | null {
  const terms = [...new Set(normalizeTerms(text))].filter((t) => /^[\p{L}\p{N}]+$/u.test(t)).slice(0, 16);
  return terms.length ? terms.map((t) => `${t}:*`).join(' | ') : null;
}
