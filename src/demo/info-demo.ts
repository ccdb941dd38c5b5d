/**
 * Demo data for information requests, added once to the demo agency (after `seedDemo`): a
 * live-chat desk for Fajar the operator (console chat `grup-livechat`), PICs for every demo unit,
 * and a few answered questions so `/cari` finds something. Replayed through the real services
 * with a clock that walks forward; their messages count as already delivered.
 */
import { FakeClock } from '../lib/clock.js';
import { answerInfo } from '../info/answer.js';
import { closeInfo } from '../info/close.js';
import { addPic } from '../info/pic-directory.js';
import type { ActorRef, Grant, ServiceContext } from '../services/context.js';
import { addUnit } from '../services/directory/agency-and-units.js';
import { bindChat } from '../services/directory/chats.js';
import { grantRole } from '../services/directory/people-and-roles.js';
import { askInfo } from '../info/ask.js';
import { DEMO_AGENCY } from './demo-data.js';

export const DEMO_LIVECHAT = { unit: 'DEMO-LAYANAN', name: 'Tim Layanan Informasi / Live Chat (DEMO)', chat: 'grup-livechat', title: 'Grup Operator Live Chat (DEMO)' };

/** PICs per demo unit: [unit, person, topic, office hours]. */
export const DEMO_PICS: readonly [string, string, string | null, string][] = [
  ['DEMO-DIT-PENGADAAN', 'Budi Pengadaan (DEMO)', 'CPNS/PPPK', 'Sen-Jum 08.00-16.00 WIB'],
  ['DEMO-DIT-PENGADAAN', 'Citra Pengadaan (DEMO)', null, 'Sen-Kam 08.00-15.00 WIB'],
  ['DEMO-DIT-PENSIUN', 'Dedi Pensiun (DEMO)', 'Pensiun', 'Sen-Jum 08.00-16.00 WIB'],
  ['DEMO-PUSDATIN', 'Eka Pusdatin (DEMO)', 'LAPOR! teknis', 'Sen-Jum 07.30-16.00 WIB'],
  ['DEMO-BIRO-SDM', 'Sari SDM (DEMO)', 'Mutasi ASN', 'Sen-Jum 08.00-16.00 WIB'],
];

/** Answered questions for the knowledge base: [days ago, unit, topic, question, PIC, answer]. */
const DEMO_QA: readonly [number, string, string | null, string, string, string][] = [
  [12, 'DEMO-DIT-PENGADAAN', 'CPNS/PPPK', 'Bagaimana cara mendaftar PPPK bagi tenaga honorer?', 'Budi Pengadaan (DEMO)', 'Pendaftaran PPPK dilakukan di portal SSCASN: buat akun dengan NIK, pilih formasi, unggah dokumen, lalu cetak kartu pendaftaran.'],
  [9, 'DEMO-PUSDATIN', 'LAPOR! teknis', 'Akun LAPOR! terkunci setelah salah memasukkan kata sandi, bagaimana membukanya?', 'Eka Pusdatin (DEMO)', 'Akun terbuka otomatis setelah 30 menit. Bila lupa kata sandi, gunakan menu Lupa Kata Sandi di halaman masuk.'],
  [6, 'DEMO-DIT-PENSIUN', 'Pensiun', 'Berapa lama proses pencairan pensiun janda setelah berkas lengkap?', 'Dedi Pensiun (DEMO)', 'Paling lama 14 hari kerja setelah berkas lengkap diterima; status dapat dipantau di aplikasi layanan pensiun.'],
  [3, 'DEMO-BIRO-SDM', 'Mutasi ASN', 'Apa saja syarat pengajuan mutasi antarinstansi?', 'Sari SDM (DEMO)', 'Surat lolos butuh dari instansi tujuan, surat persetujuan melepas dari instansi asal, SK pangkat terakhir dan penilaian kinerja dua tahun terakhir.'],
];

const HOUR = 3_600_000;

async function actorOf(ctx: ServiceContext, agencyId: string, name: string): Promise<ActorRef> {
  const person = await ctx.db.person.findFirstOrThrow({ where: { agencyId, name } });
  const rows = await ctx.db.roleAssignment.findMany({ where: { personId: person.id, state: 'APPROVED' } });
  const roles: Grant[] = rows.map((r) => ({ role: r.role, agencyId: r.agencyId, unitId: r.unitId }));
  return { personId: person.id, label: person.name, source: 'console', roles };
}

export interface InfoSeedResult {
  seeded: boolean;
  pics: number;
  requests: number;
}

/** Add the information-request demo to the demo agency once; a no-op without it or when done. */
export async function seedInfoDemo(base: ServiceContext): Promise<InfoSeedResult> {
  const agency = await base.db.agency.findUnique({ where: { code: DEMO_AGENCY.code } });
  if (!agency || (await base.db.unit.findUnique({ where: { code: DEMO_LIVECHAT.unit } }))) return { seeded: false, pics: 0, requests: 0 };
  const realNow = base.clock.now();
  const clock = new FakeClock(realNow);
  const ctx: ServiceContext = { ...base, clock };
  const system: ActorRef = { personId: null, label: 'Data demo', source: 'system' };

  const desk = await addUnit(ctx, system, { agencyId: agency.id, code: DEMO_LIVECHAT.unit, name: DEMO_LIVECHAT.name });
  await bindChat(ctx, system, { platform: 'console', externalId: DEMO_LIVECHAT.chat, agencyId: agency.id, unitId: desk.id, title: DEMO_LIVECHAT.title });
  const fajar = await ctx.db.person.findFirstOrThrow({ where: { agencyId: agency.id, name: 'Fajar Operator (DEMO)' } });
  await grantRole(ctx, system, { personId: fajar.id, role: 'operator', unitCode: DEMO_LIVECHAT.unit });
  for (const [unitCode, person, topic, hours] of DEMO_PICS) {
    const p = await ctx.db.person.findFirstOrThrow({ where: { agencyId: agency.id, name: person } });
    await addPic(ctx, system, { agencyId: agency.id, unitCode, personRef: p.id, topic, officeHours: hours });
  }

  const operator = await actorOf(ctx, agency.id, 'Fajar Operator (DEMO)');
  for (const [daysAgo, unitCode, topic, question, picName, answer] of DEMO_QA) {
    clock.set(new Date(realNow.getTime() - daysAgo * 24 * HOUR));
    const unit = await ctx.db.unit.findUniqueOrThrow({ where: { code: unitCode } });
    const { request } = await askInfo(ctx, operator, { agencyId: agency.id, unitId: unit.id, topic, question, origin: { platform: 'console', chatId: DEMO_LIVECHAT.chat } });
    clock.advance(HOUR);
    await answerInfo(ctx, await actorOf(ctx, agency.id, picName), { trackingId: request.trackingId, text: answer });
    clock.advance(HOUR);
    await closeInfo(ctx, operator, { trackingId: request.trackingId });
  }
  // These happened "before" the bot ran: their messages count as delivered.
  await ctx.db.outbox.updateMany({ where: { status: 'PENDING', dedupeKey: { startsWith: 'ir:' } }, data: { status: 'SENT', sentAt: realNow } });
  return { seeded: true, pics: DEMO_PICS.length, requests: DEMO_QA.length };
}
