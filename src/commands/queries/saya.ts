import { z } from 'zod';
import { listMyOpenReports } from '../../services/queries/my-open-reports.js';
import { agencyOf } from '../context-helpers.js';
import { defineCommand, reply } from '../define.js';
import { pageArg } from './query-args.js';
import { dot, dueText, pageFooter, prefixOf, statusOf, titleLine } from './render.js';

export const mine = defineCommand({
  name: 'saya',
  aliases: ['mine'],
  audience: ['penghubung'],
  help: 'Laporan terbuka yang Anda ambil, batas waktu terdekat lebih dulu.',
  usage: '/saya [halaman]',
  examples: ['/saya', '/saya 2'],
  params: ['halaman'],
  args: z.object({ halaman: pageArg }),
  async run(ctx) {
    const agencyId = agencyOf(ctx);
    const list = await listMyOpenReports(ctx.services, ctx.actor, agencyId, ctx.args.halaman ?? 1);
    if (list.total === 0) return reply('Tidak ada laporan terbuka atas nama Anda.');
    const cal = await ctx.services.calendars.get(agencyId);
    const now = ctx.services.clock.now();
    const lines = [`📌 Laporan terbuka atas nama Anda: ${list.total}`];
    for (const r of list.items) lines.push(dot(`#${r.trackingId}`, statusOf(r), dueText(r, now, cal)), titleLine(r));
    const footer = pageFooter(list, `${prefixOf(ctx)}saya`);
    if (footer) lines.push('', footer);
    return reply(lines.join('\n'));
  },
});
