/** Pure parts of the recap: LAPOR! rounding, periods and their labels, trend markers. */
import { describe, expect, it } from 'vitest';
import { meanDays, meanRating, percentFollowedUp, roundedRatio } from '../../src/recap/rounding.js';
import { customPeriod, monthPeriod, parseRange, periodBounds, periodContaining, previousPeriod, quarterPeriod, weekOf, yearPeriod } from '../../src/recap/period.js';
import { change, percent, periodLabel, spanLabel } from '../../src/recap/render-text.js';
import { resolvePeriod } from '../../src/commands/recap/rekap.js';
import { lastFinishedQuarter } from '../../src/commands/recap/laporan.js';

describe('rounding as LAPOR! prints it', () => {
  it.each([
    [492, 516, 95.3], [202, 210, 96.2], [78, 81, 96.3], [73, 91, 80.2], [122, 122, 100],
    [321, 400, 80.3], // 80.25 exactly: half up, where binary floating point would give 80.2
    [1, 8, 12.5], [0, 5, 0],
  ])('%TL of %i / %i = %s', (n, d, pct) => {
    expect(percentFollowedUp(n, d)).toBe(pct);
  });

  it('means: one decimal for days, two for ratings, null without data', () => {
    expect([meanDays(7, 4), meanDays(1, 3), meanDays(0, 0)]).toEqual([1.8, 0.3, null]);
    expect([meanRating(750, 2), meanRating(1114 * 100, 468), meanRating(0, 0)]).toEqual([3.75, 2.38, null]);
    expect(roundedRatio(2005, 1000, 2)).toBe(2.01); // 2.005 → 2.01, not 2.00
    expect(() => roundedRatio(-1, 2, 1)).toThrow(RangeError);
  });
});

describe('periods', () => {
  it('a week runs Monday to Sunday', () => {
    expect(weekOf('2026-03-18')).toEqual({ kind: 'week', from: '2026-03-16', to: '2026-03-22' });
    expect(weekOf('2026-03-22')).toEqual({ kind: 'week', from: '2026-03-16', to: '2026-03-22' }); // Sunday
    expect(weekOf('2026-03-16')).toEqual({ kind: 'week', from: '2026-03-16', to: '2026-03-22' }); // Monday
    expect(weekOf('2026-01-01')).toEqual({ kind: 'week', from: '2025-12-29', to: '2026-01-04' });
  });

  it('the period before: week, month, quarter, year across year ends, and custom spans', () => {
    expect(previousPeriod(weekOf('2026-01-01'))).toMatchObject({ from: '2025-12-22', to: '2025-12-28' });
    expect(previousPeriod(monthPeriod(2026, 1))).toMatchObject({ from: '2025-12-01', to: '2025-12-31' });
    expect(previousPeriod(monthPeriod(2026, 3))).toMatchObject({ from: '2026-02-01', to: '2026-02-28' });
    expect(previousPeriod(quarterPeriod(2026, 1))).toMatchObject({ from: '2025-10-01', to: '2025-12-31' });
    expect(previousPeriod(yearPeriod(2024))).toMatchObject({ from: '2023-01-01', to: '2023-12-31' });
    expect(previousPeriod(customPeriod('2026-03-01', '2026-03-10'))).toMatchObject({ from: '2026-02-19', to: '2026-02-28' });
    expect(periodContaining('quarter', '2026-08-17')).toEqual({ kind: 'quarter', from: '2026-07-01', to: '2026-09-30' });
  });

  it('bounds are office-local midnights', () => {
    expect(periodBounds({ from: '2026-03-01', to: '2026-03-31' }, 'Asia/Jakarta')).toEqual({ start: new Date('2026-02-28T17:00:00Z'), end: new Date('2026-03-31T17:00:00Z') });
    expect(periodBounds({ from: '2026-03-01', to: '2026-03-01' }, 'Asia/Jayapura')).toEqual({ start: new Date('2026-02-28T15:00:00Z'), end: new Date('2026-03-01T15:00:00Z') });
  });

  it('parses ranges and the /rekap and /laporan defaults', () => {
    expect(parseRange('2026-03-01..2026-03-31')).toEqual({ kind: 'custom', from: '2026-03-01', to: '2026-03-31' });
    expect(parseRange('2026-03-01 s.d. 2026-03-31')).toMatchObject({ from: '2026-03-01', to: '2026-03-31' });
    expect(parseRange('bulan')).toBeNull();
    expect(() => parseRange('2026-03-31..2026-03-01')).toThrow(/INVALID_ARGS/);
    expect(() => parseRange('2026-02-30..2026-03-01')).toThrow(/INVALID_DATE/);
    expect(resolvePeriod(undefined, '2026-03-18')).toMatchObject({ kind: 'week', from: '2026-03-16' });
    expect(resolvePeriod('tahun', '2026-03-18')).toMatchObject({ kind: 'year', from: '2026-01-01' });
    expect([lastFinishedQuarter('2026-02-10'), lastFinishedQuarter('2026-07-01')]).toEqual([{ year: 2025, quarter: 4 }, { year: 2026, quarter: 2 }]);
  });
});

describe('labels and trends', () => {
  it('names periods in Indonesian', () => {
    expect(periodLabel(weekOf('2026-03-18'))).toBe('Minggu 16–22 Mar 2026');
    expect(periodLabel(weekOf('2026-03-31'))).toBe('Minggu 30 Mar–5 Apr 2026');
    expect(periodLabel(monthPeriod(2026, 8))).toBe('Agustus 2026');
    expect(periodLabel(quarterPeriod(2026, 4))).toBe('Triwulan IV 2026');
    expect(spanLabel('2025-12-29', '2026-01-04')).toBe('29 Des 2025–4 Jan 2026');
    expect(spanLabel('2026-03-09', '2026-03-09')).toBe('9 Mar 2026');
  });

  it('marks changes with ▲/▼ and writes decimals with a comma', () => {
    expect([change(5, 2), change(1, 3), change(4, 4), change(3, null), change(40, 50, 1), change(87.5, 80.25, 1)]).toEqual(['▲3', '▼2', '=', '', '▼10,0', '▲7,3']);
    expect([percent(87.5), percent(100), percent(null)]).toEqual(['87,5%', '100,0%', '–']);
  });
});
