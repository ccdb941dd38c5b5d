/**
 * Near-duplicate reports ("laporan berulang"): Indonesian text is normalised, cut into word
 * 3-shingles and summarised by a MinHash signature; the share of equal signature slots
 * estimates the Jaccard similarity of the two shingle sets. Pure and deterministic.
 *
 * A signature is 64 slots × 32 bits, stored as 512 hex characters (Report.textSignature). With
 * 64 slots the estimate's standard error is about √(J(1−J)/64): ±0.05 at J = 0.8.
 */

/** Reports at or above this estimated similarity are flagged (env DUPLICATE_THRESHOLD). */
export const DEFAULT_DUPLICATE_THRESHOLD = 0.8;
export const SIGNATURE_SLOTS = 64;
const SHINGLE = 3;

/**
 * Function words that carry no meaning of a complaint, plus greetings and politeness formulas
 * people add or drop when they send the same report again. Negations (tidak, belum, bukan) stay:
 * "sudah dibayar" and "belum dibayar" are different complaints.
 */
const STOPWORDS = new Set(
  (
    'yang dan di ke dari untuk dengan pada dalam ini itu ada adalah akan atau juga sudah telah saya kami kita aku ' +
    'anda bapak ibu bpk pak bu mohon tolong harap terima kasih terimakasih makasih salam hormat selamat pagi siang ' +
    'sore malam assalamualaikum wr wb warahmatullahi wabarakatuh dengan sebagai oleh karena agar supaya bahwa jika ' +
    'kalau maka namun tetapi tapi serta lalu kemudian saat ketika sejak hingga sampai per para pun lah kah nya ' +
    'se ya yg dgn utk dr krn tsb tersebut hal atas bisa dapat mau ingin perlu secara sangat lebih masih hanya ' +
    'apa bagaimana kapan mengapa kenapa dimana mana siapa berapa the of'
  ).split(/\s+/),
);

/** Lower case, no accents or punctuation, single spaces, stopwords dropped: the words that matter. */
export function normaliseWords(text: string): string[] {
  let lower = text.toLowerCase();
  // Decomposing is the costly part and only matters for accented letters (é → e).
  if (/[^ -~\t\n\r]/.test(lower)) lower = lower.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  const plain = lower.replace(/[^a-z0-9]+/g, ' ').trim();
  if (plain === '') return [];
  return plain.split(' ').filter((w) => !STOPWORDS.has(w));
}

/** Word 3-grams; a text shorter than three words is one shingle of what it has. */
export function shingles(words: readonly string[]): string[] {
  if (words.length === 0) return [];
  if (words.length < SHINGLE) return [words.join(' ')];
  const out: string[] = [];
  for (let i = 0; i + SHINGLE <= words.length; i++) out.push(`${words[i]} ${words[i + 1]} ${words[i + 2]}`);
  return out;
}

/** FNV-1a over UTF-16 code units, 32 bits. */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Per-slot seeds, fixed forever: changing them would make every stored signature incomparable. */
const SEEDS: Int32Array = (() => {
  const seeds = new Int32Array(SIGNATURE_SLOTS);
  let x = 0x9e3779b9;
  for (let i = 0; i < SIGNATURE_SLOTS; i++) {
    // xorshift32
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    seeds[i] = x;
  }
  return seeds;
})();

const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));
/** Flips the sign bit: unsigned order of 32-bit values becomes signed order, so the hot loop stays in int32. */
const SIGN = -0x80000000;

/** MinHash signature of a text as 512 hex characters, or null when the text has no words. */
export function textSignature(text: string): string | null {
  const sh = shingles(normaliseWords(text));
  if (sh.length === 0) return null;
  // The shingles' hashes, each once: a set, not a bag (repeated shingles change nothing).
  const bases = new Int32Array(sh.length);
  let n = 0;
  const seen = new Set<number>();
  for (const s of sh) {
    const base = fnv1a(s);
    if (seen.has(base)) continue;
    seen.add(base);
    bases[n++] = base;
  }
  // Per slot, the least hash of any shingle; compared sign-flipped (see SIGN) to stay in int32.
  const mins = new Int32Array(SIGNATURE_SLOTS);
  for (let i = 0; i < SIGNATURE_SLOTS; i++) {
    const seed = SEEDS[i]!;
    let min = 0x7fffffff;
    for (let k = 0; k < n; k++) {
      // MurmurHash3's finaliser of (shingle hash ^ slot seed): one well-mixed "permutation" per slot.
      let h = bases[k]! ^ seed;
      h ^= h >>> 16;
      h = Math.imul(h, 0x85ebca6b);
      h ^= h >>> 13;
      h = Math.imul(h, 0xc2b2ae35);
      h = h ^ (h >>> 16) ^ SIGN;
      if (h < min) min = h;
    }
    mins[i] = min;
  }
  let hex = '';
  for (let i = 0; i < SIGNATURE_SLOTS; i++) {
    const v = mins[i]! ^ SIGN;
    hex += HEX[(v >>> 24) & 0xff]! + HEX[(v >>> 16) & 0xff]! + HEX[(v >>> 8) & 0xff]! + HEX[v & 0xff]!;
  }
  return hex;
}

/** The signature of a report: its title and body together. */
export function reportSignature(r: { title: string; body: string }): string | null {
  return textSignature(`${r.title}\n${r.body}`);
}

/** Estimated Jaccard similarity of two signatures (0–1); 0 when either is missing or malformed. */
export function similarity(a: string | null | undefined, b: string | null | undefined): number {
  const len = SIGNATURE_SLOTS * 8;
  if (!a || !b || a.length !== len || b.length !== len) return 0;
  let equal = 0;
  for (let i = 0; i < len; i += 8) if (a.startsWith(b.slice(i, i + 8), i)) equal++;
  return equal / SIGNATURE_SLOTS;
}

/** Exact Jaccard similarity of the shingle sets (for tests and tuning; not stored). */
export function jaccard(a: string, b: string): number {
  const x = new Set(shingles(normaliseWords(a)));
  const y = new Set(shingles(normaliseWords(b)));
  if (x.size === 0 && y.size === 0) return 0;
  let inter = 0;
  for (const s of x) if (y.has(s)) inter++;
  return inter / (x.size + y.size - inter);
}

export function isDuplicate(score: number, threshold = DEFAULT_DUPLICATE_THRESHOLD): boolean {
  return score >= threshold;
}
