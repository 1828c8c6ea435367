/** Input series: any array-like of numbers (plain arrays, typed arrays). */
export type Series = ArrayLike<number>;

export function nanArray(n: number): Float64Array {
  return new Float64Array(Math.max(0, n)).fill(NaN);
}

/**
 * An output series of length n whose first `warmup` values are NaN; the caller writes every index from
 * `warmup` on (filling only the warm-up spares a full extra pass over a fresh array).
 */
export function warmupArray(n: number, warmup: number): Float64Array {
  const out = new Float64Array(Math.max(0, n));
  if (warmup > 0) out.fill(NaN, 0, Math.min(warmup, out.length));
  return out;
}

/** A period is usable when it is a positive integer no longer than the series. */
export function validPeriod(period: number, length: number, min = 1): boolean {
  return Number.isInteger(period) && period >= min && period <= length;
}
