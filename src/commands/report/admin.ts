import { z } from 'zod';
import { STATUS_LABEL } from '../../domain/labels.js';
import { formatLocalDate } from '../../messages/format.js';
import { archiveReport, disposeReport, holdReport, reopenReport, resumeReport, verifyReport } from '../../services/reports/admin-actions.js';
import { freeText, trackingId, unitCode } from '../args.js';
import { reportKey } from '../context-helpers.js';
import { defineCommand, reply } from '../define.js';

export const dispose = defineCommand({
  name: 'disposisi',
  aliases: ['dispose', 'route'],
  audience: ['admin_instansi'],
  help: 'Disposisikan (atau alihkan) laporan ke unit kerja; unit mendapat pemberitahuan di grupnya.',
  usage: '/disposisi <nomor> <kode-unit>',
  examples: ['/disposisi 1234567 BKN-DIT-PENGADAAN'],
  params: ['tracking', 'unit'],
  args: z.object({ tracking: trackingId, unit: unitCode }),
  async run(ctx) {
    const { report, transition } = await disposeReport(ctx.services, ctx.actor, reportKey(ctx, ctx.args.tracking), ctx.args.unit);
    const due = report.dueDate ? formatLocalDate(report.dueDate.toISOString().slice(0, 10)) : '—';
    return reply(`✅ Laporan #${report.trackingId} ${transition.event === 'rerouted' ? 'dialihkan' : 'didisposisikan'} ke ${ctx.args.unit}. Batas waktu: ${due}.`);
  },
});

export const verify = defineCommand({
  name: 'verifikasi',
  aliases: ['verify'],
  audience: ['admin_instansi'],
  help: 'Tandai laporan sudah diverifikasi (sebelum disposisi).',
  usage: '/verifikasi <nomor>',
  examples: ['/verifikasi 1234567'],
  params: ['tracking'],
  args: z.object({ tracking: trackingId }),
  async run(ctx) {
    const { report } = await verifyReport(ctx.services, ctx.actor, reportKey(ctx, ctx.args.tracking));
    return reply(`✅ Laporan #${report.trackingId} terverifikasi. Lanjutkan: /disposisi ${report.trackingId} <kode-unit>.`);
  },
});

export const hold = defineCommand({
  name: 'tunda',
  aliases: ['hold'],
  audience: ['admin_instansi'],
  help: 'Tunda laporan (mis. menunggu dokumen pelapor), dengan alasan.',
  usage: '/tunda <nomor> <alasan>',
  examples: ['/tunda 1234567 Menunggu pelapor melampirkan SK.'],
  params: ['tracking', 'alasan...'],
  args: z.object({ tracking: trackingId, alasan: freeText('alasan') }),
  async run(ctx) {
    const { report } = await holdReport(ctx.services, ctx.actor, reportKey(ctx, ctx.args.tracking), ctx.args.alasan);
    return reply(`⏸️ Laporan #${report.trackingId} ditunda. Lanjutkan dengan /lanjutkan ${report.trackingId}.`);
  },
});

export const resume = defineCommand({
  name: 'lanjutkan',
  aliases: ['resume'],
  audience: ['admin_instansi'],
  help: 'Lanjutkan laporan yang ditunda.',
  usage: '/lanjutkan <nomor>',
  examples: ['/lanjutkan 1234567'],
  params: ['tracking'],
  args: z.object({ tracking: trackingId }),
  async run(ctx) {
    const { report } = await resumeReport(ctx.services, ctx.actor, reportKey(ctx, ctx.args.tracking));
    return reply(`▶️ Laporan #${report.trackingId} dilanjutkan (${STATUS_LABEL[report.status]}).`);
  },
});

export const archive = defineCommand({
  name: 'arsip',
  aliases: ['archive'],
  audience: ['admin_instansi'],
  help: 'Arsipkan laporan (berulang, tidak jelas, di luar kewenangan), dengan alasan.',
  usage: '/arsip <nomor> <alasan>',
  examples: ['/arsip 1234567 Laporan berulang dari #1234500.'],
  params: ['tracking', 'alasan...'],
  args: z.object({ tracking: trackingId, alasan: freeText('alasan') }),
  async run(ctx) {
    const { report } = await archiveReport(ctx.services, ctx.actor, reportKey(ctx, ctx.args.tracking), ctx.args.alasan);
    return reply(`🗄️ Laporan #${report.trackingId} diarsipkan.`);
  },
});

export const reopen = defineCommand({
  name: 'bukakembali',
  aliases: ['reopen'],
  audience: ['admin_instansi'],
  help: 'Buka kembali laporan yang sudah selesai atau diarsipkan, dengan alasan.',
  usage: '/bukakembali <nomor> <alasan>',
  examples: ['/bukakembali 1234567 Pelapor menyatakan jawaban belum menjawab pertanyaan.'],
  params: ['tracking', 'alasan...'],
  args: z.object({ tracking: trackingId, alasan: freeText('alasan') }),
  async run(ctx) {
    const { report } = await reopenReport(ctx.services, ctx.actor, reportKey(ctx, ctx.args.tracking), ctx.args.alasan);
    return reply(`🔄 Laporan #${report.trackingId} dibuka kembali (${STATUS_LABEL[report.status]}).`);
  },
});
