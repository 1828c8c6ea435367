import { nanOutput, outputArray, Series, validPeriod } from './series';

/**
 * out[i] = √(Σ(x − mean)²/period) × scale over the window ending at each i ≥ period−1, in one pass.
 * Sliding sums of (x − c) and (x − c)² around an origin c that is re-anchored on the window's own mean
 * every `period` steps (the sums are then recomputed exactly): the deviations stay small next to the price,
 * so the E[d²] − E[d]² cancellation that costs TA-Lib's STDDEV its digits on a $645 stock with a 3-cent
 * stdev costs a digit or two here, not eight; the running updates never accumulate over more than one
 * window. A window holding a NaN or ±∞ is NaN; after it leaves, the sums are recomputed (never poisoned).
 * Checked against the plain two-pass formula in bollinger.spec.ts (≤ 1e-12 relative).
 */
function windowStddev(values: Series, period: number, scale: number, out: Float64Array, bands: { middle: Float64Array; lower: Float64Array; k: number } | null = null): void {
  const middle = bands ? bands.middle : null;
  const lower = bands ? bands.lower : null;
  const k = bands ? bands.k : 0;
  const n = values.length;
  let c = 0;
  let s1 = 0;
  let s2 = 0;
  let bad = 0; // non-finite values in the window
  let sinceAnchor = period; // force an anchor at the first window
  // counting non-finite values of the first window but the last
  for (let j = 0; j < period - 1; j++) if (!Number.isFinite(values[j])) bad++;
  let i = period - 1;
  while (i < n) {
    // The general step: non-finite bookkeeping, re-anchoring.
    const xin = values[i];
    if (!Number.isFinite(xin)) bad++;
    if (i >= period) {
      const xout = values[i - period];
      if (!Number.isFinite(xout)) {
        bad--;
        if (bad === 0) sinceAnchor = period; // the sums held a NaN: recompute them
      }
    }
    if (bad > 0) {
      out[i] = NaN;
      if (middle) middle[i] = lower![i] = NaN;
      sinceAnchor = period;
      i++;
      continue;
    }
    if (sinceAnchor >= period) {
      // re-anchor: c = this window's mean, exact sums of the deviations
      const lo = i - period + 1;
      let m = 0;
      for (let j = lo; j <= i; j++) m += values[j];
      c = m / period;
      s1 = 0;
      s2 = 0;
      for (let j = lo; j <= i; j++) {
        const d = values[j] - c;
        s1 += d;
        s2 += d * d;
      }
      sinceAnchor = 1;
    } else {
      const dIn = xin - c;
      const dOut = values[i - period] - c;
      s1 += dIn - dOut;
      s2 += dIn * dIn - dOut * dOut;
      sinceAnchor++;
    }
    const mean = s1 / period;
    const v = s2 / period - mean * mean;
    const sd = Math.sqrt(v > 0 ? v : 0) * scale;
    if (middle) {
      // Bollinger: out is the upper band
      const m = c + mean;
      middle[i] = m;
      out[i] = m + k * sd;
      lower![i] = m - k * sd;
    } else out[i] = sd;
    i++;
    // The fast steps, the same arithmetic: the window is all finite (bad = 0), so the outgoing value is
    // too and only the incoming one needs a check (x − x is 0 exactly when x is finite); they run up to
    // the next re-anchor and leave at the first non-finite value, which the general step then takes.
    const from = i;
    const end = Math.min(n, i + period - sinceAnchor);
    if (middle) {
      for (; i < end; i++) {
        const x = values[i];
        if (x - x !== 0) break;
        const dIn = x - c;
        const dOut = values[i - period] - c;
        s1 += dIn - dOut;
        s2 += dIn * dIn - dOut * dOut;
        const mean = s1 / period;
        const v = s2 / period - mean * mean;
        const sd = Math.sqrt(v > 0 ? v : 0) * scale;
        const m = c + mean;
        middle[i] = m;
        out[i] = m + k * sd;
        lower![i] = m - k * sd;
      }
    } else {
      for (; i < end; i++) {
        const x = values[i];
        if (x - x !== 0) break;
        const dIn = x - c;
        const dOut = values[i - period] - c;
        s1 += dIn - dOut;
        s2 += dIn * dIn - dOut * dOut;
        const mean = s1 / period;
        const v = s2 / period - mean * mean;
        out[i] = Math.sqrt(v > 0 ? v : 0) * scale;
      }
    }
    sinceAnchor += i - from;
  }
}

/**
 * Rolling population standard deviation × k (TA-Lib STDDEV).
 * `out` (optional): a caller-owned Float64Array of the series length to write into and return.
 */
export function stddev(values: Series, period: number, k = 1, out?: Float64Array): Float64Array {
  const n = values.length;
  if (!validPeriod(period, n)) return nanOutput(n, out, 'stddev');
  const sd = outputArray(n, period - 1, out, 'stddev');
  windowStddev(values, period, k, sd);
  return sd;
}

export interface BollingerSeries {
  upper: Float64Array;
  middle: Float64Array;
  lower: Float64Array;
}

/**
 * Bollinger bands: SMA(period) ± k × population stdev (TA-Lib BBANDS with SMA). One pass gives the window's
 * mean (the SMA, as c + mean deviation: equal to sma() to ~1e-15 relative) and its stdev.
 * `out` (optional): three caller-owned Float64Arrays of the series length to write into and return
 * instead of allocating (a caller recomputing the same length every refresh pays no page faults).
 */
export function bollinger(close: Series, period = 20, k = 2, out?: BollingerSeries): BollingerSeries {
  const n = close.length;
  if (!validPeriod(period, n)) {
    return { upper: nanOutput(n, out?.upper, 'bollinger upper'), middle: nanOutput(n, out?.middle, 'bollinger middle'), lower: nanOutput(n, out?.lower, 'bollinger lower') };
  }
  const middle = outputArray(n, period - 1, out?.middle, 'bollinger middle');
  const upper = outputArray(n, period - 1, out?.upper, 'bollinger upper');
  const lower = outputArray(n, period - 1, out?.lower, 'bollinger lower');
  windowStddev(close, period, 1, upper, { middle, lower, k });
  return { upper, middle, lower };
}
