import { nanArray, Series } from './series';

/** On-balance volume (TA-Lib): starts at volume[0], then ± volume by the close's direction. */
export function obv(close: Series, volume: Series): Float64Array {
  const n = Math.min(close.length, volume.length);
  const out = nanArray(n);
  if (n === 0) return out;
  let acc = volume[0];
  out[0] = acc;
  for (let i = 1; i < n; i++) {
    if (close[i] > close[i - 1]) acc += volume[i];
    else if (close[i] < close[i - 1]) acc -= volume[i];
    out[i] = acc;
  }
  return out;
}
