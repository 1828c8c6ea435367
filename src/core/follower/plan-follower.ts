import { sessionTag } from '../session/session';
import type { Bar } from '../bars/bar';
import type { FollowedPlan, FollowerDelta, FollowerState } from './follower.types';

/**
 * The plan follower: one state machine per plan, fed CLOSED bars in time order. It only ever looks at
 * the bar it is given (no look-ahead), so the same code replays history for calibration and follows
 * live bars. Rules (docs/streaming.md):
 * - pending → triggered when the bar trades through the entry (fill at the entry, or at the open when
 *   the bar gaps beyond it); a bar that reaches the stop before any entry invalidates the plan.
 * - Within one bar the stop is checked before targets (the conservative order when both are inside).
 * - tp1 → stop to break-even; tp2 and later → the stop trails the best price by trail_atr × ATR (only
 *   ever tightening); the last target closes the plan; the stop (or trailed stop) closes it.
 * - time_stop: expired if still pending, else closed at that bar's close.
 */
export function initialState(plan: FollowedPlan): FollowerState {
  return {
    status: 'pending',
    stop: plan.stop,
    targets_hit: 0,
    fill_price: null,
    fill_time: null,
    exit_price: null,
    exit_time: null,
    exit_reason: null,
    extreme: null,
    last_price: null,
    last_bar_time: null,
    r_multiple: null,
  };
}

export function validPlan(p: FollowedPlan): boolean {
  const nums = [p.entry, p.stop, ...p.targets];
  if (!nums.every((x) => Number.isFinite(x) && x > 0) || p.targets.length === 0) return false;
  const sign = p.direction === 'long' ? 1 : -1;
  if (!((p.entry - p.stop) * sign > 0)) return false;
  let prev = p.entry;
  for (const t of p.targets) {
    if (!((t - prev) * sign > 0)) return false;
    prev = t;
  }
  return true;
}

function validBar(b: Bar): boolean {
  return [b.time, b.open, b.high, b.low, b.close].every(Number.isFinite) && b.high >= b.low && b.low > 0;
}

const fmt = (x: number) => (Math.round(x * 100) / 100).toFixed(2);

/** Breakout (stop) or pullback (limit) entry: given, or inferred from the price when the plan was made. */
export function entryType(plan: FollowedPlan): 'stop' | 'limit' {
  if (plan.entry_type) return plan.entry_type;
  if (plan.reference_price === undefined || !Number.isFinite(plan.reference_price)) return 'stop';
  return plan.direction === 'long' ? (plan.entry > plan.reference_price ? 'stop' : 'limit') : plan.entry < plan.reference_price ? 'stop' : 'limit';
}

export function step(plan: FollowedPlan, state: FollowerState, bar: Bar): { state: FollowerState; deltas: FollowerDelta[] } {
  if (state.status === 'closed' || (plan.start_time !== undefined && bar.time < plan.start_time)) return { state, deltas: [] };
  if (plan.regular_only && sessionTag(bar.time) !== 'regular') return { state, deltas: [] };
  // malformed plan or bar: nothing happens (a bad print must not fill or stop a plan)
  if (!validPlan(plan) || !validBar(bar)) return { state, deltas: [] };
  if (state.last_bar_time !== null && bar.time <= state.last_bar_time) return { state, deltas: [] };
  const s: FollowerState = { ...state, last_price: bar.close, last_bar_time: bar.time };
  const deltas: FollowerDelta[] = [];
  const long = plan.direction === 'long';
  const risk = Math.abs(plan.entry - plan.stop);
  const beyond = (price: number, level: number) => (long ? price >= level : price <= level); // favourable side
  const hitsStop = (b: Bar, stop: number) => (long ? b.low <= stop : b.high >= stop);
  const favourable = long ? bar.high : bar.low;
  const r = (price: number) => ((price - plan.entry) * (long ? 1 : -1)) / risk;
  const close = (price: number, reason: FollowerState['exit_reason'], type: FollowerDelta['type'], note: string) => {
    s.status = 'closed';
    s.exit_price = price;
    s.exit_time = bar.time;
    s.exit_reason = reason;
    s.r_multiple = s.fill_price === null ? null : Math.round(r(price) * 100) / 100;
    deltas.push({ type, bar_time: bar.time, price, changes: { status: 'closed', exit_reason: reason, exit_price: price, r_multiple: s.r_multiple }, note });
  };

  if (s.status === 'pending') {
    if (plan.time_stop !== undefined && bar.time >= plan.time_stop) {
      close(bar.open, 'expired', 'time_stop', `Plan expired before the entry ${fmt(plan.entry)} traded.`);
      return { state: s, deltas };
    }
    const type = entryType(plan);
    // a breakout entry is invalidated when the stop trades before the entry does
    if (type === 'stop' && hitsStop(bar, plan.stop) && !beyond(favourable, plan.entry)) {
      close(plan.stop, 'invalidated', 'invalidated', `Invalidated — price reached ${fmt(plan.stop)} before the entry ${fmt(plan.entry)}.`);
      return { state: s, deltas };
    }
    const adverse = long ? bar.low : bar.high;
    const touched = type === 'stop' ? beyond(favourable, plan.entry) : !beyond(adverse, plan.entry) || adverse === plan.entry;
    if (!touched) return { state: s, deltas };
    // a bar that opens beyond the entry fills at its open (gap through a stop order; better price for a limit)
    const openPast = type === 'stop' ? (long ? bar.open > plan.entry : bar.open < plan.entry) : long ? bar.open < plan.entry : bar.open > plan.entry;
    s.status = 'triggered';
    s.fill_price = openPast ? bar.open : plan.entry;
    s.fill_time = bar.time;
    s.extreme = s.fill_price;
    deltas.push({
      type: 'entered',
      bar_time: bar.time,
      price: s.fill_price,
      changes: { status: 'triggered', fill_price: s.fill_price, stop: s.stop },
      note: `Entered at ${fmt(s.fill_price)}. Stop ${fmt(s.stop)}, TP1 ${fmt(plan.targets[0])}.`,
    });
  }

  // triggered: stop first, then targets, then the trail
  if (hitsStop(bar, s.stop)) {
    const reason = s.targets_hit === 0 ? 'stop' : s.targets_hit === 1 ? 'breakeven_stop' : 'trail_stop';
    const fill = long ? Math.min(bar.open, s.stop) : Math.max(bar.open, s.stop);
    close(fill, reason, 'stop_hit', `${reason === 'stop' ? 'Stop' : reason === 'breakeven_stop' ? 'Break-even stop' : 'Trailing stop'} ${fmt(s.stop)} hit. Closing the trade.`);
    return { state: s, deltas };
  }
  s.extreme = long ? Math.max(s.extreme ?? bar.high, bar.high) : Math.min(s.extreme ?? bar.low, bar.low);
  while (s.targets_hit < plan.targets.length && beyond(favourable, plan.targets[s.targets_hit])) {
    const k = s.targets_hit;
    const tp = plan.targets[k];
    s.targets_hit = k + 1;
    deltas.push({ type: 'target_hit', bar_time: bar.time, price: tp, changes: { target: `tp${k + 1}`, targets_hit: s.targets_hit }, note: `TP${k + 1} reached at ${fmt(tp)}.` });
    if (s.targets_hit === plan.targets.length) {
      close(tp, 'final_target', 'completed', `Final target ${fmt(tp)} reached. Plan complete.`);
      return { state: s, deltas };
    }
    if (k === 0) {
      const be = s.fill_price ?? plan.entry;
      if (long ? be > s.stop : be < s.stop) {
        s.stop = be;
        deltas.push({ type: 'stop_moved', bar_time: bar.time, price: be, changes: { stop: be, rule: 'breakeven_after_tp1' }, note: `Stop moved to break-even ${fmt(be)}.` });
      }
    }
  }
  if (s.targets_hit >= 2 && s.extreme !== null) {
    const dist = (plan.trail_atr ?? 1) * (plan.atr && plan.atr > 0 ? plan.atr : risk);
    const trail = long ? s.extreme - dist : s.extreme + dist;
    if (long ? trail > s.stop : trail < s.stop) {
      s.stop = Math.round(trail * 10000) / 10000;
      deltas.push({ type: 'trail_adjusted', bar_time: bar.time, price: s.stop, changes: { stop: s.stop, rule: 'atr_trail' }, note: `Trailing stop raised to ${fmt(s.stop)}.` });
    }
  }
  if (plan.time_stop !== undefined && bar.time >= plan.time_stop) close(bar.close, 'time_stop', 'time_stop', `Time stop: closed at ${fmt(bar.close)}.`);
  return { state: s, deltas };
}

/** Run a whole bar series through the follower (history replay / calibration). */
export function replay(plan: FollowedPlan, bars: readonly Bar[], from: FollowerState = initialState(plan)) {
  let state = from;
  const deltas: FollowerDelta[] = [];
  for (const b of bars) {
    const res = step(plan, state, b);
    state = res.state;
    deltas.push(...res.deltas);
    if (state.status === 'closed') break;
  }
  return { state, deltas };
}
