/**
 * Five-field cron expressions (minute hour day-of-month month day-of-week) in an office zone:
 * parse, match, and find the previous or next occurrence. node-cron fires the jobs but has no
 * "previous occurrence" (needed to catch up a missed slot), so this is the one place that knows
 * when a slot was. Semantics follow node-cron 4: day-of-month and day-of-week must BOTH match
 * (not Vixie cron's OR), 0 and 7 are Sunday, names (jan, mon) are accepted. The Quartz extras
 * node-cron knows (L, W, #) and a seconds field are refused: a slot is one minute.
 */
import { DomainError } from './errors.js';
import { addDays, dayOfWeek } from './local-date.js';
import type { LocalDate } from './types.js';
import { fromLocal, localClock } from './zoned-clock.js';

export interface CronFields {
  minute: ReadonlySet<number>;
  hour: ReadonlySet<number>;
  dayOfMonth: ReadonlySet<number>;
  month: ReadonlySet<number>;
  dayOfWeek: ReadonlySet<number>;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

interface FieldSpec {
  name: string;
  min: number;
  max: number;
  names?: readonly string[];
  /** Value the names start at (months: 1). */
  nameBase?: number;
}

const SPECS: readonly FieldSpec[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day-of-month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: MONTHS, nameBase: 1 },
  { name: 'day-of-week', min: 0, max: 7, names: DAYS, nameBase: 0 },
];

function bad(expression: string, why: string): never {
  throw new DomainError('INVALID_ARGS', { cron: expression, expected: why }, `invalid cron expression "${expression}": ${why}`);
}

function value(token: string, spec: FieldSpec, expression: string): number {
  const named = spec.names?.indexOf(token.toLowerCase().slice(0, 3)) ?? -1;
  if (spec.names && named >= 0 && /^[a-z]+$/i.test(token)) return named + (spec.nameBase ?? 0);
  if (!/^\d+$/.test(token)) bad(expression, `${spec.name}: "${token}" is not a number (L, W, # and seconds are not supported)`);
  const n = Number(token);
  if (n < spec.min || n > spec.max) bad(expression, `${spec.name}: ${n} is outside ${spec.min}-${spec.max}`);
  return n;
}

function field(text: string, spec: FieldSpec, expression: string): Set<number> {
  const out = new Set<number>();
  for (const part of text.split(',')) {
    const [range, stepText, extra] = part.split('/');
    if (extra !== undefined || range === undefined || range === '') bad(expression, `${spec.name}: "${part}" is malformed`);
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1 || (stepText !== undefined && !/^\d+$/.test(stepText))) bad(expression, `${spec.name}: step "${stepText}" must be a positive number`);
    let lo: number;
    let hi: number;
    if (range === '*' || range === '?') {
      [lo, hi] = [spec.min, spec.max];
    } else if (range.includes('-')) {
      const [a, b, more] = range.split('-');
      if (more !== undefined || !a || !b) bad(expression, `${spec.name}: "${range}" is malformed`);
      [lo, hi] = [value(a, spec, expression), value(b, spec, expression)];
      if (lo > hi) bad(expression, `${spec.name}: range ${range} runs backwards`);
    } else {
      // node-cron refuses "5/15" (a step needs * or a range): so do we.
      if (stepText !== undefined) bad(expression, `${spec.name}: a step needs * or a range, e.g. */15 or 5-59/15`);
      lo = hi = value(range, spec, expression);
    }
    for (let v = lo; v <= hi; v += step) out.add(spec.name === 'day-of-week' && v === 7 ? 0 : v);
  }
  return out;
}

/** Parse and validate; throws DomainError INVALID_ARGS with a readable reason. */
export function parseCron(expression: string): CronFields {
  const parts = expression.trim().split(/\s+/);
  if (parts.length !== 5) bad(expression, 'expected 5 fields: minute hour day-of-month month day-of-week');
  const [minute, hour, dayOfMonth, month, dow] = parts.map((p, i) => field(p, SPECS[i]!, expression)) as [Set<number>, Set<number>, Set<number>, Set<number>, Set<number>];
  return { minute, hour, dayOfMonth, month, dayOfWeek: dow };
}

/** True when the office-local date can hold an occurrence. */
function dateMatches(f: CronFields, date: LocalDate): boolean {
  const [, mo, d] = date.split('-').map(Number) as [number, number, number];
  return f.month.has(mo) && f.dayOfMonth.has(d) && f.dayOfWeek.has(dayOfWeek(date));
}

const sortedDesc = (s: ReadonlySet<number>): number[] => [...s].sort((a, b) => b - a);
const sortedAsc = (s: ReadonlySet<number>): number[] => [...s].sort((a, b) => a - b);

/** Eight years covers every valid expression (29 February on a given weekday repeats within 28). */
const SEARCH_DAYS = 366 * 28;

/** True when `at` (to the minute) is an occurrence. */
export function cronMatches(expression: string | CronFields, timeZone: string, at: Date): boolean {
  const f = typeof expression === 'string' ? parseCron(expression) : expression;
  const c = localClock(at, timeZone);
  return dateMatches(f, c.date) && f.hour.has(c.hour) && f.minute.has(c.minute);
}

/** The latest occurrence at or before `at` (`at` itself when it is one), or null if none exists. */
export function cronPrevious(expression: string | CronFields, timeZone: string, at: Date): Date | null {
  const f = typeof expression === 'string' ? parseCron(expression) : expression;
  const now = localClock(at, timeZone);
  const hours = sortedDesc(f.hour);
  const minutes = sortedDesc(f.minute);
  for (let i = 0; i <= SEARCH_DAYS; i++) {
    const date = addDays(now.date, -i);
    if (!dateMatches(f, date)) continue;
    for (const h of hours) {
      if (i === 0 && h > now.hour) continue;
      for (const m of minutes) {
        if (i === 0 && h === now.hour && m > now.minute) continue;
        const slot = fromLocal(date, h, m, timeZone);
        if (slot.getTime() <= at.getTime()) return slot;
      }
    }
  }
  return null;
}

/** The earliest occurrence strictly after `at`, or null if none exists. */
export function cronNext(expression: string | CronFields, timeZone: string, at: Date): Date | null {
  const f = typeof expression === 'string' ? parseCron(expression) : expression;
  const now = localClock(at, timeZone);
  const hours = sortedAsc(f.hour);
  const minutes = sortedAsc(f.minute);
  for (let i = 0; i <= SEARCH_DAYS; i++) {
    const date = addDays(now.date, i);
    if (!dateMatches(f, date)) continue;
    for (const h of hours) {
      if (i === 0 && h < now.hour) continue;
      for (const m of minutes) {
        if (i === 0 && h === now.hour && m < now.minute) continue;
        const slot = fromLocal(date, h, m, timeZone);
        if (slot.getTime() > at.getTime()) return slot;
      }
    }
  }
  return null;
}

/** The minute an instant falls in (slots are whole minutes). */
export function floorToMinute(at: Date): Date {
  return new Date(Math.floor(at.getTime() / 60_000) * 60_000);
}
