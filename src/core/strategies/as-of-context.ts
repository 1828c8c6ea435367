import type { Bar } from '../bars/bar';
import { isIntraday } from '../bars/interval';
import { etMinuteOfDay, etWallToUtc } from '../session/et-time';
import type { Frame } from './frame';
import { frameIndex, frameOrder } from './frame-index';
import { sessionVolumeMedian, volumeMedian } from './volume-median';
import type { PriceLevel } from './strategy.types';

const OR_MINUTES = 15;
const SWING_LOOKBACK = 60;

export interface SessionSoFar {
  date: string;
  start_index: number;
  open: number;
  high: number;
  low: number;
  bars: number;
}

export interface PrevSession {
  date: string;
  high: number;
  low: number;
  close: number;
  /** Bar indices of the high/low inside the frame when the frame holds that session (AVWAP anchors). */
  high_index: number;
  low_index: number;
}

export interface HtfSnapshot {
  interval: string;
  close: number;
  ema20: number;
  ema50: number;
  adx: number;
  rsi: number;
  /** up: close ≥ EMA20 ≥ EMA50; down: the mirror; flat otherwise or when not warmed up. */
  trend: 'up' | 'down' | 'flat';
}

/**
 * Everything a playbook may look at "as of bar i". Built only from bars 0..i of the frame (and
 * higher-timeframe bars that had completed by the end of bar i), so a rule cannot see the future.
 */
export interface AsOfContext {
  frame: Frame;
  i: number;
  bar: Bar;
  close: number;
  atr: number;
  ema9: number;
  ema20: number;
  ema50: number;
  adx: number;
  rsi: number;
  vwap: number;
  intraday: boolean;
  /** ET minutes after midnight of the bar start (NaN on daily frames). */
  minute_et: number;
  date: string;
  session: SessionSoFar | null;
  /** 15-minute opening range, present only once complete (as of bar i). */
  opening_range: { high: number; low: number } | null;
  prev: PrevSession | null;
  /** Regular-session gap in percent (5.0 = 5 %), NaN when unknown. */
  gap_pct: number;
  /** Median volume of the last ≤40 session bars (≤20 bars on daily frames) up to bar i. */
  volume_median: number;
  swing_high: PriceLevel | null;
  swing_low: PriceLevel | null;
  htf: HtfSnapshot[];
  /** Named levels known as of bar i (for stops/targets snapping and chart layers). */
  levels: PriceLevel[];
  /** simulate_open: time-of-day windows are not enforced. */
  ignore_windows: boolean;
}

export interface ContextOptions {
  /** Higher-timeframe frames (resampled or vendor); only bars complete by the end of bar i are used. */
  htf?: Frame[];
  /** Daily bars, used for the previous session when the intraday frame does not hold it. */
  daily?: Frame;
  ignore_windows?: boolean;
}

function previousSession(frame: Frame, i: number, date: string, daily?: Frame): PrevSession | null {
  if (!frame.bars.length) return null;
  if (!isIntraday(frame.interval)) {
    if (i < 1) return null;
    const b = frame.bars[i - 1];
    return { date: frame.date[i - 1], high: b.high, low: b.low, close: b.close, high_index: i - 1, low_index: i - 1 };
  }
  const ix = frameIndex(frame);
  let found: PrevSession | null;
  if (ix.dates_sorted) {
    // dates never decrease: the walk back from i ends just before i's date run, whatever i is in it
    const run = ix.run_start[i];
    let hit = ix.prev_by_run.get(run);
    if (hit === undefined) {
      hit = prevInFrame(frame, run - 1);
      ix.prev_by_run.set(run, hit);
    }
    found = hit && { ...hit };
  } else {
    let k = i;
    while (k >= 0 && frame.date[k] >= date) k--;
    found = prevInFrame(frame, k);
  }
  if (found) return found;
  if (daily) {
    for (let j = daily.bars.length - 1; j >= 0; j--) {
      if (daily.date[j] < date) {
        const b = daily.bars[j];
        return { date: daily.date[j], high: b.high, low: b.low, close: b.close, high_index: -1, low_index: -1 };
      }
    }
  }
  return null;
}

/** The regular session of the date of the last regular bar at or before k (walking back), or null. */
function prevInFrame(frame: Frame, k: number): PrevSession | null {
  while (k >= 0 && !frame.regular[k]) k--;
  if (k < 0) return null;
  const d = frame.date[k];
  let hi = -Infinity;
  let lo = Infinity;
  let hiIdx = -1;
  let loIdx = -1;
  const closeIdx = k;
  for (; k >= 0 && frame.date[k] === d; k--) {
    if (!frame.regular[k]) continue;
    const b = frame.bars[k];
    if (b.high > hi) [hi, hiIdx] = [b.high, k];
    if (b.low < lo) [lo, loIdx] = [b.low, k];
  }
  return { date: d, high: hi, low: lo, close: frame.bars[closeIdx].close, high_index: hiIdx, low_index: loIdx };
}

/** Index of the last HTF bar complete by the end of base bar i (−1 when none). */
function lastCompleteHtf(base: Frame, i: number, htf: Frame): number {
  const tEnd = base.bars[i].time + base.bar_ms;
  const baseDate = base.date[i];
  const baseDateMs = htf.interval === '1W' ? Date.parse(`${baseDate}T00:00:00Z`) : NaN;
  const complete = (k: number): boolean => {
    if (htf.interval === '1D') return htf.date[k] < baseDate;
    if (htf.interval === '1W') return htf.bars[k].time + 7 * 86_400_000 <= baseDateMs;
    return htf.bars[k].time + htf.bar_ms <= tEnd;
  };
  const hx = frameOrder(htf);
  if (htf.interval === '1D' ? hx.dates_sorted : hx.times_sorted) {
    // complete() holds on a prefix of a sorted frame: binary search its last index
    let lo = 0;
    let hi = htf.bars.length - 1;
    let ans = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (complete(mid)) {
        ans = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return ans;
  }
  let j = htf.bars.length - 1;
  while (j >= 0 && !complete(j)) j--;
  return j;
}

function htfSnapshot(base: Frame, i: number, htf: Frame): HtfSnapshot | null {
  const j = lastCompleteHtf(base, i, htf);
  if (j < 0) return null;
  const c = htf.close[j];
  const e20 = htf.ema20[j];
  const e50 = htf.ema50[j];
  const trend = c >= e20 && e20 >= e50 ? 'up' : c <= e20 && e20 <= e50 ? 'down' : 'flat';
  return { interval: htf.interval, close: c, ema20: e20, ema50: e50, adx: htf.adx14[j], rsi: htf.rsi14[j], trend: Number.isFinite(e50) ? trend : 'flat' };
}

function htfSnapshots(base: Frame, i: number, htf: Frame[] | undefined): HtfSnapshot[] {
  const out: HtfSnapshot[] = [];
  for (const h of htf ?? []) {
    const snap = htfSnapshot(base, i, h);
    if (snap) out.push(snap);
  }
  return out;
}

function add(levels: PriceLevel[], price: number | undefined, label: string, group: 'session' | 'structural'): void {
  if (price !== undefined && Number.isFinite(price) && price > 0) levels.push({ price, label, group });
}

/** Build the as-of context of bar i (0 ≤ i < bars.length); null when i is out of range. */
export function contextAt(frame: Frame, i: number, opts: ContextOptions = {}): AsOfContext | null {
  if (!Number.isInteger(i) || i < 0 || i >= frame.bars.length) return null;
  const bar = frame.bars[i];
  const intraday = isIntraday(frame.interval);
  const date = frame.date[i];
  const ix = frameIndex(frame);
  let session: SessionSoFar | null = null;
  let openingRange: { high: number; low: number } | null = null;
  let volumeMed = NaN;
  const start = frame.reg_start[i];
  if (intraday && start >= 0) {
    session = { date, start_index: start, open: frame.bars[start].open, high: ix.sess_high[i], low: ix.sess_low[i], bars: ix.sess_bars[i] };
    const orHi = ix.or_high[i];
    // complete once bar i ends at or after the OR end; only meaningful for intervals ≤ 15m
    if (frame.bar_ms <= OR_MINUTES * 60_000 && bar.time + frame.bar_ms >= ix.or_end[i] && Number.isFinite(orHi)) {
      openingRange = { high: orHi, low: ix.or_low[i] };
    }
    volumeMed = sessionVolumeMedian(frame, i, start);
  } else if (!intraday) {
    volumeMed = volumeMedian(frame, i, 0, 20, false);
  }
  const prev = previousSession(frame, i, date, opts.daily);
  const gap = session && prev && prev.close > 0 ? (session.open / prev.close - 1) * 100 : NaN;

  // last fractal swing high/low confirmed inside the last SWING_LOOKBACK bars: index in [from + 2, i − 2]
  const from = Math.max(0, i - SWING_LOOKBACK);
  const sh = i >= 2 ? ix.last_swing_high[i - 2] : -1;
  const sl = i >= 2 ? ix.last_swing_low[i - 2] : -1;
  const lastHigh = sh >= from + 2 ? frame.bars[sh].high : NaN;
  const lastLow = sl >= from + 2 ? frame.bars[sl].low : NaN;

  const ctx: AsOfContext = {
    frame,
    i,
    bar,
    close: bar.close,
    atr: frame.atr14[i],
    ema9: frame.ema9[i],
    ema20: frame.ema20[i],
    ema50: frame.ema50[i],
    adx: frame.adx14[i],
    rsi: frame.rsi14[i],
    vwap: frame.vwap[i],
    intraday,
    minute_et: intraday ? etMinuteOfDay(bar.time) : NaN,
    date,
    session,
    opening_range: openingRange,
    prev,
    gap_pct: gap,
    volume_median: volumeMed,
    swing_high: sh >= from + 2 ? { price: lastHigh, label: 'Swing high', group: 'structural' } : null,
    swing_low: sl >= from + 2 ? { price: lastLow, label: 'Swing low', group: 'structural' } : null,
    htf: htfSnapshots(frame, i, opts.htf),
    levels: [],
    ignore_windows: opts.ignore_windows === true,
  };
  const L = ctx.levels;
  add(L, openingRange?.high, 'ORH', 'session');
  add(L, openingRange?.low, 'ORL', 'session');
  add(L, session?.high, 'Session high', 'session');
  add(L, session?.low, 'Session low', 'session');
  add(L, ctx.vwap, 'VWAP', 'session');
  add(L, prev?.high, intraday ? 'PDH' : 'Prior bar high', 'structural');
  add(L, prev?.low, intraday ? 'PDL' : 'Prior bar low', 'structural');
  add(L, prev?.close, intraday ? 'PDC' : 'Prior close', 'structural');
  add(L, ctx.swing_high?.price, 'Swing high', 'structural');
  add(L, ctx.swing_low?.price, 'Swing low', 'structural');
  if (!intraday) {
    const hiLo = (n: number) => {
      let hi = -Infinity;
      let lo = Infinity;
      for (let k = Math.max(0, i - n); k < i; k++) {
        hi = Math.max(hi, frame.bars[k].high);
        lo = Math.min(lo, frame.bars[k].low);
      }
      return { hi, lo };
    };
    const d20 = hiLo(20);
    const d55 = hiLo(55);
    add(L, d20.hi, '20-bar high', 'structural');
    add(L, d20.lo, '20-bar low', 'structural');
    add(L, d55.hi, '55-bar high', 'structural');
    add(L, d55.lo, '55-bar low', 'structural');
  }
  return ctx;
}

/** End of the 15-minute opening range (09:45 ET) of ctx's date, UTC ms (read from the frame's index). */
export function openingRangeEnd(ctx: AsOfContext): number {
  const e = ctx.session ? frameIndex(ctx.frame).or_end[ctx.i] : NaN;
  return Number.isNaN(e) ? etWallToUtc(ctx.date, 9, 30) + OR_MINUTES * 60_000 : e;
}

/** True when ctx's bar lies inside [start, end) ET minutes (or windows are ignored). */
export function inWindow(ctx: AsOfContext, start: number, end: number): boolean {
  if (ctx.ignore_windows || !ctx.intraday) return true;
  return ctx.minute_et >= start && ctx.minute_et < end;
}

/** EMA stack direction: 1 = 9 > 20 > 50, −1 = 9 < 20 < 50, 0 otherwise or not warmed up. */
export function emaStack(ctx: Pick<AsOfContext, 'ema9' | 'ema20' | 'ema50'>): 1 | -1 | 0 {
  if (![ctx.ema9, ctx.ema20, ctx.ema50].every(Number.isFinite)) return 0;
  if (ctx.ema9 > ctx.ema20 && ctx.ema20 > ctx.ema50) return 1;
  if (ctx.ema9 < ctx.ema20 && ctx.ema20 < ctx.ema50) return -1;
  return 0;
}
