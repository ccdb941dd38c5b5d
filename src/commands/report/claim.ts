import { z } from 'zod';
import { claimReport, unclaimReport } from '../../services/reports/unit-actions.js';
import { trackingId } from '../args.js';
import { reportKey } from '../context-helpers.js';
import { defineCommand, reply } from '../define.js';

export const claim = defineCommand({
  name: 'ambil',
  aliases: ['claim'],
  audience: ['penghubung'],
  help: 'Ambil laporan untuk ditindaklanjuti; teks lengkap dikirim ke Anda secara pribadi.',
  usage: '/ambil <nomor>',
  examples: ['/ambil 1234567'],
  params: ['tracking'],
  args: z.object({ tracking: trackingId }),
  async run(ctx) {
    const { report } = await claimReport(ctx.services, ctx.actor, reportKey(ctx, ctx.args.tracking));
    return reply(`✅ Laporan #${report.trackingId} diambil oleh ${ctx.actor.label}. Teks lengkap dikirim secara pribadi. Balas dengan /respon atau /tindaklanjut.`);
  },
});

export const unclaim = defineCommand({
  name: 'lepas',
  aliases: ['unclaim', 'release'],
  audience: ['penghubung'],
  help: 'Lepaskan laporan yang Anda ambil agar dapat diambil petugas lain.',
  usage: '/lepas <nomor>',
  examples: ['/lepas 1234567'],
  params: ['tracking'],
  args: z.object({ tracking: trackingId }),
  async run(ctx) {
    const { report } = await unclaimReport(ctx.services, ctx.actor, reportKey(ctx, ctx.args.tracking));
    return reply(`Laporan #${report.trackingId} dilepas dan dapat diambil petugas lain.`);
  },
});
