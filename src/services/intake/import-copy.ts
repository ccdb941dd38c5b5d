/**
 * The import's fast path on PostgreSQL: a batch is planned as in import-batch.ts (same new-report
 * rows, same `planChange` per stored report, same events) and written on one plain `pg`
 * connection with COPY … FROM STDIN (pg-copy-streams) and set-based SQL:
 *
 * - new reports, their reporters and every event of the batch go straight into their tables by
 *   COPY (text format: no JSON to parse on the server, and the server inserts them in bulk);
 * - changed reports are copied into a session-local staging table and applied by ONE
 *   `UPDATE report … FROM import_change` (plus one UPDATE and one INSERT for reporters). Only the
 *   columns that changed are written (a bit mask per row), so a concurrent change to another
 *   column (a claim from the chat, say) is not overwritten with the value read before it.
 *
 * Each batch commits on its own (`commitEachBatch`), or the caller holds one transaction (a dry
 * run, rolled back at the end). Nothing is posted from here: `--notify` imports use the Prisma writer.
 */
import type pg from 'pg';
import { copyInto, esc, ts } from '../../dev/copy.js';
import { hasReporter, newReport, planChange, receivedEvent, type BatchResult, type BatchSettings, type ReportChange } from './import-batch.js';
import { uuidv7 } from './import-ids.js';
import { REPORT_FIELDS, REPORTER_FIELDS, type ReportKey, type ReporterKey } from './import-diff.js';
import { EVENT_COLS, REMINDER_COLS, REPORT_COLS, REPORTER_COLS, STORED_REPORTS_SQL, storedReport, type Col, type StoredRow } from './import-sql.js';
import type { ImportRow } from '../../intake/parse-row.js';

/** One value in COPY text format by its column type; null is written as \N by copyLine. */
function copyValue(v: unknown, type: string): string | null {
  if (v === null || v === undefined) return null;
  switch (type) {
    case 'timestamptz':
      return ts((v as Date).getTime());
    case 'date':
      return (v as Date).toISOString().slice(0, 10);
    case 'boolean':
      return v ? 't' : 'f';
    case 'jsonb':
      return esc(JSON.stringify(v));
    case 'uuid':
    case 'report_status':
    case 'numeric':
    case 'int':
      return String(v);
    default:
      return esc(String(v));
  }
}

/** One row as a line of COPY text. */
function copyLine<T>(cols: readonly Col<T>[], row: T): string {
  let line = '';
  for (let i = 0; i < cols.length; i++) {
    const [, key, type] = cols[i]!;
    const v = copyValue(row[key], type);
    line += (i ? '\t' : '') + (v === null ? '\\N' : v);
  }
  return `${line}\n`;
}

async function copyText(client: pg.ClientBase, table: string, cols: readonly Col<unknown>[], text: string): Promise<void> {
  if (text === '') return;
  await copyInto(client as pg.Client, table, cols.map(([c]) => c), [text]);
}

// --- the staging table of changed reports -------------------------------------------------

const reportCol = new Map(REPORT_COLS.map(([column, key, type]) => [key as string, { column, type }]));
const reporterCol = new Map(REPORTER_COLS.map(([column, key, type]) => [key as string, { column, type }]));
const fieldCol = (key: ReportKey): { column: string; type: string } => reportCol.get(key)!;
const reporterFieldCol = (key: ReporterKey): { column: string; type: string } => reporterCol.get(key)!;

/** A staged change as one record: the row object `copyText` reads by these keys. */
type Staged = Record<string, unknown>;

const STAGE_COLS: readonly Col<Staged>[] = [
  ['id', 'id', 'uuid'],
  ['changed', 'changed', 'int'],
  ...REPORT_FIELDS.map(([key]): Col<Staged> => [fieldCol(key).column, key, fieldCol(key).type]),
  ['sig_set', 'sigSet', 'boolean'],
  ['text_signature', 'textSignature', 'text'],
  ['deadline', 'deadline', 'boolean'],
  ['due_date', 'dueDate', 'date'],
  ['due_at', 'dueAt', 'timestamptz'],
  ['next_reminder_at', 'nextReminderAt', 'timestamptz'],
  ['moved', 'moved', 'boolean'],
  ['reporter_op', 'reporterOp', 'int'],
  ['reporter_changed', 'reporterChanged', 'int'],
  ...REPORTER_FIELDS.map(([key]): Col<Staged> => [`r_${reporterFieldCol(key).column}`, `r_${key}`, reporterFieldCol(key).type]),
];

const sqlType = (t: string): string => (t === 'int' ? 'integer' : t);

// ON COMMIT DELETE ROWS empties it after every batch; a dry run (one transaction) deletes by hand.
const CREATE_STAGE = `CREATE TEMP TABLE IF NOT EXISTS import_change (${STAGE_COLS.map(([c, , t]) => `"${c}" ${sqlType(t)}`).join(', ')}) ON COMMIT DELETE ROWS`;

const keep = (bit: number, col: string, from: string, alias: string, mask: string): string =>
  `"${col}" = CASE WHEN s.${mask} & ${1 << bit} <> 0 THEN s."${from}" ELSE ${alias}."${col}" END`;

const RESPONSE_BIT = REPORT_FIELDS.findIndex(([key]) => key === 'firstResponseAt');

const UPDATE_REPORTS = `UPDATE report r SET ${[
  ...REPORT_FIELDS.map(([key], i) => keep(i, fieldCol(key).column, fieldCol(key).column, 'r', 'changed')),
  // A response time from the file also moves the first response ever back when it is earlier (never forward).
  `first_responded_at = LEAST(r.first_responded_at, CASE WHEN s.changed & ${1 << RESPONSE_BIT} <> 0 THEN s.first_response_at END)`,
  `text_signature = CASE WHEN s.sig_set THEN s.text_signature ELSE r.text_signature END`,
  ...['due_date', 'due_at'].map((c) => `${c} = CASE WHEN s.deadline THEN s.${c} ELSE r.${c} END`),
  ...['claimed_by_id', 'claimed_at', 'unclaimed_nudged_at'].map((c) => `${c} = CASE WHEN s.moved THEN NULL ELSE r.${c} END`),
  'version = r.version + 1',
  'updated_at = $1',
].join(', ')} FROM import_change s WHERE r.id = s.id`;

/** A new deadline starts the reminder over (no stage sent yet); the row is made when missing. */
const UPSERT_REMINDERS = `INSERT INTO report_reminder (report_id, next_reminder_at, stage, last_nudged_on)
  SELECT id, next_reminder_at, NULL, NULL FROM import_change WHERE deadline
  ON CONFLICT (report_id) DO UPDATE SET next_reminder_at = EXCLUDED.next_reminder_at, stage = NULL, last_nudged_on = NULL`;

const UPDATE_REPORTERS = `UPDATE reporter p SET ${REPORTER_FIELDS.map(([key], i) => keep(i, reporterFieldCol(key).column, `r_${reporterFieldCol(key).column}`, 'p', 'reporter_changed')).join(', ')}
  FROM import_change s WHERE p.report_id = s.id AND s.reporter_op = 2`;

const INSERT_REPORTERS = `INSERT INTO reporter (report_id, ${REPORTER_FIELDS.map(([key]) => `"${reporterFieldCol(key).column}"`).join(', ')})
  SELECT id, ${REPORTER_FIELDS.map(([key]) => `"r_${reporterFieldCol(key).column}"`).join(', ')} FROM import_change WHERE reporter_op = 1`;

function staged(c: ReportChange): Staged {
  const row: Staged = { id: c.id, changed: 0, sigSet: c.signature !== undefined, textSignature: c.signature ?? null, deadline: c.deadline !== null, moved: c.moved, reporterOp: 0, reporterChanged: 0 };
  let changed = 0;
  REPORT_FIELDS.forEach(([key], i) => {
    if (key in c.fields) {
      changed |= 1 << i;
      row[key] = c.fields[key];
    }
  });
  row.changed = changed;
  if (c.deadline) Object.assign(row, c.deadline);
  if (c.reporter.op === 'insert') {
    const r = c.reporter.row;
    row.reporterOp = 1;
    for (const [key] of REPORTER_FIELDS) row[`r_${key}`] = r[key];
  } else if (c.reporter.op === 'update') {
    const fields = c.reporter.fields;
    let mask = 0;
    REPORTER_FIELDS.forEach(([key], i) => {
      if (key in fields) {
        mask |= 1 << i;
        row[`r_${key}`] = fields[key];
      }
    });
    row.reporterOp = 2;
    row.reporterChanged = mask;
  }
  return row;
}

/** A row written as a new report: its id and COPY lines, made before the batch goes to the database. */
interface Fresh {
  id: string;
  report: string;
  reminder: string;
  reporter: string;
  event: string;
}

/** A batch ready to write: its rows, and their lines as new reports when that is the likely case. */
export interface PreparedBatch {
  rows: readonly ImportRow[];
  fresh: (Fresh | undefined)[] | null;
}

/**
 * Writes import batches on one PostgreSQL connection (see the file comment). `prepare` runs while
 * the previous batch is still in the database: when most rows of the last batch were new, it
 * formats every row as a new report (signature, deadline, COPY lines) ahead of time, so the
 * database waits only for the lookup and the COPY; on a re-import, where rows are mostly known,
 * it does nothing and unchanged rows cost no hashing at all.
 */
export class CopyBatchWriter {
  private staging = false;
  private newShare = 1;

  constructor(
    private readonly client: pg.ClientBase,
    private readonly opts: { commitEachBatch: boolean },
  ) {}

  private fresh(s: BatchSettings, row: ImportRow): Fresh {
    const id = uuidv7(s.now.getTime());
    const report = newReport(row, id, s);
    return {
      id,
      report: copyLine(REPORT_COLS, report),
      reminder: report.nextReminderAt ? copyLine(REMINDER_COLS, report) : '',
      reporter: hasReporter(row.reporter) ? copyLine(REPORTER_COLS, { reportId: id, ...row.reporter }) : '',
      event: copyLine(EVENT_COLS, receivedEvent(s, row, id)),
    };
  }

  prepare(s: BatchSettings, rows: readonly ImportRow[]): PreparedBatch {
    return { rows, fresh: this.newShare >= 0.5 ? rows.map((r) => this.fresh(s, r)) : null };
  }

  async write(s: BatchSettings, batch: PreparedBatch): Promise<BatchResult> {
    if (!this.opts.commitEachBatch) return this.writeRows(s, batch);
    await this.client.query('BEGIN');
    try {
      const result = await this.writeRows(s, batch);
      await this.client.query('COMMIT');
      return result;
    } catch (e) {
      await this.client.query('ROLLBACK').catch(() => undefined);
      throw e;
    }
  }

  private async writeRows(s: BatchSettings, batch: PreparedBatch): Promise<BatchResult> {
    const { rows } = batch;
    const result: BatchResult = { created: 0, updated: 0, unchanged: 0, createdUnverified: [] };
    if (rows.length === 0) return result;
    // Tracking ids are letters, digits and dashes (parse-row.ts): quoted, the array literal needs no escapes.
    const stored = await this.client.query<StoredRow>(STORED_REPORTS_SQL, [s.agencyId, `{"${rows.map((r) => r.trackingId).join('","')}"}`]);
    const byTracking = new Map(stored.rows.map((r) => [r.trackingId, storedReport(r)]));
    let reports = '';
    let reminders = '';
    let reporters = '';
    let events = '';
    const changes: ReportChange[] = [];
    rows.forEach((row, i) => {
      const old = byTracking.get(row.trackingId);
      if (old) {
        const changed = planChange(s, old, row);
        if (!changed) {
          result.unchanged++;
          return;
        }
        changes.push(changed.change);
        events += copyLine(EVENT_COLS, changed.event);
        return;
      }
      const f = batch.fresh?.[i] ?? this.fresh(s, row);
      reports += f.report;
      reminders += f.reminder;
      reporters += f.reporter;
      events += f.event;
      result.created++;
    });
    result.updated = changes.length;
    this.newShare = result.created / rows.length;
    if (changes.length > 0) {
      if (!this.staging) {
        await this.client.query(CREATE_STAGE);
        this.staging = true;
      }
      await copyText(this.client, 'import_change', STAGE_COLS as readonly Col<unknown>[], changes.map((c) => copyLine(STAGE_COLS, staged(c))).join(''));
      await this.client.query(UPDATE_REPORTS, [s.now]);
      if (changes.some((c) => c.deadline !== null)) await this.client.query(UPSERT_REMINDERS);
      if (changes.some((c) => c.reporter.op === 'update')) await this.client.query(UPDATE_REPORTERS);
      if (changes.some((c) => c.reporter.op === 'insert')) await this.client.query(INSERT_REPORTERS);
      await this.client.query('DELETE FROM import_change');
    }
    await copyText(this.client, 'report', REPORT_COLS as readonly Col<unknown>[], reports);
    await copyText(this.client, 'report_reminder', REMINDER_COLS as readonly Col<unknown>[], reminders);
    await copyText(this.client, 'reporter', REPORTER_COLS as readonly Col<unknown>[], reporters);
    await copyText(this.client, 'report_event', EVENT_COLS as readonly Col<unknown>[], events);
    return result;
  }
}
