/**
 * A fortnight of reports for the recap tests, driven through the real services on the world's
 * agency (buildWorld), with the clock moved action by action. Week of 2–8 Mar 2026 = "previous" (PRVn),
 * week of 9–15 Mar 2026 = "current" (CURn; the tests call them Rn). Expected figures are worked out by hand in the tests.
 */
import { systemActor, type ActorRef } from '../../src/services/context.js';
import { addAgency } from '../../src/services/directory/agency-and-units.js';
import { addPerson, grantRole } from '../../src/services/directory/people-and-roles.js';
import { archiveReport, disposeReport, holdReport, verifyReport } from '../../src/services/reports/admin-actions.js';
import { bounceReport, followUpReport, respondReport } from '../../src/services/reports/unit-actions.js';
import { createReport } from '../../src/services/reports/create-report.js';
import type { World } from './world.js';

/** WIB wall time on a 2026 date: wib('03-09', '08:00'). */
export const wib = (day: string, time: string): Date => new Date(`2026-${day}T${time}:00+07:00`);

export interface RecapWorld {
  bayu: ActorRef;
  otherAgencyId: string;
}

export async function buildRecapScenario(w: World): Promise<RecapWorld> {
  const sys = systemActor('system');
  const bayuP = await addPerson(w.ctx, sys, { name: 'Bayu Admin', agencyId: w.agencyId, telegramId: '1007' });
  const g = await grantRole(w.ctx, sys, { personId: bayuP.id, role: 'admin_instansi', agencyId: w.agencyId });
  const bayu: ActorRef = { personId: bayuP.id, label: 'Bayu Admin', source: 'telegram', roles: [{ role: g.role, agencyId: g.agencyId, unitId: g.unitId }] };
  const { admin, budi, dedi } = w.people;
  const key = (t: string) => ({ agencyId: w.agencyId, trackingId: t });
  const at = async (day: string, time: string, fn: () => Promise<unknown>): Promise<void> => {
    w.clock.set(wib(day, time));
    await fn();
  };
  const receive = (t: string, day: string, time: string, topic: string) => at(day, time, () => w.newReport(t, { receivedAt: wib(day, time), topic }));

  // Previous week.
  await receive('PRV1', '03-03', '08:00', 'PPPK');
  await at('03-03', '09:00', () => disposeReport(w.ctx, admin, key('PRV1'), w.units.A.code));
  await at('03-03', '10:00', () => followUpReport(w.ctx, budi, key('PRV1'), 'Jawaban lengkap.', true));
  await receive('PRV2', '03-04', '08:00', 'Mutasi');

  // Current week.
  await receive('CUR1', '03-09', '08:00', 'PPPK');
  await receive('CUR2', '03-09', '08:30', 'PPPK');
  await at('03-09', '10:00', () => verifyReport(w.ctx, admin, key('CUR1')));
  await at('03-09', '10:05', () => disposeReport(w.ctx, admin, key('CUR1'), w.units.A.code));
  await receive('CUR3', '03-10', '09:00', 'Pensiun');
  await at('03-10', '10:00', () => disposeReport(w.ctx, admin, key('CUR2'), w.units.B.code));
  await at('03-10', '15:00', () => respondReport(w.ctx, dedi, key('CUR2'), 'Sedang kami periksa.'));
  await receive('CUR4', '03-11', '09:00', 'PPPK');
  await at('03-11', '10:00', () => respondReport(w.ctx, budi, key('CUR1'), 'Sedang kami periksa.'));
  await at('03-11', '11:00', () => bounceReport(w.ctx, dedi, key('CUR2'), 'Kewenangan Direktorat Pengadaan.'));
  await receive('CUR5', '03-12', '09:00', 'PPPK');
  await at('03-12', '09:30', () => archiveReport(w.ctx, admin, key('CUR5'), 'Laporan berulang dari #CUR4.'));
  await at('03-12', '10:00', () => disposeReport(w.ctx, admin, key('CUR2'), w.units.A.code));
  await at('03-12', '11:00', () => followUpReport(w.ctx, budi, key('CUR1'), 'Jawaban lengkap.', true));
  await receive('CUR6', '03-13', '09:00', 'Mutasi');
  await at('03-13', '09:30', () => disposeReport(w.ctx, admin, key('CUR6'), w.units.A.code));
  await at('03-13', '10:00', () => respondReport(w.ctx, budi, key('CUR2'), 'Kami tindak lanjuti.'));
  await at('03-13', '11:00', () => holdReport(w.ctx, admin, key('CUR6'), 'Menunggu berkas dari pelapor.'));
  await receive('CUR7', '03-15', '23:30', 'Pensiun');
  await receive('CUR8', '03-16', '00:10', 'PPPK'); // next week
  await at('03-16', '09:00', () => disposeReport(w.ctx, bayu, key('CUR3'), w.units.B.code));
  await w.ctx.db.report.update({ where: { agencyId_trackingId: key('CUR1') }, data: { rating: '4.00' } });
  await w.ctx.db.report.update({ where: { agencyId_trackingId: key('CUR2') }, data: { rating: '3.50' } });

  // Another agency's report in the same week must never count for BKN.
  const other = await addAgency(w.ctx, sys, { code: 'KEMENPAN', name: 'Kementerian PANRB' });
  await createReport(w.ctx, systemActor('import'), { agencyId: other.id, trackingId: 'OTH1', title: 'Lain', body: 'Isi', category: 'normatif', receivedAt: wib('03-10', '09:00'), topic: 'PPPK' });
  return { bayu, otherAgencyId: other.id };
}
