/** The knowledge base: PostgreSQL full-text search over normalised Indonesian Q&A, ranked. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { askInfo } from '../../src/info/ask.js';
import { answerInfo } from '../../src/info/answer.js';
import { searchKnowledge } from '../../src/info/search.js';
import { systemActor } from '../../src/services/context.js';
import { addAgency, addUnit } from '../../src/services/directory/agency-and-units.js';
import { addPerson, grantRole } from '../../src/services/directory/people-and-roles.js';
import { createTestDb, type TestDb } from '../helpers/test-db.js';
import { chatCore, say, TG } from '../helpers/chat.js';
import { buildWorld, type World } from '../helpers/world.js';

/** [unit, question, answer] */
const CORPUS: readonly ['A' | 'B', string, string][] = [
  ['A', 'Bagaimana cara mendaftar PPPK bagi tenaga honorer?', 'Pendaftaran dilakukan melalui portal SSCASN dengan akun NIK.'],
  ['A', 'Kapan pengumuman hasil seleksi administrasi CPNS?', 'Pengumuman hasil seleksi administrasi dijadwalkan 20 Maret.'],
  ['A', 'Berapa batas usia pelamar CPNS?', 'Batas usia 35 tahun saat pelamaran.'],
  ['A', 'Bagaimana cara mencetak ulang kartu ujian SKD?', 'Cetak ulang kartu ujian melalui menu Cetak Kartu di SSCASN.'],
  ['A', 'Apakah lulusan D3 bisa melamar formasi analis?', 'Formasi analis mensyaratkan minimal S1.'],
  ['A', 'Bagaimana mengajukan sanggah hasil seleksi administrasi?', 'Sanggahan diajukan tiga hari setelah pengumuman melalui akun SSCASN.'],
  ['B', 'Berapa lama pencairan pensiun janda?', 'Pencairan paling lama 14 hari kerja setelah berkas lengkap.'],
  ['B', 'Apa syarat pengajuan pensiun dini?', 'Pensiun dini dapat diajukan dengan usia minimal 50 tahun dan masa kerja 20 tahun.'],
  ['B', 'Mengapa gaji pensiun bulan ini turun?', 'Penurunan karena potongan iuran kesehatan yang disesuaikan.'],
  ['B', 'Bagaimana cara mengubah rekening penerima pensiun?', 'Perubahan rekening diajukan ke kantor bayar dengan buku tabungan baru.'],
  ['B', 'Apakah tabungan hari tua bisa dicairkan sebelum pensiun?', 'Tabungan hari tua hanya dicairkan saat pensiun atau berhenti bekerja.'],
  ['A', 'Akun SSCASN saya terkunci, bagaimana membukanya?', 'Akun terbuka otomatis setelah 30 menit.'],
  ['A', 'Saya lupa kata sandi akun SSCASN.', 'Gunakan menu Lupa Kata Sandi; tautan dikirim ke email terdaftar.'],
  ['B', 'Bagaimana mengurus kenaikan pangkat pengabdian menjelang pensiun?', 'Usulan kenaikan pangkat pengabdian diajukan enam bulan sebelum pensiun.'],
  ['A', 'Apakah peserta PPPK bisa pindah lokasi penempatan?', 'Perpindahan lokasi penempatan dapat diusulkan setelah dua tahun masa kerja.'],
  ['A', 'Kapan jadwal ujian SKB untuk formasi guru?', 'Jadwal SKB guru diumumkan panitia seleksi nasional pekan depan.'],
  ['B', 'Bagaimana melaporkan kematian penerima pensiun?', 'Laporkan ke kantor bayar dengan akta kematian untuk pengalihan ke ahli waris.'],
];

let db: TestDb;
let w: World;
const ids: string[] = [];
beforeAll(async () => {
  db = await createTestDb();
  w = await buildWorld(db);
  for (const [unit, q, a] of CORPUS) {
    const { request } = await askInfo(w.ctx, w.people.oscar, { agencyId: w.agencyId, unitId: w.units[unit].id, question: q, origin: { platform: 'telegram', chatId: w.chats.A } });
    await answerInfo(w.ctx, w.people.admin, { trackingId: request.trackingId, text: a });
    ids.push(request.trackingId);
    w.clock.advance(60_000);
  }
  // Not in the knowledge base: an unanswered question, and another agency's answer.
  await askInfo(w.ctx, w.people.oscar, { agencyId: w.agencyId, unitId: w.units.A.id, question: 'Bagaimana daftar ulang PPPK tahap dua?', origin: { platform: 'telegram', chatId: w.chats.A } });
  const sys = systemActor('system');
  const other = await addAgency(w.ctx, sys, { code: 'LAIN', name: 'Instansi Lain' });
  const unit = await addUnit(w.ctx, sys, { agencyId: other.id, code: 'LAIN-SDM', name: 'SDM' });
  const op = await addPerson(w.ctx, sys, { name: 'Op Lain', agencyId: other.id, telegramId: '7001' });
  const g = await grantRole(w.ctx, sys, { personId: op.id, role: 'operator', unitCode: unit.code });
  const { request } = await askInfo(w.ctx, { personId: op.id, label: 'Op Lain', source: 'telegram', roles: [{ role: g.role, agencyId: g.agencyId, unitId: g.unitId }] }, { agencyId: other.id, unitId: unit.id, question: 'Cara mendaftar PPPK di instansi lain?', origin: { platform: 'telegram', chatId: '7001' } });
  await answerInfo(w.ctx, sys, { trackingId: request.trackingId, text: 'Pendaftaran lewat SSCASN.' });
}, 120_000);
afterAll(() => db.close());

const top = async (query: string): Promise<string[]> => (await searchKnowledge(w.ctx.db, { agencyId: w.agencyId, query })).map((h) => h.trackingId);
const idOf = (question: string): string => ids[CORPUS.findIndex((c) => c[1] === question)]!;

describe('searching answered questions', () => {
  it.each([
    ['mendaftar', 'Bagaimana cara mendaftar PPPK bagi tenaga honorer?'],
    ['pendaftaran', 'Bagaimana cara mendaftar PPPK bagi tenaga honorer?'],
    ['daftar PPPK', 'Bagaimana cara mendaftar PPPK bagi tenaga honorer?'],
    ['pencairan pensiun janda', 'Berapa lama pencairan pensiun janda?'],
    ['akun terkunci', 'Akun SSCASN saya terkunci, bagaimana membukanya?'],
    ['lupa kata sandi', 'Saya lupa kata sandi akun SSCASN.'],
    ['cetak kartu ujian', 'Bagaimana cara mencetak ulang kartu ujian SKD?'],
    ['sanggahan', 'Bagaimana mengajukan sanggah hasil seleksi administrasi?'],
    ['diumumkan hasil seleksi', 'Kapan pengumuman hasil seleksi administrasi CPNS?'],
    ['kenaikan pangkat', 'Bagaimana mengurus kenaikan pangkat pengabdian menjelang pensiun?'],
    ['penempatan pindah', 'Apakah peserta PPPK bisa pindah lokasi penempatan?'],
    ['ubah rekening', 'Bagaimana cara mengubah rekening penerima pensiun?'],
  ])('"%s" ranks "%s" first', async (query, expected) => {
    expect((await top(query))[0]).toBe(idOf(expected));
  });

  it('returns at most five hits, only answered ones, only of this agency', async () => {
    const hits = await searchKnowledge(w.ctx.db, { agencyId: w.agencyId, query: 'pensiun PPPK CPNS SSCASN' });
    expect(hits).toHaveLength(5);
    const all = await searchKnowledge(w.ctx.db, { agencyId: w.agencyId, query: 'daftar', limit: 20 });
    // "terdaftar" in an answer is the same root: ranked below the question that asks about it.
    expect(all.map((h) => h.question)).toEqual(['Bagaimana cara mendaftar PPPK bagi tenaga honorer?', 'Saya lupa kata sandi akun SSCASN.']);
  });

  it('finds nothing for unknown words and refuses a query of stopwords only', async () => {
    expect(await top('helikopter')).toEqual([]);
    await expect(searchKnowledge(w.ctx.db, { agencyId: w.agencyId, query: 'apakah yang dan' })).rejects.toMatchObject({ code: 'INVALID_ARGS' });
  });

  it('never indexes personal data', async () => {
    const { request } = await askInfo(w.ctx, w.people.oscar, { agencyId: w.agencyId, unitId: w.units.B.id, question: 'Nama saya Rina Kartika, HP 0812-3456-7890: status pensiun ayah saya?', origin: { platform: 'telegram', chatId: w.chats.A } });
    const m = await db.prisma.infoRequestMessage.findFirstOrThrow({ where: { requestId: request.id } });
    expect(m.searchText).not.toMatch(/rina|kartika|0812|3456|7890/);
    expect(m.searchText).toContain('pensiun');
  });
});

describe('/cari', () => {
  it('shows question, answer, unit and date of the best hits', async () => {
    const core = chatCore(w);
    const r = (await say(core, w, TG.oscar, w.chats.A, '/cari mendaftar PPPK')).replies[0]!;
    expect(r).toMatch(new RegExp(`^🔎 Jawaban tersimpan untuk "mendaftar PPPK":\\n\\n1\\. BKN-PENGADAAN · Sen, 2 Mar 2026 · ${idOf(CORPUS[0]![1])}\\nT: Bagaimana cara mendaftar PPPK bagi tenaga honorer\\?\\nJ: Pendaftaran dilakukan melalui portal SSCASN dengan akun NIK\\. — Ani Admin`));
    expect((await say(core, w, TG.oscar, w.chats.A, '/search helikopter')).replies[0]).toMatch(/Belum ada jawaban tersimpan untuk "helikopter"/);
    expect((await say(core, w, TG.stranger, w.chats.A, '/cari pensiun')).replies[0]).toMatch(/belum terdaftar/);
  });
});
