/**
 * The auto-generated parts 2 and 3 of the quarterly report (seeds/003, Tabel 2): handling time per
 * complaint category, and how many were handled faster than, on, or after their deadline. SQL
 * aggregates over the reports received in the quarter.
 *
 * - "Rata-rata hari kalender": receipt → closure in whole calendar days, the unit of RTL and RV.
 * - "Rata-rata hari kerja": arrival at the (last) unit → closure in working days, counted like the
 *   deadline (days d with arrival < d ≤ closure that are working days), because the rule it is
 *   compared with (5/14/60 hari kerja) is in working days.
 * - Faster / on time / slower compares the office-local closing date with the stored due date:
 *   before it, on it, after it.
 */
import { addDays, dayOfWeek } from '../domain/local-date.js';
import type { WorkingCalendar } from '../domain/calendar.js';
import { Prisma } from '../generated/prisma/client.js';
import type { RecapDb, Window } from './sql.js';
import { meanDays } from './rounding.js';

export interface CategoryHandling {
  category: string;
  received: number;
  done: number;
  meanCalendarDays: number | null;
  meanWorkingDays: number | null;
  /** The sums behind the means, so that totals over categories can be averaged exactly. */
  calendarDaysSum: number;
  workingDaysSum: number;
  workingCount: number;
  faster: number;
  onTime: number;
  slower: number;
  /** Still open at a unit, past the deadline / not yet. */
  openLate: number;
  openInTime: number;
}

interface Row {
  category: string;
  received: number;
  done: number;
  cal_days: number;
  work_n: number;
  work_days: number;
  faster: number;
  on_time: number;
  slower: number;
  open_late: number;
  open_in_time: number;
}

/** Weekdays the office is closed and weekend days it is open, between two dates (as PG array literals). */
export function calendarExceptions(cal: WorkingCalendar, from: string, to: string): { closed: string; open: string } {
  const closed: string[] = [];
  const open: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) {
    const weekend = dayOfWeek(d) === 0 || dayOfWeek(d) === 6;
    const working = cal.isWorkingDay(d);
    if (!weekend && !working) closed.push(d);
    if (weekend && working) open.push(d);
  }
  return { closed: `{${closed.join(',')}}`, open: `{${open.join(',')}}` };
}

export async function categoryHandling(db: RecapDb, w: Window, asOf: Date, exceptions: { closed: string; open: string }): Promise<CategoryHandling[]> {
  const tz = w.timeZone;
  const day = (col: string): Prisma.Sql => Prisma.sql`((${Prisma.raw(col)}) AT TIME ZONE ${tz})::date`;
  const rows = await db.$queryRaw<Row[]>`
    WITH base AS (
      SELECT r.category, r.status, r.due_date, r.due_at,
        ${day('r.received_at')} AS received_day, ${day('r.disposed_at')} AS unit_day, ${day('r.closed_at')} AS closed_day
      FROM report r
      WHERE r.received_at >= ${w.start} AND r.received_at < ${w.end} AND ${w.scope}
    )
    SELECT category, count(*)::int AS received,
      count(*) FILTER (WHERE status = 'SELESAI')::int AS done,
      COALESCE(sum(GREATEST(0, closed_day - received_day)) FILTER (WHERE status = 'SELESAI'), 0)::float8 AS cal_days,
      count(*) FILTER (WHERE status = 'SELESAI' AND unit_day IS NOT NULL AND closed_day IS NOT NULL)::int AS work_n,
      COALESCE(sum((
        SELECT count(*) FROM generate_series(unit_day + 1, closed_day, interval '1 day') g(d)
        WHERE (extract(isodow FROM g.d) < 6 AND NOT (g.d::date = ANY(${exceptions.closed}::date[]))) OR g.d::date = ANY(${exceptions.open}::date[])
      )) FILTER (WHERE status = 'SELESAI' AND unit_day IS NOT NULL AND closed_day IS NOT NULL), 0)::float8 AS work_days,
      count(*) FILTER (WHERE status = 'SELESAI' AND closed_day < due_date)::int AS faster,
      count(*) FILTER (WHERE status = 'SELESAI' AND closed_day = due_date)::int AS on_time,
      count(*) FILTER (WHERE status = 'SELESAI' AND closed_day > due_date)::int AS slower,
      count(*) FILTER (WHERE status IN ('BELUM_DITINDAKLANJUTI', 'PROSES') AND due_at < ${asOf})::int AS open_late,
      count(*) FILTER (WHERE status IN ('BELUM_DITINDAKLANJUTI', 'PROSES') AND (due_at IS NULL OR due_at >= ${asOf}))::int AS open_in_time
    FROM base GROUP BY category ORDER BY category`;
  return rows.map((r) => ({
    category: r.category,
    received: r.received,
    done: r.done,
    meanCalendarDays: meanDays(r.cal_days, r.done),
    meanWorkingDays: meanDays(r.work_days, r.work_n),
    calendarDaysSum: r.cal_days,
    workingDaysSum: r.work_days,
    workingCount: r.work_n,
    faster: r.faster,
    onTime: r.on_time,
    slower: r.slower,
    openLate: r.open_late,
    openInTime: r.open_in_time,
  }));
}

export interface ReporterThemes {
  male: number;
  female: number;
  disability: number;
  vulnerable: number;
}

/** Counts only (never who): support for the officers' gender/disability/vulnerable-group analysis. */
export async function reporterThemes(db: RecapDb, w: Window): Promise<ReporterThemes> {
  const rows = await db.$queryRaw<ReporterThemes[]>`
    SELECT count(*) FILTER (WHERE upper(p.gender) = 'L')::int AS male,
      count(*) FILTER (WHERE upper(p.gender) = 'P')::int AS female,
      count(*) FILTER (WHERE p.disability)::int AS disability,
      count(*) FILTER (WHERE p.vulnerable)::int AS vulnerable
    FROM report r JOIN reporter p ON p.report_id = r.id
    WHERE r.received_at >= ${w.start} AND r.received_at < ${w.end} AND ${w.scope}`;
  return rows[0] ?? { male: 0, female: 0, disability: 0, vulnerable: 0 };
}
