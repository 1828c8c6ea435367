import { ema } from './ema';
import { nanArray, Series, validPeriod } from './series';

export interface MacdSeries {
  macd: Float64Array;
  signal: Float64Array;
  hist: Float64Array;
}

/**
 * MACD as TA-Lib computes it: both EMAs start at the slow EMA's first index (slow−1), the fast one
 * seeded with the SMA of the `fast` values ending there (not of the first `fast` values); the signal
 * is an EMA of the MACD line seeded with its first `signal` values. MACD is defined from index
 * slow−1; signal and histogram from slow+signal−2 (TA-Lib reports all three from there).
 */
export function macd(close: Series, fast = 12, slow = 26, signal = 9): MacdSeries {
  const n = close.length;
  const out: MacdSeries = { macd: nanArray(n), signal: nanArray(n), hist: nanArray(n) };
  if (!validPeriod(fast, n) || !validPeriod(slow, n) || !validPeriod(signal, n) || fast >= slow) return out;
  const start = slow - 1;
  const f = ema(close, fast, start);
  const s = ema(close, slow, start);
  for (let i = start; i < n; i++) out.macd[i] = f[i] - s[i];
  if (start + signal - 1 >= n) return out;
  const sig = ema(out.macd, signal, start + signal - 1);
  for (let i = start + signal - 1; i < n; i++) {
    out.signal[i] = sig[i];
    out.hist[i] = out.macd[i] - sig[i];
  }
  return out;
}
