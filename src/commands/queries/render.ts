/** Shared pieces of the look-up replies: short dates, one report per line, the page footer. */
import type { WorkingCalendar } from '../../domain/calendar.js';
import { STATUS_LABEL } from '../../domain/labels.js';
import { isOpenAtUnit } from '../../domain/report-state.js';
import { workingDaysLeft } from '../../domain/sla.js';
import type { LocalDate } from '../../domain/types.js';
import { shorten } from '../../lib/pii.js';
import { formatDaysLeft, formatLocalDate, formatTime } from '../../messages/format.js';
import type { ReportLine } from '../../services/queries/report-line.js';
import type { CommandContext } from '../define.js';

/** Title width in lists: one line on most phones. */
const TITLE_WIDTH = 70;

/** "9 Mar" for a LocalDate. */
export function shortDate(date: LocalDate): string {
  // formatLocalDate gives "Sen, 9 Mar 2026": keep the day and month.
  return formatLocalDate(date).replace(/^[^,]*, /, '').replace(/ \d{4}$/, '');
}

/** "2 Mar 09.00" in the office timezone. */
export function shortDateTime(at: Date, cal: WorkingCalendar): string {
  return `${shortDate(cal.toLocalDate(at))} ${formatTime(at, cal.timeZone)}`;
}

/** "batas 9 Mar (terlambat 3 hari kerja)"; the countdown only while the report is open at a unit. */
export function dueText(line: Pick<ReportLine, 'dueDate' | 'status'>, now: Date, cal: WorkingCalendar): string | null {
  if (!line.dueDate) return null;
  if (!isOpenAtUnit(line.status)) return `batas ${shortDate(line.dueDate)}`;
  return `batas ${shortDate(line.dueDate)} (${formatDaysLeft(workingDaysLeft(line.dueDate, now, cal))})`;
}

/** The masked title, indented under its report line. */
export function titleLine(line: Pick<ReportLine, 'title'>): string {
  return `   ${shorten(line.title, TITLE_WIDTH)}`;
}

/** `/` on Telegram and the console, `!` on WhatsApp (as /bantuan shows). */
export function prefixOf(ctx: CommandContext<unknown>): string {
  return ctx.inbound.platform === 'whatsapp' ? '!' : '/';
}

/**
 * "Halaman 1/3 — ketik /daftar proses 2 untuk berikutnya"; "Halaman 3/3" on the last page;
 * nothing when everything fits on one page. `next` is the command without the page number.
 */
export function pageFooter(p: { page: number; pages: number }, next: string): string | null {
  if (p.pages <= 1) return null;
  if (p.page >= p.pages) return `Halaman ${p.page}/${p.pages}`;
  return `Halaman ${p.page}/${p.pages} — ketik ${next} ${p.page + 1} untuk berikutnya`;
}

/** The status label of a line ("Proses"). */
export const statusOf = (line: Pick<ReportLine, 'status'>): string => STATUS_LABEL[line.status];

/** Join non-empty parts with " · ". */
export const dot = (...parts: (string | null | undefined | false)[]): string => parts.filter(Boolean).join(' · ');
