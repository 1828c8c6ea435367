import { nanArray, nanOutput, outputArray, Series, validPeriod, warmupArray } from './series';

/**
 * Exponential moving average, TA-Lib convention: α = 2/(period+1), seeded at index
 * `seedEnd` with the SMA of the `period` values ending there (default: the first `period` values).
 * `out` (optional): a caller-owned Float64Array of the series length to write into and return.
 */
export function ema(values: Series, period: number, seedEnd = period - 1, out?: Float64Array): Float64Array {
  const n = values.length;
  if (!validPeriod(period, n) || seedEnd < period - 1 || seedEnd >= n) return nanOutput(n, out, 'ema');
  out = outputArray(n, seedEnd, out, 'ema');
  const k = 2 / (period + 1);
  let sum = 0;
  for (let i = seedEnd - period + 1; i <= seedEnd; i++) sum += values[i];
  let prev = sum / period;
  out[seedEnd] = prev;
  for (let i = seedEnd + 1; i < n; i++) {
    prev = (values[i] - prev) * k + prev;
    out[i] = prev;
  }
  return out;
}

/** Wilder smoothing (α = 1/period) seeded with the SMA of the first `period` values from `start`. */
export function wilder(values: Series, period: number, start = 0): Float64Array {
  const n = values.length;
  if (!validPeriod(period, n - start)) return nanArray(n);
  const out = warmupArray(n, start + period - 1);
  let sum = 0;
  for (let i = start; i < start + period; i++) sum += values[i];
  let prev = sum / period;
  out[start + period - 1] = prev;
  for (let i = start + period; i < n; i++) {
    prev = (prev * (period - 1) + values[i]) / period;
    out[i] = prev;
  }
  return out;
}

/**
 * EMA seeded with the first value (pandas `ewm(adjust=False)`, Tulip, TA-Lib's Metastock mode):
 * defined from index 0. Early values differ from the SMA-seeded EMA; they converge later.
 */
export function emaFirstSeeded(values: ArrayLike<number>, period: number): Float64Array {
  const n = values.length;
  if (!(period >= 1) || n === 0) return nanArray(n);
  const out = new Float64Array(n);
  const k = 2 / (period + 1);
  let prev = values[0];
  out[0] = prev;
  for (let i = 1; i < n; i++) {
    prev = (values[i] - prev) * k + prev;
    out[i] = prev;
  }
  return out;
}
