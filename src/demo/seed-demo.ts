/**
 * Seeds the demo agency once (skipped when agency DEMO exists). The history is replayed through
 * the real services with a clock that walks forward, so events, deadlines and posts are exactly
 * what the bot itself would have produced. Posts from the past are marked as already sent.
 */
import { FakeClock } from '../lib/clock.js';
import type { ActorRef, Grant, ServiceContext } from './../services/context.js';
import { addAgency, addUnit } from '../services/directory/agency-and-units.js';
import { addPerson, grantRole } from '../services/directory/people-and-roles.js';
import { bindChat } from '../services/directory/chats.js';
import { createReport } from '../services/reports/create-report.js';
import { archiveReport, disposeReport, holdReport, verifyReport } from '../services/reports/admin-actions.js';
import { bounceReport, claimReport, followUpReport, respondReport } from '../services/reports/unit-actions.js';
import { DEMO_AGENCY, DEMO_CHATS, DEMO_PEOPLE, DEMO_REPORTS, DEMO_UNITS, type DemoStep } from './demo-data.js';

const HOUR = 3_600_000;

export interface SeedResult {
  seeded: boolean;
  reports: number;
}

export async function seedDemo(base: ServiceContext): Promise<SeedResult> {
  if (await base.db.agency.findUnique({ where: { code: DEMO_AGENCY.code } })) return { seeded: false, reports: 0 };
  const realNow = base.clock.now();
  const clock = new FakeClock(realNow);
  const ctx: ServiceContext = { ...base, clock };
  const system: ActorRef = { personId: null, label: 'Data demo', source: 'system' };

  const agency = await addAgency(ctx, system, { ...DEMO_AGENCY, isDemo: true });
  for (const u of DEMO_UNITS) await addUnit(ctx, system, { agencyId: agency.id, code: u.code, name: u.name });
  const actors = new Map<string, ActorRef>();
  for (const p of DEMO_PEOPLE) {
    const person = await addPerson(ctx, system, { name: p.name, agencyId: agency.id });
    const roles: Grant[] = [];
    for (const r of p.roles) {
      const g = await grantRole(ctx, system, { personId: person.id, role: r.role, unitCode: r.unit, agencyId: agency.id });
      roles.push({ role: g.role, agencyId: g.agencyId, unitId: g.unitId });
    }
    actors.set(p.key, { personId: person.id, label: p.name, source: 'console', roles });
  }
  for (const c of DEMO_CHATS) {
    const unitId = c.unit ? (await ctx.db.unit.findUniqueOrThrow({ where: { code: c.unit } })).id : null;
    await bindChat(ctx, system, { platform: 'console', externalId: c.id, agencyId: agency.id, unitId, title: c.title });
  }
  const admin = actors.get('ani')!;
  const who = (key: string): ActorRef => actors.get(key) ?? admin;

  for (const r of DEMO_REPORTS) {
    clock.set(new Date(realNow.getTime() - r.daysAgo * 24 * HOUR - 6 * HOUR));
    const report = await createReport(ctx, system, {
      agencyId: agency.id, trackingId: r.tracking, title: r.title, body: r.body, category: r.category,
      topic: r.topic, channel: 'website', confidential: r.confidential ?? false, reporter: { name: r.reporter },
    });
    const key = { reportId: report.id };
    for (const step of r.steps) {
      clock.advance(HOUR);
      await applyStep(ctx, step, key, admin, who);
    }
    if (r.rating !== undefined) await ctx.db.report.update({ where: { id: report.id }, data: { rating: r.rating } });
  }
  // The history above happened "before" the bot ran: its messages count as delivered.
  await ctx.db.outbox.updateMany({ where: { status: 'PENDING' }, data: { status: 'SENT', sentAt: realNow } });
  return { seeded: true, reports: DEMO_REPORTS.length };
}

async function applyStep(ctx: ServiceContext, step: DemoStep, key: { reportId: string }, admin: ActorRef, who: (k: string) => ActorRef): Promise<void> {
  switch (step.do) {
    case 'verify': await verifyReport(ctx, admin, key); return;
    case 'dispose': await disposeReport(ctx, admin, key, step.unit); return;
    case 'claim': await claimReport(ctx, who(step.who), key); return;
    case 'respond': await respondReport(ctx, who(step.who), key, step.text); return;
    case 'follow_up': await followUpReport(ctx, who(step.who), key, step.text, step.close ?? false); return;
    case 'bounce': await bounceReport(ctx, who(step.who), key, step.reason); return;
    case 'hold': await holdReport(ctx, admin, key, step.reason); return;
    case 'archive': await archiveReport(ctx, admin, key, step.reason); return;
  }
}
