/** `penghubung deadline`: due and reminder dates for a receipt, from the official calendar (no database). */
import { OFFICE_TIMEZONES } from '../../config.js';
import { SLA, computeDeadline } from '../../domain/sla.js';
import { CATEGORIES } from '../../domain/types.js';
import { isValidLocalDate } from '../../domain/local-date.js';
import { officialCalendar } from '../../services/calendar-source.js';
import type { WorkingCalendar } from '../../domain/calendar.js';
import { oneOf, required, UsageError, type CliCommand } from '../types.js';

/** A date means that office-local day; a timestamp without zone is office-local; with zone it is exact. */
export function parseReceived(input: string, cal: WorkingCalendar): Date {
  const iso = input.replace(' ', 'T');
  if (isValidLocalDate(input)) return cal.atLocalTime(input, 12, 0);
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(input);
  if (!m || !isValidLocalDate(m[1]!) || Number(m[2]) > 23 || Number(m[3]) > 59) {
    throw new UsageError(`--received must be a date YYYY-MM-DD or an ISO timestamp (got "${input}")`);
  }
  if (!m[4]) return cal.atLocalTime(m[1]!, Number(m[2]), Number(m[3]));
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) throw new UsageError(`--received is not a valid timestamp: "${input}"`);
  return at;
}

export const deadlineCommand: CliCommand = {
  path: ['deadline'],
  summary: 'Print the due date and the monitoring reminder date for a report',
  usage: 'penghubung deadline --received <YYYY-MM-DD | ISO timestamp> --category <informasi|normatif|tanpa-pengawasan|berkadar-pengawasan> [--tz <zone>] [--cuti-bersama-workday] [--json]',
  options: {
    received: { type: 'string' },
    category: { type: 'string' },
    tz: { type: 'string' },
    'cuti-bersama-workday': { type: 'boolean' },
    json: { type: 'boolean' },
  },
  async run(env, values) {
    const category = oneOf(required(values, 'category'), CATEGORIES, 'category');
    const tz = oneOf((values.tz as string | undefined) ?? env.config.calendar.timeZone, OFFICE_TIMEZONES, 'tz');
    const cutiBersamaIsWorkday = values['cuti-bersama-workday'] === true || env.config.calendar.cutiBersamaIsWorkday;
    const warnings: string[] = [];
    const cal = officialCalendar({ timeZone: tz, cutiBersamaIsWorkday }, (y) => warnings.push(`no official holiday table for ${y}: only fixed-date holidays counted`));
    const received = parseReceived(required(values, 'received'), cal);
    const d = computeDeadline(received, category, cal);
    for (const w of warnings) env.io.err(`warning: ${w}`);
    if (values.json) {
      env.io.out(JSON.stringify({ received: d.receivedDate, category, tz, workingDays: d.workingDays, dueDate: d.dueDate, reminderDate: d.reminderDate }));
      return;
    }
    env.io.out(`Received:     ${d.receivedDate} (${tz})`);
    env.io.out(`Category:     ${category}: ${SLA[category].workingDays} working days, reminder ${SLA[category].remindBefore} working days before`);
    env.io.out(`Due date:     ${d.dueDate}`);
    env.io.out(`Reminder:     ${d.reminderDate}`);
    env.io.out(`Cuti bersama: ${cutiBersamaIsWorkday ? 'counted as working days' : 'not working days'}`);
  },
};
