/**
 * Fetches the full sessions that key levels and session VWAP describe, whatever `lookback` a caller
 * asked for (docs/levels-and-volatility.md):
 * - `coverSessionStart`: older bars of the same interval so the first returned bar's regular session is
 *   present from its 09:30 open (its VWAP then starts where the session does);
 * - `levelBars`: 1-minute bars (the frame's own interval when the chain has no minutes) from 04:00 ET of
 *   the previous trading day to the end of the frame's last bar — the current date with its pre-market
 *   and the previous regular session, from which opening ranges, pre-market and previous-day levels are
 *   exact at any interval.
 * A failed extra fetch leaves the levels to the bars at hand (the old behaviour), never an error.
 */
import type { Bar } from '../../core/bars/bar';
import { INTERVAL_MS, type Interval } from '../../core/bars/interval';
import { levelsWindowStart, prependBars, sessionOpenOf } from '../../core/levels';
import type { MarketDataPort } from '../data-ports/data-ports';

/** 1-minute bars in two extended sessions (04:00–20:00) plus slack. */
const LEVEL_BARS_LIMIT = 2 * 16 * 60 + 60;

/** Bars of `interval` extended backwards to the regular open of the session of bars[fromIndex]. */
export async function coverSessionStart(market: MarketDataPort, symbol: string, interval: Interval, bars: Bar[], fromIndex: number): Promise<Bar[]> {
  if (!bars.length) return bars;
  const start = sessionOpenOf(bars[Math.max(0, Math.min(fromIndex, bars.length - 1))].time);
  if (bars[0].time <= start) return bars;
  const missing = Math.ceil((bars[0].time - start) / INTERVAL_MS[interval]) + 1;
  try {
    // `to` = the first bar's start: the bar before it has closed by then (prependBars drops any overlap)
    const res = await market.getBars({ symbol, interval, from: start, to: bars[0].time, limit: missing });
    return prependBars(
      (res.bars ?? []).filter((b) => b.time >= start),
      bars,
    );
  } catch {
    return bars;
  }
}

/** Bars the key levels of the frame's last bar are computed from (see the file comment); null when none could be fetched. */
export async function levelBars(market: MarketDataPort, symbol: string, interval: Interval, bars: readonly Bar[]): Promise<Bar[] | null> {
  if (!bars.length) return null;
  const last = bars[bars.length - 1];
  const from = levelsWindowStart(last.time);
  const end = last.time + INTERVAL_MS[interval]; // exclusive: no minute after the frame's last bar
  // a 1-minute frame that already reaches back to the window start holds every bar the levels need
  if (interval === '1m' && bars[0].time <= from) return bars.filter((b) => b.time >= from);
  const fetch = async (iv: Interval, limit: number) => {
    const res = await market.getBars({ symbol, interval: iv, from, to: end, limit, extendedHours: true });
    return (res.bars ?? []).filter((b) => b.time >= from && b.time + INTERVAL_MS[iv] <= end);
  };
  try {
    const minutes = await fetch('1m', LEVEL_BARS_LIMIT);
    if (minutes.length) return minutes;
  } catch {
    // no minute bars in the chain: fall through to the frame's own interval
  }
  if (interval === '1m') return null;
  try {
    const own = await fetch(interval, Math.ceil(LEVEL_BARS_LIMIT / (INTERVAL_MS[interval] / 60_000)) + 10);
    return own.length
      ? prependBars(
          own,
          bars.filter((b) => b.time >= from),
        )
      : null;
  } catch {
    return null;
  }
}
