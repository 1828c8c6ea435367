import type { Bar } from '../bars/bar';
import { etDate } from '../session/et-time';
import { sessionTag } from '../session/session';
import { gapPct, openingRange, premarketRange, previousDay } from './session-levels';
import { sessionVwapOf } from './session-window';
import { pivotPoints } from './structure';

/** Named price levels the strategies, charts and GPT use; absent when the data does not support them. */
export interface KeyLevels {
  session_high?: number;
  session_low?: number;
  session_open?: number;
  /** Typical-price VWAP of the regular session so far (from its first bar, whatever the caller's lookback). */
  session_vwap?: number;
  opening_range_high?: number;
  opening_range_low?: number;
  opening_range_5m_high?: number;
  opening_range_5m_low?: number;
  opening_range_30m_high?: number;
  opening_range_30m_low?: number;
  premarket_high?: number;
  premarket_low?: number;
  prev_high?: number;
  prev_low?: number;
  prev_close?: number;
  gap_pct?: number;
  pivot?: number;
  r1?: number;
  r2?: number;
  s1?: number;
  s2?: number;
}

/**
 * Key levels for the latest ET trading date present in `intraday` (or as of `nowMs`): the regular
 * session so far, the 15-minute opening range (plus 5 and 30), pre-market range, previous session
 * high/low/close (intraday bars first, `daily` bars otherwise), gap and classic pivots.
 */
export function computeKeyLevels(intraday: readonly Bar[], daily?: readonly Bar[], nowMs?: number): KeyLevels {
  const bars = nowMs === undefined ? intraday : intraday.filter((b) => b.time <= nowMs);
  const out: KeyLevels = {};
  if (!bars.length) {
    if (daily?.length) {
      const d = daily[daily.length - 1];
      const p = pivotPoints(d);
      Object.assign(out, { prev_high: d.high, prev_low: d.low, prev_close: d.close, pivot: p.pivot, r1: p.r1, r2: p.r2, s1: p.s1, s2: p.s2 });
    }
    return out;
  }
  const date = etDate(bars[bars.length - 1].time);
  const today = bars.filter((b) => etDate(b.time) === date && sessionTag(b.time) === 'regular');
  if (today.length) {
    out.session_open = today[0].open;
    out.session_high = Math.max(...today.map((b) => b.high));
    out.session_low = Math.min(...today.map((b) => b.low));
    const vwap = sessionVwapOf(today, date);
    if (vwap !== undefined) out.session_vwap = vwap;
  }
  const or15 = openingRange(bars, date, 15);
  const or5 = openingRange(bars, date, 5);
  const or30 = openingRange(bars, date, 30);
  if (or15) Object.assign(out, { opening_range_high: or15.high, opening_range_low: or15.low });
  if (or5) Object.assign(out, { opening_range_5m_high: or5.high, opening_range_5m_low: or5.low });
  if (or30) Object.assign(out, { opening_range_30m_high: or30.high, opening_range_30m_low: or30.low });
  const pre = premarketRange(bars, date);
  if (pre) Object.assign(out, { premarket_high: pre.high, premarket_low: pre.low });
  const prev = previousDay(
    bars,
    date,
    daily?.filter((d) => new Date(d.time).toISOString().slice(0, 10) < date),
  );
  if (prev) {
    const p = pivotPoints(prev);
    Object.assign(out, { prev_high: prev.high, prev_low: prev.low, prev_close: prev.close, pivot: p.pivot, r1: p.r1, r2: p.r2, s1: p.s1, s2: p.s2 });
    if (out.session_open !== undefined) out.gap_pct = gapPct(prev.close, out.session_open);
  }
  return out;
}
