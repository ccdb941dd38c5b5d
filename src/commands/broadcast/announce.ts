/** `/umumkan` and `/jadwalkan`: draft a broadcast and show its recipients before anything is sent. */
import { z } from 'zod';
import { parseSchedulePhrase } from '../../domain/schedule-phrase.js';
import { fail } from '../../domain/errors.js';
import { confirmationMessage } from '../../messages/broadcast-text.js';
import { createBroadcastDraft, type BroadcastWhen } from '../../services/broadcasts/create-broadcast.js';
import { freeText } from '../args.js';
import { agencyOf } from '../context-helpers.js';
import { defineCommand, type CommandContext, type Reply } from '../define.js';

/** Take `--unit KODE` (anywhere) out of the text. */
export function splitUnitFlag(text: string): { unitCode?: string; text: string } {
  const m = /(^|\s)--unit(?:=|\s+)(\S+)/i.exec(text);
  if (!m) return { text: text.trim() };
  return { unitCode: m[2], text: (text.slice(0, m.index) + text.slice(m.index + m[0].length)).trim() };
}

async function draft(ctx: CommandContext<unknown>, text: string, when: BroadcastWhen, unitCode: string | undefined): Promise<Reply> {
  const agencyId = agencyOf(ctx);
  if (!text) fail('INVALID_ARGS', { field: 'teks', expected: 'tulis isi pengumuman setelah waktu' });
  const d = await createBroadcastDraft(ctx.services, ctx.actor, { agencyId, unitCode, text, when });
  const cal = await ctx.services.calendars.get(agencyId);
  return confirmationMessage(d.broadcast, d.short, d.recipients.map((r) => r.label), cal.timeZone, d.unit?.code ?? null);
}

export const announce = defineCommand({
  name: 'umumkan',
  aliases: ['announce'],
  audience: ['admin_instansi'],
  help: 'Kirim pengumuman ke semua grup instansi (atau satu unit dengan --unit); bot menampilkan penerima dan meminta konfirmasi dulu.',
  usage: '/umumkan [--unit KODE] <teks>',
  examples: ['/umumkan Mohon semua unit memperbarui data pejabat penghubung paling lambat Jumat.', '/umumkan --unit BKN-PENGADAAN Rapat koordinasi besok pukul 09.00.'],
  params: ['teks...'],
  args: z.object({ teks: freeText('teks pengumuman') }),
  async run(ctx) {
    const { unitCode, text } = splitUnitFlag(ctx.args.teks);
    return draft(ctx, text, { kind: 'now' }, unitCode);
  },
});

export const schedule = defineCommand({
  name: 'jadwalkan',
  aliases: ['schedule'],
  audience: ['admin_instansi'],
  help: 'Jadwalkan pengumuman sekali atau berulang (mis. "setiap Jumat 09:00", "setiap hari kerja 08:00"); konfirmasi dulu sebelum aktif.',
  usage: '/jadwalkan [--unit KODE] <waktu> <teks>',
  examples: ['/jadwalkan setiap Jumat 09:00 Jangan lupa perbarui status laporan sebelum akhir pekan.', '/jadwalkan 2026-12-01 09:00 Rapat evaluasi triwulan.', '/jadwalkan besok 08:00 Batas rekap bulanan hari ini.'],
  params: ['teks...'],
  args: z.object({ teks: freeText('waktu dan teks pengumuman') }),
  async run(ctx) {
    const { unitCode, text } = splitUnitFlag(ctx.args.teks);
    const cal = await ctx.services.calendars.get(agencyOf(ctx));
    const p = parseSchedulePhrase(text, ctx.services.clock.now(), cal);
    const when: BroadcastWhen = p.kind === 'once' ? { kind: 'once', at: p.at } : { kind: 'repeat', repeat: p.repeat, first: p.first };
    return draft(ctx, p.text, when, unitCode);
  },
});
