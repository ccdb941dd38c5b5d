/**
 * Builds the working calendar from the official table (data/holidays-id.csv) plus the
 * additions and overrides admins keep in the database. Cached; call `invalidate()` after an
 * admin changes a holiday.
 */
import { WorkingCalendar } from '../domain/calendar.js';
import { isHolidayKind, loadOfficialHolidays, type HolidayEntry } from '../domain/holidays.js';
import type { PrismaClient } from '../generated/prisma/client.js';
import type { Logger } from '../lib/logger.js';
import { libraryFallback } from './holiday-fallback.js';

export interface CalendarSettings {
  timeZone: string;
  cutiBersamaIsWorkday: boolean;
}

export interface CalendarSource {
  /** The calendar for an agency (national rows plus that agency's own), or the national one. */
  get(agencyId?: string | null): Promise<WorkingCalendar>;
  invalidate(): void;
}

export function createCalendarSource(db: PrismaClient, settings: CalendarSettings, log?: Logger): CalendarSource {
  const cache = new Map<string, Promise<WorkingCalendar>>();
  const warned = new Set<number>();
  const official = loadOfficialHolidays();
  const onMissingYear = (year: number): void => {
    if (warned.has(year)) return;
    warned.add(year);
    log?.warn({ year }, 'no official holiday table for this year: using fixed-date holidays and an estimate of the moving ones (date-holidays); add the SKB days with `penghubung holidays add`');
  };

  async function build(agencyId: string | null): Promise<WorkingCalendar> {
    const rows = await db.holiday.findMany({
      where: agencyId ? { OR: [{ agencyId: null }, { agencyId }] } : { agencyId: null },
      // National rows first, then the agency's own, so the agency's override wins.
      orderBy: [{ agencyId: { sort: 'asc', nulls: 'first' } }, { id: 'asc' }],
    });
    const overrides: HolidayEntry[] = rows
      .filter((r) => isHolidayKind(r.kind))
      .map((r) => ({ date: r.date.toISOString().slice(0, 10), kind: r.kind as HolidayEntry['kind'], name: r.name, source: 'admin' }));
    return new WorkingCalendar({
      holidays: [...official, ...overrides],
      timeZone: settings.timeZone,
      cutiBersamaIsWorkday: settings.cutiBersamaIsWorkday,
      officialYears: [...new Set(official.filter((e) => e.kind === 'libur_nasional').map((e) => Number(e.date.slice(0, 4))))],
      onMissingYear,
      fallbackHolidays: libraryFallback,
    });
  }

  return {
    get(agencyId) {
      const key = agencyId ?? '';
      let cal = cache.get(key);
      if (!cal) {
        cal = build(agencyId ?? null);
        cache.set(key, cal);
        cal.catch(() => cache.delete(key));
      }
      return cal;
    },
    invalidate: () => cache.clear(),
  };
}

/** A calendar with only the official table (no database), for the pure CLI `deadline` command. */
export function officialCalendar(settings: CalendarSettings, onMissingYear?: (year: number) => void): WorkingCalendar {
  return new WorkingCalendar({ holidays: loadOfficialHolidays(), ...settings, onMissingYear, fallbackHolidays: libraryFallback });
}
