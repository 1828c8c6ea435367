/** Input series: any array-like of numbers (plain arrays, typed arrays). */
export type Series = ArrayLike<number>;

export function nanArray(n: number): Float64Array {
  return new Float64Array(Math.max(0, n)).fill(NaN);
}

/** A period is usable when it is a positive integer no longer than the series. */
export function validPeriod(period: number, length: number, min = 1): boolean {
  return Number.isInteger(period) && period >= min && period <= length;
}
