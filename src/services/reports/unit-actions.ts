/**
 * What a unit's liaison officer does with a report: claim, release, respon awal, tindak lanjut,
 * close, and "bukan wewenang". Each is one guarded transition (see apply-report-action.ts).
 */
import { DomainError, isDomainError } from '../../domain/errors.js';
import { formatTime } from '../../messages/format.js';
import { requireUnitOfficer } from '../acl.js';
import { applyReportAction, type Applied, type ReportKey } from '../apply-report-action.js';
import type { ActorRef, ServiceContext } from '../context.js';

const by = (actor: ActorRef): string => actor.personId ?? 'system';
const guard = (actor: ActorRef) => ({ guard: (r: { agencyId: string; unitId: string | null }) => requireUnitOfficer(actor, r) });

/** `/ambil`: one officer of the report's unit takes it; a concurrent second claim gets ALREADY_CLAIMED. */
export async function claimReport(ctx: ServiceContext, actor: ActorRef, key: ReportKey): Promise<Applied> {
  try {
    return await applyReportAction(ctx, key, actor, (_r, at) => ({ type: 'claim', by: by(actor), at }), guard(actor));
  } catch (e) {
    throw await explainClaim(ctx, key, e);
  }
}

/** Name who holds the claim and since when: "sudah diambil oleh Budi pukul 09.12". */
async function explainClaim(ctx: ServiceContext, key: ReportKey, e: unknown): Promise<unknown> {
  if (!isDomainError(e) || e.code !== 'ALREADY_CLAIMED' || e.data.self) return e;
  const holder = typeof e.data.claimedById === 'string' ? await ctx.db.person.findUnique({ where: { id: e.data.claimedById } }) : null;
  const report = 'reportId' in key ? await ctx.db.report.findUnique({ where: { id: key.reportId } }) : null;
  const cal = await ctx.calendars.get(report?.agencyId ?? ('agencyId' in key ? key.agencyId : null));
  const at = e.data.claimedAt instanceof Date ? formatTime(e.data.claimedAt, cal.timeZone) : undefined;
  return new DomainError('ALREADY_CLAIMED', {
    ...e.data,
    claimedByName: holder?.name,
    claimedAtText: at,
    tracking: report?.trackingId ?? ('trackingId' in key ? key.trackingId : undefined),
  });
}

export function unclaimReport(ctx: ServiceContext, actor: ActorRef, key: ReportKey): Promise<Applied> {
  return applyReportAction(ctx, key, actor, (_r, at) => ({ type: 'unclaim', by: by(actor), at }), guard(actor));
}

/** `/respon`: a respon awal. Never closes the report. */
export function respondReport(ctx: ServiceContext, actor: ActorRef, key: ReportKey, text: string): Promise<Applied> {
  return applyReportAction(ctx, key, actor, (_r, at) => ({ type: 'respond', by: by(actor), at, text }), { ...guard(actor), note: text });
}

/** `/tindaklanjut`: the substantive follow-up; `close` finishes the report (Selesai). */
export function followUpReport(ctx: ServiceContext, actor: ActorRef, key: ReportKey, text: string, close: boolean): Promise<Applied> {
  return applyReportAction(ctx, key, actor, (_r, at) => ({ type: 'follow_up', by: by(actor), at, text, close }), { ...guard(actor), note: text });
}

/** The "Selesai" button after a tindak lanjut. */
export function closeReport(ctx: ServiceContext, actor: ActorRef, key: ReportKey): Promise<Applied> {
  return applyReportAction(ctx, key, actor, (_r, at) => ({ type: 'close', by: by(actor), at }), guard(actor));
}

/** `/bukanwewenang`: back to the Admin Instansi with a reason; the bounce is counted. */
export function bounceReport(ctx: ServiceContext, actor: ActorRef, key: ReportKey, reason: string): Promise<Applied> {
  return applyReportAction(ctx, key, actor, (_r, at) => ({ type: 'bounce', by: by(actor), at, reason }), { ...guard(actor), note: reason });
}
