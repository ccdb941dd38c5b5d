/**
 * Wall-clock time in an IANA zone without a calendar: what the office clock shows at an instant,
 * and the instant a wall-clock time names. Pure; used by cron slots and time phrases.
 */
import { DomainError } from './errors.js';
import type { LocalDate } from './types.js';

/** What an office clock shows at an instant. */
export interface LocalClock {
  date: LocalDate;
  hour: number;
  minute: number;
  /** 0 = Sunday … 6 = Saturday. */
  dow: number;
}

const formats = new Map<string, Intl.DateTimeFormat>();

/** A cached formatter printing every field of the wall clock in `timeZone` (h23); throws on an unknown zone. */
export function wallClockFormat(timeZone: string): Intl.DateTimeFormat {
  let f = formats.get(timeZone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
        hourCycle: 'h23',
      });
    } catch {
      throw new DomainError('INVALID_ARGS', { timeZone }, `unknown time zone ${timeZone}`);
    }
    formats.set(timeZone, f);
  }
  return f;
}

function fields(at: Date, timeZone: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of wallClockFormat(timeZone).formatToParts(at)) if (p.type !== 'literal') out[p.type] = Number(p.value);
  return out;
}

/** The office wall clock at `at`. */
export function localClock(at: Date, timeZone: string): LocalClock {
  const f = fields(at, timeZone);
  const y = f.year ?? 0;
  const mo = f.month ?? 1;
  const d = f.day ?? 1;
  const date = `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return { date, hour: f.hour ?? 0, minute: f.minute ?? 0, dow: new Date(Date.UTC(y, mo - 1, d)).getUTCDay() };
}

/** Zone offset in ms (wall clock minus UTC) at an instant. */
function offsetAt(ms: number, timeZone: string): number {
  const whole = ms - (((ms % 1000) + 1000) % 1000);
  const f = fields(new Date(whole), timeZone);
  return Date.UTC(f.year ?? 0, (f.month ?? 1) - 1, f.day ?? 1, f.hour ?? 0, f.minute ?? 0, f.second ?? 0) - whole;
}

/** The instant at which the office clock shows `date` hh:mm. */
export function fromLocal(date: LocalDate, hour: number, minute: number, timeZone: string): Date {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(y, mo - 1, d, hour, minute);
  // A second pass settles the offset where the guess and the answer straddle a DST change.
  const first = offsetAt(wall, timeZone);
  let instant = wall - first;
  const second = offsetAt(instant, timeZone);
  if (second !== first) instant = wall - second;
  return new Date(instant);
}

/** "WIB", "WITA", "WIT" for the Indonesian office zones; the zone name otherwise. */
export function zoneAbbreviation(timeZone: string): string {
  return ({ 'Asia/Jakarta': 'WIB', 'Asia/Makassar': 'WITA', 'Asia/Jayapura': 'WIT' } as Record<string, string>)[timeZone] ?? timeZone;
}
