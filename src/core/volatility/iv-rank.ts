/**
 * IV rank and IV percentile of the latest value of a daily volatility series (oldest first), over
 * the `window` observations ending at (and including) the latest one. Both in percent (0–100).
 *
 * - rank = (x − min) / (max − min) × 100, min/max over the window including x.
 * - percentile = share of the window's *other* (prior) values strictly below x × 100
 *   (with a full 252 window: count of the prior 251 values < x, / 251).
 *
 * Non-finite entries are skipped as missing days. With fewer observations than `window` the
 * whole available history is used (the caller decides the minimum it trusts — the spec asks for
 * 60+ days of stored IV before using IV history). Units of the series do not matter (fraction or
 * percent) as long as they are consistent.
 */

function finiteTail(series: ArrayLike<number>, window: number): number[] {
  const vals: number[] = [];
  for (let i = (series?.length ?? 0) - 1; i >= 0 && vals.length < window; i--) {
    const x = series[i];
    if (Number.isFinite(x)) vals.push(x);
  }
  return vals.reverse();
}

function validWindow(window: number): boolean {
  return Number.isInteger(window) && window >= 2;
}

/** IV rank of the latest value, percent; NaN with < 2 values or a flat window (max = min). */
export function ivRank(series: ArrayLike<number>, window = 252): number {
  if (!validWindow(window)) return NaN;
  const vals = finiteTail(series, window);
  if (vals.length < 2) return NaN;
  const x = vals[vals.length - 1];
  let min = Infinity;
  let max = -Infinity;
  for (const v of vals) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return max > min ? ((x - min) / (max - min)) * 100 : NaN;
}

/** IV percentile of the latest value, percent; NaN with < 2 values. */
export function ivPercentile(series: ArrayLike<number>, window = 252): number {
  if (!validWindow(window)) return NaN;
  const vals = finiteTail(series, window);
  if (vals.length < 2) return NaN;
  const x = vals[vals.length - 1];
  let below = 0;
  for (let i = 0; i < vals.length - 1; i++) if (vals[i] < x) below++;
  return (below / (vals.length - 1)) * 100;
}

/**
 * Rolling versions for charts/backtests: value at i uses exactly the `window` observations ending
 * at i and is NaN unless all of them are finite (no skipping here — a rolling window must not
 * silently stretch over gaps).
 */
export function ivRankSeries(series: ArrayLike<number>, window = 252): Float64Array {
  return rolling(series, window, ivRank);
}

export function ivPercentileSeries(series: ArrayLike<number>, window = 252): Float64Array {
  return rolling(series, window, ivPercentile);
}

function rolling(series: ArrayLike<number>, window: number, f: (s: ArrayLike<number>, w: number) => number): Float64Array {
  const n = series?.length ?? 0;
  const out = new Float64Array(n).fill(NaN);
  if (!validWindow(window)) return out;
  let run = 0; // consecutive finite values ending at i
  for (let i = 0; i < n; i++) {
    run = Number.isFinite(series[i]) ? run + 1 : 0;
    if (run >= window) out[i] = f(Array.prototype.slice.call(series, i - window + 1, i + 1) as number[], window);
  }
  return out;
}

/** IV / HV; both in the same unit (both percent or both fractions). NaN if HV ≤ 0 or either is not finite. */
export function ivHvRatio(iv: number, hv: number): number {
  return Number.isFinite(iv) && Number.isFinite(hv) && hv > 0 && iv >= 0 ? iv / hv : NaN;
}
