import type { Bar } from '../bars/bar';
import { INTERVAL_MS, Interval, isIntraday } from '../bars/interval';
import { adx, atr, ema, rsi, sessionVwap } from '../indicators';
import { etDate, etDayNumber } from '../session/et-time';
import { sessionTag } from '../session/session';

/**
 * A bar series with its indicators precomputed once. Every indicator here is causal (the value at
 * bar i depends only on bars 0..i), so evaluating "as of bar i" on a frame built from the whole
 * history gives the same numbers as on a frame built from bars 0..i — the engine relies on this for
 * no-look-ahead replay.
 */
export interface Frame {
  interval: Interval;
  bar_ms: number;
  bars: readonly Bar[];
  close: Float64Array;
  ema9: Float64Array;
  ema20: Float64Array;
  ema50: Float64Array;
  atr14: Float64Array;
  adx14: Float64Array;
  rsi14: Float64Array;
  /** Session VWAP (regular session, typical price); NaN outside it and on daily frames. */
  vwap: Float64Array;
  /** ET date of each bar (YYYY-MM-DD); for daily bars the date they are stamped with. */
  date: string[];
  /** Regular-session flag per bar (always true on daily/weekly frames). */
  regular: Uint8Array;
  /** Index of the first regular bar of bar i's ET date, if it is ≤ i; else -1. */
  reg_start: Int32Array;
}

export function buildFrame(bars: readonly Bar[], interval: Interval): Frame {
  const n = bars.length;
  const close = new Float64Array(n);
  const high = new Float64Array(n);
  const low = new Float64Array(n);
  const volume = new Float64Array(n);
  const time = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const b = bars[i];
    close[i] = b.close;
    high[i] = b.high;
    low[i] = b.low;
    volume[i] = b.volume;
    time[i] = b.time;
  }
  const intraday = isIntraday(interval);
  const date: string[] = new Array(n);
  const regular = new Uint8Array(n);
  const regStart = new Int32Array(n).fill(-1);
  let curDate = '';
  let curStart = -1;
  // the ET date string is rebuilt only when the ET day number changes (same string as etDate per bar)
  let dayNo = NaN;
  let dayStr = '';
  for (let i = 0; i < n; i++) {
    if (intraday) {
      const d = etDayNumber(bars[i].time);
      if (d !== dayNo || !Number.isFinite(d)) {
        dayNo = d;
        dayStr = etDate(bars[i].time);
      }
      date[i] = dayStr;
    } else date[i] = new Date(bars[i].time).toISOString().slice(0, 10);
    regular[i] = intraday ? (sessionTag(bars[i].time) === 'regular' ? 1 : 0) : 1;
    if (date[i] !== curDate) {
      curDate = date[i];
      curStart = -1;
    }
    if (regular[i] && curStart < 0) curStart = i;
    regStart[i] = curStart;
  }
  return {
    interval,
    bar_ms: INTERVAL_MS[interval],
    bars,
    close,
    ema9: ema(close, 9),
    ema20: ema(close, 20),
    ema50: ema(close, 50),
    atr14: atr(high, low, close, 14),
    adx14: adx(high, low, close, 14),
    rsi14: rsi(close, 14),
    vwap: intraday ? sessionVwap(time, high, low, close, volume) : new Float64Array(n).fill(NaN),
    date,
    regular,
    reg_start: regStart,
  };
}

/** Index of the last bar whose start is ≤ t (−1 when none). */
export function indexAtOrBefore(frame: Frame, t: number): number {
  let lo = 0;
  let hi = frame.bars.length - 1;
  let ans = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (frame.bars[mid].time <= t) {
      ans = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return ans;
}

/** Index of the last regular-session bar at or before i (−1 when none). */
export function lastRegularIndex(frame: Frame, i = frame.bars.length - 1): number {
  for (let k = Math.min(i, frame.bars.length - 1); k >= 0; k--) if (frame.regular[k]) return k;
  return -1;
}
