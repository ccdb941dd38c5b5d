/** `penghubung holidays list|add`: the official table plus admin additions and overrides. */
import { HOLIDAY_KINDS, loadOfficialHolidays } from '../../domain/holidays.js';
import { isValidLocalDate } from '../../domain/local-date.js';
import { audit } from '../../services/audit.js';
import { systemActor } from '../../services/context.js';
import { findAgency } from '../../services/directory/agency-and-units.js';
import { oneOf, optional, required, UsageError, type CliCommand } from '../types.js';

export const holidaysList: CliCommand = {
  path: ['holidays', 'list'],
  summary: 'List holidays (official table and admin overrides)',
  usage: 'penghubung holidays list [--year <YYYY>] [--json]',
  options: { year: { type: 'string' }, json: { type: 'boolean' } },
  async run(env, values) {
    const year = optional(values, 'year');
    if (year !== undefined && !/^\d{4}$/.test(year)) throw new UsageError(`--year must be a year such as 2026 (got "${year}")`);
    const ctx = await env.services();
    const admin = await ctx.db.holiday.findMany({ orderBy: [{ date: 'asc' }, { id: 'asc' }] });
    const rows = [
      ...loadOfficialHolidays().map((h) => ({ date: h.date, kind: h.kind, name: h.name, source: 'official' })),
      ...admin.map((h) => ({ date: h.date.toISOString().slice(0, 10), kind: h.kind, name: h.name, source: 'admin' })),
    ]
      .filter((h) => !year || h.date.startsWith(year))
      .sort((a, b) => a.date.localeCompare(b.date));
    if (values.json) {
      env.io.out(JSON.stringify(rows));
      return;
    }
    for (const h of rows) env.io.out(`${h.date}  ${h.kind.padEnd(14)}  ${h.name}${h.source === 'admin' ? '  [admin]' : ''}`);
    env.io.out(`${rows.length} day(s)`);
  },
};

export const holidaysAdd: CliCommand = {
  path: ['holidays', 'add'],
  summary: 'Add a local closure (lokal), an extra holiday, or a working-day override (hari_kerja)',
  usage: `penghubung holidays add --date <YYYY-MM-DD> --kind <${HOLIDAY_KINDS.join('|')}> --name <text> [--agency <code>]`,
  options: { date: { type: 'string' }, kind: { type: 'string' }, name: { type: 'string' }, agency: { type: 'string' } },
  async run(env, values) {
    const date = required(values, 'date');
    if (!isValidLocalDate(date)) throw new UsageError(`--date must be YYYY-MM-DD (got "${date}")`);
    const kind = oneOf(required(values, 'kind'), HOLIDAY_KINDS, 'kind');
    const name = required(values, 'name');
    const ctx = await env.services();
    const agencyCode = optional(values, 'agency');
    const agencyId = agencyCode ? (await findAgency(ctx, agencyCode)).id : null;
    await ctx.db.$transaction(async (tx) => {
      await tx.holiday.create({ data: { date: new Date(`${date}T00:00:00Z`), kind, name, agencyId } });
      await audit(tx, systemActor('cli'), 'holiday_added', { agencyId, subject: date, data: { kind, name } });
    });
    env.io.out(`added ${date} ${kind} ${name}${agencyCode ? ` for ${agencyCode}` : ''}`);
  },
};
