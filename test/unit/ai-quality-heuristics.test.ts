import { describe, expect, it } from 'vitest';
import { heuristicIssues } from '../../src/ai/quality/heuristics.js';

const REPORT = 'Pencairan tabungan hari tua Taspen ayah saya tertunda dua bulan padahal SK pensiun sudah terbit. Kapan dana dicairkan?';
const issues = (answer: string, names: string[] = ['Sutrisno']) => heuristicIssues(answer, REPORT, names);

describe('answer-quality heuristics', () => {
  it('passes a substantive, polite answer on topic', () => {
    expect(issues('Dana tabungan hari tua ayah Bapak/Ibu sudah kami cek: SK pensiun diterima Taspen tanggal 3 Maret dan pencairan dijadwalkan 17 Maret ke rekening yang terdaftar. Bila belum masuk, silakan bawa SK ke kantor cabang Taspen.')).toEqual([]);
  });

  it.each([
    'Terima kasih atas laporan Anda, sedang kami proses.',
    'Laporan sudah kami terima dan akan kami teruskan ke unit terkait. Mohon ditunggu.',
    'Terima kasih, laporan Bapak/Ibu sedang kami koordinasikan dengan pihak terkait dan akan segera kami tindaklanjuti.',
  ])('flags an acknowledgement in disguise: %s', (answer) => {
    expect(issues(answer)).toEqual(['only_ack']);
  });

  it('flags an answer about something else', () => {
    expect(issues('Pengumuman hasil seleksi PPPK guru tahap dua dapat dilihat di laman SSCASN mulai tanggal 20 sesuai jadwal seleksi kompetensi.')).toEqual(['off_topic']);
  });

  it('flags impolite words', () => {
    expect(issues('Makanya baca dulu pengumumannya, SK pensiun dan jadwal pencairan Taspen sudah jelas tertulis.')).toEqual(['impolite']);
  });

  it('flags personal data, including the reporter’s name from the registry', () => {
    expect(issues('Pencairan Taspen untuk Bapak Sutrisno dijadwalkan 17 Maret; SK pensiun sudah diterima kantor cabang.')).toEqual(['personal_data']);
    expect(issues('Pencairan Taspen dijadwalkan 17 Maret; hubungi 0812-3456-7890 bila SK pensiun belum diterima.', [])).toEqual(['personal_data']);
  });
});
