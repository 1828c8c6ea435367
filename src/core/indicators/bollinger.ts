import { sma } from './sma';
import { nanArray, Series, validPeriod, warmupArray } from './series';

/**
 * out[i] = √(Σ(x − mean[i])²/period) × scale over the window ending at each i ≥ period−1.
 * Two-pass per window keeps full precision (a running Σx² loses digits on large prices). Four
 * windows are summed side by side — each in its own order, so every sum is bit-for-bit the one-window
 * loop's — to give the CPU four independent add chains instead of one.
 */
function windowStddev(values: Series, mean: Float64Array, period: number, scale: number, out: Float64Array): void {
  const n = mean.length;
  let i = period - 1;
  for (; i + 3 < n; i += 4) {
    const m0 = mean[i];
    const m1 = mean[i + 1];
    const m2 = mean[i + 2];
    const m3 = mean[i + 3];
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    const j0 = i - period + 1;
    // x0..x3 = values[j..j+3], slid one step per iteration (one load instead of four)
    let x1 = values[j0];
    let x2 = values[j0 + 1];
    let x3 = values[j0 + 2];
    for (let j = j0; j <= i; j++) {
      const x0 = x1;
      x1 = x2;
      x2 = x3;
      x3 = values[j + 3];
      const d0 = x0 - m0;
      const d1 = x1 - m1;
      const d2 = x2 - m2;
      const d3 = x3 - m3;
      s0 += d0 * d0;
      s1 += d1 * d1;
      s2 += d2 * d2;
      s3 += d3 * d3;
    }
    out[i] = Math.sqrt(s0 / period) * scale;
    out[i + 1] = Math.sqrt(s1 / period) * scale;
    out[i + 2] = Math.sqrt(s2 / period) * scale;
    out[i + 3] = Math.sqrt(s3 / period) * scale;
  }
  for (; i < n; i++) {
    const m = mean[i];
    let ss = 0;
    for (let j = i - period + 1; j <= i; j++) {
      const d = values[j] - m;
      ss += d * d;
    }
    out[i] = Math.sqrt(ss / period) * scale;
  }
}

/** Rolling population standard deviation × k (TA-Lib STDDEV). */
export function stddev(values: Series, period: number, k = 1): Float64Array {
  const n = values.length;
  if (!validPeriod(period, n)) return nanArray(n);
  const out = warmupArray(n, period - 1);
  windowStddev(values, sma(values, period), period, k, out);
  return out;
}

export interface BollingerSeries {
  upper: Float64Array;
  middle: Float64Array;
  lower: Float64Array;
}

/** Bollinger bands: SMA(period) ± k × population stdev (TA-Lib BBANDS with SMA). One SMA, one stdev pass. */
export function bollinger(close: Series, period = 20, k = 2): BollingerSeries {
  const n = close.length;
  if (!validPeriod(period, n)) return { upper: nanArray(n), middle: nanArray(n), lower: nanArray(n) };
  const middle = sma(close, period);
  const upper = warmupArray(n, period - 1);
  const lower = warmupArray(n, period - 1);
  windowStddev(close, middle, period, 1, upper); // σ parked in `upper`, then the bands
  for (let i = period - 1; i < n; i++) {
    const m = middle[i];
    const sd = upper[i];
    upper[i] = m + k * sd;
    lower[i] = m - k * sd;
  }
  return { upper, middle, lower };
}
