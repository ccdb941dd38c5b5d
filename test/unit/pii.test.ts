import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { containsPii, mask, maskPii, shorten, type MaskOptions, type PiiKind } from '../../src/lib/pii.js';
import { PII_CORPUS, type PiiCorpusRow } from '../fixtures/pii-corpus.js';

const optsOf = (row: PiiCorpusRow): MaskOptions | undefined =>
  row.knownNames ? { knownNames: row.knownNames } : undefined;
const negatives = PII_CORPUS.filter((r) => r.mustNotContain.length === 0);
const positives = PII_CORPUS.filter((r) => r.mustNotContain.length > 0);

describe('PII corpus', () => {
  it('is big and varied enough to mean something', () => {
    expect(PII_CORPUS.length).toBeGreaterThanOrEqual(60);
    expect(negatives.length).toBeGreaterThanOrEqual(10);
    expect(new Set(PII_CORPUS.map((r) => r.id)).size).toBe(PII_CORPUS.length);
    const kinds = new Set(PII_CORPUS.flatMap((r) => r.kinds));
    for (const k of ['nik', 'nip', 'id_number', 'phone', 'email', 'address', 'name', 'account'] as const) {
      expect(kinds, k).toContain(k);
    }
  });

  it.each(PII_CORPUS.map((r) => [r.id, r] as const))('%s', (_id, row) => {
    const { text, found } = maskPii(row.text, optsOf(row));
    for (const pii of row.mustNotContain) expect(text, `leaked ${pii}`).not.toContain(pii);
    for (const keep of row.mustContain) expect(text, `lost ${keep}`).toContain(keep);
    expect(found).toEqual(row.kinds);
    if (row.mustNotContain.length === 0) expect(text).toBe(row.text);
  });

  it('masking is idempotent on every row', () => {
    for (const row of PII_CORPUS) {
      const once = mask(row.text, optsOf(row));
      expect(mask(once, optsOf(row)), row.id).toBe(once);
      expect(maskPii(once, optsOf(row)).found, row.id).toEqual([]);
    }
  });

  it('containsPii flags exactly the rows with personal data, and nothing once masked', () => {
    for (const row of positives) expect(containsPii(row.text, optsOf(row)), row.id).toBe(true);
    for (const row of negatives) expect(containsPii(row.text), row.id).toBe(false);
    for (const row of PII_CORPUS) expect(containsPii(mask(row.text, optsOf(row)), optsOf(row)), row.id).toBe(false);
  });
});

describe('NIK and KK numbers', () => {
  it.each([
    ['3174051234560001'],
    ['3174 0512 3456 0001'],
    ['3174.0512.3456.0001'],
    ['3174-0512-3456-0001'],
    ['31.74.05.120890.0001'],
    ['317405 120890 0001'],
    ['1101234512340008'],
    ['9671012345670003'],
  ])('masks %s', (nik) => {
    expect(maskPii(`NIK pelapor: ${nik}.`)).toEqual({ text: 'NIK pelapor: [NIK].', found: ['nik'] });
    expect(mask(`data ${nik} tidak valid`)).toBe('data [NIK] tidak valid');
  });

  it('masks anything long after the keyword, even odd lengths or partly hidden', () => {
    expect(mask('NIK saya 31740512345')).toBe('NIK saya [NIK]');
    expect(mask('nik: 3174xxxxxxxx0001')).toBe('nik: [NIK]');
    expect(mask('No. KK 3174051234560002')).toBe('No. KK [NIK]');
    expect(mask('Nomor Kartu Keluarga: 3174051234560002')).toBe('Nomor Kartu Keluarga: [NIK]');
    expect(mask('No. e-KTP 3174051234560001')).toBe('No. e-KTP [NIK]');
  });

  it.each([
    ['province code 00', 'ref 0012345678901234'],
    ['province code 10', 'ID 1034567890123456'],
    ['province code 99', 'kode 9912345678901234'],
    ['15 digits', 'nomor 317405123456000'],
    ['17 digits', 'nomor 31740512345600012'],
  ])('leaves a bare 16-digit-like number alone when it cannot be a NIK (%s)', (_why, text) => {
    expect(mask(text)).toBe(text);
  });

  it('keeps the words NIK and KK when no number follows', () => {
    const text = 'Mohon jangan cantumkan NIK atau KK di kolom judul.';
    expect(mask(text)).toBe(text);
  });
});

describe('NIP (decision: masked as [NIP], it identifies a person and encodes a birth date)', () => {
  it.each(['198503122010011005', '19850312 201001 1 005', '19850312.201001.1.005'])('masks bare NIP %s', (nip) => {
    expect(maskPii(`pegawai ${nip} belum naik pangkat`)).toEqual({
      text: 'pegawai [NIP] belum naik pangkat',
      found: ['nip'],
    });
  });

  it('masks the number after the keyword, keeping the keyword', () => {
    expect(mask('NIP. 196501011990031002')).toBe('NIP. [NIP]');
    expect(mask('NIP baru 19650101 199003 1 002')).toBe('NIP baru [NIP]');
    expect(mask('nip lama 010203040')).toBe('nip lama [NIP]');
    expect(mask('NI PPPK 198503122023212005')).toBe('NI PPPK [NIP]');
  });

  it('leaves 18 digits that do not have the NIP structure', () => {
    expect(mask('kode 123456789012345678')).toBe('kode 123456789012345678');
  });
});

describe('other personal numbers ([NOMOR-ID], only after their keyword)', () => {
  it.each([
    ['NISN 0098765432', 'NISN [NOMOR-ID]'],
    ['NUPTK 1234567890123456', 'NUPTK [NOMOR-ID]'],
    ['NPWP: 09.254.294.3-407.000', 'NPWP: [NOMOR-ID]'],
    ['No. BPJS Kesehatan 0001234567891', 'No. BPJS Kesehatan [NOMOR-ID]'],
    ['nomor peserta 24200110000123', 'nomor peserta [NOMOR-ID]'],
    ['NOTAS 1234567890123', 'NOTAS [NOMOR-ID]'],
    ['No. Paspor: C1234567', 'No. Paspor: [NOMOR-ID]'],
  ])('%j', (text, expected) => {
    expect(maskPii(text)).toEqual({ text: expected, found: ['id_number'] });
  });

  it('leaves fees and years after the same keywords alone', () => {
    for (const text of ['iuran BPJS 150.000', 'iuran BPJS Rp 35.000.000', 'peserta 2024', 'BPJS 15.000.000']) {
      expect(mask(text), text).toBe(text);
    }
  });
});

describe('phone numbers', () => {
  it.each([
    '0812-3456-7890',
    '0812 3456 7890',
    '081234567890',
    '0812345678',
    '+6281234567890',
    '+62 812 3456 7890',
    '+62-812-3456-7890',
    '+62 (0)812-3456-7890',
    '(+62) 812 3456 7890',
    '62 812-3456-7890',
    '6281234567890',
    '(021) 555-1234',
    '(0761) 123456',
    '021-5551234',
    '021 555 1234',
    '0274 512345',
    '+62 21 5790 1234',
    '0812–3456–7890',
    '0857 - 2211 - 3344',
    'wa.me/6281234567890',
    'https://wa.me/6281234567890?text=Halo%20admin',
    'https://api.whatsapp.com/send?phone=6281234567890',
  ])('masks %s', (phone) => {
    expect(maskPii(`hubungi ${phone} ya`)).toEqual({ text: 'hubungi [TELEPON] ya', found: ['phone'] });
  });

  it.each([
    ['a year', 'sejak tahun 2024'],
    ['a 7-digit tracking id', 'Laporan #1234567 sudah selesai'],
    ['an 8-digit id', 'tiket 12345678'],
    ['a 10-digit id without 0/62 prefix', 'nomor register 2507123456'],
    ['a tracking code with dashes', 'LAPOR-2025-1234567'],
    ['an amount', 'biaya Rp 1.500.000'],
    ['an amount without space', 'Rp1.500.000,00'],
    ['an amount starting with 62', 'Rp 62.500.000.000'],
    ['a date', '12/03/2025'],
    ['a date with dashes', '02-03-2025 pukul 10.00'],
    ['an ISO timestamp', '2025-03-12T09:30:00+07:00'],
    ['office hours', '08.00-16.00 WIB'],
    ['a version number', 'versi 08.12.34'],
    ['a short 0-number', 'kode 08123456'],
    ['a hashtag number', '#0812345678'],
    ['an IP address', '10.0.0.1'],
  ])('leaves %s alone', (_what, text) => {
    expect(maskPii(text)).toEqual({ text, found: [] });
  });

  it('keeps a date that follows a phone number', () => {
    expect(mask('HP 085712345678 12 Maret 2025')).toBe('HP [TELEPON] 12 Maret 2025');
    expect(mask('HP 0812 3456 7890 2025')).toBe('HP [TELEPON] 2025');
  });

  it('masks two numbers written one after the other', () => {
    expect(mask('0812 3456 7890 0813 1111 2222')).toBe('[TELEPON] [TELEPON]');
  });

  it('masks short numbers introduced as a phone', () => {
    expect(mask('telp. 5551234')).toBe('telp. [TELEPON]');
    expect(mask('No. HP: 81234567')).toBe('No. HP: [TELEPON]');
    expect(mask('WA 2024')).toBe('WA 2024');
  });
});

describe('e-mail addresses', () => {
  it.each([
    'budi.santoso@gmail.com',
    'Budi.Santoso+lapor@sub.mail.co.id',
    'admin_01@kemenpan.go.id',
    'andi.wijaya[at]gmail.com',
    'andi(at)yahoo(dot)co(dot)id',
  ])('masks %s', (email) => {
    expect(maskPii(`kirim ke ${email}.`)).toEqual({ text: 'kirim ke [EMAIL].', found: ['email'] });
  });

  it('leaves handles and host names alone', () => {
    const text = 'Ikuti @lapor_id dan buka lapor.go.id atau budi@localhost';
    expect(mask(text)).toBe(text);
  });
});

describe('street addresses', () => {
  it.each([
    ['Jl. Melati No. 17 RT 004/RW 009, Kel. Sukamaju, Kec. Cilodong', ''],
    ['Jln. Kenanga No.5', ''],
    ['Jalan H. Agus Salim No. 12A', ''],
    ['Gg. Mawar II', ''],
    ['Gang Kelinci', ''],
    ['Perum Griya Asri Blok C2 No. 5', ''],
    ['Komplek Depkes Blok B-3', ''],
    ['RT 003 RW 007', ''],
    ['RT/RW 003/007', ''],
    ['RT.03/RW.05', ''],
    ['rt 05 rw 02', ''],
    ['Jl. Sudirman Kav. 52-53', ''],
    ['Jl. Kenanga 12', ''],
    ['Dusun Krajan RT 01 RW 03, Desa Tegalsari, Kecamatan Kalibaru', ''],
  ])('masks "%s"', (address) => {
    expect(maskPii(`rumah saya di ${address}, Kota Depok.`)).toEqual({
      text: 'rumah saya di [ALAMAT], Kota Depok.',
      found: ['address'],
    });
  });

  it('masks any address parts after an "alamat" cue', () => {
    expect(mask('Alamat: Dsn. Krajan, Ds. Sumberejo, Kec. Wonosari, Kab. Malang')).toBe('Alamat: [ALAMAT], Kab. Malang');
    expect(mask('tinggal di Jl. Kenanga, Bekasi')).toBe('tinggal di [ALAMAT], Bekasi');
  });

  it.each([
    'Kantor BKN di Jl. Mayjen Sutoyo, Jakarta Timur',
    'Jalan Tol Cipularang KM 97 rusak',
    'Jalan menuju desa rusak parah',
    'Perum Bulog dan Perum Perumnas',
    'Kementerian Pekerjaan Umum dan Perumahan Rakyat',
    'Camat Kecamatan Cilandak hadir',
    'Surat No. 12/2025',
    'akun saya diblokir',
    'Blok M Plaza',
  ])('leaves a place that is not a household alone: %s', (text) => {
    expect(mask(text)).toBe(text);
  });
});

describe('names', () => {
  it.each([
    ['nama saya Budi Santoso', 'nama saya [NAMA]'],
    ['Nama saya adalah Rina.', 'Nama saya adalah [NAMA].'],
    ['nama saya dimas anggara, dari Bekasi', 'nama saya [NAMA], dari Bekasi'],
    ['NAMA SAYA BUDI SANTOSO', 'NAMA SAYA [NAMA]'],
    ['Nama : SITI NURHALIZA\nNIK : -', 'Nama : [NAMA]\nNIK : -'],
    ['Nama lengkap: Muhammad Fajar Sidiq,', 'Nama lengkap: [NAMA],'],
    ['Saya, Siti Aminah, ingin bertanya', 'Saya, [NAMA], ingin bertanya'],
    ['Saya Sdr. Andi Firmansyah mengajukan', 'Saya Sdr. [NAMA] mengajukan'],
    ['Saya Bapak Joko Susilo, pensiunan', 'Saya Bapak [NAMA], pensiunan'],
    ['Saya Ibu Rina Marlina ingin', 'Saya Ibu [NAMA] ingin'],
    ['saya Bpk. H. Ahmad Dahlan dari', 'saya Bpk. H. [NAMA] dari'],
    ['Saya Sdri. Yuni Kartika', 'Saya Sdri. [NAMA]'],
    ['Saya Yuliana Sitompul dari Medan', 'Saya [NAMA] dari Medan'],
    ['atas nama Dewi Lestari', 'atas nama [NAMA]'],
    ['a.n. AHMAD ZAKARIA', 'a.n. [NAMA]'],
    ['a/n Slamet Riyadi', 'a/n [NAMA]'],
    ['anak saya bernama Nabila Putri', 'anak saya bernama [NAMA]'],
    ['janda dari Alm. Bapak Suparman', 'janda dari Alm. Bapak [NAMA]'],
    ['Almarhumah Ibu Sumarni', 'Almarhumah Ibu [NAMA]'],
    ['Hormat saya,\nBudi Santoso', 'Hormat saya,\n[NAMA]'],
    ['Terima kasih, Agus Salim.', 'Terima kasih, [NAMA].'],
  ])('%j → %j', (text, expected) => {
    expect(mask(text)).toBe(expected);
  });

  it.each([
    'Atas nama Kementerian PANRB kami mohon maaf',
    'atas nama BKN',
    'atas nama saya sendiri',
    'atas nama anak saya',
    'Saya PNS golongan III/a',
    'Saya Ibu Rumah Tangga',
    'Saya Pegawai Negeri Sipil, ingin bertanya',
    'saya ingin bertanya, nama saya tidak muncul',
    'nama saya sudah terdaftar di SSCASN',
    'Yth. Bapak Kepala BKN',
    'Terima kasih. Laporan ini sudah lama.',
    'Salam, Tim Helpdesk.',
    'Alm. Ayah saya',
  ])('leaves a cue without a person alone: %s', (text) => {
    expect(mask(text)).toBe(text);
  });
});

describe('knownNames', () => {
  const opts = { knownNames: ['Budi Santoso'] };

  it('masks the full name and its distinctive words anywhere, in any case', () => {
    expect(maskPii('Pelapor Budi Santoso; BUDI juga menulis santoso.', opts)).toEqual({
      text: 'Pelapor [NAMA]; [NAMA] juga menulis [NAMA].',
      found: ['name'],
    });
    expect(mask('Budi\u00A0 Santoso', opts)).toBe('[NAMA]');
  });

  it('only masks whole words', () => {
    expect(mask('Budiman dan Santosoan', opts)).toBe('Budiman dan Santosoan');
  });

  it('keeps common words and short tokens of a multi-word name', () => {
    expect(mask('rahmat Tuhan, Rahmat Hidayat, hidayat', { knownNames: ['Rahmat Hidayat'] })).toBe(
      'rahmat Tuhan, [NAMA], [NAMA]',
    );
    expect(mask('pemandangan indah; Indah Permatasari', { knownNames: ['Indah Permatasari'] })).toBe(
      'pemandangan indah; [NAMA]',
    );
    expect(mask('Li Na dan li', { knownNames: ['Li Na'] })).toBe('[NAMA] dan li');
  });

  it('masks a single-word known name even if it is a common word', () => {
    expect(mask('Indah sudah melapor', { knownNames: ['Indah'] })).toBe('[NAMA] sudah melapor');
  });

  it('handles titles, punctuation, diacritics and regex characters in names', () => {
    expect(mask('Bambang Sutejo hadir', { knownNames: ['Dr. Ir. Bambang Sutejo, M.Si.'] })).toBe('[NAMA] hadir');
    expect(mask('José Ramírez dan JOSÉ', { knownNames: ['José Ramírez'] })).toBe('[NAMA] dan [NAMA]');
    expect(mask('Nur’aini menulis', { knownNames: ['Siti Nur’aini'] })).toBe('[NAMA] menulis');
    expect(mask('xyz a+b aab (c) \\', { knownNames: ['a+b', '.*', '(c)', '\\'] })).toBe('xyz [NAMA] aab [NAMA] \\');
  });

  it('ignores empty or odd entries and never rewrites placeholders', () => {
    expect(mask('Siti hadir', { knownNames: ['', '   ', 'x'] })).toBe('Siti hadir');
    const weird = { knownNames: ['Nama', 'NAMA]', 'TELEPON', 'ALAMAT Budi'] };
    const once = mask('nama saya Budi, HP 081234567890', weird);
    expect(mask(once, weird)).toBe(once);
    expect(once).toContain('[TELEPON]');
    expect(once).not.toContain('Budi');
  });
});

describe('bank accounts', () => {
  it.each([
    ['rekening BRI 0021-01-034567-50-3', 'rekening BRI [REKENING]'],
    ['no. rek Mandiri: 123-00-1234567-8', 'no. rek Mandiri: [REKENING]'],
    ['norek BCA 1234567890', 'norek BCA [REKENING]'],
    ['rekening saya di Bank Papua nomor 1502 0100 1234 567', 'rekening saya di Bank Papua nomor [REKENING]'],
  ])('%j', (text, expected) => {
    expect(maskPii(text)).toEqual({ text: expected, found: ['account'] });
  });

  it('leaves amounts, dates and tracking ids near the word "rekening" alone', () => {
    for (const text of [
      'transfer ke rekening sebesar Rp 1.000.000',
      'rekening diblokir sejak tanggal 12345678',
      'rekening gaji: 1.500.000 belum masuk',
      'soal rekening, lihat laporan #1234567',
    ]) {
      expect(mask(text), text).toBe(text);
    }
  });
});

describe('found kinds', () => {
  it('lists each kind once, in a fixed order, whatever the order in the text', () => {
    const text =
      'email a@b.co, nama saya Budi, HP 081234567890, HP 081298765432, rekening 1234567890, NIP 198503122010011005, ' +
      'NIK 3174051234560001, NISN 0098765432, Jl. Mawar No. 1, c@d.id';
    expect(maskPii(text).found).toEqual<PiiKind[]>([
      'nik',
      'nip',
      'id_number',
      'phone',
      'email',
      'address',
      'name',
      'account',
    ]);
  });

  it('is empty for clean text and for already masked text', () => {
    expect(maskPii('Laporan #1234567 selesai.').found).toEqual([]);
    expect(maskPii('NIK [NIK], HP [TELEPON], [EMAIL], [ALAMAT], [NAMA], [REKENING], [NIP], [NOMOR-ID]').found).toEqual([]);
  });
});

describe('shorten', () => {
  it('returns short text unchanged', () => {
    expect(shorten('Laporan selesai', 15)).toBe('Laporan selesai');
    expect(shorten('', 5)).toBe('');
  });

  it('cuts at a word boundary and adds an ellipsis, within the limit', () => {
    const text = 'Mohon segera ditindaklanjuti laporan mengenai tunjangan kinerja yang belum dibayarkan';
    const out = shorten(text, 40);
    expect(out).toBe('Mohon segera ditindaklanjuti laporan…');
    expect(out.length).toBeLessThanOrEqual(40);
  });

  it('drops trailing punctuation before the ellipsis', () => {
    expect(shorten('Satu, dua, tiga, empat, lima', 12)).toBe('Satu, dua…');
  });

  it('hard-cuts a single long word without splitting an emoji', () => {
    expect(shorten('a'.repeat(50), 10)).toBe(`${'a'.repeat(9)}…`);
    const out = shorten(`${'a'.repeat(8)}😀bcd`, 10);
    expect(out).toBe(`${'a'.repeat(8)}…`);
    expect(out.length).toBeLessThanOrEqual(10);
  });

  it('never leaves half a placeholder', () => {
    expect(shorten(`${'x'.repeat(20)}[TELEPON] segera`, 25)).toBe(`${'x'.repeat(20)}…`);
    expect(shorten('Hubungi pelapor di nomor[TELEPON] segera', 30)).toBe('Hubungi pelapor di…');
  });

  it('handles tiny and odd limits', () => {
    expect(shorten('abcdef', 1)).toBe('…');
    expect(shorten('abcdef', 0)).toBe('');
    expect(shorten('abcdef', -3)).toBe('');
    expect(shorten('abcdef', Number.NaN)).toBe('abcdef');
  });

  it('keeps every result within the limit', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), fc.integer({ min: 0, max: 320 }), (s, max) => {
        const out = shorten(s, max);
        expect(out.length).toBeLessThanOrEqual(Math.max(max, 0));
        if (s.length <= max) expect(out).toBe(s);
      }),
    );
  });
});

/** Fragments that exercise every rule, for random texts that actually hit the patterns. */
const FRAGMENTS = [
  'nama saya ', 'Saya, ', 'Saya Ibu ', 'saya ', 'atas nama ', 'a.n. ', 'Alm. ', 'Hormat saya,\n', 'bernama ',
  'Budi', 'Santoso', 'SITI', 'dimas', 'Kementerian', 'NIK ', 'NIK: ', 'No. KK ', 'NIP ', 'NISN ', 'NPWP ',
  'rekening ', 'no. rek ', 'HP ', 'WA: ', 'telp. ', 'Jl. ', 'Jalan ', 'Gg. ', 'Perum ', 'Blok ', 'No. ', 'RT ', 'RW ',
  '/', 'Kel. ', 'Kec. ', 'Alamat: ', 'tinggal di ', '3174', '0512', '3456', '0001', '0812', '+62', '62', '(021)',
  '1985031220100110', '05', '2025', '1.500.000', 'Rp ', '#', '@', 'gmail.com', '.', ',', '-', ' ', '\n', '[', ']',
  '[NAMA]', '[TELEPON]', 'NAMA]', '(at)', 'wa.me/', '😀', 'é', '\u00A0', 'x',
];
const soup = fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 40 }).map((parts) => parts.join(''));
const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  soup,
  fc.tuple(soup, fc.string({ unit: 'grapheme-ascii', maxLength: 20 }), soup).map((t) => t.join('')),
);

const count = (haystack: string, needle: string): number => haystack.split(needle).length - 1;

describe('robustness', () => {
  it('never throws and is idempotent on random text', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const once = maskPii(text);
        expect(typeof once.text).toBe('string');
        expect(maskPii(once.text).text).toBe(once.text);
      }),
      { numRuns: 1500 },
    );
  });

  it('never throws and is idempotent with random known names', () => {
    const names = fc.array(fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('Budi Santoso', 'Nama', 'Siti [NAMA]')), {
      maxLength: 5,
    });
    fc.assert(
      fc.property(anyText, names, (text, knownNames) => {
        const once = mask(text, { knownNames });
        expect(mask(once, { knownNames })).toBe(once);
      }),
      { numRuns: 500 },
    );
  });

  it('removes a NIK, phone or e-mail wherever it is embedded', () => {
    const pii = fc.constantFrom('3174051234560001', '3174 0512 3456 0001', '0812-3456-7890', '+6281234567890', 'budi.s@gmail.com');
    fc.assert(
      fc.property(soup, pii, soup, (before, value, after) => {
        // The soup may spell the same digits inside a longer number, so compare counts, not presence.
        const text = `${before} ${value} ${after}`;
        expect(count(mask(text), value)).toBeLessThan(count(text, value));
      }),
      { numRuns: 500 },
    );
  });

  it('returns on 1 MB adversarial inputs', () => {
    const MB = 1_000_000;
    const fill = (unit: string): string => unit.repeat(Math.ceil(MB / unit.length)).slice(0, MB);
    const inputs = [
      '1', '0812 ', '1.', 'a@', 'a.', 'a', 'Budi ', 'nama saya ', 'saya, Budi ', 'Jl. ', 'Jl. A No. 1 RT 1 RW 2, ',
      'rekening abc ', 'NIK x', 'a.n. ', '+62 ', '[NAMA]', '😀👍🏽 ', '\uD800',
    ].map(fill);
    for (const input of inputs) {
      const out = maskPii(input, { knownNames: ['Budi Santoso'] });
      expect(typeof out.text).toBe('string');
    }
  });

  it('copes with non-string input from untyped callers', () => {
    for (const bad of [undefined, null, 42, { toString: () => 'NIK 3174051234560001' }]) {
      expect(() => maskPii(bad as unknown as string)).not.toThrow();
    }
    expect(mask(null as unknown as string)).toBe('');
    expect(mask({ toString: () => 'HP 081234567890' } as unknown as string)).toBe('HP [TELEPON]');
    expect(maskPii('x', { knownNames: 'Budi' as unknown as string[] }).text).toBe('x');
  });

  it('fails closed when the input cannot even be read', () => {
    const hostile = {
      toString(): string {
        throw new Error('boom');
      },
    };
    expect(maskPii(hostile as unknown as string)).toEqual({ text: '[TEKS DISEMBUNYIKAN]', found: [] });
  });
});
