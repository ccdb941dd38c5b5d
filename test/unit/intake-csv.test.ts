import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readCsv, sniffDelimiter, type RawRecord } from '../../src/intake/csv-reader.js';
import { toCsv } from '../fixtures/lapor-export.js';

async function all(chunks: Iterable<string>, opts?: { delimiter?: string }): Promise<RawRecord[]> {
  const out: RawRecord[] = [];
  for await (const r of readCsv(chunks, opts)) out.push(r);
  return out;
}

/** Split text into chunks at the given cut points. */
function cut(text: string, points: number[]): string[] {
  const sorted = [...new Set(points.map((p) => p % (text.length + 1)))].sort((a, b) => a - b);
  const out: string[] = [];
  let last = 0;
  for (const p of sorted) {
    out.push(text.slice(last, p));
    last = p;
  }
  out.push(text.slice(last));
  return out;
}

describe('readCsv', () => {
  it('reads quoted fields, doubled quotes, delimiters and line breaks inside quotes, with the line each record starts on', async () => {
    const text = 'a,b,c\n1,"x, ""y""",3\n\n4,"two\r\nlines",6\r\n7,8,9';
    expect(await all([text])).toEqual([
      { line: 1, cells: ['a', 'b', 'c'] },
      { line: 2, cells: ['1', 'x, "y"', '3'] },
      { line: 4, cells: ['4', 'two\r\nlines', '6'] },
      { line: 6, cells: ['7', '8', '9'] },
    ]);
  });

  it('strips a BOM and sniffs ; and tab delimiters from the header line', async () => {
    expect(await all(['\uFEFFNo. Tracking;Judul\n123;"a;b"\n'])).toEqual([
      { line: 1, cells: ['No. Tracking', 'Judul'] },
      { line: 2, cells: ['123', 'a;b'] },
    ]);
    expect(sniffDelimiter('a\tb\tc')).toBe('\t');
    expect(sniffDelimiter('"x,y";z')).toBe(';');
  });

  it('is relaxed about stray quotes and reports an unclosed quote at the end as one bad record', async () => {
    expect(await all(['a,b\nab"c,d\n"x"y,z\n'])).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['ab"c', 'd'] },
      { line: 3, cells: ['xy', 'z'] },
    ]);
    const bad = await all(['a,b\n1,2\n3,"never closed\n4,5\n']);
    expect(bad[1]).toEqual({ line: 2, cells: ['1', '2'] });
    expect(bad[2]).toMatchObject({ line: 3, error: expect.stringMatching(/unclosed quote/) });
  });

  it('gives the same records and lines however the text is cut into chunks (CRLF split across chunks too)', async () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'b', ' ', ',', '"', '\n', '\r\n', 'é', ';') as fc.Arbitrary<string>, maxLength: 8 });
    const row = fc.array(cell, { minLength: 2, maxLength: 2 });
    await fc.assert(
      fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 6 }), fc.constantFrom('\n', '\r\n'), fc.array(fc.nat(), { maxLength: 6 }), async (rows, eol, points) => {
        // Rows of only empty cells would be skipped like blank lines; keep each row non-blank.
        const data = rows.map((r) => r.map((c, i) => (i === 0 ? `k${c}` : c)));
        const text = toCsv(['h1', 'h2'], data, { eol });
        const whole = await all([text], { delimiter: ',' });
        const expectedCells = [['h1', 'h2'], ...data.map((r) => r.map((c) => (eol === '\r\n' ? c.replace(/\r?\n/g, '\r\n') : c)))];
        expect(whole.map((r) => r.cells)).toEqual(expectedCells);
        // Line of each record = 1 + line breaks in everything before it.
        let line = 1;
        const lines = expectedCells.map((cells) => {
          const at = line;
          line += 1 + cells.join('').split(/\r\n|\n|\r/).length - 1;
          return at;
        });
        expect(whole.map((r) => r.line)).toEqual(lines);
        expect(await all(cut(text, points), { delimiter: ',' })).toEqual(whole);
      }),
      { numRuns: 300 },
    );
  });
});
