/**
 * Historical (realised) volatility from closes: r_t = ln(C_t / C_{t−1}); HV_n at bar i is the
 * standard deviation of the n returns ending at bar i, × √252, in percent (20.0 = 20 %).
 * Sample stdev (n − 1) by default — our convention; `sample: false` gives the population stdev
 * (n), which some vendors use. First value at index n (n returns need n + 1 closes); earlier NaN.
 * A non-positive or NaN close poisons every window that contains a return touching it (NaN out),
 * rather than being skipped, so a gap in the data is visible instead of silently bridged.
 */

export const TRADING_DAYS_PER_YEAR = 252;

export interface HvOptions {
  /** true (default) = sample stdev (n − 1); false = population (n). */
  sample?: boolean;
  /** Annualisation factor (periods per year); default 252 trading days. */
  periodsPerYear?: number;
}

/** Log returns; index 0 and any return next to a non-positive/NaN close are NaN. */
export function logReturns(closes: ArrayLike<number>): Float64Array {
  const n = closes?.length ?? 0;
  const out = new Float64Array(n).fill(NaN);
  for (let i = 1; i < n; i++) {
    const a = closes[i - 1];
    const b = closes[i];
    if (a > 0 && b > 0 && Number.isFinite(a) && Number.isFinite(b)) out[i] = Math.log(b / a);
  }
  return out;
}

/** Rolling HV in percent; NaN warm-up. Invalid window (< 2, non-integer) → all NaN. O(n). */
export function historicalVol(closes: ArrayLike<number>, window: number, opts: HvOptions = {}): Float64Array {
  const n = closes?.length ?? 0;
  const out = new Float64Array(n).fill(NaN);
  if (!Number.isInteger(window) || window < 2 || n <= window) return out;
  const sample = opts.sample ?? true;
  const perYear = opts.periodsPerYear ?? TRADING_DAYS_PER_YEAR;
  if (!(perYear > 0)) return out;
  const scale = Math.sqrt(perYear) * 100;
  const denom = sample ? window - 1 : window;
  const r = logReturns(closes);

  // Rolling sums of (r − shift) with shift = a typical return limit cancellation in Σx² − (Σx)²/n;
  // the sums are rebuilt from scratch every `window` steps so rounding drift cannot accumulate.
  let shift = 0;
  for (let i = 1; i < n; i++) {
    if (Number.isFinite(r[i])) {
      shift = r[i];
      break;
    }
  }
  let sum = 0;
  let sumSq = 0;
  let bad = 0;
  const rebuild = (end: number) => {
    sum = 0;
    sumSq = 0;
    bad = 0;
    for (let j = end - window + 1; j <= end; j++) {
      const x = r[j];
      if (Number.isFinite(x)) {
        const d = x - shift;
        sum += d;
        sumSq += d * d;
      } else bad++;
    }
  };
  for (let i = window; i < n; i++) {
    if (i === window || (i - window) % window === 0) {
      rebuild(i);
    } else {
      const xin = r[i];
      const xout = r[i - window];
      if (Number.isFinite(xin)) {
        const d = xin - shift;
        sum += d;
        sumSq += d * d;
      } else bad++;
      if (Number.isFinite(xout)) {
        const d = xout - shift;
        sum -= d;
        sumSq -= d * d;
      } else bad--;
    }
    if (bad === 0) {
      const variance = Math.max((sumSq - (sum * sum) / window) / denom, 0);
      out[i] = Math.sqrt(variance) * scale;
    }
  }
  return out;
}

export interface HvSnapshot {
  /** Percent, sample stdev, ×√252; NaN when fewer than 21/61/121 closes. */
  hv20: number;
  hv60: number;
  hv120: number;
}

/** Latest HV20/60/120 (percent, sample stdev) from daily closes, oldest first. */
export function hvSnapshot(closes: ArrayLike<number>): HvSnapshot {
  const last = (w: number) => {
    const s = historicalVol(closes, w);
    return s.length ? s[s.length - 1] : NaN;
  };
  return { hv20: last(20), hv60: last(60), hv120: last(120) };
}
