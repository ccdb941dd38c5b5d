import { z } from 'zod';
import { bounceReport } from '../../services/reports/unit-actions.js';
import { freeText, trackingId } from '../args.js';
import { reportKey } from '../context-helpers.js';
import { defineCommand, reply } from '../define.js';

export const bounce = defineCommand({
  name: 'bukanwewenang',
  aliases: ['notours', 'bounce'],
  audience: ['penghubung'],
  help: 'Nyatakan laporan bukan wewenang unit Anda, dengan alasan; laporan kembali ke Admin Instansi.',
  usage: '/bukanwewenang <nomor> <alasan>',
  examples: ['/bukanwewenang 1234567 Kewenangan Dinas Pendidikan Provinsi.'],
  params: ['tracking', 'alasan...'],
  args: z.object({ tracking: trackingId, alasan: freeText('alasan') }),
  async run(ctx) {
    const { report } = await bounceReport(ctx.services, ctx.actor, reportKey(ctx, ctx.args.tracking), ctx.args.alasan);
    return reply(`↩️ Laporan #${report.trackingId} dikembalikan ke Admin Instansi (bukan wewenang). Admin sudah diberi tahu.`);
  },
});
