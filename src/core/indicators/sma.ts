import { nanArray, Series, validPeriod } from './series';

/** Simple moving average; first value at index period−1. A NaN input poisons its windows only. */
export function sma(values: Series, period: number): Float64Array {
  const n = values.length;
  const out = nanArray(n);
  if (!validPeriod(period, n)) return out;
  let sum = 0;
  let nans = 0;
  for (let i = 0; i < n; i++) {
    const x = values[i];
    if (Number.isNaN(x)) nans++;
    else sum += x;
    if (i >= period) {
      const old = values[i - period];
      if (Number.isNaN(old)) nans--;
      else sum -= old;
    }
    if (i >= period - 1) out[i] = nans > 0 ? NaN : sum / period;
  }
  return out;
}
