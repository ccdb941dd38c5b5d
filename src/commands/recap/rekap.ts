/**
 * `/rekap [minggu|bulan|triwulan|tahun|YYYY-MM-DD..YYYY-MM-DD]`: the recap on demand, with the change
 * against the period before and the chart. In a unit's chat: that unit (with its sub-units); in the
 * admin chat: the whole agency with a line per unit; in a private chat: the agency for the Admin
 * Instansi and the Inspektorat, the officer's unit for a liaison officer of one unit.
 */
import { z } from 'zod';
import { fail } from '../../domain/errors.js';
import type { LocalDate } from '../../domain/types.js';
import { infoStatsForPeriod } from '../../info/stats.js';
import { computeRecap } from '../../recap/compute-recap.js';
import { parseRange, periodContaining, previousPeriod, type RecapPeriod } from '../../recap/period.js';
import { recapMessages, scopeBars, scopeView, unitBars } from '../../recap/recap-messages.js';
import { officerUnitIds, seesWholeAgency } from '../../services/queries/scope.js';
import { agencyOf } from '../context-helpers.js';
import { defineCommand, reply, type CommandContext } from '../define.js';

const KIND = { minggu: 'week', week: 'week', bulan: 'month', month: 'month', triwulan: 'quarter', quarter: 'quarter', tahun: 'year', year: 'year' } as const;

export const periodArg = z
  .string()
  .trim()
  .toLowerCase()
  .refine((s) => s in KIND || /^\d{4}-\d{2}-\d{2}\s*\.\.\s*\d{4}-\d{2}-\d{2}$/.test(s), 'periode: minggu, bulan, triwulan, tahun, atau rentang 2026-03-01..2026-03-31')
  .optional();

/** The period a `/rekap` argument means on `today` (default: this week). */
export function resolvePeriod(arg: string | undefined, today: LocalDate): RecapPeriod {
  if (!arg) return periodContaining('week', today);
  const kind = KIND[arg as keyof typeof KIND];
  return kind ? periodContaining(kind, today) : (parseRange(arg) ?? fail('INVALID_ARGS', { field: 'periode', value: arg }));
}

/** Unit id for the recap, or null for the whole agency. */
function unitFor(ctx: CommandContext<unknown>, agencyId: string): string | null {
  if (ctx.chat) return ctx.chat.unitId;
  if (seesWholeAgency(ctx.actor, agencyId, ['admin_instansi', 'inspektorat'])) return null;
  const units = officerUnitIds(ctx.actor, agencyId);
  return units.length === 1 ? units[0]! : null;
}

export const rekap = defineCommand({
  name: 'rekap',
  aliases: ['recap'],
  audience: ['admin_instansi', 'penghubung', 'inspektorat'],
  help: 'Rekapitulasi kinerja (status, %TL, RTL, RHP, RV, keterlambatan, topik) dengan grafik dan perbandingan periode sebelumnya.',
  usage: '/rekap [minggu|bulan|triwulan|tahun|YYYY-MM-DD..YYYY-MM-DD]',
  examples: ['/rekap bulan', '/rekap 2026-03-01..2026-03-31'],
  params: ['periode...'],
  args: z.object({ periode: periodArg }),
  async run(ctx) {
    const agencyId = agencyOf(ctx);
    const cal = await ctx.services.calendars.get(agencyId);
    const now = ctx.services.clock.now();
    const period = resolvePeriod(ctx.args.periode, cal.toLocalDate(now));
    const before = previousPeriod(period);
    const unitId = unitFor(ctx, agencyId);
    const recap = await computeRecap(ctx.services.db, { ...period, agencyId, unitId, timeZone: cal.timeZone, asOf: now, previous: before });
    const who = unitId
      ? (recap.units.find((u) => u.id === unitId) ?? fail('UNIT_NOT_FOUND', { id: unitId }))
      : await ctx.services.db.agency.findUniqueOrThrow({ where: { id: agencyId }, select: { code: true, name: true } });
    const info = await infoStatsForPeriod(ctx.services.db, { agencyId, period, timeZone: cal.timeZone, now, unitIds: unitId ? recap.units.map((u) => u.id) : null });
    const view = scopeView(recap, { code: who.code, name: who.name, period, previousPeriod: before, info });
    // The verification pace is the Admin Instansi's figure; a unit's chat does not need it.
    const shown = unitId ? { ...view, verification: null } : view;
    const bars = recap.units.length > 1 || !unitId ? scopeBars(recap) : unitBars(shown);
    return recapMessages(shown, bars, who.code).map((m) => reply(m.text, m.document ? { document: m.document } : {}));
  },
});
