/**
 * Per-frame indices the as-of context reads instead of scanning history on every call: session-so-far
 * and opening-range running extremes, the last confirmed swing high/low, the start of each date's run
 * and the previous session per run. Built once per frame in one pass, on first use, and cached beside
 * the frame (frames are immutable once built).
 *
 * Causality: the value at index i depends only on bars ≤ i (a swing at k is flagged from bars k−2…k+2,
 * and is only read at i ≥ k+2), so reading these at i gives what a scan of bars 0..i gives.
 */
import { isIntraday } from '../bars/interval';
import { etWallToUtc } from '../session/et-time';
import type { Frame } from './frame';

const OR_MS = 15 * 60_000;

export interface FrameIndex {
  /** Date strings never decrease along the frame (equal dates are contiguous). */
  dates_sorted: boolean;
  /** Bar start times never decrease along the frame. */
  times_sorted: boolean;
  /** First index of the contiguous run of bars sharing bar i's date. */
  run_start: Int32Array;
  /** Running regular-session high/low/bar count from reg_start[i] through i (intraday; NaN/0 where reg_start < 0). */
  sess_high: Float64Array;
  sess_low: Float64Array;
  sess_bars: Int32Array;
  /** Running high/low of the regular bars before the 15-minute opening-range end, through i. */
  or_high: Float64Array;
  or_low: Float64Array;
  /** End of the opening range (09:45 ET) of bar i's date, UTC ms (intraday; NaN elsewhere). */
  or_end: Float64Array;
  /** Index of the last bar ≤ k that is a fractal (2, 2) swing high / low, −1 when none. */
  last_swing_high: Int32Array;
  last_swing_low: Int32Array;
  /** Previous session found inside the frame, cached per run start (undefined = not computed yet). */
  prev_by_run: Map<number, { date: string; high: number; low: number; close: number; high_index: number; low_index: number } | null>;
  /** Running anchored-VWAP sums per anchor index: through bar `i`, Σ typical×volume and Σ volume. */
  avwap: Map<number, { i: number; pv: number; v: number }>;
}

const cache = new WeakMap<Frame, FrameIndex>();
const orders = new WeakMap<Frame, FrameOrder>();

export interface FrameOrder {
  dates_sorted: boolean;
  times_sorted: boolean;
}

/** Whether the frame's dates and bar times never decrease (checked once per frame; HTF frames need only this). */
export function frameOrder(frame: Frame): FrameOrder {
  let o = orders.get(frame);
  if (!o) {
    const { bars, date } = frame;
    o = { dates_sorted: true, times_sorted: true };
    for (let i = 1; i < bars.length; i++) {
      if (date[i] < date[i - 1]) o.dates_sorted = false;
      if (!(bars[i].time >= bars[i - 1].time)) o.times_sorted = false;
    }
    orders.set(frame, o);
  }
  return o;
}

/** The frame's indices (built on the first call, then cached). */
export function frameIndex(frame: Frame): FrameIndex {
  let ix = cache.get(frame);
  if (!ix) {
    ix = buildFrameIndex(frame);
    cache.set(frame, ix);
  }
  return ix;
}

function buildFrameIndex(frame: Frame): FrameIndex {
  const { bars, date, regular, reg_start: regStart } = frame;
  const n = bars.length;
  const intraday = isIntraday(frame.interval);
  const runStart = new Int32Array(n);
  const sessHigh = new Float64Array(n).fill(NaN);
  const sessLow = new Float64Array(n).fill(NaN);
  const sessBars = new Int32Array(n);
  const orHigh = new Float64Array(n).fill(NaN);
  const orLow = new Float64Array(n).fill(NaN);
  const orEnd = new Float64Array(n).fill(NaN);
  const order = frameOrder(frame);
  let orEndOfRun = NaN;
  for (let i = 0; i < n; i++) {
    const newRun = i === 0 || date[i] !== date[i - 1];
    runStart[i] = newRun ? i : runStart[i - 1];
    if (!intraday) continue;
    if (newRun) orEndOfRun = NaN;
    const start = regStart[i];
    if (start < 0) continue;
    if (Number.isNaN(orEndOfRun)) orEndOfRun = etWallToUtc(date[i], 9, 30) + OR_MS;
    orEnd[i] = orEndOfRun;
    // same accumulation order as a scan of start..i (reg_start is constant within a run once set)
    let hi = -Infinity;
    let lo = Infinity;
    let cnt = 0;
    let oh = -Infinity;
    let ol = Infinity;
    if (i > start) {
      hi = sessHigh[i - 1];
      lo = sessLow[i - 1];
      cnt = sessBars[i - 1];
      oh = orHigh[i - 1];
      ol = orLow[i - 1];
    }
    if (regular[i]) {
      const b = bars[i];
      hi = Math.max(hi, b.high);
      lo = Math.min(lo, b.low);
      cnt++;
      if (b.time < orEndOfRun) {
        oh = Math.max(oh, b.high);
        ol = Math.min(ol, b.low);
      }
    }
    sessHigh[i] = hi;
    sessLow[i] = lo;
    sessBars[i] = cnt;
    orHigh[i] = oh;
    orLow[i] = ol;
  }
  // fractal swings with 2 bars either side, flagged exactly as levels/structure `swings` does
  const lastHigh = new Int32Array(n).fill(-1);
  const lastLow = new Int32Array(n).fill(-1);
  let hiAt = -1;
  let loAt = -1;
  for (let k = 0; k < n; k++) {
    if (k >= 2 && k + 2 < n) {
      const h = bars[k].high;
      const l = bars[k].low;
      let isHigh = true;
      let isLow = true;
      for (let j = k - 2; j <= k + 2 && (isHigh || isLow); j++) {
        if (j === k) continue;
        if (j < k ? bars[j].high >= h : bars[j].high > h) isHigh = false;
        if (j < k ? bars[j].low <= l : bars[j].low < l) isLow = false;
      }
      if (isHigh) hiAt = k;
      if (isLow) loAt = k;
    }
    lastHigh[k] = hiAt;
    lastLow[k] = loAt;
  }
  return {
    dates_sorted: order.dates_sorted,
    times_sorted: order.times_sorted,
    run_start: runStart,
    sess_high: sessHigh,
    sess_low: sessLow,
    sess_bars: sessBars,
    or_high: orHigh,
    or_low: orLow,
    or_end: orEnd,
    last_swing_high: lastHigh,
    last_swing_low: lastLow,
    prev_by_run: new Map(),
    avwap: new Map(),
  };
}

/**
 * Anchored VWAP of bars from..i (typical price × volume; a volume ≤ 0 counts as 0), or the typical
 * price of bar i when no volume traded; NaN when `from` is outside [0, i]. The sums are added in the
 * same order as a loop from `from` to i, and kept per anchor, so stepping i forward costs one bar.
 */
export function anchoredVwap(frame: Frame, from: number, i: number): number {
  if (from < 0 || from > i || i >= frame.bars.length) return NaN;
  const bars = frame.bars;
  const memo = frameIndex(frame).avwap;
  let st = memo.get(from);
  let k = from;
  let pv = 0;
  let v = 0;
  if (st && st.i <= i) {
    k = st.i + 1;
    pv = st.pv;
    v = st.v;
  }
  for (; k <= i; k++) {
    const b = bars[k];
    const vol = b.volume > 0 ? b.volume : 0;
    pv += ((b.high + b.low + b.close) / 3) * vol;
    v += vol;
  }
  if (st) [st.i, st.pv, st.v] = [i, pv, v];
  else memo.set(from, (st = { i, pv, v }));
  const b = bars[i];
  return v > 0 ? pv / v : (b.high + b.low + b.close) / 3;
}
