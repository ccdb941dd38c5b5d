/** `penghubung report quarterly` (the Inspektorat's XLSX) and `penghubung export` (raw data, CSV or XLSX). */
import { createWriteStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { buildQuarterlyWorkbook } from '../../recap/quarterly.js';
import { exportCsv, exportXlsx } from '../../recap/export.js';
import { customPeriod, periodBounds } from '../../recap/period.js';
import { oneOf, optional, required, UsageError, type CliCommand, type CliIo } from '../types.js';
import { dateOption, scopeOptions } from './recap-cli.js';

function intOption(value: string, name: string, min: number, max: number): number {
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) throw new UsageError(`--${name} must be a number ${min}–${max} (got "${value}")`);
  return Number(value);
}

export const quarterlyCommand: CliCommand = {
  path: ['report', 'quarterly'],
  summary: 'Quarterly report for the Inspektorat (XLSX: summary, per category, per unit, raw data, sections to fill in)',
  usage: 'penghubung report quarterly --year <YYYY> --quarter <1-4> [--agency <code>] [--out file.xlsx]',
  options: { year: { type: 'string' }, quarter: { type: 'string' }, agency: { type: 'string' }, out: { type: 'string' } },
  async run(env, values) {
    const year = intOption(required(values, 'year'), 'year', 2000, 2100);
    const quarter = intOption(required(values, 'quarter'), 'quarter', 1, 4);
    const ctx = await env.services();
    const { agency } = await scopeOptions(ctx, { agency: values.agency });
    const { buffer, filename, data } = await buildQuarterlyWorkbook(ctx, { agencyId: agency.id, year, quarter });
    const out = optional(values, 'out') ?? filename;
    await writeFile(out, buffer);
    env.io.out(`wrote ${out}: ${data.quarter.received} reports received in ${year} Q${quarter} (${agency.code})`);
  },
};

/** A Writable that hands complete lines to the CLI's output (CSV to the terminal). */
function linesTo(io: CliIo): Writable {
  let pending = '';
  return new Writable({
    write(chunk: Buffer | string, _enc, done) {
      pending += chunk.toString();
      const lines = pending.split('\r\n');
      pending = lines.pop() ?? '';
      for (const l of lines) io.out(l);
      done();
    },
    final(done) {
      if (pending) io.out(pending);
      done();
    },
  });
}

export const exportCommand: CliCommand = {
  path: ['export'],
  summary: 'Export raw report data received in a period (reporter identity omitted, text masked)',
  usage: 'penghubung export --from YYYY-MM-DD --to YYYY-MM-DD [--agency <code>] [--format csv|xlsx] [--out file]',
  options: { from: { type: 'string' }, to: { type: 'string' }, agency: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' } },
  async run(env, values) {
    const from = dateOption(values, 'from') ?? required(values, 'from');
    const to = dateOption(values, 'to') ?? required(values, 'to');
    if (to < from) throw new UsageError(`--to (${to}) is before --from (${from})`);
    const outPath = optional(values, 'out');
    const format = oneOf(optional(values, 'format') ?? (outPath?.toLowerCase().endsWith('.xlsx') ? 'xlsx' : 'csv'), ['csv', 'xlsx'] as const, 'format');
    if (format === 'xlsx' && !outPath) throw new UsageError('--format xlsx needs --out <file.xlsx>');
    const ctx = await env.services();
    const { agency } = await scopeOptions(ctx, { agency: values.agency });
    const cal = await ctx.calendars.get(agency.id);
    const q = { agencyId: agency.id, ...periodBounds(customPeriod(from, to), cal.timeZone), timeZone: cal.timeZone };
    const out = outPath ? createWriteStream(outPath) : linesTo(env.io);
    const n = format === 'xlsx' ? await exportXlsx(ctx.db, q, out) : await exportCsv(ctx.db, q, out);
    if (!out.writableEnded) out.end();
    await finished(out);
    if (outPath) env.io.out(`wrote ${outPath}: ${n} reports (${agency.code}, ${from}..${to}, ${format})`);
  },
};
