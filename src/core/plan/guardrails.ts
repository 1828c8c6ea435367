import type { Direction } from '../strategies/strategy.types';
import type { GuardrailViolation } from './plan.types';
import { stopFloor } from './stop';
import type { StyleParams } from './style-params';
import { targetSpacing } from './targets';

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

const f2 = (x: number) => x.toFixed(2);

/**
 * Reasons a plan must not be published. Long: stop < entry < tp1 < tp2 < …; short: the mirror;
 * stop distance at or above the stop floor (ticks, bp, ATR) and within stop_max_atr × ATR (one tick of
 * rounding slack above the max); consecutive targets at least the rung spacing apart; TP1 within the
 * style's reach (tp1_max_atr × ATR) and its R:R between its floor and the style's cap; entry not
 * farther than max_entry_atr from the last price.
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
  if (g.atr > 0 && g.entry > 0) {
    const risk = Math.abs(g.entry - g.stop);
    const stopAtr = risk / g.atr;
    const floor = stopFloor(g.entry, g.atr, p, g.tick);
    const cap = p.stop_max_atr * g.atr;
    if (floor.distance > cap + g.tick + 1e-9) {
      v.push({
        code: 'stop_floor_above_cap',
        message: `stop floor ${f2(floor.distance)} (${floor.binding === 'ticks' ? `${p.stop_min_ticks} ticks` : `${p.stop_min_bp} bp`}) is ${f2(floor.distance / g.atr)}×ATR > the ${p.stop_max_atr}×ATR cap: too quiet for this style after costs`,
      });
    } else {
      if (risk < floor.distance - 1e-9) {
        v.push({
          code: 'stop_inside_noise',
          message: `stop ${f2(risk)} (${f2(stopAtr)}×ATR) < floor ${f2(floor.distance)} = max(${p.stop_min_atr}×ATR, ${p.stop_min_ticks} ticks, ${p.stop_min_bp} bp)`,
        });
      }
      if (risk > Math.max(cap, floor.distance) + g.tick + 1e-9) v.push({ code: 'stop_too_wide', message: `stop ${f2(stopAtr)}×ATR > ${p.stop_max_atr}×ATR` });
    }
    const spacing = targetSpacing(g.atr, p, g.tick);
    for (let k = 1; k < g.targets.length; k++) {
      const gap = Math.abs(g.targets[k] - g.targets[k - 1]);
      if (gap < spacing - 1e-9) {
        v.push({ code: 'targets_too_close', message: `TP${k + 1} is ${f2(gap)} from TP${k} < spacing ${f2(spacing)} = max(${p.min_spacing_atr}×ATR, ${p.min_spacing_ticks} ticks)` });
        break;
      }
    }
    if (g.targets.length) {
      const reachAtr = Math.abs(g.targets[0] - g.entry) / g.atr;
      if (reachAtr > p.tp1_max_atr + 1e-9) v.push({ code: 'tp1_beyond_reach', message: `TP1 ${f2(g.targets[0])} is ${f2(reachAtr)}×ATR from entry > the style's reach ${p.tp1_max_atr}×ATR` });
    }
  }
  if (!(g.rr_to_t1 >= g.tp1_rr_floor - 1e-9)) v.push({ code: 'tp1_rr_below_floor', message: `TP1 R:R ${g.rr_to_t1} < ${g.tp1_rr_floor}` });
  if (g.rr_to_t1 > p.tp1_max_rr + 1e-9) v.push({ code: 'tp1_rr_above_cap', message: `TP1 R:R ${g.rr_to_t1} > the style's cap ${p.tp1_max_rr}: target too far for the stop` });
  if (g.entry_distance_atr > p.max_entry_atr) v.push({ code: 'entry_too_far', message: `entry ${g.entry_distance_atr}×ATR from the last price > ${p.max_entry_atr}×ATR` });
  return v;
}
