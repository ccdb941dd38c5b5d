/**
 * A streaming CSV reader (RFC 4180, relaxed) that knows the physical line each record starts on.
 *
 * Why not csv-parse: its `info.lines` counts a CRLF inside a quoted field as two lines and stays
 * off by one for every later record. LAPOR! exports saved by Excel are CRLF files whose "Isi
 * Laporan" cells span lines, so the line numbers of bad rows would be wrong exactly there.
 *
 * Relaxed where real exports are sloppy: a quote inside an unquoted field is literal; text after
 * a closing quote is appended to the field; LF, CRLF and lone CR all end a line; blank lines are
 * skipped. An unclosed quote at the end of the file becomes one record with an `error`.
 */

export interface RawRecord {
  /** Physical line (1-based) where the record starts; for XLSX, the sheet row number. */
  line: number;
  cells: string[];
  /** Set when the record itself could not be read (e.g. an unclosed quote). */
  error?: string;
}

const QUOTE = 34; // "
const LF = 10;
const CR = 13;

type State = 'start' | 'unquoted' | 'quoted' | 'quote_seen';

/** Pick the delimiter that splits the header line best: `,`, `;` (Excel in id-ID) or tab. */
export function sniffDelimiter(firstLine: string): string {
  let best = ',';
  let bestCount = 0;
  for (const d of [',', ';', '\t']) {
    let count = 0;
    let quoted = false;
    for (const ch of firstLine) {
      if (ch === '"') quoted = !quoted;
      else if (ch === d && !quoted) count++;
    }
    if (count > bestCount) {
      best = d;
      bestCount = count;
    }
  }
  return best;
}

/** Parse CSV text arriving in chunks (already decoded). The delimiter is sniffed from the first line unless given. */
export async function* readCsv(chunks: AsyncIterable<string> | Iterable<string>, opts: { delimiter?: string } = {}): AsyncGenerator<RawRecord> {
  let delim = opts.delimiter?.charCodeAt(0) ?? -1;
  let pending = ''; // text held back until the delimiter is known
  let state: State = 'start';
  let field = '';
  let cells: string[] = [];
  let line = 1; // line of the next character
  let recordLine = 1;
  let recordHasContent = false;
  let skipLf = false; // the previous chunk ended with CR: a leading LF belongs to it
  let lastChar = -1; // last character of the previous chunk (a CRLF may be split across chunks)

  const out: RawRecord[] = [];
  const endRecord = (): void => {
    cells.push(field);
    field = '';
    if (recordHasContent || cells.length > 1) out.push({ line: recordLine, cells });
    cells = [];
    recordHasContent = false;
    state = 'start';
  };

  const feed = (text: string): void => {
    const n = text.length;
    const before = lastChar;
    if (n > 0) lastChar = text.charCodeAt(n - 1);
    let i = 0;
    if (skipLf && n > 0) {
      if (text.charCodeAt(0) === LF) i = 1;
      skipLf = false;
    }
    while (i < n) {
      if (state === 'start') {
        if (!recordHasContent && cells.length === 0) recordLine = line;
        const c = text.charCodeAt(i);
        if (c === QUOTE) {
          state = 'quoted';
          recordHasContent = true;
          i++;
          continue;
        }
        state = 'unquoted';
      }
      if (state === 'unquoted') {
        let j = i;
        let c = 0;
        while (j < n) {
          c = text.charCodeAt(j);
          if (c === delim || c === LF || c === CR) break;
          j++;
        }
        if (j > i) {
          field += text.slice(i, j);
          recordHasContent = true;
        }
        if (j >= n) return; // field continues in the next chunk
        if (c === delim) {
          cells.push(field);
          field = '';
          state = 'start';
          i = j + 1;
          continue;
        }
        // End of line ends the record.
        endRecord();
        line++;
        i = j + 1;
        if (c === CR) {
          if (i < n) {
            if (text.charCodeAt(i) === LF) i++;
          } else skipLf = true;
        }
        continue;
      }
      if (state === 'quoted') {
        const q = text.indexOf('"', i);
        const end = q === -1 ? n : q;
        const seg = text.slice(i, end);
        field += seg;
        line += countBreaks(seg, i > 0 ? text.charCodeAt(i - 1) : before);
        if (q === -1) return;
        state = 'quote_seen';
        i = q + 1;
        continue;
      }
      // quote_seen: a doubled quote is a literal quote; a delimiter or line end closes the field.
      const c = text.charCodeAt(i);
      if (c === QUOTE) {
        field += '"';
        state = 'quoted';
        i++;
      } else if (c === delim) {
        cells.push(field);
        field = '';
        state = 'start';
        i++;
      } else if (c === LF || c === CR) {
        state = 'unquoted'; // reuse the line-end handling above
      } else {
        state = 'unquoted'; // relaxed: `"abc"def` reads as abcdef
      }
    }
  };

  let bomChecked = false;
  for await (const chunk of chunks) {
    let text = chunk;
    if (!bomChecked && text.length > 0) {
      bomChecked = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    if (delim === -1) {
      pending += text;
      const eol = pending.search(/[\r\n]/);
      if (eol === -1) continue;
      delim = sniffDelimiter(pending.slice(0, eol)).charCodeAt(0);
      text = pending;
      pending = '';
    }
    feed(text);
    if (out.length > 0) yield* out.splice(0, out.length);
  }
  if (delim === -1 && pending) {
    delim = sniffDelimiter(pending).charCodeAt(0);
    feed(pending);
  }
  // `feed` changes the state through its closure; TypeScript cannot see that.
  const last = state as State;
  if (last === 'quoted') {
    cells.push(field);
    out.push({ line: recordLine, cells, error: 'unclosed quote (") — the rest of the file was read as one field' });
  } else if (last !== 'start' || field !== '' || cells.length > 0) {
    endRecord();
  }
  yield* out;
}

/** Line breaks in a quoted segment: LF, CRLF and lone CR each count once (a CRLF split across chunks too). */
function countBreaks(seg: string, before: number): number {
  let count = 0;
  for (let k = 0; k < seg.length; k++) {
    const c = seg.charCodeAt(k);
    if (c === CR) count++;
    else if (c === LF && (k > 0 ? seg.charCodeAt(k - 1) : before) !== CR) count++;
  }
  return count;
}
