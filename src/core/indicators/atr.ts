import { nanArray, Series, validPeriod } from './series';

/** True range (TA-Lib TRANGE): max(H−L, |H−C₋₁|, |L−C₋₁|); index 0 has no previous close → NaN. */
export function trueRange(high: Series, low: Series, close: Series): Float64Array {
  const n = Math.min(high.length, low.length, close.length);
  const out = nanArray(n);
  for (let i = 1; i < n; i++) {
    const pc = close[i - 1];
    out[i] = Math.max(high[i] - low[i], Math.abs(high[i] - pc), Math.abs(low[i] - pc));
  }
  return out;
}

/**
 * Average true range, Wilder (TA-Lib): seeded with the mean of TR[1..period] at index `period`,
 * then ATR = (ATR₋₁·(period−1) + TR)/period.
 */
export function atr(high: Series, low: Series, close: Series, period = 14): Float64Array {
  const tr = trueRange(high, low, close);
  const n = tr.length;
  const out = nanArray(n);
  if (!validPeriod(period, n - 1)) return out;
  let sum = 0;
  for (let i = 1; i <= period; i++) sum += tr[i];
  let prev = sum / period;
  out[period] = prev;
  for (let i = period + 1; i < n; i++) {
    prev = (prev * (period - 1) + tr[i]) / period;
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
