/**
 * Deadline fields of an imported report, the same ones a disposition stores, so the deadline
 * sweep picks imported reports up: due date from when the report reached its unit (disposed_at,
 * else received_at), and the next reminder only while it is open at the unit and not yet late
 * (a late one is in its unit's daily overdue digest, src/scheduler/jobs/deadline-sweep.ts).
 *
 * A deadline depends only on the office-local date the report reached the unit and its
 * category, so results are cached per (local date, category): a million-row import touches a
 * few hundred dates. The zone offset is cached per UTC day, which is exact for the office zones
 * the configuration allows (WIB, WITA, WIT: no daylight saving).
 */
import type { WorkingCalendar } from '../../domain/calendar.js';
import { isOpenAtUnit } from '../../domain/report-state.js';
import { computeDeadline } from '../../domain/sla.js';
import type { Category, LocalDate, ReportStatus } from '../../domain/types.js';

export interface DeadlineFields {
  dueDate: Date | null;
  dueAt: Date | null;
  nextReminderAt: Date | null;
}

export interface DeadlineInput {
  status: ReportStatus;
  unitId: string | null;
  category: Category;
  disposedAt: Date | null;
  receivedAt: Date;
}

const DAY_MS = 86_400_000;
const CACHE_LIMIT = 50_000;

export class ImportDeadlines {
  private readonly offsets = new Map<number, number>();
  private readonly deadlines = new Map<string, { dueDate: Date; dueAt: Date; reminderAt: Date }>();

  constructor(private readonly cal: WorkingCalendar) {}

  fields(r: DeadlineInput, now: Date): DeadlineFields {
    if (r.unitId === null) return { dueDate: null, dueAt: null, nextReminderAt: null };
    const d = this.deadline(r.disposedAt ?? r.receivedAt, r.category);
    return {
      dueDate: d.dueDate,
      dueAt: d.dueAt,
      // As after a disposition: a reminder date already past means "at the next sweep". A report
      // already past its due date needs no reminder time: its unit's daily overdue digest lists it.
      nextReminderAt: !isOpenAtUnit(r.status) || d.dueAt < this.startOfToday(now) ? null : d.reminderAt < now ? now : d.reminderAt,
    };
  }

  private today: { at: number; start: Date } | null = null;

  /** The office-local start of the day of `now` (one import has one "now"). */
  private startOfToday(now: Date): Date {
    if (this.today?.at !== now.getTime()) this.today = { at: now.getTime(), start: this.cal.startOfDay(this.cal.toLocalDate(now)) };
    return this.today.start;
  }

  private deadline(reachedAt: Date, category: Category): { dueDate: Date; dueAt: Date; reminderAt: Date } {
    const t = reachedAt.getTime();
    const day = Math.floor(t / DAY_MS);
    let offset = this.offsets.get(day);
    if (offset === undefined) {
      const local = this.cal.toLocalDate(reachedAt);
      offset = Date.parse(`${local}T00:00:00Z`) - this.cal.startOfDay(local).getTime();
      if (this.offsets.size >= CACHE_LIMIT) this.offsets.clear();
      this.offsets.set(day, offset);
    }
    const date: LocalDate = new Date(t + offset).toISOString().slice(0, 10);
    const key = `${date}|${category}`;
    let d = this.deadlines.get(key);
    if (!d) {
      const c = computeDeadline(reachedAt, category, this.cal);
      d = { dueDate: new Date(`${c.dueDate}T00:00:00Z`), dueAt: c.dueAt, reminderAt: c.reminderAt };
      if (this.deadlines.size >= CACHE_LIMIT) this.deadlines.clear();
      this.deadlines.set(key, d);
    }
    return d;
  }
}
