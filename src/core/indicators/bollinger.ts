import { sma } from './sma';
import { nanArray, Series, validPeriod } from './series';

/** Rolling population standard deviation × k (TA-Lib STDDEV). */
export function stddev(values: Series, period: number, k = 1): Float64Array {
  const n = values.length;
  const out = nanArray(n);
  if (!validPeriod(period, n)) return out;
  // Two-pass per window keeps full precision (a running Σx² loses digits on large prices).
  const mean = sma(values, period);
  for (let i = period - 1; i < n; i++) {
    const m = mean[i];
    let ss = 0;
    for (let j = i - period + 1; j <= i; j++) {
      const d = values[j] - m;
      ss += d * d;
    }
    out[i] = Math.sqrt(ss / period) * k;
  }
  return out;
}

export interface BollingerSeries {
  upper: Float64Array;
  middle: Float64Array;
  lower: Float64Array;
}

/** Bollinger bands: SMA(period) ± k × population stdev (TA-Lib BBANDS with SMA). */
export function bollinger(close: Series, period = 20, k = 2): BollingerSeries {
  const middle = sma(close, period);
  const sd = stddev(close, period, 1);
  const n = middle.length;
  const upper = nanArray(n);
  const lower = nanArray(n);
  for (let i = 0; i < n; i++) {
    upper[i] = middle[i] + k * sd[i];
    lower[i] = middle[i] - k * sd[i];
  }
  return { upper, middle, lower };
}
