import { z } from 'zod';
import { IR_STATUS_LABEL, clean } from '../../info/texts.js';
import { irDetail, openIrs } from '../../info/queries.js';
import type { IrStatus } from '../../info/requests.js';
import { formatDateTime, formatLocalDate, formatTime } from '../../messages/format.js';
import { agencyOf } from '../context-helpers.js';
import { defineCommand, reply } from '../define.js';
import { irAndText } from './args.js';

const KIND_LABEL: Record<string, string> = { question: 'Pertanyaan', answer: 'Jawaban', followup: 'Lanjutan' };

export const irStatus = defineCommand({
  name: 'ir',
  aliases: ['cek-ir'],
  audience: 'member',
  help: 'Keadaan satu permintaan informasi dengan riwayatnya; tanpa nomor: yang masih terbuka.',
  usage: '/ir [IR-id]',
  examples: ['/ir IR-260302-0001'],
  params: ['text...'],
  args: z.object({ text: z.string().optional() }),
  async run(ctx) {
    const agencyId = agencyOf(ctx);
    const cal = await ctx.services.calendars.get(agencyId);
    const tz = cal.timeZone;
    const { ir } = await irAndText(ctx, undefined, ctx.args.text);
    if (!ir) {
      const items = await openIrs(ctx.services, ctx.actor, { agencyId, unitId: ctx.chat?.unitId ?? null });
      if (items.length === 0) return reply('Tidak ada permintaan informasi yang terbuka. Ajukan dengan /tanya <kode-unit|topik> <pertanyaan>.');
      return reply(['📋 Permintaan informasi terbuka:', ...items.map((i) => `• ${i.trackingId} · ${i.unitCode} · ${IR_STATUS_LABEL[i.status as IrStatus] ?? i.status} · ${formatDateTime(i.askedAt, tz)}\n  ${clean(i.question, 120)}`)].join('\n'));
    }
    const d = await irDetail(ctx.services, ctx.actor, { trackingId: ir, agencyId });
    const r = d.request;
    const lines = [
      `ℹ️ ${r.trackingId} — ${IR_STATUS_LABEL[r.status as IrStatus] ?? r.status}${r.status === 'PROMOTED' ? ` (laporan #${r.trackingId})` : ''}`,
      `Unit: ${d.unit.code} — ${d.unit.name} · PIC: ${d.pics.join(', ') || '—'}`,
      `Ditanya: ${d.askedBy}, ${formatDateTime(r.askedAt, tz)}`,
      `Target respons pertama: ${formatDateTime(r.firstResponseDue, tz)}${r.firstAnswerAt ? ` · dijawab ${formatDateTime(r.firstAnswerAt, tz)}` : ''} · Batas: ${formatLocalDate(cal.toLocalDate(r.dueAt))}`,
      '',
      'Riwayat:',
      ...d.messages.map((m) => `• ${formatLocalDate(cal.toLocalDate(m.at))} ${formatTime(m.at, tz)} ${KIND_LABEL[m.kind] ?? m.kind} (${m.authorName}): ${clean(m.text, 400)}`),
    ];
    return reply(lines.join('\n'));
  },
});
