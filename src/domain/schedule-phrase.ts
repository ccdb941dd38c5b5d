/**
 * Indonesian time phrases for scheduled broadcasts (`/jadwalkan <waktu> <teks>`), in the office
 * timezone. Pure. Understood at the start of the text:
 *   2026-12-01 09:00 · 1 Desember 2026 09.00 · 1 Des 09:00 · hari ini 15:00 · besok 09:00 ·
 *   lusa 09:00 · Senin 09:00 (the next Monday, today if still ahead) ·
 *   setiap Jumat 09:00 · setiap hari 07:30 · setiap hari kerja 08:00 · setiap tanggal 1 09:00
 * The time may be written 09:00 or 09.00, optionally after "pukul"/"jam" and followed by the
 * office zone (WIB/WITA/WIT). Repeats become a cron expression; "hari kerja" also skips holidays.
 */
import type { WorkingCalendar } from './calendar.js';
import { cronNext } from './cron-expression.js';
import { DomainError } from './errors.js';
import { addDays, isValidLocalDate, makeLocalDate } from './local-date.js';
import { fromLocal, localClock, zoneAbbreviation } from './zoned-clock.js';

export type SchedulePhrase =
  | { kind: 'once'; at: Date; text: string }
  | { kind: 'repeat'; repeat: Repeat; first: Date; text: string };

/** A repeating schedule: a cron expression in the office zone, optionally working days only. */
export interface Repeat {
  cron: string;
  workingDaysOnly: boolean;
}

const DAY_NAMES: Record<string, number> = { minggu: 0, ahad: 0, senin: 1, selasa: 2, rabu: 3, kamis: 4, jumat: 5, "jum'at": 5, sabtu: 6 };
export const DAY_LABEL = ['Minggu', 'Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu'];
const MONTH_NAMES: [RegExp, number][] = [
  [/^jan(uari)?$/, 1], [/^feb(ruari)?$/, 2], [/^mar(et)?$/, 3], [/^apr(il)?$/, 4], [/^mei$/, 5], [/^jun(i)?$/, 6],
  [/^jul(i)?$/, 7], [/^(agu(stus)?|agt|ags)$/, 8], [/^sep(t|tember)?$/, 9], [/^okt(ober)?$/, 10], [/^nov(ember)?$/, 11], [/^des(ember)?$/, 12],
];

const DAY = "(minggu|ahad|senin|selasa|rabu|kamis|jum'?at|sabtu)";
const TIME = String.raw`(?:(?:pukul|pkl\.?|jam)\s+)?(\d{1,2})[:.](\d{2})(?:\s+(wib|wita|wit))?(?=\s|$)`;
const EVERY = String.raw`^(?:setiap|tiap)\s+`;

const EXAMPLES = '"2026-12-01 09:00", "besok 09:00", "Senin 09:00", "setiap Jumat 09:00" atau "setiap hari kerja 08:00"';

function invalid(expected: string): never {
  throw new DomainError('INVALID_ARGS', { expected });
}

/** Validate hh:mm and the optional zone; returns [hour, minute]. */
function clock(h: string | undefined, m: string | undefined, zone: string | undefined, cal: WorkingCalendar): [number, number] {
  const hour = Number(h);
  const minute = Number(m);
  if (!(hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59)) invalid(`jam tidak valid (${h}:${m}); tulis jam 00:00–23:59`);
  const office = zoneAbbreviation(cal.timeZone);
  if (zone && zone.toUpperCase() !== office) invalid(`zona waktu kantor adalah ${office}; tulis waktu dalam ${office}`);
  return [hour, minute];
}

function dayNumber(name: string): number {
  return DAY_NAMES[name.toLowerCase().replace("jum'at", 'jumat')] ?? invalid(`nama hari tidak dikenal: ${name}`);
}

function rest(input: string, matched: string): string {
  return input.slice(matched.length).trim();
}

/** The first run of a repeat strictly after `after` (skipping closed days when working days only). */
export function nextRepeatRun(repeat: Repeat, after: Date, cal: WorkingCalendar): Date | null {
  let t: Date | null = after;
  // A year of closed days is impossible; the bound only guards against a broken calendar.
  for (let i = 0; i < 400 && t; i++) {
    t = cronNext(repeat.cron, cal.timeZone, t);
    if (t && (!repeat.workingDaysOnly || cal.isWorkingDay(cal.toLocalDate(t)))) return t;
  }
  return null;
}

/** Stored form of a repeat in `broadcast.repeat_cron`: the cron, plus " @hari-kerja" when working days only. */
export function encodeRepeat(r: Repeat): string {
  return r.workingDaysOnly ? `${r.cron} @hari-kerja` : r.cron;
}

export function decodeRepeat(stored: string): Repeat {
  const workingDaysOnly = /\s@hari-kerja\s*$/.test(stored);
  return { cron: stored.replace(/\s@hari-kerja\s*$/, '').trim(), workingDaysOnly };
}

const hhmm = (h: number, m: number): string => `${String(h).padStart(2, '0')}.${String(m).padStart(2, '0')}`;

/** "setiap Jumat pukul 09.00" for the repeats this module writes; the cron text otherwise. */
export function describeRepeat(r: Repeat): string {
  const m = /^(\d{1,2}) (\d{1,2}) (\S+) \* (\S+)$/.exec(r.cron);
  if (m) {
    const at = `pukul ${hhmm(Number(m[2]), Number(m[1]))}`;
    if (r.workingDaysOnly) return `setiap hari kerja ${at}`;
    if (m[3] === '*' && m[4] === '*') return `setiap hari ${at}`;
    if (m[3] === '*' && /^[0-6]$/.test(m[4]!)) return `setiap ${DAY_LABEL[Number(m[4])]} ${at}`;
    if (/^\d{1,2}$/.test(m[3]!) && m[4] === '*') return `setiap tanggal ${m[3]} ${at}`;
  }
  return `jadwal cron "${r.cron}"${r.workingDaysOnly ? ' (hari kerja)' : ''}`;
}

/** Parse `<waktu> <teks>`; throws DomainError INVALID_ARGS with what was expected. */
export function parseSchedulePhrase(input: string, now: Date, cal: WorkingCalendar): SchedulePhrase {
  const text = input.trim();
  const tz = cal.timeZone;
  const repeat = (r: Repeat, matched: string): SchedulePhrase => {
    const first = nextRepeatRun(r, now, cal) ?? invalid('jadwal berulang itu tidak pernah terjadi');
    return { kind: 'repeat', repeat: r, first, text: rest(text, matched) };
  };
  const once = (date: string, h: number, m: number, matched: string): SchedulePhrase => {
    const at = fromLocal(date, h, m, tz);
    if (at.getTime() <= now.getTime()) invalid(`waktu itu sudah lewat; pilih waktu yang akan datang, mis. ${EXAMPLES}`);
    return { kind: 'once', at, text: rest(text, matched) };
  };

  let x: RegExpExecArray | null;
  if ((x = new RegExp(`${EVERY}hari\\s+kerja\\s+${TIME}`, 'i').exec(text))) {
    const [h, m] = clock(x[1], x[2], x[3], cal);
    return repeat({ cron: `${m} ${h} * * 1-5`, workingDaysOnly: true }, x[0]);
  }
  if ((x = new RegExp(`${EVERY}hari\\s+${TIME}`, 'i').exec(text))) {
    const [h, m] = clock(x[1], x[2], x[3], cal);
    return repeat({ cron: `${m} ${h} * * *`, workingDaysOnly: false }, x[0]);
  }
  if ((x = new RegExp(`${EVERY}${DAY}\\s+${TIME}`, 'i').exec(text))) {
    const [h, m] = clock(x[2], x[3], x[4], cal);
    return repeat({ cron: `${m} ${h} * * ${dayNumber(x[1]!)}`, workingDaysOnly: false }, x[0]);
  }
  if ((x = new RegExp(`${EVERY}tanggal\\s+(\\d{1,2})\\s+${TIME}`, 'i').exec(text))) {
    const day = Number(x[1]);
    if (day < 1 || day > 28) invalid('tanggal bulanan 1–28 (tanggal 29–31 tidak ada di setiap bulan)');
    const [h, m] = clock(x[2], x[3], x[4], cal);
    return repeat({ cron: `${m} ${h} ${day} * *`, workingDaysOnly: false }, x[0]);
  }
  if ((x = new RegExp(`^(\\d{4}-\\d{2}-\\d{2})\\s+${TIME}`, 'i').exec(text))) {
    if (!isValidLocalDate(x[1]!)) invalid(`tanggal tidak valid: ${x[1]}`);
    const [h, m] = clock(x[2], x[3], x[4], cal);
    return once(x[1]!, h, m, x[0]);
  }
  if ((x = new RegExp(`^(\\d{1,2})\\s+([a-z]+)\\s+(?:(\\d{4})\\s+)?${TIME}`, 'i').exec(text))) {
    const month = MONTH_NAMES.find(([re]) => re.test(x![2]!.toLowerCase()))?.[1];
    if (month) {
      const [h, m] = clock(x[4], x[5], x[6], cal);
      const today = localClock(now, tz).date;
      let year = x[3] ? Number(x[3]) : Number(today.slice(0, 4));
      const dateOf = (y: number): string => { try { return makeLocalDate(y, month, Number(x![1])); } catch { return invalid(`tanggal tidak valid: ${x![1]} ${x![2]}`); } };
      // Without a year, a date already past this year means next year.
      if (!x[3] && fromLocal(dateOf(year), h, m, tz).getTime() <= now.getTime()) year++;
      return once(dateOf(year), h, m, x[0]);
    }
  }
  if ((x = new RegExp(`^(hari\\s+ini|besok|lusa)\\s+${TIME}`, 'i').exec(text))) {
    const [h, m] = clock(x[2], x[3], x[4], cal);
    const offset = /^besok/i.test(x[1]!) ? 1 : /^lusa/i.test(x[1]!) ? 2 : 0;
    return once(addDays(localClock(now, tz).date, offset), h, m, x[0]);
  }
  if ((x = new RegExp(`^${DAY}\\s+${TIME}`, 'i').exec(text))) {
    const [h, m] = clock(x[2], x[3], x[4], cal);
    const want = dayNumber(x[1]!);
    const local = localClock(now, tz);
    let date = addDays(local.date, (want - local.dow + 7) % 7);
    if (fromLocal(date, h, m, tz).getTime() <= now.getTime()) date = addDays(date, 7);
    return once(date, h, m, x[0]);
  }
  return invalid(`waktu di awal pesan, mis. ${EXAMPLES}`);
}
