import { bollinger, stddev } from './bollinger';
import { sma } from './sma';

/** The plain two-pass population stdev of each window (the definition), as the reference. */
function twoPass(x: ArrayLike<number>, p: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < x.length; i++) {
    if (i < p - 1) {
      out.push(NaN);
      continue;
    }
    let m = 0;
    for (let j = i - p + 1; j <= i; j++) m += x[j];
    m /= p;
    let ss = 0;
    for (let j = i - p + 1; j <= i; j++) ss += (x[j] - m) ** 2;
    out.push(Math.sqrt(ss / p));
  }
  return out;
}

/** A deterministic random walk around `level` with steps of `step` (mulberry32). */
function walk(n: number, level: number, step: number, seed: number): number[] {
  let a = seed;
  const rnd = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out: number[] = [];
  let x = level;
  for (let i = 0; i < n; i++) out.push((x += (rnd() - 0.5) * step));
  return out;
}

describe('stddev (one pass, re-anchored sliding sums)', () => {
  it.each([
    ['$1 stock, cent steps', 1, 0.01],
    ['$645 stock, 3-cent stdev (where E[x²]−E[x]² loses 8 digits)', 645, 0.02],
    ['$700,000 stock', 700_000, 50],
    ['index at 5,500 with point steps', 5500, 1],
  ])('equals the two-pass definition (1e-12 relative where the stdev is a tenth of a step or more, 1e-14 × price anywhere): %s', (_n, level, step) => {
    const x = walk(20_000, level, step, 7);
    for (const p of [2, 5, 20, 50]) {
      const ours = stddev(x, p);
      const ref = twoPass(x, p);
      let relative = 0;
      let absolute = 0;
      for (let i = p - 1; i < x.length; i++) {
        const e = Math.abs(ours[i] - ref[i]);
        absolute = Math.max(absolute, e / level);
        if (ref[i] > step / 10) relative = Math.max(relative, e / ref[i]);
      }
      // measured: relative ≤ 2.3e-14, absolute ≤ 5.4e-16 × price (a near-flat pair of a $1 stock)
      expect(relative).toBeLessThan(1e-12);
      expect(absolute).toBeLessThan(1e-14);
    }
  });

  it('a flat window is exactly 0; NaN and ±∞ poison only the windows holding them', () => {
    expect(Array.from(stddev([5, 5, 5, 5, 5], 3))).toEqual([NaN, NaN, 0, 0, 0]);
    const x = [1, 2, 3, NaN, 5, 6, 7, 8, Infinity, 10, 11, 12];
    const ours = Array.from(stddev(x, 3));
    const ref = twoPass(x, 3).map((v) => (Number.isFinite(v) ? v : NaN));
    expect(ours.map((v) => (Number.isNaN(v) ? 'NaN' : v.toFixed(12)))).toEqual(ref.map((v) => (Number.isNaN(v) ? 'NaN' : v.toFixed(12))));
    // windows 5,6,7 and 6,7,8 are finite again right after the NaN left
    expect(ours[6]).toBeCloseTo(Math.sqrt(2 / 3), 12);
  });

  it('bollinger = SMA ± k·stddev (its middle is the SMA to 1e-13 relative)', () => {
    const x = walk(500, 100, 0.5, 3);
    const b = bollinger(x, 20, 2);
    const sd = stddev(x, 20);
    const m = sma(x, 20);
    for (let i = 19; i < x.length; i++) {
      expect(Math.abs(b.middle[i] - m[i]) / m[i]).toBeLessThan(1e-13);
      expect(b.upper[i]).toBeCloseTo(b.middle[i] + 2 * sd[i], 10);
      expect(b.lower[i]).toBeCloseTo(b.middle[i] - 2 * sd[i], 10);
    }
  });
});
