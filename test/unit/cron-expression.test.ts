import cron from 'node-cron';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cronMatches, cronNext, cronPrevious, parseCron } from '../../src/domain/cron-expression.js';

const JKT = 'Asia/Jakarta';
const iso = (d: Date | null): string | null => d?.toISOString() ?? null;

describe('parseCron', () => {
  it('expands lists, ranges, steps and names; 7 is Sunday', () => {
    const f = parseCron('*/15 7-16 * jan,MAR mon-fri,7');
    expect([...f.minute]).toEqual([0, 15, 30, 45]);
    expect([...f.hour]).toEqual([7, 8, 9, 10, 11, 12, 13, 14, 15, 16]);
    expect([...f.month].sort((a, b) => a - b)).toEqual([1, 3]);
    expect([...f.dayOfWeek].sort()).toEqual([0, 1, 2, 3, 4, 5]);
    expect([...parseCron('5-59/20 * * * *').minute]).toEqual([5, 25, 45]);
  });

  it.each([
    ['* * * *', 'expected 5 fields'],
    ['0 0 * * * *', 'expected 5 fields'],
    ['60 * * * *', 'outside 0-59'],
    ['0 24 * * *', 'outside 0-23'],
    ['0 8 L * *', 'not a number'],
    ['0 8 * * 5#2', 'not a number'],
    ['0 8 * * 5-1', 'runs backwards'],
    ['*/0 * * * *', 'positive number'],
    ['5/20 * * * *', 'a step needs * or a range'],
    ['0 8 ,1 * *', 'malformed'],
  ])('refuses %s', (expr, why) => {
    expect(() => parseCron(expr)).toThrow(why);
  });
});

describe('cronPrevious / cronNext (office zone)', () => {
  it.each([
    // [expression, at, previous, next]
    ['*/15 7-16 * * 1-5', '2026-03-02T02:07:30Z', '2026-03-02T02:00:00.000Z', '2026-03-02T02:15:00.000Z'], // Mon 09:07 WIB
    ['*/15 7-16 * * 1-5', '2026-03-02T02:00:00Z', '2026-03-02T02:00:00.000Z', '2026-03-02T02:15:00.000Z'], // exactly on a slot
    ['*/15 7-16 * * 1-5', '2026-03-07T03:00:00Z', '2026-03-06T09:45:00.000Z', '2026-03-09T00:00:00.000Z'], // Saturday → Fri 16:45 / Mon 07:00
    ['0 8 * * 1', '2026-03-04T05:00:00Z', '2026-03-02T01:00:00.000Z', '2026-03-09T01:00:00.000Z'],
    ['0 9 1 12 *', '2026-03-04T05:00:00Z', '2025-12-01T02:00:00.000Z', '2026-12-01T02:00:00.000Z'],
    ['0 0 * * *', '2026-03-01T16:59:59Z', '2026-02-28T17:00:00.000Z', '2026-03-01T17:00:00.000Z'], // midnight WIB is 17:00Z
  ])('%s at %s', (expr, at, prev, next) => {
    expect(iso(cronPrevious(expr, JKT, new Date(at)))).toBe(prev);
    expect(iso(cronNext(expr, JKT, new Date(at)))).toBe(next);
  });

  it('reads the expression in the given zone (WIT is two hours ahead of WIB)', () => {
    expect(iso(cronNext('0 8 * * *', 'Asia/Jayapura', new Date('2026-03-02T00:00:00Z')))).toBe('2026-03-02T23:00:00.000Z');
  });

  it('returns null for a date that never comes', () => {
    expect(cronNext('0 0 31 2 *', JKT, new Date('2026-03-02T00:00:00Z'))).toBeNull();
  });

  it('agrees with node-cron on which minutes match, and previous ≤ at < next', () => {
    const expressions = ['*/15 7-16 * * 1-5', '0 8 * * 1', '30 9 1-7 * mon', '0 */6 * * *', '5-50/20 8-9 * 2,3 *', '0 9 * * 5'];
    const tasks = expressions.map((e) => cron.createTask(e, () => {}, { timezone: JKT }));
    try {
      fc.assert(
        fc.property(fc.integer({ min: 0, max: expressions.length - 1 }), fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2028, 0, 1) }), (i, ms) => {
          const at = new Date(Math.floor(ms / 60_000) * 60_000);
          expect(cronMatches(expressions[i]!, JKT, at)).toBe(tasks[i]!.match(at));
          const prev = cronPrevious(expressions[i]!, JKT, at)!;
          const next = cronNext(expressions[i]!, JKT, at)!;
          expect(prev.getTime()).toBeLessThanOrEqual(at.getTime());
          expect(next.getTime()).toBeGreaterThan(at.getTime());
          expect(tasks[i]!.match(prev)).toBe(true);
          expect(tasks[i]!.match(next)).toBe(true);
          // Nothing matches strictly between prev and at (checked at the minute after prev).
          const after = new Date(prev.getTime() + 60_000);
          if (after.getTime() <= at.getTime()) expect(cronPrevious(expressions[i]!, JKT, after)!.getTime()).toBe(prev.getTime());
        }),
        { numRuns: 300 },
      );
    } finally {
      for (const t of tasks) void t.destroy();
    }
  });
});
