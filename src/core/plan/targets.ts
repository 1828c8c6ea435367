import type { Direction, PriceLevel, Style } from '../strategies/strategy.types';
import { roundToTick, StyleParams } from './style-params';

import type { TargetMeta as WireTargetMeta } from './plan.schema';

/** A target as the geometry builds it; `prob_touch` here is the internal heuristic touch score (the wire states the measured rate instead). */
export type TargetMeta = Omit<WireTargetMeta, 'prob_touch'> & { prob_touch: number };

export interface TargetLadder {
  targets: TargetMeta[];
  /** Set when the ladder cannot meet its floors (the plan is then rejected). */
  rejection: string | null;
  rr_floors: number[];
  /** Why the ladder stops short of three rungs (a dropped rung), null otherwise. */
  dropped: string | null;
}

export const round2 = (x: number): number => Math.round(x * 100) / 100;

/**
 * Heuristic probability (0–1) that price touches a target before the style's horizon ends:
 * x = distance_atr / √horizon_bars (distance in "horizon ATRs"), p = clamp(0.78 − 0.20·x + adj, 0.05, 0.9),
 * adj +0.04 scalp/intraday, −0.05 swing/leaps. Not calibrated; replaced by measured hit rates once
 * bar-by-bar replays exist (spec §5).
 */
export function heuristicTouchProbability(distanceAtr: number, style: Style, horizonBars: number): number {
  if (!Number.isFinite(distanceAtr) || distanceAtr < 0 || !(horizonBars > 0)) return NaN;
  const adj = style === 'scalp' || style === 'intraday' ? 0.04 : -0.05;
  const x = distanceAtr / Math.sqrt(horizonBars);
  return round2(Math.min(0.9, Math.max(0.05, 0.78 - 0.2 * x + adj)));
}

/** Minimum distance between consecutive targets: max(min_spacing_atr × ATR, min_spacing_ticks × tick). */
export function targetSpacing(atr: number, p: StyleParams, tick: number): number {
  return Math.max(p.min_spacing_atr * atr, p.min_spacing_ticks * tick);
}

/**
 * Up to three targets. Target k needs R:R ≥ floor_k (floor_1 = max(style floor, strategy min R:R),
 * then +0.5 and +1.0) and ≥ the rung spacing (`targetSpacing`) beyond the previous target. TP1 is the
 * strategy's own target when it has one (and the plan is rejected if that target misses the floor);
 * otherwise each target starts at its ideal distance max(target_atr_k × ATR, floor_k × risk) and snaps
 * to the level nearest the ideal within snap_atr × ATR. Prices round away from entry so rounding never
 * lowers an R:R. A TP2/TP3 that would lie beyond the ladder reach (target_max_atr × ATR) or closer
 * than the spacing after rounding is dropped with the rungs after it (never crammed); TP1 is always
 * kept (its reach is a guardrail: `tp1_beyond_reach`).
 */
export function buildTargets(args: {
  direction: Direction;
  entry: number;
  stop: number;
  atr: number;
  style: Style;
  params: StyleParams;
  strategyTargets: PriceLevel[];
  levels: PriceLevel[];
  minRr: number;
  tick: number;
}): TargetLadder {
  const { direction, entry, stop, atr, params: p, tick, style } = args;
  const s = direction === 'long' ? 1 : -1;
  const risk = Math.abs(entry - stop);
  const f1 = Math.max(p.tp1_rr_floor, args.minRr);
  const floors = [f1, f1 + 0.5, f1 + 1.0];
  const out: TargetMeta[] = [];
  let dropped: string | null = null;
  if (!(risk > 0) || !(atr > 0)) return { targets: [], rejection: 'risk or ATR not positive', rr_floors: floors, dropped: null };
  const spacing = targetSpacing(atr, p, tick);
  const reach = p.target_max_atr * atr;
  const profitSide = (l: PriceLevel) => Number.isFinite(l.price) && s * (l.price - entry) > 0;
  const levels = args.levels.filter(profitSide);
  const strat = args.strategyTargets.filter(profitSide);
  const push = (raw: number, source: TargetMeta['source'], tag: string | null, reason: string) => {
    const price = roundToTick(raw, tick, s > 0 ? 'up' : 'down');
    const distance = Math.abs(price - entry);
    out.push({
      label: `TP${out.length + 1}`,
      price,
      rr_multiple: round2(distance / risk),
      distance: Number(distance.toFixed(4)),
      distance_atr: round2(distance / atr),
      prob_touch: heuristicTouchProbability(distance / atr, style, p.horizon_bars),
      snap_tag: tag,
      source,
      reason,
    });
  };
  for (let k = 0; k < 3; k++) {
    const prevDist = out.length ? Math.abs(out[out.length - 1].price - entry) : 0;
    const minDist = Math.max(floors[k] * risk, out.length ? prevDist + spacing : 0);
    if (k < strat.length) {
      const st = strat[k];
      const d = s * (st.price - entry);
      if (d >= minDist - 1e-9) {
        push(st.price, 'strategy', st.label, `${st.label} (strategy target)`);
        continue;
      }
      if (k === 0) return { targets: [], rejection: `TP1 R:R ${round2(d / risk)} < floor ${round2(f1)} at ${st.label}`, rr_floors: floors, dropped: null };
    }
    const ideal = Math.max(p.target_atr[k] * atr, minDist);
    let best: PriceLevel | null = null;
    for (const l of levels) {
      const d = s * (l.price - entry);
      if (d < minDist - 1e-9 || Math.abs(d - ideal) > p.snap_atr * atr || (k > 0 && d > reach + 1e-9)) continue;
      if (!best || Math.abs(d - ideal) < Math.abs(s * (best.price - entry) - ideal)) best = l;
    }
    if (best) push(best.price, 'level', best.label, `Snapped to ${best.label} (ideal ${round2(ideal / atr)}×ATR)`);
    else {
      const byFloor = floors[k] * risk >= p.target_atr[k] * atr;
      push(entry + s * ideal, 'atr_ladder', null, byFloor ? `R:R floor ${round2(floors[k])}R` : `ATR ladder ${p.target_atr[k]}×ATR`);
    }
    const last = out[out.length - 1];
    const lastDist = Math.abs(last.price - entry);
    const crammed = out.length > 1 && lastDist - prevDist < spacing - 1e-9;
    if (!(last.price > 0) || (out.length > 1 && (lastDist > reach + 1e-9 || crammed))) {
      dropped = !(last.price > 0)
        ? `TP${k + 1} dropped: not a positive price`
        : crammed
          ? `TP${k + 1} dropped: closer than ${round2(spacing)} to TP${k}`
          : `TP${k + 1} dropped: beyond the ladder reach ${p.target_max_atr}×ATR`;
      out.pop();
      break;
    }
  }
  // touch probabilities must not increase with distance
  for (let k = 1; k < out.length; k++) out[k].prob_touch = Math.min(out[k].prob_touch, out[k - 1].prob_touch);
  if (!out.length) return { targets: [], rejection: 'no target on the profit side', rr_floors: floors, dropped: null };
  return { targets: out, rejection: null, rr_floors: floors, dropped };
}
