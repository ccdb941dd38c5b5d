/**
 * Report text → content words for the local classifier and for retrieval. The Indonesian stemmer
 * and stop words are the knowledge base's (src/info/normalize.ts), so drafts search the KB with
 * the very roots it was indexed with. This layer adds what classification needs on top: PII
 * placeholders and links removed, chat abbreviations and domain acronyms expanded, numbers and
 * a few more filler words dropped, and the surface word kept beside each root (reasons shown to
 * the admin quote the report's own words).
 */
import { stemWord, STOPWORDS } from '../../info/normalize.js';

/** Chat spellings and domain abbreviations, mapped to the words they stand for. */
const EXPAND: Record<string, string> = {
  yg: 'yang', tdk: 'tidak', gak: 'tidak', ga: 'tidak', nggak: 'tidak', blm: 'belum', sdh: 'sudah', udah: 'sudah', udh: 'sudah',
  sy: 'saya', krn: 'karena', dgn: 'dengan', utk: 'untuk', tgl: 'tanggal', bln: 'bulan', thn: 'tahun', bgmn: 'bagaimana',
  gimana: 'bagaimana', knp: 'kenapa', mhn: 'mohon', tlg: 'tolong', kpn: 'kapan', jg: 'juga', bs: 'bisa', dr: 'dari',
  p3k: 'pppk', tukin: 'tunjangan kinerja', tpp: 'tambahan penghasilan', kgb: 'kenaikan gaji berkala',
  bup: 'batas usia pensiun', tht: 'tabungan hari tua', pertek: 'pertimbangan teknis', kp: 'kenaikan pangkat',
  wa: 'whatsapp', hp: 'telepon', surel: 'email',
};

/** Filler the knowledge base keeps but routing does not need (numbers as words, greetings). */
const MORE_STOP = new Set(
  (
    'akibatnya bahkan bahwa beberapa daripada lain meski melalui menjadi padahal selalu seluruh sehingga terhadap ' +
    'terimakasih sekarang lusa apapun pernah masing tetap hampir kembali kali satu dua tiga empat lima enam tujuh ' +
    'delapan sembilan sepuluh sebelas puluh belas ratus ribu juta'
  ).split(/\s+/),
);

const isStop = (w: string): boolean => STOPWORDS.has(w) || MORE_STOP.has(w);

/** Lower-cased words of a text, abbreviations expanded, placeholders and links removed. */
export function words(text: string): string[] {
  const clean = text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/\[[A-Z-]+\]/g, ' ')
    // (?<!\S): an address only starts at a word start; unanchored, `\S+@` backtracks quadratically over a long word.
    .replace(/https?:\/\/\S+|(?<!\S)\S+@\S+/g, ' ')
    .toLowerCase();
  const out: string[] = [];
  for (const raw of clean.split(/[^\p{L}\p{N}]+/u)) {
    if (!raw) continue;
    for (const w of (EXPAND[raw] ?? raw).split(' ')) out.push(w);
  }
  return out;
}

/** A surface word and a root it counts as (an ambiguous word yields two tokens). */
export interface Token {
  word: string;
  root: string;
}

/** Content tokens: no stop words, no bare numbers, nothing under three letters. */
export function contentTokens(text: string): Token[] {
  const out: Token[] = [];
  for (const w of words(text)) {
    if (w.length < 3 || isStop(w) || /^\d+$/.test(w)) continue;
    for (const root of stemWord(w)) {
      if (root.length >= 3 && !isStop(root)) out.push({ word: w, root });
    }
  }
  return out;
}

/** Roots only, in order (`normalize('Pencairan dana Taspen tertunda')` → ['cair', 'dana', 'taspen', 'tunda']). */
export function normalize(text: string): string[] {
  return contentTokens(text).map((t) => t.root);
}
