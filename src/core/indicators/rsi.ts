import { nanArray, Series, validPeriod } from './series';

/** Relative Strength Index with Wilder smoothing (TA-Lib): first value at index `period`. */
export function rsi(close: Series, period = 14): Float64Array {
  const n = close.length;
  const out = nanArray(n);
  if (!validPeriod(period, n - 1)) return out;
  let gain = 0;
  let loss = 0;
  for (let i = 1; i <= period; i++) {
    const d = close[i] - close[i - 1];
    if (d > 0) gain += d;
    else loss -= d;
  }
  gain /= period;
  loss /= period;
  const value = () => (gain + loss === 0 ? 0 : (100 * gain) / (gain + loss));
  out[period] = value();
  for (let i = period + 1; i < n; i++) {
    const d = close[i] - close[i - 1];
    gain = (gain * (period - 1) + (d > 0 ? d : 0)) / period;
    loss = (loss * (period - 1) + (d < 0 ? -d : 0)) / period;
    out[i] = value();
  }
  return out;
}
