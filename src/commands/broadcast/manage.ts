/** `/kirim`, `/jadwal`, `/batal-jadwal`: confirm, list and cancel broadcasts. */
import { z } from 'zod';
import { decodeRepeat, describeRepeat } from '../../domain/schedule-phrase.js';
import { shorten } from '../../lib/pii.js';
import { whenText } from '../../messages/broadcast-text.js';
import { formatDateTime } from '../../messages/format.js';
import { shortId } from '../../services/broadcasts/broadcast-core.js';
import { cancelBroadcast } from '../../services/broadcasts/cancel-broadcast.js';
import { confirmBroadcast } from '../../services/broadcasts/confirm-broadcast.js';
import { listBroadcasts } from '../../services/broadcasts/list-broadcasts.js';
import { mask } from '../../lib/pii.js';
import { agencyOf } from '../context-helpers.js';
import { defineCommand, reply } from '../define.js';

const broadcastRef = z.string({ error: 'kode pengumuman wajib diisi (lihat /jadwal)' }).trim().min(4, 'kode pengumuman wajib diisi (lihat /jadwal)');

export const send = defineCommand({
  name: 'kirim',
  aliases: ['send'],
  audience: ['admin_instansi'],
  help: 'Konfirmasi draf pengumuman dari /umumkan atau /jadwalkan: kirim sekarang atau aktifkan jadwalnya.',
  usage: '/kirim <kode>',
  examples: ['/kirim 3fa2b1c9'],
  params: ['id'],
  args: z.object({ id: broadcastRef }),
  async run(ctx) {
    const agencyId = agencyOf(ctx);
    const { broadcast: b, sent } = await confirmBroadcast(ctx.services, ctx.actor, agencyId, ctx.args.id);
    if (sent !== null) return reply(`✅ Pengumuman ${shortId(b.id)} dikirim ke ${sent} grup.`);
    const cal = await ctx.services.calendars.get(agencyId);
    return reply(`🗓️ Pengumuman ${shortId(b.id)} dijadwalkan: ${whenText(b, cal.timeZone)}. Lihat semua: /jadwal · batalkan: /batal-jadwal ${shortId(b.id)}.`);
  },
});

export const listScheduled = defineCommand({
  name: 'jadwal',
  aliases: ['schedules'],
  audience: ['admin_instansi'],
  help: 'Daftar pengumuman terjadwal dan draf yang belum dikonfirmasi.',
  usage: '/jadwal',
  params: [],
  args: z.object({}),
  async run(ctx) {
    const agencyId = agencyOf(ctx);
    const rows = await listBroadcasts(ctx.services, ctx.actor, agencyId);
    if (rows.length === 0) return reply('Belum ada pengumuman terjadwal. Buat dengan /jadwalkan <waktu> <teks>.');
    const cal = await ctx.services.calendars.get(agencyId);
    const lines = [`🗓️ Pengumuman terjadwal (${rows.length})`];
    for (const b of rows) {
      const when = b.repeatCron ? describeRepeat(decodeRepeat(b.repeatCron)) : b.nextRunAt ? formatDateTime(b.nextRunAt, cal.timeZone) : 'sekarang';
      const next = b.repeatCron && b.nextRunAt ? ` · berikutnya ${formatDateTime(b.nextRunAt, cal.timeZone)}` : '';
      const state = b.state === 'draft' ? ' · DRAF (belum dikonfirmasi: /kirim)' : '';
      lines.push(`• ${shortId(b.id)} · ${when}${next} · ${b.unitCode ?? 'semua grup'}${state}`, `   ${shorten(mask(b.text), 80)}`);
    }
    lines.push('', 'Batalkan: /batal-jadwal <kode>');
    return reply(lines.join('\n'));
  },
});

export const unschedule = defineCommand({
  name: 'batal-jadwal',
  aliases: ['unschedule'],
  audience: ['admin_instansi'],
  help: 'Batalkan pengumuman terjadwal (atau draf) dengan kodenya dari /jadwal.',
  usage: '/batal-jadwal <kode>',
  examples: ['/batal-jadwal 3fa2b1c9'],
  params: ['id'],
  args: z.object({ id: broadcastRef }),
  async run(ctx) {
    const b = await cancelBroadcast(ctx.services, ctx.actor, agencyOf(ctx), ctx.args.id);
    return reply(`🚫 Pengumuman ${shortId(b.id)} dibatalkan; tidak akan dikirim.`);
  },
});
