/** Small descriptive statistics used by the aggregates (plain arrays, no mutation of inputs). */

import { Z95 } from './wilson';

export function mean(xs: readonly number[]): number | null {
  if (xs.length === 0) return null;
  let s = 0;
  for (const x of xs) s += x;
  return s / xs.length;
}

/** Sample standard deviation (divisor n − 1); null below two values. */
export function sampleSd(xs: readonly number[]): number | null {
  const n = xs.length;
  const m = mean(xs);
  if (m === null || n < 2) return null;
  let ss = 0;
  for (const x of xs) ss += (x - m) * (x - m);
  return Math.sqrt(ss / (n - 1));
}

/**
 * Quantile with linear interpolation between order statistics (Hyndman–Fan type 7, the default of
 * R, NumPy and Excel QUARTILE.INC): h = (n − 1)·q, x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋]).
 */
export function quantile(xs: readonly number[], q: number): number | null {
  if (!(q >= 0 && q <= 1)) throw new RangeError(`quantile: q must be in [0, 1] (got ${q})`);
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const h = (s.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, s.length - 1);
  return s[lo] + (h - lo) * (s[hi] - s[lo]);
}

export function median(xs: readonly number[]): number | null {
  return quantile(xs, 0.5);
}

export interface Quartiles {
  p25: number;
  p50: number;
  p75: number;
}

export function quartiles(xs: readonly number[]): Quartiles | null {
  if (xs.length === 0) return null;
  return { p25: quantile(xs, 0.25)!, p50: quantile(xs, 0.5)!, p75: quantile(xs, 0.75)! };
}

export interface MeanEstimate {
  mean: number;
  n: number;
  /** Sample SD (n − 1); null when n < 2. */
  sd: number | null;
  /** mean ± z·sd/√n (normal approximation on the mean); null when n < 2. */
  ci95: [number, number] | null;
}

/** Mean with a normal-approximation interval mean ± z·s/√n. */
export function meanEstimate(xs: readonly number[], z: number = Z95): MeanEstimate | null {
  const m = mean(xs);
  if (m === null) return null;
  const sd = sampleSd(xs);
  const half = sd === null ? null : (z * sd) / Math.sqrt(xs.length);
  return { mean: m, n: xs.length, sd, ci95: half === null ? null : [m - half, m + half] };
}

/** Sum of gains ÷ |sum of losses|; null with no trades or no losing trade (undefined ratio). */
export function profitFactor(xs: readonly number[]): number | null {
  let gains = 0;
  let losses = 0;
  for (const x of xs) {
    if (x > 0) gains += x;
    else if (x < 0) losses -= x;
  }
  return losses === 0 ? null : gains / losses;
}
