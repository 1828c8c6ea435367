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

/**
 * The output series of length n: the caller's `out` when given (reused, so a caller that recomputes the
 * same length every refresh pays no allocation or page faults), else a fresh array. Its first `warmup`
 * values are set to NaN; the indicator writes every index from `warmup` on. `out` must have length n
 * and must not be one of the inputs.
 */
export function outputArray(n: number, warmup: number, out: Float64Array | undefined, name: string): Float64Array {
  if (out === undefined) return warmupArray(n, warmup);
  const len = Math.max(0, n);
  if (!(out instanceof Float64Array) || out.length !== len) {
    throw new RangeError(`${name}: the output buffer must be a Float64Array of the series length ${len}, got ${out instanceof Float64Array ? `length ${out.length}` : typeof out}`);
  }
  if (warmup > 0) out.fill(NaN, 0, Math.min(warmup, len));
  return out;
}

/** An all-NaN output series (invalid period or input): `out` filled with NaN when given, else a fresh one. */
export function nanOutput(n: number, out: Float64Array | undefined, name: string): Float64Array {
  return out === undefined ? nanArray(n) : outputArray(n, Math.max(0, n), out, name);
}
