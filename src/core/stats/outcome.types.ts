import type { Direction, Style } from '../strategies/strategy.types';

/**
 * One replayed plan and what the bars did to it (one row per plan the replay engine built).
 * Times are UTC epoch ms. R = multiples of the initial risk |entry − stop| per share.
 * The event behind `tp_hit` is defined in docs/calibration.md.
 */

export type TrendRegime = 'up' | 'down' | 'flat';
export type VolatilityRegime = 'low' | 'normal' | 'high';

/** ET time-of-day bucket of the plan's as-of bar (see `timeOfDayBucket`); `session` for daily bars. */
export type TimeOfDayBucket = 'open' | 'morning' | 'midday' | 'afternoon' | 'power_hour' | 'extended' | 'session';

/**
 * How the plan ended.
 * - `stop`: the (possibly moved) stop was hit after the fill.
 * - `time_stop`: still open at the style's time stop; closed at that bar's close.
 * - `tp_final`: the last target was hit.
 * - `unfilled`: the entry never traded before the time stop (the plan expired).
 * - `invalidated`: the setup's invalidation fired before the entry filled.
 */
export type OutcomeExitReason = 'stop' | 'time_stop' | 'tp_final' | 'unfilled' | 'invalidated';

export interface RegimeTags {
  trend: TrendRegime;
  volatility: VolatilityRegime;
}

export interface OutcomeRow {
  /** Playbook id (`strategy_id`). */
  playbook: string;
  style: Style;
  symbol: string;
  direction: Direction;
  /** `bar_time` (start, epoch ms) of the as-of bar the plan was built on. */
  plan_time: number;
  time_of_day: TimeOfDayBucket;
  /** Reward:risk of each target in ladder order (tp1 first); its length is the number of targets. */
  rr: number[];
  /** |entry − stop| in ATRs of the playbook interval. */
  stop_atr: number;
  /** |entry − stop| in basis points of the entry price. */
  stop_bp: number;
  /** |tp1 − entry| in ATRs of the playbook interval. */
  tp1_atr: number;
  regime: RegimeTags;
  filled: boolean;
  /** Bar time of the fill; null when unfilled. */
  fill_time: number | null;
  /**
   * tp_hit[K−1]: target K was touched after the fill, before the stop (stop first on a bar that
   * touches both) and before the style's time stop. False for targets the plan does not have.
   */
  tp_hit: [boolean, boolean, boolean];
  exit_reason: OutcomeExitReason;
  /** Realised R on the whole position before costs; 0 when unfilled. */
  r_realised: number;
  /** `r_realised` minus round-trip costs in R (see costs.ts); 0 when unfilled. */
  r_after_costs: number;
  /** Maximum adverse excursion after the fill, in R (≤ 0); 0 when unfilled. */
  mae_r: number;
  /** Maximum favourable excursion after the fill, in R (≥ 0); 0 when unfilled. */
  mfe_r: number;
  /** Bars from the plan's as-of bar to the bar that settled it (exit, expiry or invalidation). */
  bars_to_outcome: number;
  /** Epoch ms at which the outcome became known (end of the settling bar); a plan as of T uses only rows with resolved_at < T. */
  resolved_at: number;
  /** Vendor id of the bars (synthetic, replay, polygon …). */
  data_source: string;
  /** The plan's levels as stated (rows written before this field existed lack it). */
  levels?: OutcomeLevels;
}

export interface OutcomeLevels {
  entry: number;
  stop: number;
  targets: number[];
  /** stop: a breakout entry (fills when price trades up/down through it); limit: a pullback entry. */
  entry_type: 'stop' | 'limit';
}
