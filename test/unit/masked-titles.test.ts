import { describe, expect, it } from 'vitest';
import { groupTitle } from '../../src/messages/report-post.js';
import { maskedTitle, storedTitleMask, titleMaskFingerprint } from '../../src/scheduler/jobs/masked-titles.js';
import { PII_CORPUS } from '../fixtures/pii-corpus.js';

describe('maskedTitle (the digests\' cheaper, cached groupTitle)', () => {
  const cases: [string, string | null][] = [
    ['Pengaduan Rina Kartika soal seleksi PPPK', 'Rina Kartika'],
    ['PENGADUAN RINA KARTIKA SOAL PPPK', 'Rina Kartika'],
    ['Sanggah kartika: hasil SKD', 'Rina Kartika'],
    ['Keluhan pelayanan puskesmas', 'Rina Kartika'],
    ['Dr. Budi Santoso, M.Si. minta SK', 'Dr. Budi Santoso, M.Si.'],
    ['Permohonan Al tentang pensiun', 'Al'],
    ["Surat Ma'ruf Amin belum dibalas", "Ma'ruf Amin"],
    ['Laporan Ñoño tentang mutasi', 'Ñoño Pérez'],
    ['Hubungi 0812-3456-7890 segera', null],
    ['Tanpa data pribadi', 'Siti'],
  ];
  it.each(cases)('%s (name %s) equals groupTitle', (title, name) => {
    expect(maskedTitle(title, name)).toBe(groupTitle({ title, reporterName: name }));
  });

  it('equals groupTitle on the PII corpus (texts as titles, with and without the reporter\'s name)', () => {
    for (const row of PII_CORPUS) {
      const title = row.text.slice(0, 180);
      for (const name of [row.knownNames?.[0] ?? null, 'Rizky Pratama', 'Rina Marlina']) {
        expect(maskedTitle(title, name)).toBe(groupTitle({ title, reporterName: name }));
      }
    }
  });

  it('a changed title is masked afresh, not served from the cache', () => {
    expect(maskedTitle('Keluhan Rina Kartika', 'Rina Kartika')).not.toContain('Rina');
    expect(maskedTitle('Keluhan Dedi', 'Dedi Mulyadi')).not.toContain('Dedi');
  });

  it('the stored mask is groupTitle, with a fingerprint of exactly the title and name it was made from', () => {
    const title = 'Pengaduan Rina Kartika soal seleksi PPPK';
    expect(storedTitleMask(title, 'Rina Kartika')).toEqual({ titleMasked: groupTitle({ title, reporterName: 'Rina Kartika' }), titleMaskedFrom: titleMaskFingerprint(title, 'Rina Kartika') });
    expect(titleMaskFingerprint(title, 'Rina Kartika')).toMatch(/^[0-9a-f]{32}$/);
    const others = [titleMaskFingerprint(`${title}.`, 'Rina Kartika'), titleMaskFingerprint(title, 'Rina'), titleMaskFingerprint(title, null), titleMaskFingerprint(title, '')];
    for (const f of others.slice(0, 3)) expect(f).not.toBe(titleMaskFingerprint(title, 'Rina Kartika'));
    // No name and an empty name mask the same way, so they may share a fingerprint.
    expect(others[3]).toBe(others[2]);
  });
});
