/**
 * A small seeded PRNG for the data generator: the same seed gives the same data set, so a
 * benchmark run can be repeated and compared. sfc32 (Chris Doty-Humphrey's Small Fast Counter):
 * 128 bits of state, fast in plain JS integer arithmetic, passes PractRand far beyond what a data
 * generator needs. Not for anything secret.
 */

export class Prng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number, stream = 0) {
    // splitmix32 spreads a small seed (and a stream number) over the whole state.
    let s = (seed ^ Math.imul(stream + 1, 0x9e3779b9)) >>> 0;
    const next = (): number => {
      s = (s + 0x9e3779b9) >>> 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
    for (let i = 0; i < 12; i++) this.u32();
  }

  /** A uniform 32-bit unsigned integer. */
  u32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.u32() / 4294967296;
  }

  /** Integer in [lo, hi] inclusive. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }

  /** Exponentially distributed with the given mean (waiting times). */
  exp(mean: number): number {
    return -Math.log(1 - this.next()) * mean;
  }

  /** A random v4-shaped UUID (deterministic for the seed, unlike crypto.randomUUID). */
  uuid(): string {
    const h = (n: number): string => n.toString(16).padStart(8, '0');
    const x = h(this.u32());
    const y = h(((this.u32() & 0xffff0fff) | 0x00004000) >>> 0);
    const z = h(((this.u32() & 0x3fffffff) | 0x80000000) >>> 0);
    const w = h(this.u32());
    return `${x}-${y.slice(0, 4)}-${y.slice(4)}-${z.slice(0, 4)}-${z.slice(4)}${w}`;
  }
}

/** Weighted choice over a fixed table, O(log n) per draw. */
export class Weighted<T> {
  private readonly cumulative: number[] = [];
  private readonly total: number;

  constructor(private readonly items: readonly T[], weights: readonly number[]) {
    if (items.length === 0 || items.length !== weights.length) throw new Error('Weighted: items and weights must match and be non-empty');
    let sum = 0;
    for (const w of weights) {
      sum += Math.max(0, w);
      this.cumulative.push(sum);
    }
    if (sum <= 0) throw new Error('Weighted: weights sum to zero');
    this.total = sum;
  }

  /** Index of a weighted draw. */
  index(rng: Prng): number {
    const x = rng.next() * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.cumulative[mid] ?? 0) > x) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  draw(rng: Prng): T {
    return this.items[this.index(rng)] as T;
  }
}

/** Zipf-like weights 1/(i+1)^s: a few agencies, units and topics get most of the reports. */
export function zipfWeights(n: number, s = 1): number[] {
  return Array.from({ length: n }, (_, i) => 1 / Math.pow(i + 1, s));
}
