/**
 * Dates in an import: ISO with a zone is exact; everything without a zone is office-local time
 * (WIB/WITA/WIT per the calendar). Accepted: `YYYY-MM-DD[ HH:mm[:ss]]`, ISO 8601,
 * `DD/MM/YYYY[ HH:mm[:ss]]` (also with `-` or `.` and `09.12` times), `2 Maret 2026 09:12`
 * (Indonesian month names, optional weekday) and Excel serial day numbers.
 */
import type { WorkingCalendar } from '../domain/calendar.js';
import { isValidLocalDate } from '../domain/local-date.js';
import { Bad } from './values.js';

const ISO_ZONED = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?\s*(?:Z|[+-]\d{2}:?\d{2})$/i;
const YMD = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]+(\d{1,2})[:.](\d{2})(?:[:.](\d{2})(?:\.\d{1,9})?)?)?$/;
const DMY = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ ,T]+(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?)?$/;
const NAMED = /^(?:[a-z]+,?\s+)?(\d{1,2})\s+([a-z]+)\s+(\d{4})(?:[ ,]+(?:pukul\s+)?(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?)?(?:\s*(?:wib|wita|wit))?$/i;
const SERIAL = /^\d{5}(?:\.\d+)?$/;

const MONTHS: Record<string, number> = {
  jan: 1, januari: 1, feb: 2, februari: 2, peb: 2, pebruari: 2, mar: 3, maret: 3, apr: 4, april: 4, mei: 5, may: 5,
  jun: 6, juni: 6, jul: 7, juli: 7, agu: 8, agt: 8, agustus: 8, aug: 8, sep: 9, sept: 9, september: 9,
  okt: 10, oktober: 10, oct: 10, nov: 11, nopember: 11, november: 11, des: 12, desember: 12, dec: 12,
};

/** Parses import dates for one calendar; caches the zone offset per day (one import touches few days). */
export class DateReader {
  private readonly offsets = new Map<string, number>();

  constructor(private readonly cal: WorkingCalendar) {}

  /** The instant, null when empty, or Bad with a reason naming the column. */
  read(value: string, column: string): Date | null | Bad {
    const v = value.trim();
    if (v === '' || v === '-') return null;
    const at = this.instant(v);
    return at ?? new Bad(`${column} "${value}" is not a date (use YYYY-MM-DD, DD/MM/YYYY HH:mm or ISO 8601)`);
  }

  private instant(v: string): Date | null {
    if (ISO_ZONED.test(v)) {
      const d = new Date(v.replace(' ', 'T').replace(/\s+/g, ''));
      return Number.isNaN(d.getTime()) ? null : d;
    }
    let m = YMD.exec(v);
    if (m) return this.local(+m[1]!, +m[2]!, +m[3]!, m[4], m[5], m[6]);
    m = DMY.exec(v);
    if (m) return this.local(+m[3]!, +m[2]!, +m[1]!, m[4], m[5], m[6]);
    m = NAMED.exec(v);
    if (m) {
      const month = MONTHS[m[2]!.toLowerCase()];
      return month ? this.local(+m[3]!, month, +m[1]!, m[4], m[5], m[6]) : null;
    }
    if (SERIAL.test(v)) return this.serial(Number(v));
    return null;
  }

  /** Excel's day count from 1899-12-30, as office wall-clock time; only plausible years. */
  private serial(n: number): Date | null {
    const wall = new Date(Math.round((n - 25569) * 86_400_000));
    const year = wall.getUTCFullYear();
    if (year < 2000 || year > 2100) return null;
    const secs = wall.getUTCHours() * 3600 + wall.getUTCMinutes() * 60 + wall.getUTCSeconds();
    return this.local(year, wall.getUTCMonth() + 1, wall.getUTCDate(), String(Math.floor(secs / 3600)), String(Math.floor(secs / 60) % 60), String(secs % 60));
  }

  private local(y: number, mo: number, d: number, hh?: string, mm?: string, ss?: string): Date | null {
    if (y < 1970 || y > 2200) return null;
    const date = makeSafeDate(y, mo, d);
    if (!date) return null;
    const h = hh === undefined ? 0 : Number(hh);
    const mi = mm === undefined ? 0 : Number(mm);
    const s = ss === undefined ? 0 : Number(ss);
    if (h > 23 || mi > 59 || s > 59) return null;
    let offset = this.offsets.get(date);
    if (offset === undefined) {
      // Indonesian zones have no DST, so the offset at local midnight holds for the whole day.
      offset = Date.UTC(y, mo - 1, d) - this.cal.atLocalTime(date, 0, 0).getTime();
      if (this.offsets.size > 20_000) this.offsets.clear();
      this.offsets.set(date, offset);
    }
    return new Date(Date.UTC(y, mo - 1, d, h, mi, s) - offset);
  }
}

function makeSafeDate(y: number, mo: number, d: number): string | null {
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return null;
  const date = `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return isValidLocalDate(date) ? date : null;
}
