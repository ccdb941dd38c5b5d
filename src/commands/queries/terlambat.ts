import { z } from 'zod';
import { workingDaysLeft } from '../../domain/sla.js';
import { formatDaysLeft } from '../../messages/format.js';
import { listOverdueReports, overdueScope } from '../../services/queries/overdue-reports.js';
import { agencyOf } from '../context-helpers.js';
import { defineCommand, reply } from '../define.js';
import { pageArg } from './query-args.js';
import { dot, pageFooter, prefixOf, shortDate, titleLine } from './render.js';

export const overdue = defineCommand({
  name: 'terlambat',
  aliases: ['overdue'],
  audience: ['penghubung', 'admin_instansi'],
  help: 'Laporan yang melewati batas waktu: unit Anda, atau semua unit bagi Admin Instansi.',
  usage: '/terlambat [halaman]',
  examples: ['/terlambat'],
  params: ['halaman'],
  args: z.object({ halaman: pageArg }),
  async run(ctx) {
    const agencyId = agencyOf(ctx);
    const now = ctx.services.clock.now();
    const list = await listOverdueReports(ctx.services, overdueScope(ctx.actor, agencyId), now, ctx.args.halaman ?? 1);
    const wholeAgency = list.scope.unitIds === null;
    const where = wholeAgency ? 'semua unit' : list.units.map((u) => u.code).join(', ');
    if (list.total === 0) return reply(`✅ Tidak ada laporan terlambat di ${wholeAgency ? 'instansi ini' : where}.`);

    const cal = await ctx.services.calendars.get(agencyId);
    const lines = [`⏰ Laporan terlambat — ${where}: ${list.total}`];
    // The per-unit headings below only cover this page; on longer lists, all counts first.
    if (list.pages > 1 && list.units.length > 1) lines.push(`Per unit: ${list.units.filter((u) => u.count > 0).map((u) => `${u.code} ${u.count}`).join(' · ')}`);
    const byId = new Map(list.units.map((u) => [u.id, u]));
    const headings = wholeAgency || list.units.length > 1;
    let currentUnit: string | null | undefined;
    for (const r of list.items) {
      if (headings && r.unitId !== currentUnit) {
        const u = r.unitId ? byId.get(r.unitId) : undefined;
        lines.push('', u ? `${u.code} — ${u.name} (${u.count})` : (r.unitCode ?? '—'));
        currentUnit = r.unitId;
      }
      const late = r.dueDate ? formatDaysLeft(workingDaysLeft(r.dueDate, now, cal)) : 'terlambat';
      lines.push(dot(`#${r.trackingId}`, late, r.dueDate && `batas ${shortDate(r.dueDate)}`, r.claimedByName ?? 'belum diambil'), titleLine(r));
    }
    const footer = pageFooter(list, `${prefixOf(ctx)}terlambat`);
    if (footer) lines.push('', footer);
    return reply(lines.join('\n'));
  },
});
