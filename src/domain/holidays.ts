/**
 * Holiday tables: the official SKB list shipped in `data/holidays-id.csv`, admin overrides, and a
 * fixed-date fallback for years whose SKB is not in the table yet.
 */
import { readFileSync } from 'node:fs';
import { DomainError } from './errors.js';
import { isValidLocalDate, makeLocalDate } from './local-date.js';
import type { LocalDate } from './types.js';

export const HOLIDAY_KINDS = ['libur_nasional', 'cuti_bersama', 'lokal', 'hari_kerja'] as const;
/**
 * `lokal` is a local closure added by an admin; `hari_kerja` is an admin override that turns a
 * day into a working day even when the table says holiday.
 */
export type HolidayKind = (typeof HOLIDAY_KINDS)[number];

export interface HolidayEntry {
  date: LocalDate;
  kind: HolidayKind;
  name: string;
  /** Where the entry comes from, e.g. the SKB decree number or the admin who added it. */
  source?: string;
}

/** Type guard for the kind column. */
export function isHolidayKind(value: string): value is HolidayKind {
  return (HOLIDAY_KINDS as readonly string[]).includes(value);
}

/** Split one CSV line; supports double-quoted fields so names and decrees may contain commas. */
function splitCsvLine(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      fields.push(field);
      field = '';
    } else field += ch;
  }
  fields.push(field);
  return fields.map((f) => f.trim());
}

function invalid(line: number, reason: string): DomainError {
  return new DomainError('INVALID_ARGS', { line, reason }, `holiday CSV line ${line}: ${reason}`);
}

/**
 * Parse a holiday table. The first non-blank line is a header naming at least `date`, `kind`
 * and `name`; a `decree` (or `source`) column fills `source`. Blank lines and `#` comments are
 * skipped. Throws DomainError (INVALID_ARGS / INVALID_DATE) naming the 1-based line.
 */
export function parseHolidayCsv(text: string): HolidayEntry[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  let columns: Map<string, number> | undefined;
  const entries: HolidayEntry[] = [];
  lines.forEach((raw, index) => {
    const lineNo = index + 1;
    if (raw.trim() === '' || raw.trimStart().startsWith('#')) return;
    const fields = splitCsvLine(raw);
    if (!columns) {
      columns = new Map(fields.map((f, i) => [f.toLowerCase(), i]));
      for (const required of ['date', 'kind', 'name']) {
        if (!columns.has(required)) throw invalid(lineNo, `header lacks column "${required}"`);
      }
      return;
    }
    const cell = (name: string): string | undefined => {
      const i = columns?.get(name);
      return i === undefined ? undefined : fields[i];
    };
    const date = cell('date') ?? '';
    const kind = cell('kind') ?? '';
    const name = cell('name');
    if (!isValidLocalDate(date)) {
      throw new DomainError('INVALID_DATE', { line: lineNo, value: date }, `holiday CSV line ${lineNo}: bad date "${date}"`);
    }
    if (!isHolidayKind(kind)) throw invalid(lineNo, `unknown kind "${kind}"`);
    if (name === undefined || name === '') throw invalid(lineNo, 'missing name');
    const source = cell('decree') ?? cell('source');
    entries.push(source ? { date, kind, name, source } : { date, kind, name });
  });
  if (!columns) throw invalid(1, 'missing header');
  return entries;
}

let official: readonly HolidayEntry[] | undefined;

/** The official SKB table from `data/holidays-id.csv`, read once per process. */
export function loadOfficialHolidays(): HolidayEntry[] {
  official ??= Object.freeze(
    parseHolidayCsv(readFileSync(new URL('../../data/holidays-id.csv', import.meta.url), 'utf8')).map((e) =>
      Object.freeze(e),
    ),
  );
  // A fresh array so one caller appending overrides cannot alter what the next caller sees.
  return [...official];
}

const FIXED_DATES: ReadonlyArray<readonly [month: number, day: number, name: string]> = [
  [1, 1, 'Tahun Baru Masehi'],
  [5, 1, 'Hari Buruh Internasional'],
  [6, 1, 'Hari Lahir Pancasila'],
  [8, 17, 'Proklamasi Kemerdekaan'],
  [12, 25, 'Kelahiran Yesus Kristus'],
];

/**
 * Fallback for a year without an official table: only the national holidays whose Gregorian
 * date never moves. Lunar and lunisolar holidays are missing, which is why the calendar warns.
 */
export function fixedDateHolidays(year: number): HolidayEntry[] {
  return FIXED_DATES.map(([month, day, name]) => ({
    date: makeLocalDate(year, month, day),
    kind: 'libur_nasional' as const,
    name,
    source: 'fallback: fixed-date holidays',
  }));
}
