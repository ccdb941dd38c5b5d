/**
 * `penghubung report quarterly` (the Inspektorat's XLSX), `penghubung report monthly` (the 23 SP4N
 * indicators as a table, JSON or XLSX) and `penghubung export` (raw data, CSV or XLSX).
 */
import { createWriteStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { buildQuarterlyWorkbook } from '../../recap/quarterly.js';
import { buildMonthlyWorkbook, monthlyJson, monthlyReport, type MonthlyScope } from '../../recap/monthly-report.js';
import { renderMonthlyTable } from '../../recap/monthly-text.js';
import { findAgency, normalizeCode } from '../../services/directory/agency-and-units.js';
import { systemActor, type ServiceContext } from '../../services/context.js';
import { GROUP_KINDS, listAgencyGroups, setAgencyGroup } from '../../recap/monthly-groups.js';
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

/** --agency <code> or --group <code> (a "simpul"); neither = every agency. */
async function monthlyScope(ctx: ServiceContext, values: Record<string, string | boolean | undefined>): Promise<MonthlyScope> {
  const agency = optional(values, 'agency');
  const group = optional(values, 'group');
  if (agency && group) throw new UsageError('give --agency or --group, not both');
  if (agency) return { agencyId: (await findAgency(ctx, agency)).id };
  if (group) {
    const g = await ctx.db.agencyGroup.findUnique({ where: { code: normalizeCode(group) }, select: { id: true } });
    if (!g) throw new UsageError(`no agency group "${group}"`);
    return { groupId: g.id };
  }
  return {};
}

export const monthlyCommand: CliCommand = {
  path: ['report', 'monthly'],
  summary: 'Monthly SP4N monitoring report: the 23 indicators for an agency, a group of agencies or all (table, JSON or XLSX)',
  usage: 'penghubung report monthly --year <YYYY> --month <1-12> [--agency <code> | --group <code>] [--json | --out file.xlsx]',
  options: { year: { type: 'string' }, month: { type: 'string' }, agency: { type: 'string' }, group: { type: 'string' }, json: { type: 'boolean' }, out: { type: 'string' } },
  async run(env, values) {
    const year = intOption(required(values, 'year'), 'year', 2000, 2100);
    const month = intOption(required(values, 'month'), 'month', 1, 12);
    const out = optional(values, 'out');
    if (out && values.json) throw new UsageError('give --json or --out, not both');
    const ctx = await env.services();
    const scope = await monthlyScope(ctx, values);
    if (out) {
      const { buffer, report } = await buildMonthlyWorkbook(ctx, { ...scope, year, month });
      await writeFile(out, buffer);
      env.io.out(`wrote ${out}: ${report.indicators.received} reports received in ${report.indicators.period.from.slice(0, 7)} (${report.code})`);
      return;
    }
    const report = await monthlyReport(ctx, { ...scope, year, month });
    env.io.out(values.json ? JSON.stringify(monthlyJson(report), null, 2) : renderMonthlyTable(report.heading, report.indicators));
  },
};

export const groupSetCommand: CliCommand = {
  path: ['group', 'set'],
  summary: 'Create or replace a group of agencies ("simpul": province, sector, national) for `report monthly --group`',
  usage: 'penghubung group set --code <CODE> --name <name> --kind <provinsi|sektor|nasional|lainnya> --agencies <CODE,CODE,...>',
  options: { code: { type: 'string' }, name: { type: 'string' }, kind: { type: 'string' }, agencies: { type: 'string' } },
  async run(env, values) {
    const kind = oneOf(required(values, 'kind'), GROUP_KINDS, 'kind');
    const agencies = required(values, 'agencies').split(',').map((c) => c.trim()).filter(Boolean);
    const input = { code: required(values, 'code'), name: required(values, 'name'), kind, agencies };
    const ctx = await env.services();
    const g = await setAgencyGroup(ctx, systemActor('cli'), input);
    env.io.out(`group ${g.code} (${g.kind}): ${g.agencies.length} agencies — ${g.agencies.join(', ')}`);
  },
};

export const groupListCommand: CliCommand = {
  path: ['group', 'list'],
  summary: 'List the groups of agencies and their members',
  usage: 'penghubung group list [--json]',
  options: { json: { type: 'boolean' } },
  async run(env, values) {
    const groups = await listAgencyGroups(await env.services());
    if (values.json) env.io.out(JSON.stringify(groups, null, 2));
    else for (const g of groups) env.io.out(`${g.code}\t${g.kind}\t${g.name}\t${g.agencies.join(',')}`);
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
