/**
 * One interval's context: the last `lookback` bars, warmed-up indicator series and key levels.
 * Plain functions (no Nest): the service fetches `lookback + WARMUP_BARS` bars so every returned
 * indicator point is past its warm-up, then keeps the last `lookback`.
 */
import type { Bar } from '../../core/bars/bar';
import { toColumns } from '../../core/bars/bar';
import { isIntraday, type Interval } from '../../core/bars/interval';
import { adx, atr, bollinger, ema, macd, rsi, sessionVwap } from '../../core/indicators';
import { computeKeyLevels, type KeyLevels } from '../../core/levels';

/**
 * Extra bars fetched ahead of the window. EMA50 is defined from bar 50, MACD(12,26,9) signal from
 * 34, ADX14 from 28; 200 more bars let the exponential ones forget their seed (0.96^200 ≈ 3e-4 of
 * the EMA50 seed remains).
 */
export const WARMUP_BARS = 250;

export const INDICATOR_KEYS = ['ema9', 'ema20', 'ema50', 'vwap', 'atr14', 'adx14', 'rsi14', 'macd', 'macd_signal', 'macd_hist', 'bb_upper', 'bb_middle', 'bb_lower'] as const;
export type IndicatorKey = (typeof INDICATOR_KEYS)[number];

/** `time` = bar start, epoch seconds UTC (the lightweight-charts time format). */
export interface SeriesPoint {
  time: number;
  value: number;
}

export interface OutBar {
  /** Bar start, epoch seconds UTC. */
  time: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

export type TrendState = 'up' | 'down' | 'flat' | 'unknown';

export interface FrameContext {
  interval: Interval;
  lookback: number;
  bars: OutBar[];
  indicators: Record<IndicatorKey, SeriesPoint[]>;
  key_levels: KeyLevels;
  /** EMA9 > EMA20 > EMA50 → up, reversed → down, else flat; unknown before EMA50 exists. */
  trend: TrendState;
  last_close: number | null;
  /** Start of the last bar, ISO UTC. */
  last_bar_time: string | null;
}

const round = (x: number, dp: number) => {
  const f = 10 ** dp;
  return Math.round(x * f) / f;
};

function priceDp(bars: readonly Bar[]): number {
  const last = bars[bars.length - 1]?.close;
  return last !== undefined && Math.abs(last) < 1 ? 6 : 4;
}

function tail(series: Float64Array, times: Float64Array, from: number, dp: number): SeriesPoint[] {
  const out: SeriesPoint[] = [];
  for (let i = from; i < series.length; i++) {
    const v = series[i];
    if (Number.isFinite(v)) out.push({ time: Math.floor(times[i] / 1000), value: round(v, dp) });
  }
  return out;
}

/** Levels at the series' price precision (4 dp, 6 below $1: sub-penny prints stay exact); gap_pct 2 dp. */
function roundLevels(k: KeyLevels, dp: number): KeyLevels {
  const out: KeyLevels = {};
  for (const [name, v] of Object.entries(k) as Array<[keyof KeyLevels, number | undefined]>) {
    if (typeof v === 'number' && Number.isFinite(v)) out[name] = round(v, name === 'gap_pct' ? 2 : dp);
  }
  return out;
}

/** Where key levels come from when the caller fetched their sessions (context.service / session-bars.ts). */
export interface LevelInputs {
  /** Bars of the last bar's ET date and the previous trading day, whole sessions (1-minute when available). */
  bars?: readonly Bar[] | null;
  /** Daily bars for the previous-day levels when the previous session is not among `bars`. */
  daily?: readonly Bar[];
}

/** Key levels: intraday bars give session/opening-range/previous-day levels; higher intervals the previous bar's. */
function keyLevels(bars: readonly Bar[], interval: Interval, inputs?: LevelInputs): KeyLevels {
  const dp = priceDp(bars);
  if (isIntraday(interval)) return roundLevels(computeKeyLevels(inputs?.bars?.length ? inputs.bars : bars, inputs?.daily), dp);
  // The last daily/weekly bar may still be forming: "previous" levels come from the one before it.
  return roundLevels(computeKeyLevels([], bars.slice(0, -1)), dp);
}

/**
 * `allBars`: the series bars (warm-up included); `levels`: the full sessions the key levels describe —
 * without it they come from `allBars` (exact only when those contain the sessions).
 */
export function buildFrameContext(allBars: readonly Bar[], interval: Interval, lookback: number, levels?: LevelInputs): FrameContext {
  const bars = Array.isArray(allBars) ? allBars : [];
  const n = bars.length;
  const from = Math.max(0, n - lookback);
  const c = toColumns(bars);
  const dp = priceDp(bars);
  const bb = bollinger(c.close, 20, 2);
  const m = macd(c.close, 12, 26, 9);
  const e9 = ema(c.close, 9);
  const e20 = ema(c.close, 20);
  const e50 = ema(c.close, 50);
  // Session VWAP only means something within a regular session; daily and weekly bars get none.
  const vwap = isIntraday(interval) ? sessionVwap(c.time, c.high, c.low, c.close, c.volume) : new Float64Array(n).fill(NaN);
  const indicators: Record<IndicatorKey, SeriesPoint[]> = {
    ema9: tail(e9, c.time, from, dp),
    ema20: tail(e20, c.time, from, dp),
    ema50: tail(e50, c.time, from, dp),
    vwap: tail(vwap, c.time, from, dp),
    atr14: tail(atr(c.high, c.low, c.close, 14), c.time, from, dp),
    adx14: tail(adx(c.high, c.low, c.close, 14), c.time, from, 2),
    rsi14: tail(rsi(c.close, 14), c.time, from, 2),
    macd: tail(m.macd, c.time, from, dp),
    macd_signal: tail(m.signal, c.time, from, dp),
    macd_hist: tail(m.hist, c.time, from, dp),
    bb_upper: tail(bb.upper, c.time, from, dp),
    bb_middle: tail(bb.middle, c.time, from, dp),
    bb_lower: tail(bb.lower, c.time, from, dp),
  };
  let trend: TrendState = 'unknown';
  if (n > 0 && [e9, e20, e50].every((s) => Number.isFinite(s[n - 1]))) {
    const [a, b, d] = [e9[n - 1], e20[n - 1], e50[n - 1]];
    trend = a > b && b > d ? 'up' : a < b && b < d ? 'down' : 'flat';
  }
  return {
    interval,
    lookback,
    bars: bars.slice(from).map((b) => ({ time: Math.floor(b.time / 1000), open: b.open, high: b.high, low: b.low, close: b.close, volume: b.volume })),
    indicators,
    key_levels: keyLevels(bars, interval, levels),
    trend,
    last_close: n ? bars[n - 1].close : null,
    last_bar_time: n ? new Date(bars[n - 1].time).toISOString() : null,
  };
}

/** Keep only the most recent `points` bars and series points (for response size limits). */
export function trimFrame(f: FrameContext, points: number): FrameContext {
  const keep = <T>(xs: T[]) => (points <= 0 ? [] : xs.slice(-points));
  const indicators = {} as Record<IndicatorKey, SeriesPoint[]>;
  for (const k of INDICATOR_KEYS) indicators[k] = keep(f.indicators[k]);
  return { ...f, bars: keep(f.bars), indicators };
}
