import type { Direction, PriceLevel } from '../strategies/strategy.types';
import { roundToTick, StyleParams } from './style-params';

/** Which of the three floors is the largest (and so binds) for a given entry, ATR and tick. */
export type StopFloorBinding = 'atr' | 'ticks' | 'bp';

export interface StopFloor {
  /** Minimum |entry − stop| in price units = max of the three below. */
  distance: number;
  binding: StopFloorBinding;
  atr_floor: number;
  tick_floor: number;
  bp_floor: number;
}

/**
 * The style's stop floor: max(stop_min_ticks × tick, stop_min_bp × entry / 10⁴, stop_min_atr × ATR).
 * Ties go to the ATR floor, then ticks. A stop closer than this cannot survive round-trip costs
 * (ticks), the price's own noise (bp) or one bar's range (ATR).
 */
export function stopFloor(entry: number, atr: number, p: StyleParams, tick: number): StopFloor {
  const atr_floor = p.stop_min_atr * atr;
  const tick_floor = p.stop_min_ticks * tick;
  const bp_floor = (p.stop_min_bp / 10_000) * entry;
  const distance = Math.max(atr_floor, tick_floor, bp_floor);
  const binding: StopFloorBinding = distance === atr_floor ? 'atr' : distance === tick_floor ? 'ticks' : 'bp';
  return { distance, binding, atr_floor, tick_floor, bp_floor };
}

export type StopRule = 'structural' | 'min_atr_floor' | 'min_tick_floor' | 'min_bp_floor' | 'max_atr_cap' | 'atr_fallback';
const FLOOR_RULE: Record<StopFloorBinding, StopRule> = { atr: 'min_atr_floor', ticks: 'min_tick_floor', bp: 'min_bp_floor' };

export interface StopResult {
  stop: number;
  label: string;
  /**
   * structural: invalidation ∓ buffer; min_atr_floor / min_tick_floor / min_bp_floor: pushed out to the
   * stop floor (named by the floor that binds); max_atr_cap: moved in to the ATR cap; atr_fallback:
   * structure on the wrong side, the stop floor is used.
   */
  rule: StopRule;
  structural_price: number;
  buffer: number;
  distance: number;
  distance_atr: number;
  stop_min_atr: number;
  stop_max_atr: number;
  floor: StopFloor;
}

const FLOOR_LABEL: Record<StopFloorBinding, (p: StyleParams) => string> = {
  atr: (p) => `ATR floor ${p.stop_min_atr}×`,
  ticks: (p) => `cost floor ${p.stop_min_ticks} ticks`,
  bp: (p) => `noise floor ${p.stop_min_bp} bp`,
};

/**
 * Stop = structural invalidation beyond entry minus a buffer of stop_buffer_atr×ATR (long; short
 * mirrored), pushed out to the stop floor (`stopFloor`) when closer and capped at stop_max_atr×ATR when
 * farther. Rounded away from entry so rounding never makes the distance smaller than the floor.
 * Returns null when inputs are unusable. When the floor itself exceeds the cap the floor wins (the
 * caller rejects the plan: `stop_floor_above_cap`).
 */
export function placeStop(direction: Direction, entry: number, invalidation: PriceLevel, atr: number, p: StyleParams, tick: number): StopResult | null {
  if (!(entry > 0) || !(atr > 0) || !Number.isFinite(invalidation.price)) return null;
  const s = direction === 'long' ? -1 : 1;
  const floor = stopFloor(entry, atr, p, tick);
  const buffer = p.stop_buffer_atr * atr;
  let price = invalidation.price + s * buffer;
  let rule: StopRule = 'structural';
  let label = invalidation.label;
  const dist = s * (price - entry);
  if (!(dist > 0)) {
    price = entry + s * floor.distance;
    rule = 'atr_fallback';
    label = FLOOR_LABEL[floor.binding](p).replace(/^\w/, (c) => c.toUpperCase());
  } else if (dist < floor.distance) {
    price = entry + s * floor.distance;
    rule = FLOOR_RULE[floor.binding];
    label = `${invalidation.label} (${FLOOR_LABEL[floor.binding](p)})`;
  } else if (dist > Math.max(p.stop_max_atr * atr, floor.distance)) {
    price = entry + s * Math.max(p.stop_max_atr * atr, floor.distance);
    rule = 'max_atr_cap';
    label = `ATR cap ${p.stop_max_atr}×`;
  }
  const stop = roundToTick(price, tick, direction === 'long' ? 'down' : 'up');
  if (!(stop > 0)) return null;
  const distance = Math.abs(entry - stop);
  return {
    stop,
    label,
    rule,
    structural_price: invalidation.price,
    buffer,
    distance,
    distance_atr: distance / atr,
    stop_min_atr: p.stop_min_atr,
    stop_max_atr: p.stop_max_atr,
    floor,
  };
}
