import type { Bar } from '../bars/bar';
import type { StyleParams } from './style-params';

export interface Actionability {
  /** |entry − last| / last × 100 — percent (0.25 = 0.25 %). */
  entry_distance_pct: number;
  /** |entry − last| / ATR14 of the plan interval. */
  entry_distance_atr: number;
  /** ceil(|entry − last| / mean high−low of the last 12 bars); 0 when at the entry. */
  bars_to_trigger: number;
  actionable_soon: boolean;
  actionable_now: boolean;
  /** 0.5·c(pct, reach_pct) + 0.3·c(atr, reach_atr) + 0.2·c(bars, reach_bars), c(v,T) = clamp(1 − v/T, 0, 1). */
  actionability: number;
  entry_status: 'at_entry' | 'pending';
}

const c = (v: number, t: number): number => (Number.isFinite(v) && t > 0 ? Math.min(1, Math.max(0, 1 - v / t)) : 0);

export function meanRange(bars: readonly Bar[], end: number, n = 12): number {
  let sum = 0;
  let k = 0;
  for (let i = Math.max(0, end - n + 1); i <= end && i < bars.length; i++, k++) sum += bars[i].high - bars[i].low;
  return k ? sum / k : NaN;
}

/** How close the last price is to the entry (units: percent, ATR, bars). */
export function computeActionability(entry: number, last: number, atr: number, avgRange: number, p: StyleParams): Actionability {
  const dist = Math.abs(entry - last);
  const pct = last > 0 ? (dist / last) * 100 : NaN;
  const inAtr = atr > 0 ? dist / atr : NaN;
  const bars = dist === 0 ? 0 : avgRange > 0 ? Math.ceil(dist / avgRange) : NaN;
  const score = 0.5 * c(pct, p.reach_pct) + 0.3 * c(inAtr, p.reach_atr) + 0.2 * c(bars, p.reach_bars);
  return {
    entry_distance_pct: Number(pct.toFixed(4)),
    entry_distance_atr: Number(inAtr.toFixed(3)),
    bars_to_trigger: bars,
    actionable_soon: inAtr <= p.soon_atr && bars <= p.soon_bars,
    actionable_now: inAtr <= 0.25 && bars <= 1,
    actionability: Number(score.toFixed(3)),
    entry_status: inAtr <= 0.1 ? 'at_entry' : 'pending',
  };
}
