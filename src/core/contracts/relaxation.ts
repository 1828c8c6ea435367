/**
 * One-time relaxation ladder (spec §1 / reference §5.3), applied only when too few contracts pass:
 * 1. `delta_widened`: |delta| range ±0.05 (clamped to 0–1);
 * 2. `dte_widened`: additionally DTE ±2 (min ≥ 0);
 * 3. `spread_widened`: additionally max spread + 2 points, capped at the style default + 4;
 * 4. `min_oi_<n>`: additionally open interest down the steps 1000 → 700 → 500 → 300 below the current
 *    minimum, one step at a time.
 * Steps are cumulative and each is taken at most once; the ladder stops at the first step with
 * enough passing contracts. Unlike the reference there is no unfiltered `fallback_minimum`: when the
 * last step still leaves nothing, the caller reports the rejections instead of illiquid picks.
 */
import type { OptionRight } from '../../providers/provider.types';
import { STYLE_DEFAULTS, type ContractFilters, type ContractStyle } from './contract-filters';
import { applyGates, type GateOutcome } from './contract-gates';
import type { ContractRow } from './contract-row';

export const OI_STEPS = [1000, 700, 500, 300] as const;

export interface RelaxationStep {
  reason: string;
  filters: ContractFilters;
}

/** The cumulative filter sets after each relaxation step (the base set is not included). */
export function relaxationLadder(base: ContractFilters, style: ContractStyle): RelaxationStep[] {
  const steps: RelaxationStep[] = [];
  let f = { ...base };
  f = { ...f, min_delta: Math.max(0, round4(f.min_delta - 0.05)), max_delta: Math.min(1, round4(f.max_delta + 0.05)) };
  steps.push({ reason: 'delta_widened', filters: f });
  f = { ...f, min_dte: Math.max(0, f.min_dte - 2), max_dte: f.max_dte + 2 };
  steps.push({ reason: 'dte_widened', filters: f });
  const cap = (STYLE_DEFAULTS[style] ?? STYLE_DEFAULTS.intraday).max_spread_pct + 4;
  const widened = Math.max(f.max_spread_pct, Math.min(f.max_spread_pct + 2, cap));
  if (widened > f.max_spread_pct) {
    f = { ...f, max_spread_pct: widened };
    steps.push({ reason: 'spread_widened', filters: f });
  }
  for (const n of OI_STEPS) {
    if (n < f.min_oi) {
      f = { ...f, min_oi: n };
      steps.push({ reason: `min_oi_${n}`, filters: f });
    }
  }
  return steps;
}

export interface RelaxedSelection {
  outcome: GateOutcome;
  /** Filters that produced `outcome`. */
  filters: ContractFilters;
  relaxed: boolean;
  /** Steps taken, in order (empty when the base filters sufficed). */
  reasons: string[];
}

/**
 * Screen with the base filters, then walk the ladder while fewer than `minPassing` contracts pass.
 * Returns the last outcome tried (the final, most relaxed one when nothing was enough).
 */
export function selectWithRelaxation(rows: readonly ContractRow[], base: ContractFilters, style: ContractStyle, side: OptionRight, minPassing = 1): RelaxedSelection {
  let outcome = applyGates(rows, base, side);
  let filters = base;
  const reasons: string[] = [];
  if (outcome.passing.length >= minPassing) return { outcome, filters, relaxed: false, reasons };
  for (const step of relaxationLadder(base, style)) {
    reasons.push(step.reason);
    filters = step.filters;
    outcome = applyGates(rows, filters, side);
    if (outcome.passing.length >= minPassing) break;
  }
  return { outcome, filters, relaxed: reasons.length > 0, reasons };
}

function round4(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}
