import { z } from 'zod';
import { STATUS_LABEL } from '../../domain/labels.js';
import { closeReport, followUpReport, respondReport } from '../../services/reports/unit-actions.js';
import { encodeCallback } from '../../messages/callback-data.js';
import { startConversation } from '../../chat/conversation.js';
import { freeText, trackingId } from '../args.js';
import { agencyOf, reportKey } from '../context-helpers.js';
import { qualityGate } from '../../ai/quality/gate.js';
import { defineCommand, reply } from '../define.js';
import { fail } from '../../domain/errors.js';

export const respond = defineCommand({
  name: 'respon',
  aliases: ['respond', 'ack'],
  audience: ['penghubung'],
  help: 'Kirim respon awal (tanda terima). Respon awal tidak menyelesaikan laporan.',
  usage: '/respon <nomor> <teks>',
  examples: ['/respon 1234567 Terima kasih, laporan Anda sedang kami periksa.'],
  params: ['tracking', 'text...'],
  args: z.object({ tracking: trackingId, text: freeText('teks respon') }),
  async run(ctx) {
    const { report } = await respondReport(ctx.services, ctx.actor, reportKey(ctx, ctx.args.tracking), ctx.args.text);
    return reply(`✅ Respon awal untuk #${report.trackingId} tercatat. Status: ${STATUS_LABEL[report.status]}. Jangan lupa tindak lanjut: /tindaklanjut ${report.trackingId} <jawaban>.`);
  },
});

export const followUp = defineCommand({
  name: 'tindaklanjut',
  aliases: ['followup', 'tl'],
  audience: ['penghubung'],
  help: 'Kirim tindak lanjut (jawaban substantif). Tambahkan --selesai untuk menutup laporan.',
  usage: '/tindaklanjut <nomor> <jawaban> [--selesai] [--kirim]',
  examples: ['/tindaklanjut 1234567 Pengumuman hasil seleksi tanggal 20 Maret di situs resmi. --selesai'],
  params: ['tracking', 'text...'],
  flags: ['selesai', 'kirim'],
  args: z.object({ tracking: trackingId, text: freeText('teks tindak lanjut'), selesai: z.boolean().default(false), kirim: z.boolean().default(false) }),
  async run(ctx) {
    // Opt-in answer-quality check (Agency.settings.aiQualityCheck); --kirim sends anyway.
    const held = await qualityGate(ctx.services, ctx.actor, { agencyId: agencyOf(ctx), trackingId: ctx.args.tracking, text: ctx.args.text, close: ctx.args.selesai, force: ctx.args.kirim });
    if (held) return held;
    const { report } = await followUpReport(ctx.services, ctx.actor, reportKey(ctx, ctx.args.tracking), ctx.args.text, ctx.args.selesai);
    if (report.status === 'SELESAI') return reply(`✅ Tindak lanjut #${report.trackingId} tercatat dan laporan SELESAI.`);
    return reply(`✅ Tindak lanjut #${report.trackingId} tercatat. Bila sudah tuntas, tekan Selesai atau ketik /selesai ${report.trackingId}.`, {
      buttons: [[{ label: 'Selesai', data: encodeCallback('close', report.id) }]],
    });
  },
});

export const close = defineCommand({
  name: 'selesai',
  aliases: ['close', 'done'],
  audience: ['penghubung'],
  help: 'Tutup laporan yang sudah ditindaklanjuti.',
  usage: '/selesai <nomor>',
  examples: ['/selesai 1234567'],
  params: ['tracking'],
  args: z.object({ tracking: trackingId }),
  async run(ctx) {
    const { report } = await closeReport(ctx.services, ctx.actor, reportKey(ctx, ctx.args.tracking));
    return reply(`✅ Laporan #${report.trackingId} SELESAI.`);
  },
});

/** `/jawab`: the friendly form that asks which kind of answer the text is. */
export const answer = defineCommand({
  name: 'jawab',
  aliases: ['answer', 'reply'],
  audience: ['penghubung'],
  help: 'Jawab laporan; bot menanyakan apakah ini respon awal atau tindak lanjut.',
  usage: '/jawab <nomor> <teks>',
  examples: ['/jawab 1234567 Berkas Anda sudah kami terima.'],
  params: ['tracking', 'text...'],
  args: z.object({ tracking: trackingId, text: freeText('teks jawaban') }),
  async run(ctx) {
    const key = reportKey(ctx, ctx.args.tracking);
    const report = 'agencyId' in key ? await ctx.services.db.report.findUnique({ where: { agencyId_trackingId: { agencyId: key.agencyId, trackingId: key.trackingId } } }) : null;
    if (!report) fail('REPORT_NOT_FOUND', { tracking: ctx.args.tracking });
    await startConversation(ctx.services, { platform: ctx.inbound.platform, chatId: ctx.inbound.chatId, userId: ctx.inbound.user.id }, { kind: 'answer_kind', reportId: report.id, text: ctx.args.text });
    return reply(`Jawaban untuk #${report.trackingId} ini termasuk apa?\n1. Respon awal (tanda terima, belum menyelesaikan)\n2. Tindak lanjut (jawaban substantif)\n3. Tindak lanjut dan laporan selesai`, {
      buttons: [[
        { label: '1 Respon awal', data: encodeCallback('answer_as', 'r') },
        { label: '2 Tindak lanjut', data: encodeCallback('answer_as', 'f') },
        { label: '3 Tindak lanjut + Selesai', data: encodeCallback('answer_as', 'x') },
      ]],
    });
  },
});
