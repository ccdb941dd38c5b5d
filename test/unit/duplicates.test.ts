import { describe, expect, it } from 'vitest';
import { DEFAULT_DUPLICATE_THRESHOLD, isDuplicate, jaccard, normaliseWords, reportSignature, shingles, similarity, textSignature } from '../../src/intake/duplicates.js';
import { percent } from '../../src/messages/new-report-notice.js';

const PPPK =
  'Selamat siang Bapak/Ibu. Saya peserta seleksi PPPK tenaga teknis tahun 2025 di Kabupaten Bogor. Sampai hari ini jadwal tes ' +
  'kompetensi belum diumumkan di portal SSCASN padahal sudah lewat dua minggu dari jadwal semula. Mohon kejelasan kapan jadwal ' +
  'tes kompetensi diumumkan dan apakah ada perubahan lokasi ujian. Terima kasih.';

/** The same reporter sending it again: other greeting, shouting, punctuation, "terimakasih" glued. */
const PPPK_AGAIN =
  'Assalamualaikum wr. wb. Saya peserta seleksi PPPK tenaga teknis tahun 2025 di Kabupaten Bogor. Sampai hari ini, jadwal tes ' +
  'kompetensi BELUM diumumkan di portal SSCASN padahal sudah lewat dua minggu dari jadwal semula!! Mohon kejelasan kapan jadwal ' +
  'tes kompetensi diumumkan dan apakah ada perubahan lokasi ujian? Terimakasih';

/** Sent again a week later, with a sentence added and another greeting. */
const PPPK_LATER =
  'Selamat pagi. Saya peserta seleksi PPPK tenaga teknis tahun 2025 di Kabupaten Bogor. Sampai hari ini jadwal tes kompetensi ' +
  'belum diumumkan di portal SSCASN padahal sudah lewat dua minggu dari jadwal semula. Mohon kejelasan kapan jadwal tes ' +
  'kompetensi diumumkan dan apakah ada perubahan lokasi ujian. Laporan ini saya kirim ulang.';

/** Same topic and many shared words, different complaint. */
const PPPK_SCORE =
  'Saya peserta seleksi PPPK tenaga kesehatan di Kota Medan. Nilai saya di portal SSCASN tidak sesuai dengan hasil ujian yang ' +
  'ditampilkan di lokasi tes. Mohon dilakukan pengecekan ulang nilai seleksi PPPK saya.';

const PENSION =
  'Ayah saya pensiun sejak Januari 2026 namun SK pensiun belum terbit dan gaji terakhir belum dibayarkan. Sudah kami tanyakan ke ' +
  'kantor regional tetapi belum ada jawaban. Mohon bantuannya.';

/** Negation flips the meaning: not a duplicate even though almost every word is shared. */
const PAID = 'Tunjangan kinerja bulan Maret untuk pegawai di Kantor Regional VI sudah dibayarkan tetapi jumlahnya tidak sesuai dengan kelas jabatan.';
const UNPAID = 'Tunjangan kinerja bulan Maret untuk pegawai di Kantor Regional VI belum dibayarkan dan jumlahnya tidak diketahui sesuai kelas jabatan.';

const sim = (a: string, b: string): number => similarity(textSignature(a), textSignature(b));

describe('normalisation', () => {
  it('lowercases, drops accents, punctuation, greetings and function words, keeps negations and numbers', () => {
    expect(normaliseWords('Assalamualaikum, Bapak/Ibu! Péngumuman PPPK 2025 BELUM ada; tidak jelas.')).toEqual(['pengumuman', 'pppk', '2025', 'belum', 'tidak', 'jelas']);
    expect(shingles(['a', 'b', 'c', 'd'])).toEqual(['a b c', 'b c d']);
    expect(shingles(['a', 'b'])).toEqual(['a b']);
    expect(textSignature('Terima kasih, Bapak.')).toBeNull();
  });

  it('makes a 64 × 32-bit signature as 512 hex characters, the same for the same words', () => {
    const s = textSignature(PPPK);
    expect(s).toMatch(/^[0-9a-f]{512}$/);
    expect(textSignature(PPPK_AGAIN)).toBe(s);
    expect(reportSignature({ title: 'Jadwal tes PPPK', body: PPPK })).not.toBe(s);
  });
});

describe('similarity', () => {
  it('flags realistic re-sent reports at the default threshold of 0.8', () => {
    expect(DEFAULT_DUPLICATE_THRESHOLD).toBe(0.8);
    expect(sim(PPPK, PPPK_AGAIN)).toBe(1);
    expect(isDuplicate(sim(PPPK, PPPK_LATER))).toBe(true);
  });

  it('does not flag different reports, even on the same topic or differing only by a negation', () => {
    for (const [a, b] of [[PPPK, PPPK_SCORE], [PPPK, PENSION], [PPPK_SCORE, PENSION], [PAID, UNPAID]] as const) {
      expect(sim(a, b)).toBeLessThan(0.5);
      expect(isDuplicate(sim(a, b))).toBe(false);
    }
  });

  it('estimates the exact Jaccard similarity of the shingle sets within a few slots', () => {
    for (const [a, b] of [[PPPK, PPPK_LATER], [PPPK, PPPK_SCORE], [PAID, UNPAID], [PPPK, PENSION]] as const) {
      expect(Math.abs(sim(a, b) - jaccard(a, b))).toBeLessThan(0.2);
    }
    expect(jaccard(PPPK, PPPK_LATER)).toBeGreaterThan(0.8);
  });

  it('treats the threshold as inclusive and missing or malformed signatures as unrelated', () => {
    const score = sim(PPPK, PPPK_LATER);
    expect(isDuplicate(score, score)).toBe(true);
    expect(isDuplicate(score, score + 1 / 64)).toBe(false);
    expect(isDuplicate(0.8)).toBe(true);
    expect(isDuplicate(0.79)).toBe(false);
    expect(similarity(null, textSignature(PPPK))).toBe(0);
    expect(similarity('abc', 'abc')).toBe(0);
  });

  it('shows the score as a whole percent, rounded down', () => {
    expect(percent(0.9375)).toBe('93%');
    expect(percent(0.799)).toBe('79%');
    expect(percent(1)).toBe('100%');
  });
});
