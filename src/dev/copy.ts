/**
 * Bulk loading with PostgreSQL's COPY … FROM STDIN (text format) through pg-copy-streams: the
 * fastest way in. Formatting is hand-rolled because it runs tens of millions of times: values are
 * written as they are, except free text, which the caller passes through `esc()`.
 */
import { once } from 'node:events';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

type Value = string | number | boolean | null | undefined;

/** Free text in COPY text format: backslash escapes for the characters COPY treats specially. */
export function esc(v: string | null | undefined): string | null {
  if (v === null || v === undefined) return null;
  return /[\\\t\n\r]/.test(v) ? v.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r') : v;
}

/**
 * One COPY text line. Strings must be safe already (ids, codes, timestamps, or `esc()`ed text);
 * null and undefined become \N.
 */
export function copyLine(values: readonly Value[]): string {
  let line = '';
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    line += (i ? '\t' : '') + (v === null || v === undefined ? '\\N' : typeof v === 'string' ? v : String(v));
  }
  return `${line}\n`;
}

const DAY = 86_400_000;
const P2 = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));
const P3 = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));
const dayText = new Map<number, string>();

/** A UTC timestamp as COPY text (`YYYY-MM-DD HH:MM:SS.mmm+00`); null stays null. Day strings are cached. */
export function ts(msIn: number | null | undefined): string | null {
  if (msIn === null || msIn === undefined) return null;
  const ms = Math.round(msIn);
  const d = Math.floor(ms / DAY);
  let date = dayText.get(d);
  if (date === undefined) {
    date = new Date(d * DAY).toISOString().slice(0, 10);
    dayText.set(d, date);
  }
  let r = ms - d * DAY;
  const h = Math.floor(r / 3_600_000);
  r -= h * 3_600_000;
  const m = Math.floor(r / 60_000);
  r -= m * 60_000;
  const s = Math.floor(r / 1000);
  return `${date} ${P2[h]}:${P2[m]}:${P2[s]}.${P3[r - s * 1000]}+00`;
}

/** COPY `pieces` (already formatted lines, any grouping) into `table(columns)`; returns the row count. */
export async function copyInto(client: pg.Client, table: string, columns: readonly string[], pieces: readonly string[]): Promise<number> {
  const stream = client.query(copyFrom(`COPY ${table} (${columns.map((c) => `"${c}"`).join(', ')}) FROM STDIN`));
  const finished = new Promise<void>((resolve, reject) => {
    stream.on('finish', resolve);
    stream.on('error', reject);
  });
  for (const piece of pieces) {
    if (!stream.write(piece)) await Promise.race([once(stream, 'drain'), finished]);
  }
  stream.end();
  await finished;
  return stream.rowCount;
}
