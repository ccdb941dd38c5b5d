/**
 * The monthly report by the scheduler: on the first working day of a month (each agency's own
 * working-day calendar), the previous month's indicators go to the agency — the summary to its
 * admin chats, the XLSX privately to each approved Admin Instansi (to the admin chats when the
 * agency has no Admin Instansi on record). Only enqueues; the dispatcher sends. The dedupe keys
 * hold the agency, the target and the month, so a second run (another slot, a retry) never
 * sends twice.
 */
import type { WorkingCalendar } from '../domain/calendar.js';
import { makeLocalDate } from '../domain/local-date.js';
import type { LocalDate } from '../domain/types.js';
import type { OutMessage, Target } from '../lib/message.js';
import type { ServiceContext } from '../services/context.js';
import { adminTargets, enqueue } from '../services/outbox.js';
import { privateTargetsOf } from '../services/people/private-targets.js';
import { buildMonthlyWorkbook } from './monthly-report.js';
import { monthlySummaryText } from './monthly-text.js';
import { XLSX_MIME } from './quarterly.js';

/**
 * 08:00 on days 1–14: the job itself keeps only the first working day of the month. Two weeks
 * cover any run of holidays and cuti bersama at a month's start (Lebaran included).
 */
export const MONTHLY_REPORT_CRON = '0 8 1-14 * *';

/** Whether `date` is the month's first working day in `cal`. */
export function isFirstWorkingDayOfMonth(cal: WorkingCalendar, date: LocalDate): boolean {
  if (!cal.isWorkingDay(date)) return false;
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  for (let day = 1; day < d; day++) if (cal.isWorkingDay(makeLocalDate(y, m, day))) return false;
  return true;
}

export interface MonthlyJobResult {
  agencies: number;
  /** Messages newly queued (0 when this month's report was queued already). */
  queued: number;
}

const targetKey = (t: Target): string => `${t.platform}:${t.chatId}:${t.threadId ?? ''}`;

export async function enqueueMonthlyReports(ctx: ServiceContext, slot: Date): Promise<MonthlyJobResult> {
  const result: MonthlyJobResult = { agencies: 0, queued: 0 };
  const agencies = await ctx.db.agency.findMany({ orderBy: { code: 'asc' }, select: { id: true, code: true } });
  for (const agency of agencies) {
    const cal = await ctx.calendars.get(agency.id);
    const today = cal.toLocalDate(slot);
    if (!isFirstWorkingDayOfMonth(cal, today)) continue;
    const admins = await ctx.db.roleAssignment.findMany({
      where: { agencyId: agency.id, role: 'admin_instansi', state: 'APPROVED', unitId: null, person: { active: true } },
      select: { person: { select: { id: true, telegramId: true, whatsapp: true } } },
      orderBy: { createdAt: 'asc' },
    });
    const chats = await ctx.db.chat.count({ where: { agencyId: agency.id, unitId: null, healthy: true } });
    if (chats === 0 && admins.length === 0) continue;

    const [y, m] = today.split('-').map(Number) as [number, number];
    const month = m === 1 ? { year: y - 1, month: 12 } : { year: y, month: m - 1 };
    // Built before the transaction: writing the workbook must not hold a transaction open.
    const { buffer, filename, report } = await buildMonthlyWorkbook(ctx, { agencyId: agency.id, ...month, asOf: slot });
    const monthKey = report.indicators.period.from.slice(0, 7);
    const summary: OutMessage = { text: `${monthlySummaryText(report.heading, report.indicators)}\n📎 Berkas XLSX (23 indikator) dikirim ke chat pribadi Admin Instansi.` };
    const file: OutMessage = {
      text: `📑 Laporan bulanan SP4N (23 indikator) — ${report.heading.scope}, ${filename}`,
      document: { filename, contentBase64: buffer.toString('base64'), mimeType: XLSX_MIME },
    };
    const key = (t: Target, what: string): string => `monthly-report:${agency.code}:${monthKey}:${what}:${targetKey(t)}`;

    await ctx.db.$transaction(async (tx) => {
      const groupChats = await adminTargets(tx, agency.id);
      for (const t of groupChats) {
        const text = admins.length ? summary : { text: monthlySummaryText(report.heading, report.indicators) };
        if (await enqueue(tx, t, text, { purpose: 'digest', dedupeKey: key(t, 'summary') })) result.queued++;
        if (admins.length === 0 && (await enqueue(tx, t, file, { purpose: 'digest', dedupeKey: key(t, 'xlsx') }))) result.queued++;
      }
      for (const { person } of admins) {
        for (const t of privateTargetsOf(person)) {
          if (await enqueue(tx, t, file, { purpose: 'dm', dedupeKey: key(t, 'xlsx') })) result.queued++;
        }
      }
    });
    result.agencies++;
  }
  return result;
}
