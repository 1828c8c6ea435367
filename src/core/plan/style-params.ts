import type { Style } from '../strategies/strategy.types';

/**
 * Per-style geometry parameters (ATR = ATR14 of the plan's bar interval). Stops are never closer than
 * the stop floor max(stop_min_ticks × tick, stop_min_bp × entry / 10⁴, stop_min_atr × ATR) (outside
 * costs and one bar's noise) and never farther than `stop_max_atr`×ATR. Why these numbers: see
 * docs/plan-fields.md "Cost-aware geometry".
 */
export interface StyleParams {
  stop_min_atr: number;
  /** Stop floor in ticks: round-trip costs (≈ 4¢/share: 1¢ commission + 1¢ slippage per side) ≤ 4/N of the risk. */
  stop_min_ticks: number;
  /** Stop floor in basis points of entry (noise floor when the ATR is unusually small). */
  stop_min_bp: number;
  stop_max_atr: number;
  /** Buffer beyond the structural invalidation level, in ATR. */
  stop_buffer_atr: number;
  /** TP1 R:R floor (a plan below it is rejected); later targets need floor + 0.5, + 1.0. */
  tp1_rr_floor: number;
  /** Ideal target distances in ATR before snapping (each target also ≥ its R:R floor × risk). */
  target_atr: [number, number, number];
  /** A level within this many ATR of an ideal target replaces it ("snapped"). */
  snap_atr: number;
  /** Minimum spacing between consecutive targets: max(min_spacing_atr × ATR, min_spacing_ticks × tick). */
  min_spacing_atr: number;
  min_spacing_ticks: number;
  /** Reach cap: a TP1 farther than this × ATR from entry is rejected (`tp1_beyond_reach`). */
  tp1_max_atr: number;
  /** R:R cap: a TP1 R:R above this is rejected (`tp1_rr_above_cap`). */
  tp1_max_rr: number;
  /** Ladder reach: a TP2/TP3 that would lie farther than this × ATR from entry is dropped. */
  target_max_atr: number;
  /** Actionability: distance scales where the score reaches 0 (percent / ATR / bars). */
  reach_pct: number;
  reach_atr: number;
  reach_bars: number;
  /** actionable_soon when entry_distance_atr ≤ soon_atr AND bars_to_trigger ≤ soon_bars. */
  soon_atr: number;
  soon_bars: number;
  /** Plans whose entry is farther than this from the last price (ATR) are rejected as stale. */
  max_entry_atr: number;
  /** Typical holding horizon in bars; touch probabilities scale distance by ATR × √horizon_bars. */
  horizon_bars: number;
  /** Higher timeframes used for multi-timeframe confluence. */
  htf: string[];
}

export const STYLE_PARAMS: Record<Style, StyleParams> = {
  scalp: {
    stop_min_atr: 0.6,
    stop_min_ticks: 12,
    stop_min_bp: 3,
    stop_max_atr: 2.0,
    stop_buffer_atr: 0.1,
    tp1_rr_floor: 1.2,
    target_atr: [1.0, 1.6, 2.4],
    snap_atr: 0.25,
    min_spacing_atr: 0.4,
    min_spacing_ticks: 5,
    tp1_max_atr: 3,
    tp1_max_rr: 4,
    target_max_atr: 4,
    reach_pct: 0.5,
    reach_atr: 1.0,
    reach_bars: 4,
    soon_atr: 0.5,
    soon_bars: 2,
    max_entry_atr: 2,
    horizon_bars: 16,
    htf: ['5m', '15m'],
  },
  intraday: {
    stop_min_atr: 0.9,
    stop_min_ticks: 20,
    stop_min_bp: 8,
    stop_max_atr: 2.5,
    stop_buffer_atr: 0.1,
    tp1_rr_floor: 1.3,
    target_atr: [1.2, 2.0, 3.0],
    snap_atr: 0.3,
    min_spacing_atr: 0.5,
    min_spacing_ticks: 8,
    tp1_max_atr: 4,
    tp1_max_rr: 4,
    target_max_atr: 6,
    reach_pct: 1.0,
    reach_atr: 1.2,
    reach_bars: 6,
    soon_atr: 0.7,
    soon_bars: 4,
    max_entry_atr: 2.5,
    horizon_bars: 9,
    htf: ['15m', '1h'],
  },
  swing: {
    stop_min_atr: 1.0,
    stop_min_ticks: 40,
    stop_min_bp: 60,
    stop_max_atr: 3.0,
    stop_buffer_atr: 0.15,
    tp1_rr_floor: 1.6,
    target_atr: [1.6, 2.6, 4.0],
    snap_atr: 0.35,
    min_spacing_atr: 0.5,
    min_spacing_ticks: 15,
    tp1_max_atr: 6,
    tp1_max_rr: 5,
    target_max_atr: 10,
    reach_pct: 3.0,
    reach_atr: 1.5,
    reach_bars: 8,
    soon_atr: 1.0,
    soon_bars: 5,
    max_entry_atr: 3,
    horizon_bars: 9,
    htf: ['4h', '1D'],
  },
  leaps: {
    stop_min_atr: 1.5,
    stop_min_ticks: 80,
    stop_min_bp: 150,
    stop_max_atr: 4.0,
    stop_buffer_atr: 0.2,
    tp1_rr_floor: 2.0,
    target_atr: [3.0, 5.0, 8.0],
    snap_atr: 0.5,
    min_spacing_atr: 0.75,
    min_spacing_ticks: 30,
    tp1_max_atr: 10,
    tp1_max_rr: 6,
    target_max_atr: 16,
    reach_pct: 6.0,
    reach_atr: 2.0,
    reach_bars: 10,
    soon_atr: 1.4,
    soon_bars: 8,
    max_entry_atr: 4,
    horizon_bars: 16,
    htf: ['1W'],
  },
};

/** Price increment used for rounding: 0.01 at or above $1, 0.0001 below. */
export function tickSize(price: number): number {
  return price >= 1 ? 0.01 : 0.0001;
}

export function roundToTick(price: number, tick: number, mode: 'nearest' | 'down' | 'up' = 'nearest'): number {
  const q = price / tick;
  // 1e-9 guards against 448.67/0.01 = 44866.99999…
  const n = mode === 'down' ? Math.floor(q + 1e-9) : mode === 'up' ? Math.ceil(q - 1e-9) : Math.round(q);
  return Number((n * tick).toFixed(tick < 0.01 ? 4 : 2));
}
