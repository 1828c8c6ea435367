import { nanOutput, outputArray, Series, validPeriod } from './series';

/** Largest |Δ| for which (Δ + |Δ|)/2 is exact (2|Δ| must not overflow). */
const EXACT_HALF_LIMIT = Number.MAX_VALUE / 2;

/**
 * Relative Strength Index with Wilder smoothing (TA-Lib): first value at index `period`.
 * `out` (optional): a caller-owned Float64Array of the series length to write into and return.
 */
export function rsi(close: Series, period = 14, out?: Float64Array): Float64Array {
  const n = close.length;
  if (!validPeriod(period, n - 1)) return nanOutput(n, out, 'rsi');
  out = outputArray(n, period, out, 'rsi');
  let gain = 0;
  let loss = 0;
  for (let i = 1; i <= period; i++) {
    const d = close[i] - close[i - 1];
    if (d > 0) gain += d;
    else loss -= d;
  }
  gain /= period;
  loss /= period;
  out[period] = gain + loss === 0 ? 0 : (100 * gain) / (gain + loss);
  const keep = period - 1;
  let i = period + 1;
  while (i < n) {
    // Fast path, branch-free: (Δ+|Δ|)/2 and (|Δ|−Δ)/2 are exactly max(Δ,0) and max(−Δ,0) while 2|Δ|
    // is finite (a data-dependent branch here mispredicts on every other bar). A NaN or a |Δ| above
    // MAX/2 leaves this loop for one exact branchy step (NaN adds nothing to either side), then re-enters.
    for (; i < n; i++) {
      const d = close[i] - close[i - 1];
      const a = Math.abs(d);
      if (!(a <= EXACT_HALF_LIMIT)) break;
      gain = (gain * keep + (d + a) * 0.5) / period;
      loss = (loss * keep + (a - d) * 0.5) / period;
      const sum = gain + loss;
      out[i] = sum === 0 ? 0 : (100 * gain) / sum;
    }
    if (i < n) {
      const d = close[i] - close[i - 1];
      gain = (gain * keep + (d > 0 ? d : 0)) / period;
      loss = (loss * keep + (d < 0 ? -d : 0)) / period;
      out[i] = gain + loss === 0 ? 0 : (100 * gain) / (gain + loss);
      i++;
    }
  }
  return out;
}
