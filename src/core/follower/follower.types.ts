/** A plan as the follower sees it (prices per share; times UTC ms). */
export interface FollowedPlan {
  plan_id: string;
  direction: 'long' | 'short';
  entry: number;
  stop: number;
  /** Target ladder in order of distance from entry (tp1 first). */
  targets: number[];
  /** ATR used for the trail after tp2 (price units). Without it the trail uses the initial risk. */
  atr?: number;
  /** Trail distance in ATRs (default 1). */
  trail_atr?: number;
  /** Not triggered by this time → closed as expired; triggered → closed at the bar's close (time stop). */
  time_stop?: number;
  /** Bars before this time are ignored (the plan did not exist yet). */
  start_time?: number;
  /** Only regular-session bars move the plan (pre/post-market prints are ignored). */
  regular_only?: boolean;
  /**
   * `stop`: a breakout entry beyond the price (long: buy when it trades up to entry); `limit`: a
   * pullback entry (long: buy when it trades down to entry). Inferred from reference_price when absent.
   */
  entry_type?: 'stop' | 'limit';
  /** Price when the plan was made (to infer entry_type). */
  reference_price?: number;
}

export type FollowerStatus = 'pending' | 'triggered' | 'closed';

export type ExitReason = 'stop' | 'breakeven_stop' | 'trail_stop' | 'final_target' | 'time_stop' | 'invalidated' | 'expired';

export interface FollowerState {
  status: FollowerStatus;
  /** The stop in force now (moves to break-even after tp1, trails after tp2). */
  stop: number;
  targets_hit: number;
  fill_price: number | null;
  fill_time: number | null;
  exit_price: number | null;
  exit_time: number | null;
  exit_reason: ExitReason | null;
  /** Best price since the fill (high for longs, low for shorts). */
  extreme: number | null;
  last_price: number | null;
  /** Start time of the last bar processed (UTC ms). */
  last_bar_time: number | null;
  /** Realised result in R (multiples of the initial risk) once closed, on the whole position. */
  r_multiple: number | null;
}

export type DeltaType = 'entered' | 'target_hit' | 'stop_moved' | 'trail_adjusted' | 'stop_hit' | 'completed' | 'invalidated' | 'time_stop';

export interface FollowerDelta {
  type: DeltaType;
  /** Start time of the bar that caused it (UTC ms). */
  bar_time: number;
  price: number;
  /** What changed, for the UI/GPT (status, stop, target index, exit reason…). */
  changes: Record<string, unknown>;
  note: string;
}
