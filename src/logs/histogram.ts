/**
 * Line-length distribution in bounded memory. Lengths below EXACT_LIMIT (16 KiB, the size at which
 * the runtime splits lines, so nearly every line) are counted exactly, one counter per length.
 * Longer lengths fall into log-linear buckets: SUB_BUCKETS per power of two, so a bucket is at most
 * 1/512 (0.2 %) of its values wide. The worst case is about 16,384 + 512 × 40 counters per stream,
 * whatever the input size.
 *
 * Percentiles use the nearest-rank definition: pN is the smallest length L such that at least
 * ⌈N/100 × count⌉ lines are ≤ L. It is exact whenever that length is below 16 KiB; above, the
 * reported value is the upper end of its bucket (capped at the true maximum), so it is at most 0.2 %
 * too high, never too low. `max` is always exact.
 */

export const EXACT_LIMIT = 1 << 14;
const SUB_BITS = 9;
const SUB_BUCKETS = 1 << SUB_BITS;
const EXACT_EXP = 14;

export interface PowerOfTwoBin {
  /** inclusive lower bound in bytes */
  from: number;
  /** exclusive upper bound */
  to: number;
  count: number;
}

/** ⌊log2 v⌋ for v ≥ 1, exact for every integer (Math.log2 can round up just below a power of two) */
function floorLog2(v: number): number {
  if (v < 2 ** 31) return 31 - Math.clz32(v);
  let e = Math.floor(Math.log2(v));
  while (2 ** e > v) e--;
  while (2 ** (e + 1) <= v) e++;
  return e;
}

function bucketOf(v: number): number {
  if (v < EXACT_LIMIT) return v;
  const e = floorLog2(v);
  const sub = Math.floor((v - 2 ** e) / 2 ** (e - SUB_BITS));
  return EXACT_LIMIT + (e - EXACT_EXP) * SUB_BUCKETS + sub;
}

/** [lowest, highest] length a bucket holds */
function boundsOf(bucket: number): [number, number] {
  if (bucket < EXACT_LIMIT) return [bucket, bucket];
  const k = bucket - EXACT_LIMIT;
  const e = EXACT_EXP + Math.floor(k / SUB_BUCKETS);
  const width = 2 ** (e - SUB_BITS);
  const lo = 2 ** e + (k % SUB_BUCKETS) * width;
  return [lo, lo + width - 1];
}

export class LengthHistogram {
  private readonly counts = new Map<number, number>();
  count = 0;
  max = 0;
  total = 0;

  add(length: number): void {
    const b = bucketOf(length);
    this.counts.set(b, (this.counts.get(b) ?? 0) + 1);
    this.count++;
    this.total += length;
    if (length > this.max) this.max = length;
  }

  merge(other: LengthHistogram): void {
    for (const [b, c] of other.counts) this.counts.set(b, (this.counts.get(b) ?? 0) + c);
    this.count += other.count;
    this.total += other.total;
    if (other.max > this.max) this.max = other.max;
  }

  /** nearest-rank percentile, 0 < p ≤ 100; 0 for an empty histogram */
  percentile(p: number): number {
    return this.percentiles([p])[0]!;
  }

  percentiles(ps: number[]): number[] {
    if (this.count === 0) return ps.map(() => 0);
    const keys = [...this.counts.keys()].sort((a, b) => a - b);
    return ps.map((p) => {
      const rank = Math.max(1, Math.ceil((p / 100) * this.count));
      let seen = 0;
      for (const k of keys) {
        seen += this.counts.get(k)!;
        if (seen >= rank) return Math.min(boundsOf(k)[1], this.max);
      }
      return this.max;
    });
  }

  /** is pN exact? (its bucket holds a single length) */
  isExact(value: number): boolean {
    return value < EXACT_LIMIT || value === this.max;
  }

  /** counts per power-of-two range: [0,1), [1,2), [2,4), [4,8) … up to the maximum (exact) */
  powerOfTwoBins(): PowerOfTwoBin[] {
    if (this.count === 0) return [];
    const top = this.max === 0 ? 0 : floorLog2(this.max) + 1;
    const bins: PowerOfTwoBin[] = [{ from: 0, to: 1, count: 0 }];
    for (let e = 0; e < top; e++) bins.push({ from: 2 ** e, to: 2 ** (e + 1), count: 0 });
    for (const [b, c] of this.counts) {
      const lo = boundsOf(b)[0];
      const i = lo === 0 ? 0 : floorLog2(lo) + 1;
      bins[i]!.count += c;
    }
    return bins;
  }
}
