/**
 * Zone-free arithmetic on `YYYY-MM-DD` calendar dates. Everything runs on the UTC axis so the
 * machine's own timezone can never shift a date.
 */
import { DomainError } from './errors.js';
import type { LocalDate } from './types.js';

const PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** UTC milliseconds of midnight for a valid date, or undefined when the text is not a real date. */
function utcMidnight(text: string): number | undefined {
  const m = PATTERN.exec(text);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  // Date.UTC rolls 2026-02-30 over to March; a round trip exposes such impossible dates.
  return formatUtc(ms) === text ? ms : undefined;
}

function formatUtc(ms: number): LocalDate {
  const dt = new Date(ms);
  const y = String(dt.getUTCFullYear()).padStart(4, '0');
  const mo = String(dt.getUTCMonth() + 1).padStart(2, '0');
  const d = String(dt.getUTCDate()).padStart(2, '0');
  return `${y}-${mo}-${d}`;
}

function mustMs(date: LocalDate): number {
  const ms = utcMidnight(date);
  if (ms === undefined) throw new DomainError('INVALID_DATE', { value: date });
  return ms;
}

/** True when `text` is a real calendar date written exactly as `YYYY-MM-DD`. */
export function isValidLocalDate(text: string): text is LocalDate {
  return utcMidnight(text) !== undefined;
}

/** Parse user or file input into a LocalDate; throws DomainError INVALID_DATE otherwise. */
export function parseLocalDate(text: string): LocalDate {
  const trimmed = text.trim();
  mustMs(trimmed);
  return trimmed;
}

/** Build a LocalDate from numeric parts (month 1–12); throws INVALID_DATE for impossible dates. */
export function makeLocalDate(year: number, month: number, day: number): LocalDate {
  const text = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return parseLocalDate(text);
}

/** The date `n` calendar days after `date` (before it when `n` is negative). */
export function addDays(date: LocalDate, n: number): LocalDate {
  if (!Number.isInteger(n)) throw new DomainError('INVALID_ARGS', { days: n });
  return formatUtc(mustMs(date) + n * DAY_MS);
}

/** Day of the week, 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: LocalDate): number {
  return new Date(mustMs(date)).getUTCDay();
}

/** Negative, zero or positive like a sort comparator; fixed-width ISO text sorts chronologically. */
export function compareDates(a: LocalDate, b: LocalDate): number {
  mustMs(a);
  mustMs(b);
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Calendar days from `a` to `b` (negative when `b` is earlier). */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  return Math.round((mustMs(b) - mustMs(a)) / DAY_MS);
}

/** The year of a date. */
export function yearOf(date: LocalDate): number {
  return new Date(mustMs(date)).getUTCFullYear();
}
