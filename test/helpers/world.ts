/**
 * A small agency for service tests: two units, an admin, two officers of unit A, one of unit B,
 * an operator, chats for the admin and each unit, all through the real services.
 */
import { FakeClock } from '../../src/lib/clock.js';
import { silentLogger } from '../../src/lib/logger.js';
import { createCalendarSource } from '../../src/services/calendar-source.js';
import { systemActor, type ActorRef, type Grant, type ServiceContext } from '../../src/services/context.js';
import { addAgency, addUnit } from '../../src/services/directory/agency-and-units.js';
import { addPerson, grantRole } from '../../src/services/directory/people-and-roles.js';
import { bindChat } from '../../src/services/directory/chats.js';
import { createReport, type NewReport } from '../../src/services/reports/create-report.js';
import type { Role } from '../../src/domain/types.js';
import type { TestDb } from './test-db.js';

export interface World {
  ctx: ServiceContext;
  clock: FakeClock;
  agencyId: string;
  units: { A: { id: string; code: string }; B: { id: string; code: string } };
  people: Record<'admin' | 'budi' | 'citra' | 'dedi' | 'oscar' | 'stranger', ActorRef>;
  chats: { admin: string; A: string; B: string };
  newReport(tracking: string, extra?: Partial<NewReport>): Promise<string>;
}

/** Monday 2 March 2026, 09:00 WIB. */
export const MONDAY_9 = '2026-03-02T02:00:00Z';

export async function buildWorld(db: TestDb, start: string = MONDAY_9): Promise<World> {
  const clock = new FakeClock(start);
  const ctx: ServiceContext = {
    db: db.prisma,
    clock,
    calendars: createCalendarSource(db.prisma, { timeZone: 'Asia/Jakarta', cutiBersamaIsWorkday: false }),
    log: silentLogger(),
  };
  const sys = systemActor('system');
  const agency = await addAgency(ctx, sys, { code: 'BKN', name: 'Badan Kepegawaian Negara' });
  const A = await addUnit(ctx, sys, { agencyId: agency.id, code: 'BKN-PENGADAAN', name: 'Direktorat Pengadaan' });
  const B = await addUnit(ctx, sys, { agencyId: agency.id, code: 'BKN-PENSIUN', name: 'Direktorat Pensiun' });
  const person = async (name: string, telegramId: string, roles: { role: Role; unit?: string }[]): Promise<ActorRef> => {
    const p = await addPerson(ctx, sys, { name, agencyId: agency.id, telegramId });
    const grants: Grant[] = [];
    for (const r of roles) {
      const g = await grantRole(ctx, sys, { personId: p.id, role: r.role, unitCode: r.unit, agencyId: agency.id });
      grants.push({ role: g.role, agencyId: g.agencyId, unitId: g.unitId });
    }
    return { personId: p.id, label: name, source: 'telegram', roles: grants };
  };
  const people = {
    admin: await person('Ani Admin', '1001', [{ role: 'admin_instansi' }]),
    budi: await person('Budi', '1002', [{ role: 'penghubung', unit: A.code }]),
    citra: await person('Citra', '1003', [{ role: 'penghubung', unit: A.code }]),
    dedi: await person('Dedi', '1004', [{ role: 'penghubung', unit: B.code }]),
    oscar: await person('Oscar', '1005', [{ role: 'operator', unit: A.code }]),
    stranger: { personId: null, label: 'Orang asing', source: 'telegram' as const, roles: [] },
  };
  const bind = (chatId: string, unitId: string | null) => bindChat(ctx, sys, { platform: 'telegram', externalId: chatId, agencyId: agency.id, unitId });
  await bind('-1001', null);
  await bind('-1002', A.id);
  await bind('-1003', B.id);
  return {
    ctx,
    clock,
    agencyId: agency.id,
    units: { A: { id: A.id, code: A.code }, B: { id: B.id, code: B.code } },
    people,
    chats: { admin: '-1001', A: '-1002', B: '-1003' },
    async newReport(tracking, extra = {}) {
      const r = await createReport(ctx, systemActor('import'), {
        agencyId: agency.id, trackingId: tracking, title: 'Pengumuman seleksi PPPK', category: 'normatif',
        body: 'Nama saya Rina Kartika, HP 0812-3456-7890. Kapan pengumuman seleksi PPPK?',
        reporter: { name: 'Rina Kartika', contact: '0812-3456-7890' }, ...extra,
      });
      return r.id;
    },
  };
}
