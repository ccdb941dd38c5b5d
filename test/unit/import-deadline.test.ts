/**
 * The deadline fields an import stores (src/services/intake/import-deadline.ts), seen from Mon
 * 2 Mar 2026 09:00 WIB: the next reminder as after a disposition, except for reports already past
 * their due date, which their unit's daily overdue digest lists instead.
 */
import { describe, expect, it } from 'vitest';
import { WorkingCalendar } from '../../src/domain/calendar.js';
import { loadOfficialHolidays } from '../../src/domain/holidays.js';
import type { Category, ReportStatus } from '../../src/domain/types.js';
import { ImportDeadlines } from '../../src/services/intake/import-deadline.js';

const cal = new WorkingCalendar({ holidays: loadOfficialHolidays() });
const wib = (date: string, hh: number): Date => cal.atLocalTime(date, hh, 0);
const now = wib('2026-03-02', 9);

function fields(reached: string, category: Category, status: ReportStatus = 'PROSES') {
  const at = wib(reached, 10);
  const f = new ImportDeadlines(cal).fields({ status, unitId: 'u1', category, disposedAt: at, receivedAt: at }, now);
  return { due: f.dueDate?.toISOString().slice(0, 10), next: f.nextReminderAt?.toISOString() ?? null };
}

describe('ImportDeadlines.fields', () => {
  it.each([
    // [reached the unit, category, due date, next reminder]
    ['2026-01-05', 'informasi', '2026-01-12', null], // long late: the unit digest lists it
    ['2026-02-20', 'normatif', '2026-02-27', null], // late since Mon 2 Mar 00:00
    ['2026-02-23', 'normatif', '2026-03-02', now.toISOString()], // due today: the due-day nudge at the next sweep
    ['2026-02-25', 'normatif', '2026-03-04', now.toISOString()], // in its monitoring window already
    ['2026-03-02', 'normatif', '2026-03-09', wib('2026-03-04', 8).toISOString()], // monitoring on Wed 4 Mar
  ] as const)('reached %s (%s): due %s, next reminder %s', (reached, category, due, next) => {
    expect(fields(reached, category)).toEqual({ due, next });
  });

  it('keeps no reminder for a report that is not open at its unit', () => {
    for (const status of ['SELESAI', 'TUNDA', 'ARSIP'] as const) expect(fields('2026-03-02', 'normatif', status).next).toBeNull();
  });
});
