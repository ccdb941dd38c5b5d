/**
 * GET /api/v1/recap: the recap engine's figures (src/recap/compute-recap.ts) for the caller's
 * agency, or one unit of it (with its sub-units), over office-local days. The period before, of
 * the same length, comes along for trends. Officer ids are left out; names stay (they are the
 * "Laju verifikasi" rows the Inspektorat reads).
 */
import { fail } from '../domain/errors.js';
import { parseLocalDate } from '../domain/local-date.js';
import { computeRecap } from '../recap/compute-recap.js';
import { customPeriod } from '../recap/period.js';
import type { RecapFigures } from '../recap/types.js';
import type { ServiceContext } from '../services/context.js';
import { findUnit } from '../services/directory/agency-and-units.js';
import type { RecapView } from './schemas.js';

export interface RecapRequest {
  agencyId: string;
  from?: string;
  to?: string;
  unit?: string;
}

const figures = (f: RecapFigures): RecapFigures => ({
  belumTerverifikasi: f.belumTerverifikasi, belumDitindaklanjuti: f.belumDitindaklanjuti, proses: f.proses, selesai: f.selesai,
  tunda: f.tunda, arsip: f.arsip, total: f.total, persenTL: f.persenTL, rtl: f.rtl, rhp: f.rhp, rv: f.rv,
});

export async function recapFor(ctx: ServiceContext, req: RecapRequest): Promise<RecapView> {
  const cal = await ctx.calendars.get(req.agencyId);
  const now = ctx.clock.now();
  const to = req.to ? parseLocalDate(req.to) : cal.toLocalDate(now);
  // Default: the current month up to `to`.
  const period = customPeriod(req.from ? parseLocalDate(req.from) : `${to.slice(0, 8)}01`, to);
  let unit: { id: string; code: string } | null = null;
  if (req.unit) {
    const u = await findUnit(ctx, req.unit);
    if (u.agencyId !== req.agencyId) fail('UNIT_NOT_FOUND', { code: req.unit });
    unit = { id: u.id, code: u.code };
  }
  const r = await computeRecap(ctx.db, { from: period.from, to: period.to, agencyId: req.agencyId, unitId: unit?.id ?? null, timeZone: cal.timeZone, asOf: now });
  return {
    period: { from: r.period.from, to: r.period.to },
    timeZone: r.timeZone,
    unit: unit?.code ?? null,
    ...figures(r),
    received: r.received,
    overdue: r.overdue,
    asOf: r.asOf.toISOString(),
    topTopics: r.topTopics,
    verification: {
      count: r.verification.count,
      withinThreeDays: r.verification.withinThreeDays,
      afterThreeDays: r.verification.afterThreeDays,
      meanDays: r.verification.meanDays,
      byVerifier: r.verification.byVerifier.map((v) => ({ name: v.name, withinThreeDays: v.withinThreeDays, afterThreeDays: v.afterThreeDays, meanDays: v.meanDays })),
    },
    units: r.units.map((u) => ({ code: u.code, name: u.name, ...figures(u), overdue: u.overdue, topTopics: u.topTopics })),
    previous: r.previous ? { period: { from: r.previous.period.from, to: r.previous.period.to }, ...figures(r.previous) } : null,
  };
}
