import { nanOutput, outputArray, Series, validPeriod, warmupArray } from './series';

/** TR at bar i ≥ 1 (no bounds or NaN checks): max(H−L, |H−C₋₁|, |L−C₋₁|). */
export function trueRangeAt(high: Series, low: Series, close: Series, i: number): number {
  const h = high[i];
  const l = low[i];
  const pc = close[i - 1];
  return Math.max(h - l, Math.abs(h - pc), Math.abs(l - pc));
}

/** True range (TA-Lib TRANGE): max(H−L, |H−C₋₁|, |L−C₋₁|); index 0 has no previous close → NaN. */
export function trueRange(high: Series, low: Series, close: Series): Float64Array {
  const n = Math.min(high.length, low.length, close.length);
  const out = warmupArray(n, 1);
  for (let i = 1; i < n; i++) out[i] = trueRangeAt(high, low, close, i);
  return out;
}

/**
 * Average true range, Wilder (TA-Lib): seeded with the mean of TR[1..period] at index `period`,
 * then ATR = (ATR₋₁·(period−1) + TR)/period. One pass, TR computed inline.
 * `out` (optional): a caller-owned Float64Array of the series length to write into and return.
 */
export function atr(high: Series, low: Series, close: Series, period = 14, out?: Float64Array): Float64Array {
  const n = Math.min(high.length, low.length, close.length);
  if (!validPeriod(period, n - 1)) return nanOutput(n, out, 'atr');
  out = outputArray(n, period, out, 'atr');
  let sum = 0;
  for (let i = 1; i <= period; i++) sum += trueRangeAt(high, low, close, i);
  let prev = sum / period;
  out[period] = prev;
  const keep = period - 1;
  for (let i = period + 1; i < n; i++) {
    prev = (prev * keep + trueRangeAt(high, low, close, i)) / period;
    out[i] = prev;
  }
  return out;
}

/** Normalised ATR: ATR / close × 100 (percent). */
export function natr(high: Series, low: Series, close: Series, period = 14): Float64Array {
  const a = atr(high, low, close, period);
  for (let i = 0; i < a.length; i++) a[i] = close[i] === 0 ? NaN : (a[i] / close[i]) * 100;
  return a;
}
