/**
 * `/laporan triwulan [YYYY-Q]`: the quarterly report (XLSX) sent privately to the person who asked;
 * the group only hears that it was sent. Without a period: the last finished quarter.
 */
import { z } from 'zod';
import { buildQuarterlyWorkbook, XLSX_MIME } from '../../recap/quarterly.js';
import { seesWholeAgency } from '../../services/queries/scope.js';
import { fail } from '../../domain/errors.js';
import type { LocalDate } from '../../domain/types.js';
import { agencyOf } from '../context-helpers.js';
import { defineCommand, reply } from '../define.js';

const ROMAN = ['I', 'II', 'III', 'IV'];

/** `2026-1`, `2026-Q1`, `2026-TW1`, `2026/1` → year and quarter. */
export const quarterArg = z
  .string()
  .trim()
  .regex(/^\d{4}\s*[-/ ]\s*(?:q|tw)?\s*[1-4]$/i, 'triwulan ditulis TAHUN-TRIWULAN, mis. 2026-1')
  .transform((s) => ({ year: Number(s.slice(0, 4)), quarter: Number(s.slice(-1)) }))
  .optional();

/** The last quarter that has ended by `today`. */
export function lastFinishedQuarter(today: LocalDate): { year: number; quarter: number } {
  const year = Number(today.slice(0, 4));
  const current = Math.ceil(Number(today.slice(5, 7)) / 3);
  return current === 1 ? { year: year - 1, quarter: 4 } : { year, quarter: current - 1 };
}

export const laporan = defineCommand({
  name: 'laporan',
  aliases: ['report'],
  audience: ['admin_instansi', 'inspektorat'],
  help: 'Laporan triwulan (XLSX) untuk Inspektorat, dikirim lewat chat pribadi.',
  usage: '/laporan triwulan [TAHUN-TRIWULAN]',
  examples: ['/laporan triwulan 2026-1'],
  params: ['jenis', 'periode'],
  args: z.object({
    jenis: z.string({ error: 'jenis laporan wajib diisi: triwulan' }).trim().toLowerCase().pipe(z.enum(['triwulan', 'quarterly'], { error: 'jenis laporan: triwulan' })),
    periode: quarterArg,
  }),
  async run(ctx) {
    const agencyId = agencyOf(ctx);
    if (!seesWholeAgency(ctx.actor, agencyId, ['admin_instansi', 'inspektorat'])) fail('FORBIDDEN', { need: 'admin_instansi' });
    const cal = await ctx.services.calendars.get(agencyId);
    const { year, quarter } = ctx.args.periode ?? lastFinishedQuarter(cal.toLocalDate(ctx.services.clock.now()));
    const { buffer, filename, data } = await buildQuarterlyWorkbook(ctx.services, { agencyId, year, quarter });
    const label = `Triwulan ${ROMAN[quarter - 1]} ${year}`;
    const file = reply(`📑 Laporan ${label} — ${data.agency.name}: ${data.quarter.received} laporan diterima. Bagian 4–6 (analisis) diisi petugas.`, {
      private: true,
      document: { filename, contentBase64: buffer.toString('base64'), mimeType: XLSX_MIME },
    });
    if (ctx.inbound.chatType === 'private') return file;
    return [file, reply(`📑 Laporan ${label} dikirim ke chat pribadi Anda. Bila belum masuk, mulai chat pribadi dengan bot lalu ulangi perintah ini.`)];
  },
});
