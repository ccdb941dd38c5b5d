/** `penghubung recap`: the LAPOR! recap of a period for an agency or a unit, as text or JSON. */
import { isValidLocalDate } from '../../domain/local-date.js';
import type { LocalDate } from '../../domain/types.js';
import type { ServiceContext } from '../../services/context.js';
import { findAgency, findUnit } from '../../services/directory/agency-and-units.js';
import { infoStatsForPeriod } from '../../info/stats.js';
import { computeRecap } from '../../recap/compute-recap.js';
import { customPeriod, previousPeriod, weekOf, type RecapPeriod } from '../../recap/period.js';
import { scopeView } from '../../recap/recap-messages.js';
import { renderRecapText } from '../../recap/render-text.js';
import { FIGURE_KEYS, type Recap, type RecapFigures } from '../../recap/types.js';
import { optional, UsageError, type CliCommand, type Values } from '../types.js';

/** A `YYYY-MM-DD` option, or undefined. */
export function dateOption(values: Values, name: string): LocalDate | undefined {
  const v = optional(values, name);
  if (v !== undefined && !isValidLocalDate(v)) throw new UsageError(`--${name} must be a date YYYY-MM-DD (got "${v}")`);
  return v;
}

/** Agency (and unit) from --agency / --unit; with neither, the only agency there is. */
export async function scopeOptions(ctx: ServiceContext, values: Values): Promise<{ agency: { id: string; code: string; name: string }; unit: { id: string; code: string; name: string } | null }> {
  const unitCode = optional(values, 'unit');
  const agencyCode = optional(values, 'agency');
  if (unitCode) {
    const unit = await findUnit(ctx, unitCode);
    const agency = await ctx.db.agency.findUniqueOrThrow({ where: { id: unit.agencyId } });
    if (agencyCode && agency.code !== agencyCode.toUpperCase()) throw new UsageError(`unit ${unit.code} belongs to ${agency.code}, not ${agencyCode.toUpperCase()}`);
    return { agency, unit };
  }
  return { agency: await findAgency(ctx, agencyCode), unit: null };
}

/** Default: the current Monday–Sunday week; --from alone runs to today; --to alone starts on that week's Monday. */
export function periodOptions(values: Values, today: LocalDate): RecapPeriod {
  const from = dateOption(values, 'from');
  const to = dateOption(values, 'to');
  if (!from && !to) return weekOf(today);
  const start = from ?? weekOf(to!).from;
  const end = to ?? (today > start ? today : start);
  if (end < start) throw new UsageError(`--to (${end}) is before --from (${start})`);
  return customPeriod(start, end);
}

/** Exactly the LAPOR! keys: the figures, and per unit the same plus code and name. */
export function recapJson(r: Recap): Record<string, unknown> {
  const pick = (f: RecapFigures): Record<string, number | null> => Object.fromEntries(FIGURE_KEYS.map((k) => [k, f[k]]));
  return { ...pick(r), units: r.units.map((u) => ({ code: u.code, name: u.name, ...pick(u) })) };
}

export const recapCommand: CliCommand = {
  path: ['recap'],
  summary: 'LAPOR! "Rekapitulasi Kinerja" for a period (default: this week), per agency and unit',
  usage: 'penghubung recap [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--agency <code>] [--unit <code>] [--json]',
  options: { from: { type: 'string' }, to: { type: 'string' }, agency: { type: 'string' }, unit: { type: 'string' }, json: { type: 'boolean' } },
  async run(env, values) {
    dateOption(values, 'from');
    dateOption(values, 'to');
    const ctx = await env.services();
    const { agency, unit } = await scopeOptions(ctx, values);
    const cal = await ctx.calendars.get(agency.id);
    const now = ctx.clock.now();
    const period = periodOptions(values, cal.toLocalDate(now));
    const before = previousPeriod(period);
    const recap = await computeRecap(ctx.db, { ...period, agencyId: agency.id, unitId: unit?.id, timeZone: cal.timeZone, asOf: now, previous: before });
    if (values.json) {
      env.io.out(JSON.stringify(recapJson(recap), null, 2));
      return;
    }
    const who = unit ?? agency;
    const info = await infoStatsForPeriod(ctx.db, { agencyId: agency.id, period, timeZone: cal.timeZone, now, unitIds: unit ? [unit.id] : null });
    const view = scopeView(recap, { code: who.code, name: who.name, period, previousPeriod: before, info });
    env.io.out(renderRecapText(unit ? { ...view, verification: null } : view));
  },
};
