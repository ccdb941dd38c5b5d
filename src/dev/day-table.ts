/**
 * The generator's calendar, precomputed once: for every office-local day of the data set, its
 * start instant, whether it is a working day, and for each SLA category the deadline of a report
 * reaching a unit that day (computed with the real `computeDeadline` and one WorkingCalendar).
 * A million reports then look their deadline up by day index instead of walking the calendar.
 */
import type { WorkingCalendar } from '../domain/calendar.js';
import { addDays, daysBetween } from '../domain/local-date.js';
import { computeDeadline } from '../domain/sla.js';
import { CATEGORIES, type Category, type LocalDate } from '../domain/types.js';

export interface DayDeadline {
  dueDate: LocalDate;
  dueAtMs: number;
  reminderAtMs: number;
  /** Index of the due day in the table (may be past the last generated day). */
  dueIdx: number;
}

export class DayTable {
  /** Local date of each day. */
  readonly dates: LocalDate[] = [];
  /** Instant of local midnight of each day (one more than `dates`: the end of the last day). */
  readonly startMs: number[] = [];
  readonly working: boolean[] = [];
  private readonly deadlines = new Map<Category, DayDeadline[]>();
  private readonly index = new Map<LocalDate, number>();

  /**
   * Days `first` … `last` (inclusive) carry reports; deadlines reach up to `tailDays` beyond.
   */
  constructor(readonly cal: WorkingCalendar, readonly first: LocalDate, last: LocalDate, tailDays = 130) {
    const count = daysBetween(first, last) + 1 + tailDays;
    for (let i = 0; i <= count; i++) {
      const date = addDays(first, i);
      this.dates.push(date);
      this.index.set(date, i);
      this.startMs.push(cal.startOfDay(date).getTime());
      this.working.push(cal.isWorkingDay(date));
    }
    this.dates.pop(); // the extra entry only closes the last day in startMs
    this.working.pop();
    const reportDays = daysBetween(first, last) + 1;
    for (const category of CATEGORIES) {
      const rows: DayDeadline[] = [];
      for (let i = 0; i < reportDays; i++) {
        // Noon: any instant of the day gives the same local date, hence the same deadline.
        const d = computeDeadline(new Date((this.startMs[i] ?? 0) + 12 * 3_600_000), category, cal);
        rows.push({ dueDate: d.dueDate, dueAtMs: d.dueAt.getTime(), reminderAtMs: d.reminderAt.getTime(), dueIdx: this.index.get(d.dueDate) ?? -1 });
      }
      this.deadlines.set(category, rows);
    }
  }

  /** Number of days that can carry reports (deadlines excluded). */
  get reportDays(): number {
    return this.deadlines.get('informasi')?.length ?? 0;
  }

  /** Days in the table including the deadline tail. */
  get length(): number {
    return this.dates.length;
  }

  /** Day index of an instant (binary search: exact for any zone, DST or not). */
  dayOf(ms: number): number {
    let lo = 0;
    let hi = this.startMs.length - 2;
    if (ms < (this.startMs[0] ?? 0)) return -1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if ((this.startMs[mid] ?? 0) <= ms) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** The deadline of a report that reached its unit on day `idx`. */
  deadline(category: Category, idx: number): DayDeadline {
    const row = this.deadlines.get(category)?.[idx];
    if (!row) throw new Error(`no deadline for day ${idx} (${category})`);
    return row;
  }

  /** The first working day at or after `idx` (the table's last day when none is left). */
  workingAtOrAfter(idx: number): number {
    let i = Math.max(0, idx);
    while (i < this.working.length - 1 && !this.working[i]) i++;
    return i;
  }

  /** An instant on day `idx` at `hour` (fractional) local time; exact for fixed-offset zones. */
  at(idx: number, hour: number): number {
    return (this.startMs[idx] ?? 0) + Math.round(hour * 3_600_000);
  }
}
