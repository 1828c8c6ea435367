import type { Direction } from '../strategies/strategy.types';
import type { GuardrailViolation } from './plan.types';
import type { StyleParams } from './style-params';

export interface GeometryInput {
  direction: Direction;
  entry: number;
  stop: number;
  targets: number[];
  atr: number;
  rr_to_t1: number;
  tp1_rr_floor: number;
  entry_distance_atr: number;
  tick: number;
}

/**
 * Reasons a plan must not be published. Long: stop < entry < tp1 < tp2 < …; short: the mirror;
 * stop distance within [stop_min_atr, stop_max_atr] × ATR (one tick of rounding slack above the max);
 * TP1 R:R at or above its floor; entry not farther than max_entry_atr from the last price.
 */
export function checkGuardrails(g: GeometryInput, p: StyleParams): GuardrailViolation[] {
  const v: GuardrailViolation[] = [];
  const s = g.direction === 'long' ? 1 : -1;
  if (!(g.atr > 0)) v.push({ code: 'atr_unavailable', message: 'ATR14 is not available (warm-up or no range)' });
  if (![g.entry, g.stop, ...g.targets].every((x) => Number.isFinite(x) && x > 0)) v.push({ code: 'non_positive_price', message: 'entry, stop and targets must be positive numbers' });
  if (!(s * (g.entry - g.stop) > 0)) v.push({ code: 'stop_wrong_side', message: `stop must be ${s > 0 ? 'below' : 'above'} entry for a ${g.direction}` });
  if (!g.targets.length) v.push({ code: 'no_targets', message: 'no target on the profit side' });
  let prev = g.entry;
  for (let k = 0; k < g.targets.length; k++) {
    if (!(s * (g.targets[k] - prev) > 0)) {
      v.push({ code: 'targets_not_monotonic', message: `TP${k + 1} must be ${s > 0 ? 'above' : 'below'} ${k ? `TP${k}` : 'entry'}` });
      break;
    }
    prev = g.targets[k];
  }
  if (g.atr > 0) {
    const stopAtr = Math.abs(g.entry - g.stop) / g.atr;
    if (stopAtr < p.stop_min_atr - 1e-9) v.push({ code: 'stop_inside_noise', message: `stop ${stopAtr.toFixed(2)}×ATR < ${p.stop_min_atr}×ATR` });
    if (Math.abs(g.entry - g.stop) > p.stop_max_atr * g.atr + g.tick + 1e-9) v.push({ code: 'stop_too_wide', message: `stop ${stopAtr.toFixed(2)}×ATR > ${p.stop_max_atr}×ATR` });
  }
  if (!(g.rr_to_t1 >= g.tp1_rr_floor - 1e-9)) v.push({ code: 'tp1_rr_below_floor', message: `TP1 R:R ${g.rr_to_t1} < ${g.tp1_rr_floor}` });
  if (g.entry_distance_atr > p.max_entry_atr) v.push({ code: 'entry_too_far', message: `entry ${g.entry_distance_atr}×ATR from the last price > ${p.max_entry_atr}×ATR` });
  return v;
}
