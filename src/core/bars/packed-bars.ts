import type { Bar } from './bar';

/**
 * Bars held row-wise in one Float64Array (time, open, high, low, close, volume per bar; a second
 * array for `vwap` only when some bar has one) for the in-process caches: the synthetic provider's
 * day caches and the provider chain's cached answers (src/providers/cache/packed-value.ts). A cached `Bar` costs ~152 B of V8 heap (an object and a box per
 * price) and six objects for the garbage collector to trace; a packed bar costs 48 B off the heap and
 * nothing to trace, so the caches can hold many days without making every major GC longer. Reads
 * build fresh `Bar` objects (values identical: doubles stored and read back unchanged).
 */
export interface PackedBars {
  readonly length: number;
  readonly data: Float64Array;
  /** Per-bar vwap, NaN where a bar has none; absent when no bar has one. */
  readonly vwap?: Float64Array;
}

const FIELDS = 6;

export function packBars(bars: readonly Bar[]): PackedBars {
  const data = new Float64Array(bars.length * FIELDS);
  for (let i = 0, k = 0; i < bars.length; i++, k += FIELDS) {
    const b = bars[i];
    data[k] = b.time;
    data[k + 1] = b.open;
    data[k + 2] = b.high;
    data[k + 3] = b.low;
    data[k + 4] = b.close;
    data[k + 5] = b.volume;
  }
  let vwap: Float64Array | undefined;
  for (let i = 0; i < bars.length; i++) {
    const v = bars[i].vwap;
    if (v === undefined) continue;
    vwap ??= new Float64Array(bars.length).fill(NaN);
    vwap[i] = v;
  }
  return vwap ? { length: bars.length, data, vwap } : { length: bars.length, data };
}

/** Bytes a packed day holds (its array plus the small wrapper). */
export const packedBytes = (p: PackedBars): number => 96 + p.data.byteLength + (p.vwap ? 64 + p.vwap.byteLength : 0);

/** Append bars `from`…`to − 1` of `p` (all by default) to `out` as new Bar objects. */
export function unpackInto(p: PackedBars, out: Bar[], from = 0, to = p.length): Bar[] {
  const d = p.data;
  const vw = p.vwap;
  for (let i = from, k = from * FIELDS; i < to; i++, k += FIELDS) {
    const bar: Bar = { time: d[k], open: d[k + 1], high: d[k + 2], low: d[k + 3], close: d[k + 4], volume: d[k + 5] };
    if (vw && !Number.isNaN(vw[i])) bar.vwap = vw[i];
    out.push(bar);
  }
  return out;
}

export const unpackBars = (p: PackedBars): Bar[] => unpackInto(p, []);

/** Index of the first bar whose time is > `t` (bars are in time order). */
export function upperBound(p: PackedBars, t: number): number {
  let lo = 0;
  let hi = p.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (p.data[mid * FIELDS] <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
