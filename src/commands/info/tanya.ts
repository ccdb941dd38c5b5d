import { z } from 'zod';
import { startConversation } from '../../chat/conversation.js';
import { askInfo } from '../../info/ask.js';
import { resolveTarget, type Option } from '../../info/resolve-target.js';
import { encodeCallback } from '../../messages/callback-data.js';
import { formatDateTime, formatLocalDate } from '../../messages/format.js';
import { agencyOf } from '../context-helpers.js';
import { defineCommand, reply, type Reply } from '../define.js';

const optionLine = (o: Option, i: number): string =>
  `${i + 1}. ${o.unit.code} — ${o.unit.name}${o.topic ? ` (topik: ${o.topic})` : ''}${o.pics.length ? ` · PIC: ${o.pics.join(', ')}` : ''}`;

export const tanya = defineCommand({
  name: 'tanya',
  aliases: ['ask'],
  audience: ['operator'],
  help: 'Teruskan pertanyaan masyarakat ke PIC unit; jawabannya diteruskan kembali ke Anda. Dengan topik, bot mengusulkan unitnya.',
  usage: '/tanya <kode-unit|topik> <pertanyaan>',
  examples: ['/tanya BKN-DIT-PENGADAAN Kapan pengumuman hasil seleksi PPPK tahap 2?', '/tanya pensiun Berapa lama proses pencairan pensiun janda?'],
  params: ['target', 'question...'],
  args: z.object({
    target: z.string({ error: 'sebutkan kode unit atau topik, lalu pertanyaannya' }).trim().min(1, 'sebutkan kode unit atau topik'),
    question: z.string().max(3500, 'pertanyaan terlalu panjang (maks. 3500 karakter)').optional(),
    /** Set when the operator picked a unit from the proposed list. */
    topic: z.string().optional(),
  }),
  async run(ctx): Promise<Reply> {
    const agencyId = agencyOf(ctx);
    const target = await resolveTarget(ctx.services, agencyId, ctx.args.target, ctx.args.question ?? '');
    if (target.kind === 'choices') {
      const { options, question } = target;
      await startConversation(ctx.services, { platform: ctx.inbound.platform, chatId: ctx.inbound.chatId, userId: ctx.inbound.user.id }, {
        kind: 'ir_pick',
        question,
        options: options.map((o) => ({ unitId: o.unit.id, code: o.unit.code, topic: o.topic })),
      });
      return reply(`Unit mana yang dituju? Usulan dari direktori PIC:\n${options.map(optionLine).join('\n')}\n\nBalas dengan angkanya (atau tekan tombolnya) untuk mengirim, atau ketik /batal.`, {
        buttons: options.map((o, i) => [{ label: `${i + 1} ${o.unit.code}`, data: encodeCallback('ir_pick', o.unit.id) }]),
      });
    }
    const { request, unit, pics } = await askInfo(ctx.services, ctx.actor, {
      agencyId,
      unitId: target.unit.id,
      topic: ctx.args.topic ?? null,
      question: target.question,
      origin: { platform: ctx.inbound.platform, chatId: ctx.inbound.chatId },
    });
    const cal = await ctx.services.calendars.get(agencyId);
    const t = request.trackingId;
    return reply(
      `✅ ${t} terkirim ke ${unit.code}${pics.length ? ` dan PIC ${pics.map((p) => p.name).join(', ')}` : ''}.\n` +
        `Target respons pertama: ${formatDateTime(request.firstResponseDue, cal.timeZone)} · Batas: ${formatLocalDate(cal.toLocalDate(request.dueAt))}.\n` +
        `Jawaban diteruskan ke chat ini dan ke chat pribadi Anda. Tanya lagi: /tanya-lagi ${t} <pertanyaan> · Tutup: /selesai-ir ${t}`,
    );
  },
});
