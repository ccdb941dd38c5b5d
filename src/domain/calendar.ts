/**
 * The office working-day calendar. Pure: it never reads the clock or the environment; the
 * caller passes instants in and gets dates and instants out.
 */
import { DomainError } from './errors.js';
import { fixedDateHolidays, isHolidayKind, type HolidayEntry } from './holidays.js';
import { addDays, compareDates, dayOfWeek, daysBetween, isValidLocalDate, yearOf } from './local-date.js';
import type { LocalDate } from './types.js';
import { wallClockFormat } from './zoned-clock.js';

export interface CalendarOptions {
  /** Official table plus admin overrides; a later entry for the same date replaces an earlier one. */
  holidays: readonly HolidayEntry[];
  /** Default false: cuti bersama days are not working days. */
  cutiBersamaIsWorkday?: boolean;
  /** IANA zone of the office, default 'Asia/Jakarta' (WIB); also 'Asia/Makassar', 'Asia/Jayapura'. */
  timeZone?: string;
  /** Years with an official table; default = the years of the `libur_nasional` entries. */
  officialYears?: readonly number[];
  /** Called once per year the first time a date in a year without an official table is looked at. */
  onMissingYear?: (year: number) => void;
  /**
   * Holidays for a year without an official table. Default: the fixed-date national holidays
   * only; the service layer adds a holiday library's estimate of the moving ones.
   */
  fallbackHolidays?: (year: number) => readonly HolidayEntry[];
}

export const DEFAULT_TIME_ZONE = 'Asia/Jakarta';

type Parts = Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', number>;

export class WorkingCalendar {
  readonly timeZone: string;
  readonly cutiBersamaIsWorkday: boolean;
  private readonly entries = new Map<LocalDate, HolidayEntry>();
  private readonly officialYears: ReadonlySet<number>;
  private readonly fallback = new Map<number, Map<LocalDate, HolidayEntry>>();
  // Verdicts never change after construction; schedulers ask about the same weeks over and over.
  private readonly verdicts = new Map<LocalDate, boolean>();
  private readonly onMissingYear: ((year: number) => void) | undefined;
  private readonly fallbackHolidays: (year: number) => readonly HolidayEntry[];
  private readonly dateFormat: Intl.DateTimeFormat;
  private readonly partsFormat: Intl.DateTimeFormat;

  constructor(opts: CalendarOptions) {
    this.timeZone = opts.timeZone ?? DEFAULT_TIME_ZONE;
    this.cutiBersamaIsWorkday = opts.cutiBersamaIsWorkday ?? false;
    this.onMissingYear = opts.onMissingYear;
    this.fallbackHolidays = opts.fallbackHolidays ?? fixedDateHolidays;
    try {
      this.dateFormat = new Intl.DateTimeFormat('en-US', {
        timeZone: this.timeZone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
      });
      this.partsFormat = wallClockFormat(this.timeZone);
    } catch {
      throw new DomainError('INVALID_ARGS', { timeZone: this.timeZone }, `unknown time zone ${this.timeZone}`);
    }
    for (const entry of opts.holidays) {
      assertDate(entry.date);
      if (!isHolidayKind(entry.kind)) throw new DomainError('INVALID_ARGS', { kind: entry.kind, date: entry.date });
      // Map.set keeps the last entry per date, which is exactly the override rule.
      this.entries.set(entry.date, entry);
    }
    this.officialYears = new Set(
      opts.officialYears ?? opts.holidays.filter((e) => e.kind === 'libur_nasional').map((e) => yearOf(e.date)),
    );
  }

  /** True on Monday–Friday unless closed by a holiday; a `hari_kerja` override always opens the day. */
  isWorkingDay(date: LocalDate): boolean {
    assertDate(date);
    return this.working(date);
  }

  /**
   * The entry that closes the office on `date`, or undefined when nothing does. A `hari_kerja`
   * override, or a cuti bersama counted as a working day, is not returned; see `entryOn`.
   */
  holidayOn(date: LocalDate): HolidayEntry | undefined {
    assertDate(date);
    return this.closure(date);
  }

  /** The raw entry in effect on `date` after overrides (any kind, including `hari_kerja`). */
  entryOn(date: LocalDate): HolidayEntry | undefined {
    assertDate(date);
    return this.lookup(date);
  }

  /** Office-local calendar date of an instant. */
  toLocalDate(instant: Date): LocalDate {
    assertInstant(instant);
    const parts = this.dateFormat.formatToParts(instant);
    const get = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
    return `${get('year').padStart(4, '0')}-${get('month')}-${get('day')}`;
  }

  /** The instant of 00:00 office-local time on `date`. */
  startOfDay(date: LocalDate): Date {
    return this.atLocalTime(date, 0, 0);
  }

  /** The instant of hh:mm office-local time on `date`. */
  atLocalTime(date: LocalDate, hh: number, mm: number): Date {
    assertDate(date);
    if (!Number.isInteger(hh) || hh < 0 || hh > 23 || !Number.isInteger(mm) || mm < 0 || mm > 59) {
      throw new DomainError('INVALID_ARGS', { hour: hh, minute: mm });
    }
    const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
    const wall = Date.UTC(y, mo - 1, d, hh, mm);
    // Offsets can differ between the guess and the answer across a DST change; a second pass settles it.
    const firstOffset = this.offsetAt(wall);
    let instant = wall - firstOffset;
    const secondOffset = this.offsetAt(instant);
    if (secondOffset !== firstOffset) instant = wall - secondOffset;
    return new Date(instant);
  }

  /**
   * n > 0: the n-th working day after `date` (not counting `date`); n < 0: the |n|-th working day
   * before it; n = 0: `date` itself, working or not.
   */
  addWorkingDays(date: LocalDate, n: number): LocalDate {
    assertDate(date);
    if (!Number.isInteger(n)) throw new DomainError('INVALID_ARGS', { workingDays: n });
    const step = n < 0 ? -1 : 1;
    let left = Math.abs(n);
    let current = date;
    while (left > 0) {
      current = addDays(current, step);
      if (this.working(current)) left--;
    }
    return current;
  }

  /** The first working day strictly after `date`. */
  nextWorkingDay(date: LocalDate): LocalDate {
    return this.addWorkingDays(date, 1);
  }

  /** Working days d with from < d <= to; negated when `to` is before `from`. */
  workingDaysBetween(from: LocalDate, to: LocalDate): number {
    const order = compareDates(from, to);
    if (order > 0) {
      const back = this.workingDaysBetween(to, from);
      return back === 0 ? 0 : -back; // avoid -0, which strict equality checks treat as distinct
    }
    let count = 0;
    let d = from;
    for (let i = daysBetween(from, to); i > 0; i--) {
      d = addDays(d, 1);
      if (this.working(d)) count++;
    }
    return count;
  }

  private working(date: LocalDate): boolean {
    let verdict = this.verdicts.get(date);
    if (verdict === undefined) {
      const dow = dayOfWeek(date);
      verdict =
        this.lookup(date)?.kind === 'hari_kerja' || (dow !== 0 && dow !== 6 && this.closure(date) === undefined);
      this.verdicts.set(date, verdict);
    }
    return verdict;
  }

  private closure(date: LocalDate): HolidayEntry | undefined {
    const entry = this.lookup(date);
    if (!entry || entry.kind === 'hari_kerja') return undefined;
    if (entry.kind === 'cuti_bersama' && this.cutiBersamaIsWorkday) return undefined;
    return entry;
  }

  private lookup(date: LocalDate): HolidayEntry | undefined {
    const year = yearOf(date);
    if (this.officialYears.has(year)) return this.entries.get(date);
    // Admin entries still win in a fallback year; only gaps fall through to fixed dates.
    return this.entries.get(date) ?? this.fallbackFor(year).get(date);
  }

  private fallbackFor(year: number): Map<LocalDate, HolidayEntry> {
    let table = this.fallback.get(year);
    if (!table) {
      table = new Map(this.fallbackHolidays(year).map((e) => [e.date, e]));
      this.fallback.set(year, table);
      this.onMissingYear?.(year);
    }
    return table;
  }

  /** Zone offset in ms (local wall clock minus UTC) at an instant. */
  private offsetAt(instant: number): number {
    const wholeSecond = instant - (((instant % 1000) + 1000) % 1000);
    const p = this.parts(new Date(wholeSecond));
    return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - wholeSecond;
  }

  private parts(instant: Date): Parts {
    const out: Parts = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
    for (const p of this.partsFormat.formatToParts(instant)) {
      if (p.type in out) out[p.type as keyof Parts] = Number(p.value);
    }
    return out;
  }
}

function assertDate(date: LocalDate): void {
  if (!isValidLocalDate(date)) throw new DomainError('INVALID_DATE', { value: date });
}

function assertInstant(instant: Date): void {
  if (!(instant instanceof Date) || Number.isNaN(instant.getTime())) {
    throw new DomainError('INVALID_DATE', { value: String(instant) });
  }
}
