/**
 * What the Admin Instansi does with a report: verify, dispose (or re-route) to a unit, put on
 * hold (tunda), resume, archive and reopen.
 */
import { fail } from '../../domain/errors.js';
import { requireAdmin } from '../acl.js';
import { applyReportAction, type Applied, type ReportKey } from '../apply-report-action.js';
import type { ActorRef, ServiceContext } from '../context.js';
import { normalizeCode } from '../directory/agency-and-units.js';

const by = (actor: ActorRef): string => actor.personId ?? 'system';
const admin = (actor: ActorRef) => ({ guard: (r: { agencyId: string }) => requireAdmin(actor, r.agencyId) });

export function verifyReport(ctx: ServiceContext, actor: ActorRef, key: ReportKey): Promise<Applied> {
  return applyReportAction(ctx, key, actor, (_r, at) => ({ type: 'verify', by: by(actor), at }), admin(actor));
}

/** `/disposisi <id> <kode-unit>`: route to a unit of the same agency (first routing or re-route). */
export function disposeReport(ctx: ServiceContext, actor: ActorRef, key: ReportKey, unitCode: string, meta?: Record<string, string | number | boolean>): Promise<Applied> {
  let unitId = '';
  return applyReportAction(ctx, key, actor, (_r, at) => ({ type: 'dispose', by: by(actor), at, unitId }), {
    meta: { ...meta },
    async guard(report, tx) {
      requireAdmin(actor, report.agencyId);
      const unit = await tx.unit.findUnique({ where: { code: normalizeCode(unitCode) } });
      if (!unit || unit.agencyId !== report.agencyId) fail('UNIT_NOT_FOUND', { code: unitCode });
      unitId = unit.id;
    },
  });
}

export function holdReport(ctx: ServiceContext, actor: ActorRef, key: ReportKey, reason: string): Promise<Applied> {
  return applyReportAction(ctx, key, actor, (_r, at) => ({ type: 'hold', by: by(actor), at, reason }), { ...admin(actor), note: reason });
}

export function resumeReport(ctx: ServiceContext, actor: ActorRef, key: ReportKey): Promise<Applied> {
  return applyReportAction(ctx, key, actor, (_r, at) => ({ type: 'resume', by: by(actor), at }), admin(actor));
}

export function archiveReport(ctx: ServiceContext, actor: ActorRef, key: ReportKey, reason: string): Promise<Applied> {
  return applyReportAction(ctx, key, actor, (_r, at) => ({ type: 'archive', by: by(actor), at, reason }), { ...admin(actor), note: reason });
}

export function reopenReport(ctx: ServiceContext, actor: ActorRef, key: ReportKey, reason: string): Promise<Applied> {
  return applyReportAction(ctx, key, actor, (_r, at) => ({ type: 'reopen', by: by(actor), at, reason }), { ...admin(actor), note: reason });
}
