/** Developer tools: `penghubung dev generate` (national-scale test data). */
import { parseLocalDate } from '../../domain/local-date.js';
import { generateDataset, GenerateRefused } from '../../dev/generate.js';
import { officialCalendar } from '../../services/calendar-source.js';
import { optional, UsageError, type CliCommand, type Values } from '../types.js';

function intOption(values: Values, name: string, def: number, min: number, max: number): number {
  const raw = optional(values, name);
  if (raw === undefined) return def;
  const n = Number(raw.replace(/[_,]/g, ''));
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`--${name} must be a whole number ${min}–${max} (got "${raw}")`);
  return n;
}

export const devGenerate: CliCommand = {
  path: ['dev', 'generate'],
  summary: 'Fill a PostgreSQL database with seeded, realistic test data (agencies, units, officers, reports in every status over years) using COPY',
  usage: 'penghubung dev generate [--reports 1000000] [--agencies 50] [--units 600] [--seed 42] [--years 3] [--as-of YYYY-MM-DD]',
  options: {
    reports: { type: 'string' },
    agencies: { type: 'string' },
    units: { type: 'string' },
    seed: { type: 'string' },
    years: { type: 'string' },
    'as-of': { type: 'string' },
  },
  async run(env, values) {
    if (env.config.database.kind !== 'postgres') {
      env.io.err('dev generate needs PostgreSQL: set DATABASE_URL=postgresql://… (the embedded PGlite database is single-process and far too slow for millions of rows).');
      return 2;
    }
    const reports = intOption(values, 'reports', 1_000_000, 1, 50_000_000);
    const agencies = intOption(values, 'agencies', 50, 1, 10_000);
    const units = intOption(values, 'units', Math.max(agencies, 600), agencies, 1_000_000);
    const seed = intOption(values, 'seed', 42, 0, 999_999);
    const years = intOption(values, 'years', 3, 1, 20);
    const asOfText = optional(values, 'as-of');
    const calendar = officialCalendar(env.config.calendar);
    const asOf = asOfText ? calendar.atLocalTime(parseLocalDate(asOfText), 12, 0) : new Date();

    await env.services(); // creates and migrates the database if needed
    env.io.out(`generating ${reports.toLocaleString('en')} reports for ${agencies} agencies / ${units} units (seed ${seed}, ${years} years up to ${calendar.toLocalDate(asOf)})…`);
    let lastPrint = 0;
    try {
      const r = await generateDataset({
        url: env.config.database.url, seed, reports, agencies, units, years, asOf, calendar,
        onProgress: (p) => {
          if (p.seconds - lastPrint < 5 && p.reports < p.total) return;
          lastPrint = p.seconds;
          env.io.out(`  ${p.reports.toLocaleString('en')} / ${p.total.toLocaleString('en')} reports, ${Math.round(p.rows / p.seconds).toLocaleString('en')} rows/s`);
        },
      });
      env.io.out(
        `done in ${r.seconds.toFixed(1)} s: ${r.reports.toLocaleString('en')} reports, ${r.events.toLocaleString('en')} events, ` +
          `${r.people} people, ${r.units} units, ${r.agencies} agencies — ${r.rowsPerSecond.toLocaleString('en')} rows/s ` +
          `(${r.reportsPerSecond.toLocaleString('en')} reports/s). Tracking ids ${r.firstTracking}–${r.firstTracking + r.reports - 1}; agency codes ${r.agencyCodes[0]} … ${r.agencyCodes[r.agencyCodes.length - 1]}.`,
      );
    } catch (e) {
      if (e instanceof GenerateRefused) {
        env.io.err(e.message);
        return 2;
      }
      throw e;
    }
  },
};

/** CLI commands of this feature; registered in src/cli.ts. */
export const devCliCommands: CliCommand[] = [devGenerate];
