import { etDayNumber } from '../session/et-time';
import { sessionTag } from '../session/session';
import { nanArray, Series } from './series';

/**
 * One VWAP step: add typical price × volume (negative volume counts as 0). Until volume arrives the
 * VWAP is the first bar's typical price, so zero-volume bars never divide by zero.
 */
function accumulate(pv: number, v: number, last: number, h: number, l: number, c: number, volume: number): [number, number, number] {
  const tp = (h + l + c) / 3;
  const vol = volume > 0 ? volume : 0;
  const pv2 = pv + tp * vol;
  const v2 = v + vol;
  return [pv2, v2, v2 > 0 ? pv2 / v2 : Number.isNaN(last) ? tp : last];
}

/**
 * Session VWAP = Σ(typical price × volume) / Σ volume over the regular session so far, restarting at
 * each regular open (09:30 ET). Pre-market bars get NaN (no session VWAP exists yet); post-market
 * bars carry the session's closing VWAP unchanged (after-hours prints do not move it). Until the first
 * bar with volume the VWAP is the typical price of the first bar (zero-volume sessions never divide by 0).
 */
export function sessionVwap(time: Series, high: Series, low: Series, close: Series, volume: Series): Float64Array {
  const n = Math.min(time.length, high.length, low.length, close.length, volume.length);
  const out = nanArray(n);
  let day = NaN;
  let pv = 0;
  let v = 0;
  let last = NaN;
  for (let i = 0; i < n; i++) {
    const tag = sessionTag(time[i]);
    if (tag === 'regular') {
      const d = etDayNumber(time[i]);
      if (d !== day) {
        day = d;
        pv = 0;
        v = 0;
        last = NaN;
      }
      [pv, v, last] = accumulate(pv, v, last, high[i], low[i], close[i], volume[i]);
      out[i] = last;
    } else if (tag === 'post' && etDayNumber(time[i]) === day) {
      out[i] = last;
    }
  }
  return out;
}

/** VWAP anchored at bar `anchorIndex` (inclusive), typical price × volume; NaN before the anchor. */
export function anchoredVwap(high: Series, low: Series, close: Series, volume: Series, anchorIndex: number): Float64Array {
  const n = Math.min(high.length, low.length, close.length, volume.length);
  const out = nanArray(n);
  if (!Number.isInteger(anchorIndex) || anchorIndex < 0 || anchorIndex >= n) return out;
  let pv = 0;
  let v = 0;
  let last = NaN;
  for (let i = anchorIndex; i < n; i++) {
    [pv, v, last] = accumulate(pv, v, last, high[i], low[i], close[i], volume[i]);
    out[i] = last;
  }
  return out;
}
