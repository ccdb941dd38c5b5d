import { z } from 'zod';
import { STATUS_LABEL } from '../../domain/labels.js';
import { isOpenAtUnit } from '../../domain/report-state.js';
import { listReports, resolveListScope, type ListFilter } from '../../services/queries/report-list.js';
import { agencyOf } from '../context-helpers.js';
import { defineCommand, reply } from '../define.js';
import { pageArg, pageMayComeFirst } from './query-args.js';
import { dot, dueText, pageFooter, prefixOf, shortDate, statusOf, titleLine } from './render.js';

/** Words people type for a filter, case-insensitive (`-`, `_` and spaces ignored). */
const FILTER_WORDS: Readonly<Record<string, ListFilter>> = {
  terbuka: 'terbuka',
  baru: 'baru',
  belum: 'baru',
  belumditindaklanjuti: 'baru',
  proses: 'proses',
  selesai: 'selesai',
  tunda: 'tunda',
  arsip: 'arsip',
  verifikasi: 'verifikasi',
  belumterverifikasi: 'verifikasi',
  semua: 'semua',
};

const FILTER_TITLE: Record<ListFilter, string> = {
  terbuka: 'terbuka',
  baru: STATUS_LABEL.BELUM_DITINDAKLANJUTI,
  proses: STATUS_LABEL.PROSES,
  selesai: STATUS_LABEL.SELESAI,
  tunda: STATUS_LABEL.TUNDA,
  arsip: STATUS_LABEL.ARSIP,
  verifikasi: STATUS_LABEL.BELUM_TERVERIFIKASI,
  semua: 'semua status',
};

const statusFilter = z
  .string()
  .optional()
  .transform((word, ctx): ListFilter => {
    if (word === undefined) return 'terbuka';
    const filter = FILTER_WORDS[word.toLowerCase().replace(/[-_\s]/g, '')];
    if (filter) return filter;
    ctx.addIssue({ code: 'custom', message: `status "${word.slice(0, 30)}" tidak dikenal; pilih baru, proses, selesai, tunda, arsip, verifikasi, terbuka atau semua` });
    return z.NEVER;
  });

export const list = defineCommand({
  name: 'daftar',
  aliases: ['list'],
  audience: ['penghubung', 'admin_instansi', 'inspektorat'],
  help: 'Daftar laporan unit ini (atau seluruh instansi bagi Admin/Inspektorat), terbaru dulu; saring menurut status.',
  usage: '/daftar [status] [halaman]',
  examples: ['/daftar proses', '/daftar selesai 2'],
  params: ['status', 'halaman'],
  args: pageMayComeFirst('status', z.object({ status: statusFilter, halaman: pageArg })),
  async run(ctx) {
    const agencyId = agencyOf(ctx);
    const scope = await resolveListScope(ctx.services, ctx.actor, agencyId, ctx.chat?.unitId ?? null);
    const filter = ctx.args.status;
    const result = await listReports(ctx.services, scope, filter, ctx.args.halaman ?? 1);
    const where = scope.units ? scope.units.map((u) => u.code).join(', ') : 'semua unit';
    const what = filter === 'terbuka' ? 'terbuka' : filter === 'semua' ? '' : `berstatus ${FILTER_TITLE[filter]}`;
    if (result.total === 0) return reply(`Tidak ada laporan${what ? ` ${what}` : ''} di ${scope.units ? where : 'instansi ini'}.`);

    const cal = await ctx.services.calendars.get(agencyId);
    const now = ctx.services.clock.now();
    const showUnit = !scope.units || scope.units.length > 1;
    const lines = [`📂 Laporan ${what ? `${what} ` : ''}— ${where}: ${result.total}`];
    for (const r of result.items) {
      const open = isOpenAtUnit(r.status);
      const when = open ? dueText(r, now, cal) : `diterima ${shortDate(cal.toLocalDate(r.receivedAt))}`;
      lines.push(dot(`#${r.trackingId}`, showUnit && (r.unitCode ?? 'tanpa unit'), statusOf(r), when, open && !r.claimedByName && 'belum diambil'), titleLine(r));
    }
    const footer = pageFooter(result, `${prefixOf(ctx)}daftar ${filter}`);
    if (footer) lines.push('', footer);
    return reply(lines.join('\n'));
  },
});
