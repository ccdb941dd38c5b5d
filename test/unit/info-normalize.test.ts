import { describe, expect, it } from 'vitest';
import { normalizeTerms, normalizeText, stemWord, toPrefixQuery, tokenize } from '../../src/info/normalize.js';

describe('Indonesian stemming (stemWord)', () => {
  it.each([
    // meN-/peN- and their nasal forms
    ['mendaftar', ['daftar']],
    ['pendaftaran', ['daftar']],
    ['mendaftarkan', ['daftar']],
    ['membayar', ['bayar']],
    ['pembayaran', ['bayar']],
    ['mencari', ['cari']],
    ['pencairan', ['cair']],
    ['menggunakan', ['guna']],
    ['penggunaan', ['guna']],
    ['menghubungi', ['hubung', 'hubungi']],
    ['menyampaikan', ['sampai']],
    ['penyampaian', ['sampai']],
    // ambiguous assimilation: both readings
    ['mengirim', ['irim', 'kirim']],
    ['pengiriman', ['irim', 'kirim']],
    ['menilai', ['tilai', 'nilai']],
    ['memilih', ['pilih', 'milih']],
    // di-, ter-, ber-, per-, pe-, be-
    ['diumumkan', ['umum']],
    ['terdaftar', ['daftar']],
    ['bertanya', ['tanya']],
    ['pertanyaan', ['tanya']],
    ['persyaratan', ['syarat']],
    ['pelaporan', ['lapor']],
    ['pekerjaan', ['kerja']],
    ['bekerja', ['kerja']],
    ['diperpanjang', ['panjang']],
    // -kan, -an, -nya, -lah, -kah and the ke-…-an confix
    ['tanyakan', ['tanya']],
    ['layanan', ['layan']],
    ['hasilnya', ['hasil']],
    ['kepegawaian', ['pegawai']],
    ['keterlambatan', ['lambat']],
    ['kenaikan', ['naik']],
  ])('%s → %j', (word, roots) => {
    expect(stemWord(word)).toEqual(roots);
  });

  it.each([
    // roots of four letters or fewer, and roots that only look affixed, stay as typed
    'daftar', 'umum', 'kirim', 'nilai', 'mulai', 'pegawai', 'pensiun', 'periksa', 'direktorat', 'dinas',
    'berkas', 'sekolah', 'masalah', 'jalan', 'bulan', 'pesan', 'tanya', 'terima', 'makan', 'beras',
  ])('%s stays as typed', (word) => {
    expect(stemWord(word)).toEqual([word]);
  });

  it('leaves numbers and mixed tokens alone', () => {
    expect(stemWord('2026')).toEqual(['2026']);
    expect(stemWord('d3')).toEqual(['d3']);
  });
});

describe('normalising a text', () => {
  it('lower-cases, strips punctuation and accents, drops one-letter tokens', () => {
    expect(tokenize('Kapan  PENGUMUMAN—hasil? (Tahap-2) é')).toEqual(['kapan', 'pengumuman', 'hasil', 'tahap']);
  });

  it.each([
    ['Bagaimana cara mendaftar CPNS 2026 untuk lulusan D3? Terima kasih, Pak!', 'daftar cpns 2026 lulus d3'],
    ['Apakah pengumuman hasil seleksi PPPK sudah ada?', 'umum kumum hasil seleksi pppk'],
    ['Mohon info, kapan pencairan pensiun janda?', 'info cair pensiun janda'],
    ['Akun LAPOR! saya terkunci.', 'akun lapor kunci'],
  ])('%s → %s', (text, expected) => {
    expect(normalizeText(text)).toBe(expected);
  });

  it('puts affix variants of one word on the same term', () => {
    const forms = ['mendaftar', 'pendaftaran', 'daftar', 'didaftarkan', 'terdaftar'];
    for (const f of forms) expect(normalizeTerms(`Bagaimana ${f}?`)).toEqual(['daftar']);
  });

  it('drops a text made only of stopwords', () => {
    expect(normalizeText('Apakah itu bisa dan kapan?')).toBe('');
    expect(toPrefixQuery('yang dan di ke dari')).toBeNull();
  });

  it('builds an OR-ed prefix tsquery of distinct terms', () => {
    expect(toPrefixQuery('Pendaftaran dan mendaftar PPPK')).toBe('daftar:* | pppk:*');
    expect(toPrefixQuery("O'Brien & <script>")).toBe('brien:* | script:*');
  });
});
