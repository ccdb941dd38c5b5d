/**
 * `/laporan triwulan [YYYY-Q]`: the quarterly report (XLSX) sent privately to the person who asked;
 * the group only hears that it was sent. Without a period: the last finished quarter.
 *
 * `/laporan bulanan [YYYY-MM]`: the monthly SP4N indicators of the agency — the summary where it was
 * asked, the XLSX privately. Without a period: the previous month.
 */
import { z } from 'zod';
import { buildQuarterlyWorkbook, XLSX_MIME } from '../../recap/quarterly.js';
import { buildMonthlyWorkbook } from '../../recap/monthly-report.js';
import { monthlySummaryText } from '../../recap/monthly-text.js';
import { seesWholeAgency } from '../../services/queries/scope.js';
import { fail } from '../../domain/errors.js';
import type { LocalDate } from '../../domain/types.js';
import { agencyOf } from '../context-helpers.js';
import { defineCommand, reply, type CommandContext, type Reply } from '../define.js';

const ROMAN = ['I', 'II', 'III', 'IV'];

const QUARTER = /^\d{4}\s*[-/ ]\s*(?:q|tw)?\s*[1-4]$/i;
const MONTH = /^(\d{4})\s*[-/]\s*(\d{1,2})$/;

/** `2026-1`, `2026-Q1`, `2026-TW1`, `2026/1` → year and quarter. */
export const quarterArg = z
  .string()
  .trim()
  .regex(QUARTER, 'triwulan ditulis TAHUN-TRIWULAN, mis. 2026-1')
  .transform((s) => ({ year: Number(s.slice(0, 4)), quarter: Number(s.slice(-1)) }))
  .optional();

/** `2026-03`, `2026-3`, `2026/03` → year and month. */
export function parseMonthArg(text: string): { year: number; month: number } | null {
  const m = MONTH.exec(text.trim());
  if (!m) return null;
  const month = Number(m[2]);
  return month >= 1 && month <= 12 ? { year: Number(m[1]), month } : null;
}

/** The last quarter that has ended by `today`. */
export function lastFinishedQuarter(today: LocalDate): { year: number; quarter: number } {
  const year = Number(today.slice(0, 4));
  const current = Math.ceil(Number(today.slice(5, 7)) / 3);
  return current === 1 ? { year: year - 1, quarter: 4 } : { year, quarter: current - 1 };
}

/** The month before the one `today` is in. */
export function previousMonth(today: LocalDate): { year: number; month: number } {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  return month === 1 ? { year: year - 1, month: 12 } : { year, month: month - 1 };
}

const KINDS = { triwulan: 'quarter', quarterly: 'quarter', bulanan: 'month', monthly: 'month' } as const;

const privateNote = (what: string): Reply =>
  reply(`📑 ${what} dikirim ke chat pribadi Anda. Bila belum masuk, mulai chat pribadi dengan bot lalu ulangi perintah ini.`);

type Ctx = CommandContext<{ jenis: keyof typeof KINDS; periode?: string }>;

async function quarterly(ctx: Ctx, agencyId: string, today: LocalDate): Promise<Reply[]> {
  const arg = ctx.args.periode;
  const parsed = arg === undefined ? undefined : quarterArg.safeParse(arg);
  if (parsed && !parsed.success) fail('INVALID_ARGS', { field: 'periode', value: arg, expected: 'TAHUN-TRIWULAN, mis. 2026-1' });
  const { year, quarter } = parsed?.data ?? lastFinishedQuarter(today);
  const { buffer, filename, data } = await buildQuarterlyWorkbook(ctx.services, { agencyId, year, quarter });
  const label = `Triwulan ${ROMAN[quarter - 1]} ${year}`;
  const file = reply(`📑 Laporan ${label} — ${data.agency.name}: ${data.quarter.received} laporan diterima. Bagian 4–6 (analisis) diisi petugas.`, {
    private: true,
    document: { filename, contentBase64: buffer.toString('base64'), mimeType: XLSX_MIME },
  });
  return ctx.inbound.chatType === 'private' ? [file] : [file, privateNote(`Laporan ${label}`)];
}

async function monthly(ctx: Ctx, agencyId: string, today: LocalDate): Promise<Reply[]> {
  const arg = ctx.args.periode;
  const parsed = arg === undefined ? previousMonth(today) : parseMonthArg(arg);
  if (!parsed) fail('INVALID_ARGS', { field: 'periode', value: arg, expected: 'TAHUN-BULAN, mis. 2026-03' });
  const { buffer, filename, report } = await buildMonthlyWorkbook(ctx.services, { agencyId, ...parsed });
  const summary = reply(monthlySummaryText(report.heading, report.indicators));
  const file = reply(`📑 Laporan bulanan SP4N (23 indikator) — ${report.heading.scope}, ${filename}`, {
    private: true,
    document: { filename, contentBase64: buffer.toString('base64'), mimeType: XLSX_MIME },
  });
  return ctx.inbound.chatType === 'private' ? [summary, file] : [summary, file, privateNote('Berkas XLSX laporan bulanan')];
}

export const laporan = defineCommand({
  name: 'laporan',
  aliases: ['report'],
  audience: ['admin_instansi', 'inspektorat'],
  help: 'Laporan bulanan (23 indikator SP4N) atau triwulan untuk Inspektorat; berkas XLSX dikirim lewat chat pribadi.',
  usage: '/laporan bulanan [TAHUN-BULAN] | /laporan triwulan [TAHUN-TRIWULAN]',
  examples: ['/laporan bulanan 2026-03', '/laporan triwulan 2026-1'],
  params: ['jenis', 'periode'],
  args: z.object({
    jenis: z.string({ error: 'jenis laporan wajib diisi: bulanan atau triwulan' }).trim().toLowerCase()
      .pipe(z.enum(['triwulan', 'quarterly', 'bulanan', 'monthly'], { error: 'jenis laporan: bulanan atau triwulan' })),
    periode: z.string().trim().optional(),
  }),
  async run(ctx) {
    const agencyId = agencyOf(ctx);
    if (!seesWholeAgency(ctx.actor, agencyId, ['admin_instansi', 'inspektorat'])) fail('FORBIDDEN', { need: 'admin_instansi' });
    const cal = await ctx.services.calendars.get(agencyId);
    const today = cal.toLocalDate(ctx.services.clock.now());
    return KINDS[ctx.args.jenis] === 'month' ? monthly(ctx, agencyId, today) : quarterly(ctx, agencyId, today);
  },
});
