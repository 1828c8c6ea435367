/**
 * Which bars the key levels of a moment need, independent of how many bars a caller asked to see:
 * the whole ET trading date of the last bar (pre-market from 04:00) and the whole regular session of the
 * trading day before it. Callers fetch [levelsWindowStart, last bar end] and compute levels from that
 * window; a series' `lookback` never shortens it.
 */
import type { Bar } from '../bars/bar';
import { etDate, etWallToUtc } from '../session/et-time';
import { previousTradingDay } from '../session/nyse-calendar';
import { sessionTag } from '../session/session';

/** Pre-market opens 04:00 ET. */
const PRE_OPEN_H = 4;

/** UTC ms of 04:00 ET on the trading day before the ET date of `lastBarMs`: where the levels' window starts. */
export function levelsWindowStart(lastBarMs: number): number {
  return etWallToUtc(previousTradingDay(etDate(lastBarMs)), PRE_OPEN_H, 0);
}

/** UTC ms of the regular open (09:30 ET) of the ET date of an instant: where that session's VWAP starts. */
export function sessionOpenOf(ms: number): number {
  return etWallToUtc(etDate(ms), 9, 30);
}

/**
 * Typical-price session VWAP of `date` at its last regular bar in `bars`: Σ((H+L+C)/3 · V) / Σ V over the
 * regular bars of that date; undefined without regular bars or volume.
 */
export function sessionVwapOf(bars: readonly Bar[], date: string): number | undefined {
  let pv = 0;
  let v = 0;
  for (const b of bars) {
    if (sessionTag(b.time) !== 'regular' || etDate(b.time) !== date) continue;
    const vol = b.volume > 0 ? b.volume : 0;
    pv += ((b.high + b.low + b.close) / 3) * vol;
    v += vol;
  }
  return v > 0 ? pv / v : undefined;
}

/** Merge older bars in front of `bars` (oldest first, strictly increasing times; overlaps dropped). */
export function prependBars(older: readonly Bar[], bars: readonly Bar[]): Bar[] {
  if (!bars.length) return [...older];
  const first = bars[0].time;
  const head = older.filter((b) => b.time < first);
  return head.length ? [...head, ...bars] : [...bars];
}
