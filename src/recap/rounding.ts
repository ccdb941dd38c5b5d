/**
 * Rounding as LAPOR! prints its recap: half up, to a fixed number of decimals. Done on integers so
 * that 0.05 boundaries never drift through binary floating point (e.g. 80.25 must give 80.3).
 *
 * Checked against the published tables (seeds 000 and 001): 492/516 → 95.3, 202/210 → 96.2,
 * 78/81 → 96.3, 73/91 → 80.2, 122/122 → 100. Truncation would give 96.1 and 96.2 for the second
 * and third, so LAPOR! rounds; 100 is printed without decimals because it is a plain number.
 */

/** numerator / denominator rounded half up to `digits` decimals; null when the denominator is 0. */
export function roundedRatio(numerator: number, denominator: number, digits: number): number | null {
  if (denominator === 0) return null;
  if (!Number.isInteger(numerator) || !Number.isInteger(denominator) || denominator < 0 || numerator < 0) {
    throw new RangeError(`roundedRatio needs non-negative integers (got ${numerator}/${denominator})`);
  }
  const scale = 10 ** digits;
  // floor((2·n·s + d) / 2d) is round-half-up of n·s/d, exact in integers.
  const scaled = Math.floor((2 * numerator * scale + denominator) / (2 * denominator));
  return scaled / scale;
}

/** %TL: (Proses + Selesai) / Total × 100 with one decimal. */
export function percentFollowedUp(processedOrDone: number, total: number): number | null {
  return roundedRatio(processedOrDone * 100, total, 1);
}

/** Mean of whole days with one decimal. */
export function meanDays(sumDays: number, count: number): number | null {
  return roundedRatio(sumDays, count, 1);
}

/** Mean rating from the sum of ratings in hundredths (ratings are stored with two decimals). */
export function meanRating(sumHundredths: number, count: number): number | null {
  return roundedRatio(sumHundredths, count * 100, 2);
}
