/**
 * A fixture month for the monthly SP4N indicators (March 2026, WIB) on the world's agency BKN,
 * written row by row with hand-set timestamps so every expected figure can be worked out by hand
 * (the tests write them down). M1–M12 are received in March; X1–X7 around it; KEMENPAN has O1
 * (March) and O2 (January, still unverified); KOSONG has no report at all. Groups: SIMPUL = BKN +
 * KEMENPAN.
 *
 *  id   received (WIB)  channel    status  verified  disposed        1st response     follow-up (last)  closed   topic     reporter
 *  M1   03-02 08:00     website    S       03-02     03-03           03-04            03-06             03-06    PPPK      0812-1111-1111 L, replied, 4.00/5.00
 *  M2   03-03 23:30     sms        S       03-04     03-04           03-05            03-10 (1st 03-07) 03-10    "pppk "   +62 812-1111-1111 L (= M1), 2.50/3.00
 *  M3   03-05 09:00     telepon    P       03-05     03-05           03-09            –                 –        Mutasi    Sari@Mail.com P disabled, replied
 *  M4   03-10 09:00     langsung   BD      03-11     03-12           –                –                 –        Mutasi    " sari@mail.com " P (= M3)
 *  M5   03-12 09:00     (none)     BT      –         –               –                –                 –        (none)    no contact, P
 *  M6   03-15 09:00     "WEBSITE " Tunda   03-16     –               –                –                 –        Pensiun   0813-2222-2222, no gender, vulnerable
 *  M7   03-20 09:00     website    Arsip   –         –               –                –                 –        PPPK      no reporter row
 *  M8   03-23 09:00     website    BD      03-23     03-26 (1st 03-23) history 03-24  –                 –        PPPK      0814-3333-3333 L disabled (bounced once)
 *  M9   03-25 09:00     sms        S       –         –               –                –                 –        Pensiun   0815-4444-4444 P, 5.00 (import without timestamps)
 *  M10  03-31 23:59     telepon    P       04-01     04-01           04-02            04-03             –        Mutasi    budi@x.id L
 *  M11  03-18 09:00     website    S       03-18     03-18           03-19            04-06             04-06    PPPK      0816-5555-5555 P, 3.00/4.00 (resolved in April)
 *  M12  03-27 09:00     langsung   S       03-27     03-27           03-26 (!)        03-26 (!)         03-28    Pensiun   0817-6666-6666 L (bad import: response before receipt)
 *  X1   02-28 23:00 S · X2 04-01 00:05 BT · X3 01-15 P · X4 01-30 BD · X5 01-29 Tunda · X6 01-10 S · X7 01-05 Arsip
 */
import { systemActor } from '../../src/services/context.js';
import { addAgency } from '../../src/services/directory/agency-and-units.js';
import type { ReportStatus } from '../../src/domain/types.js';
import type { World } from './world.js';

/** WIB wall time in 2026: at('03-02 08:00'). */
export const at = (s: string): Date => new Date(`2026-${s.slice(0, 5)}T${s.slice(6)}:00+07:00`);

interface Row {
  t: string;
  received: string;
  status: ReportStatus;
  channel?: string;
  topic?: string;
  unit?: 'A' | 'B';
  verified?: string;
  disposed?: string;
  response?: string;
  followUp?: string;
  closed?: string;
  rating?: string;
  accuracy?: string;
  replied?: boolean;
  bounces?: number;
  reporter?: { contact?: string | null; gender?: string | null; disability?: boolean; vulnerable?: boolean } | null;
  events?: { action: string; at: string }[];
}

const BKN_ROWS: Row[] = [
  { t: 'M1', received: '03-02 08:00', status: 'SELESAI', channel: 'website', topic: 'PPPK', unit: 'A', verified: '03-02 10:00', disposed: '03-03 09:00', response: '03-04 09:00', followUp: '03-06 10:00', closed: '03-06 10:00', rating: '4.00', accuracy: '5.00', replied: true, reporter: { contact: '0812-1111-1111', gender: 'L' } },
  { t: 'M2', received: '03-03 23:30', status: 'SELESAI', channel: 'sms', topic: 'pppk ', unit: 'A', verified: '03-04 08:00', disposed: '03-04 08:00', response: '03-05 08:00', followUp: '03-10 08:00', closed: '03-10 09:00', rating: '2.50', accuracy: '3.00', reporter: { contact: '+62 812-1111-1111', gender: 'L' },
    events: [{ action: 'disposed', at: '03-04 08:00' }, { action: 'responded', at: '03-05 08:00' }, { action: 'followed_up', at: '03-07 08:00' }, { action: 'closed', at: '03-10 09:00' }] },
  { t: 'M3', received: '03-05 09:00', status: 'PROSES', channel: 'telepon', topic: 'Mutasi', unit: 'B', verified: '03-05 10:00', disposed: '03-05 10:00', response: '03-09 09:00', replied: true, reporter: { contact: 'Sari@Mail.com', gender: 'P', disability: true } },
  { t: 'M4', received: '03-10 09:00', status: 'BELUM_DITINDAKLANJUTI', channel: 'langsung', topic: 'Mutasi', unit: 'A', verified: '03-11 09:00', disposed: '03-12 09:00', reporter: { contact: ' sari@mail.com ', gender: 'P' } },
  { t: 'M5', received: '03-12 09:00', status: 'BELUM_TERVERIFIKASI', reporter: { contact: null, gender: 'P' } },
  { t: 'M6', received: '03-15 09:00', status: 'TUNDA', channel: 'WEBSITE ', topic: 'Pensiun', verified: '03-16 09:00', reporter: { contact: '0813-2222-2222', vulnerable: true } },
  { t: 'M7', received: '03-20 09:00', status: 'ARSIP', channel: 'website', topic: 'PPPK', reporter: null },
  { t: 'M8', received: '03-23 09:00', status: 'BELUM_DITINDAKLANJUTI', channel: 'website', topic: 'PPPK', unit: 'B', verified: '03-23 10:00', disposed: '03-26 09:00', bounces: 1, reporter: { contact: '0814-3333-3333', gender: 'L', disability: true },
    events: [{ action: 'disposed', at: '03-23 10:00' }, { action: 'responded', at: '03-24 09:00' }, { action: 'bounced', at: '03-25 09:00' }, { action: 'disposed', at: '03-26 09:00' }] },
  { t: 'M9', received: '03-25 09:00', status: 'SELESAI', channel: 'sms', topic: 'Pensiun', unit: 'A', rating: '5.00', reporter: { contact: '0815-4444-4444', gender: 'P' } },
  { t: 'M10', received: '03-31 23:59', status: 'PROSES', channel: 'telepon', topic: 'Mutasi', unit: 'A', verified: '04-01 08:00', disposed: '04-01 08:00', response: '04-02 09:00', followUp: '04-03 09:00', reporter: { contact: 'budi@x.id', gender: 'L' } },
  { t: 'M11', received: '03-18 09:00', status: 'SELESAI', channel: 'website', topic: 'PPPK', unit: 'B', verified: '03-18 10:00', disposed: '03-18 10:00', response: '03-19 09:00', followUp: '04-06 09:00', closed: '04-06 09:00', rating: '3.00', accuracy: '4.00', reporter: { contact: '0816-5555-5555', gender: 'P' } },
  { t: 'M12', received: '03-27 09:00', status: 'SELESAI', channel: 'langsung', topic: 'Pensiun', unit: 'B', verified: '03-27 10:00', disposed: '03-27 10:00', response: '03-26 09:00', followUp: '03-26 09:00', closed: '03-28 09:00', reporter: { contact: '0817-6666-6666', gender: 'L' } },
  // Around the month.
  { t: 'X1', received: '02-28 23:00', status: 'SELESAI', channel: 'website', topic: 'PPPK', unit: 'A', verified: '03-01 08:00', disposed: '03-01 08:00', response: '03-02 08:00', followUp: '03-02 08:00', closed: '03-02 08:00' },
  { t: 'X2', received: '04-01 00:05', status: 'BELUM_TERVERIFIKASI', channel: 'website', topic: 'PPPK' },
  { t: 'X3', received: '01-15 09:00', status: 'PROSES', unit: 'A', verified: '01-15 10:00', disposed: '01-15 10:00', response: '01-16 09:00' },
  { t: 'X4', received: '01-30 09:00', status: 'BELUM_DITINDAKLANJUTI', unit: 'A', verified: '01-30 10:00', disposed: '01-30 10:00' },
  { t: 'X5', received: '01-29 09:00', status: 'TUNDA', verified: '01-29 10:00' },
  { t: 'X6', received: '01-10 09:00', status: 'SELESAI', unit: 'B', verified: '01-10 10:00', disposed: '01-10 10:00', response: '01-11 09:00', followUp: '01-12 09:00', closed: '01-12 09:00' },
  { t: 'X7', received: '01-05 09:00', status: 'ARSIP' },
];

const OTHER_ROWS: Row[] = [
  { t: 'O1', received: '03-05 09:00', status: 'SELESAI', channel: 'sms', topic: 'Mutasi', verified: '03-05 10:00', disposed: '03-05 10:00', response: '03-06 09:00', followUp: '03-08 09:00', closed: '03-08 09:00', rating: '4.50', reporter: { contact: '0812-1111-1111', gender: 'L' } },
  { t: 'O2', received: '01-02 09:00', status: 'BELUM_TERVERIFIKASI' },
];

export interface MonthlyWorld {
  otherAgencyId: string;
  emptyAgencyId: string;
  groupId: string;
}

async function insert(w: World, agencyId: string, rows: Row[], units: Record<'A' | 'B', string> | null): Promise<void> {
  const d = (s?: string): Date | null => (s ? at(s) : null);
  for (const r of rows) {
    const report = await w.ctx.db.report.create({
      data: {
        agencyId, trackingId: r.t, title: `Laporan ${r.t}`, body: 'Isi laporan', category: 'normatif', status: r.status,
        channel: r.channel ?? null, topic: r.topic ?? null, unitId: r.unit && units ? units[r.unit] : null,
        receivedAt: at(r.received), verifiedAt: d(r.verified), disposedAt: d(r.disposed), firstResponseAt: d(r.response),
        followUpAt: d(r.followUp), closedAt: d(r.closed), rating: r.rating ?? null, ratingAccuracy: r.accuracy ?? null,
        reporterReplied: r.replied ?? false, bounceCount: r.bounces ?? 0,
        reporter: r.reporter ? { create: { name: 'Wulan Sekar', contact: r.reporter.contact ?? null, gender: r.reporter.gender ?? null, disability: r.reporter.disability ?? false, vulnerable: r.reporter.vulnerable ?? false } } : undefined,
      },
    });
    if (r.events) {
      await w.ctx.db.reportEvent.createMany({ data: r.events.map((e) => ({ reportId: report.id, actorLabel: 'Ani Admin', action: e.action, source: 'telegram', at: at(e.at) })) });
    }
  }
}

export async function buildMonthlyScenario(w: World): Promise<MonthlyWorld> {
  const sys = systemActor('system');
  await insert(w, w.agencyId, BKN_ROWS, { A: w.units.A.id, B: w.units.B.id });
  const other = await addAgency(w.ctx, sys, { code: 'KEMENPAN', name: 'Kementerian PANRB' });
  await insert(w, other.id, OTHER_ROWS, null);
  const empty = await addAgency(w.ctx, sys, { code: 'KOSONG', name: 'Instansi Tanpa Laporan' });
  const group = await w.ctx.db.agencyGroup.create({
    data: { code: 'SIMPUL', name: 'Simpul Uji', kind: 'sektor', members: { create: [{ agencyId: w.agencyId }, { agencyId: other.id }] } },
  });
  return { otherAgencyId: other.id, emptyAgencyId: empty.id, groupId: group.id };
}
