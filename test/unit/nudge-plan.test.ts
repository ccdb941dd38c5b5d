import { describe, expect, it } from 'vitest';
import { WorkingCalendar } from '../../src/domain/calendar.js';
import { loadOfficialHolidays } from '../../src/domain/holidays.js';
import { overdueDigestDay, planNudge, stageWindows, type NudgeInput } from '../../src/domain/nudge-plan.js';
import type { ReportStatus } from '../../src/domain/types.js';

const cal = new WorkingCalendar({ holidays: loadOfficialHolidays() });
const makassar = new WorkingCalendar({ holidays: loadOfficialHolidays(), timeZone: 'Asia/Makassar' });
/** Office-local wall time in Jakarta → instant. */
const wib = (date: string, hh = 9, mm = 0): Date => cal.atLocalTime(date, hh, mm);
const iso = (d: Date | undefined): string | undefined => d?.toISOString();
const at8 = (date: string): string => wib(date, 8).toISOString();

const report = (over: Partial<NudgeInput> = {}): NudgeInput => ({ status: 'PROSES', category: 'normatif', dueDate: '2026-03-26', lastNudgedOn: null, ...over });

describe('stageWindows', () => {
  it.each([
    // Disposed Thu 12 Mar 2026 (normatif, 5 WD): Nyepi and Idul Fitri close 18–24 Mar.
    ['2026-03-26', 'normatif', ['2026-03-16', '2026-03-25', '2026-03-26']],
    // The working day before Mon 9 Mar is Fri 6 Mar.
    ['2026-03-09', 'informasi', ['2026-03-04', '2026-03-06', '2026-03-09']],
    // 14 WD: monitoring 8 WD before Tue 7 Apr skips Good Friday 3 Apr.
    ['2026-04-07', 'tanpa-pengawasan', ['2026-03-25', '2026-04-06', '2026-04-07']],
    // 60 WD: monitoring 35 WD before, across Labour Day, Ascension, Idul Adha and Pancasila days.
    ['2026-06-29', 'berkadar-pengawasan', ['2026-04-30', '2026-06-26', '2026-06-29']],
  ])('due %s (%s) → monitoring, day before, due day', (due, category, froms) => {
    const w = stageWindows(due, category, cal);
    expect(w.map((x) => x.stage)).toEqual(['monitoring', 'day_before', 'due_day']);
    expect(w.map((x) => x.from)).toEqual(froms);
  });
});

describe('planNudge — due Thu 26 Mar 2026 (normatif), around Idul Fitri', () => {
  type Row = [string, Date, string | null, string | null, string | null];
  const rows: Row[] = [
    // [case, now, lastNudgedOn, expected stage, expected next reminder (08:00 WIB on; none once late)]
    ['before the monitoring date: nothing yet', wib('2026-03-13'), null, null, '2026-03-16'],
    ['monitoring date Mon 16 Mar', wib('2026-03-16'), null, 'monitoring', '2026-03-25'],
    ['monitoring already sent on 16 Mar, looked at again on 17 Mar', wib('2026-03-17'), '2026-03-16', null, '2026-03-25'],
    ['resumed on 17 Mar without a monitoring nudge yet', wib('2026-03-17'), null, 'monitoring', '2026-03-25'],
    ['Idul Fitri holiday Sat 21 Mar: silent', wib('2026-03-21'), '2026-03-16', null, '2026-03-25'],
    ['cuti bersama Mon 23 Mar: silent', wib('2026-03-23'), null, null, '2026-03-25'],
    ['day before (Wed 25 Mar, the first working day after the holidays)', wib('2026-03-25'), '2026-03-16', 'day_before', '2026-03-26'],
    ['twice on the same day: only once', wib('2026-03-25', 15), '2026-03-25', null, '2026-03-26'],
    ['due day Thu 26 Mar', wib('2026-03-26'), '2026-03-25', 'due_day', '2026-03-27'],
    ['overdue day 1 Fri 27 Mar: the unit digest carries it from now on', wib('2026-03-27'), '2026-03-26', 'overdue', null],
    ['weekend after: silent', wib('2026-03-28'), '2026-03-27', null, null],
    ['overdue Mon 30 Mar (resumed, say): once more, at once', wib('2026-03-30'), '2026-03-27', 'overdue', null],
    ['overdue, already nudged today: nothing', wib('2026-04-02', 15), '2026-04-02', null, null],
    ['bot down for days: only today\'s stage, once', wib('2026-04-08'), '2026-03-16', 'overdue', null],
    ['late sweep on the day before due: the day-before stage, not monitoring', wib('2026-03-25', 16), null, 'day_before', '2026-03-26'],
  ];
  it.each(rows)('%s', (_name, now, last, stage, next) => {
    const plan = planNudge(report({ lastNudgedOn: last }), now, cal);
    expect(plan?.stage ?? null).toBe(stage);
    expect(iso(plan?.nextReminderAt ?? undefined)).toBe(next === null ? undefined : at8(next));
  });

  it('reports working days left (negative when late)', () => {
    expect(planNudge(report(), wib('2026-03-16'), cal)?.daysLeft).toBe(3); // 17, 25, 26
    expect(planNudge(report(), wib('2026-03-26'), cal)?.daysLeft).toBe(0);
    expect(planNudge(report(), wib('2026-03-31'), cal)?.daysLeft).toBe(-3); // 27, 30, 31
  });
});

describe('planNudge — overdue across Idul Fitri (due Mon 16 Mar)', () => {
  it('the due day looks again on Tue 17 Mar, which nudges and parks the report', () => {
    const r = report({ dueDate: '2026-03-16' });
    expect(iso(planNudge(r, wib('2026-03-16'), cal)?.nextReminderAt ?? undefined)).toBe(at8('2026-03-17'));
    const tue = planNudge(r, wib('2026-03-17'), cal);
    expect(tue?.stage).toBe('overdue');
    expect(tue?.nextReminderAt).toBeNull();
    const wed = planNudge({ ...r, lastNudgedOn: '2026-03-17' }, wib('2026-03-25'), cal);
    expect(wed?.stage).toBe('overdue');
    expect(wed?.daysLeft).toBe(-2);
  });
});

describe('overdueDigestDay — when a unit\'s overdue digest may go out', () => {
  it.each([
    ['Tue 17 Mar 08:00', wib('2026-03-17', 8), '2026-03-17'],
    ['Tue 17 Mar 07:59: before the nudge hour', wib('2026-03-17', 7, 59), null],
    ['Tue 17 Mar 16:30: late in the day still counts', wib('2026-03-17', 16, 30), '2026-03-17'],
    ['Fri 20 Mar: Idul Fitri', wib('2026-03-20', 9), null],
    ['Tue 24 Mar: cuti bersama', wib('2026-03-24', 9), null],
    ['Sat 28 Mar', wib('2026-03-28', 9), null],
    ['Wed 25 Mar, the first working day after the holidays', wib('2026-03-25', 8), '2026-03-25'],
  ])('%s', (_name, now, day) => {
    expect(overdueDigestDay(now, cal)).toBe(day);
  });

  it('follows the nudge hour and the office zone', () => {
    expect(overdueDigestDay(wib('2026-03-17', 7), cal, { hour: 7 })).toBe('2026-03-17');
    // 08:00 WITA is 07:00 WIB.
    expect(overdueDigestDay(makassar.atLocalTime('2026-03-17', 8, 0), makassar)).toBe('2026-03-17');
    expect(overdueDigestDay(makassar.atLocalTime('2026-03-17', 7, 59), makassar)).toBeNull();
  });
});

describe('planNudge — what is not reminded', () => {
  it.each(['BELUM_TERVERIFIKASI', 'SELESAI', 'TUNDA', 'ARSIP'] as ReportStatus[])('%s: null (TUNDA pauses, closed stops)', (status) => {
    expect(planNudge(report({ status }), wib('2026-03-27'), cal)).toBeNull();
  });

  it('BELUM_DITINDAKLANJUTI is reminded like PROSES', () => {
    expect(planNudge(report({ status: 'BELUM_DITINDAKLANJUTI' }), wib('2026-03-27'), cal)?.stage).toBe('overdue');
  });

  it('no due date: null', () => {
    expect(planNudge(report({ dueDate: null }), wib('2026-03-27'), cal)).toBeNull();
  });

  it('a nudge from an earlier assignment (older than the window) does not block the stage', () => {
    expect(planNudge(report({ lastNudgedOn: '2026-03-10' }), wib('2026-03-16'), cal)?.stage).toBe('monitoring');
  });
});

describe('planNudge — options and zones', () => {
  it('the nudge hour is configurable', () => {
    expect(iso(planNudge(report(), wib('2026-03-16'), cal, { hour: 7 })?.nextReminderAt ?? undefined)).toBe(wib('2026-03-25', 7).toISOString());
  });

  it('08:00 WITA is 00:00 UTC', () => {
    const plan = planNudge(report(), makassar.atLocalTime('2026-03-16', 9, 0), makassar);
    expect(plan?.stage).toBe('monitoring');
    expect(iso(plan?.nextReminderAt ?? undefined)).toBe('2026-03-25T00:00:00.000Z');
  });

  it('late evening UTC is already the next office day', () => {
    // 2026-03-24T17:30Z is Wed 25 Mar 00:30 WIB: the day-before stage.
    expect(planNudge(report(), new Date('2026-03-24T17:30:00Z'), cal)?.stage).toBe('day_before');
  });
});
