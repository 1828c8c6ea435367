import type { Direction, PriceLevel } from '../strategies/strategy.types';
import { roundToTick, StyleParams } from './style-params';

export interface StopResult {
  stop: number;
  label: string;
  /** structural: invalidation ∓ buffer; min_atr_floor / max_atr_cap: moved to the ATR bound; atr_fallback: structure on the wrong side. */
  rule: 'structural' | 'min_atr_floor' | 'max_atr_cap' | 'atr_fallback';
  structural_price: number;
  buffer: number;
  distance: number;
  distance_atr: number;
  stop_min_atr: number;
  stop_max_atr: number;
}

/**
 * Stop = structural invalidation beyond entry minus a buffer of stop_buffer_atr×ATR (long; short
 * mirrored), then held inside [stop_min_atr, stop_max_atr]×ATR from entry. Rounded away from entry so
 * rounding never makes the distance smaller than the floor. Returns null when inputs are unusable.
 */
export function placeStop(direction: Direction, entry: number, invalidation: PriceLevel, atr: number, p: StyleParams, tick: number): StopResult | null {
  if (!(entry > 0) || !(atr > 0) || !Number.isFinite(invalidation.price)) return null;
  const s = direction === 'long' ? -1 : 1;
  const buffer = p.stop_buffer_atr * atr;
  let price = invalidation.price + s * buffer;
  let rule: StopResult['rule'] = 'structural';
  let label = invalidation.label;
  const dist = s * (price - entry);
  if (!(dist > 0)) {
    price = entry + s * p.stop_min_atr * atr;
    rule = 'atr_fallback';
    label = `ATR ${p.stop_min_atr}×`;
  } else if (dist < p.stop_min_atr * atr) {
    price = entry + s * p.stop_min_atr * atr;
    rule = 'min_atr_floor';
    label = `${invalidation.label} (ATR floor ${p.stop_min_atr}×)`;
  } else if (dist > p.stop_max_atr * atr) {
    price = entry + s * p.stop_max_atr * atr;
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
  };
}
