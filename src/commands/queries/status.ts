import { z } from 'zod';
import { CATEGORY_LABEL, STATUS_LABEL } from '../../domain/labels.js';
import { isOpenAtUnit } from '../../domain/report-state.js';
import { workingDaysLeft } from '../../domain/sla.js';
import type { Category } from '../../domain/types.js';
import { shorten } from '../../lib/pii.js';
import { formatDateTime, formatDaysLeft, formatLocalDate } from '../../messages/format.js';
import { getReportStatus } from '../../services/queries/report-status.js';
import { trackingId } from '../args.js';
import { agencyOf } from '../context-helpers.js';
import { defineCommand, reply } from '../define.js';
import { eventLabel } from './event-labels.js';
import { dot, shortDateTime } from './render.js';

/** Reasons and answers in the history, after masking. */
const NOTE_WIDTH = 80;

export const status = defineCommand({
  name: 'status',
  aliases: ['cek', 'info'],
  audience: 'member',
  help: 'Lihat keadaan laporan: status, unit, batas waktu dan riwayat terakhir.',
  usage: '/status <nomor>',
  examples: ['/status 1234567'],
  params: ['tracking'],
  args: z.object({ tracking: trackingId }),
  async run(ctx) {
    const agencyId = agencyOf(ctx);
    const v = await getReportStatus(ctx.services, ctx.actor, agencyId, ctx.args.tracking);
    const cal = await ctx.services.calendars.get(agencyId);
    const now = ctx.services.clock.now();
    const lines = [
      `📋 Laporan #${v.trackingId}`,
      `Judul: ${v.title}`,
      `Kategori: ${CATEGORY_LABEL[v.category as Category] ?? v.category}`,
      `Status: ${STATUS_LABEL[v.status]}`,
      `Unit: ${v.unit ? `${v.unit.code} — ${v.unit.name}` : 'menunggu Admin Instansi'}`,
    ];
    if (v.claimedBy && v.claimedAt) lines.push(`Diambil: ${v.claimedBy}, ${shortDateTime(v.claimedAt, cal)}`);
    else if (v.unit && isOpenAtUnit(v.status)) lines.push('Diambil: belum');
    lines.push(`Diterima: ${formatDateTime(v.receivedAt, cal.timeZone)}`);
    if (v.dueDate) {
      const left = isOpenAtUnit(v.status) ? ` (${formatDaysLeft(workingDaysLeft(v.dueDate, now, cal))})` : '';
      lines.push(`Batas: ${formatLocalDate(v.dueDate)}${left}`);
    }
    if (v.bounceCount > 0) lines.push(`Dikembalikan (bukan wewenang): ${v.bounceCount} kali`);
    if (v.events.length) {
      lines.push('', 'Riwayat terakhir:');
      for (const e of v.events) {
        const note = e.note ? `: "${shorten(e.note, NOTE_WIDTH)}"` : '';
        lines.push(`• ${dot(shortDateTime(e.at, cal), e.actorLabel, eventLabel(e.action, e.unitCode))}${note}`);
      }
    }
    return reply(lines.join('\n'));
  },
});
