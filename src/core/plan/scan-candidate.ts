/**
 * The compact scan view of a plan. It uses the plan's own field names (`targets`, `rr_to_t1`, …);
 * `tps` and `rr_t1` are kept as aliases because the reference's scan contract names them
 * (spec seed-reference §scan), and are documented as such.
 */
import type { Bar } from '../bars/bar';
import { seriesOf } from './assemble-plan';
import type { Plan, PlanLayers, SeriesBar } from './plan.schema';

type FromPlan = Pick<
  Plan,
  | 'symbol'
  | 'strategy_id'
  | 'strategy_name'
  | 'style'
  | 'direction'
  | 'entry'
  | 'stop'
  | 'targets'
  | 'target_meta'
  | 'tp_reasons'
  | 'rr_to_t1'
  | 'confidence'
  | 'confidence_factors'
  | 'key_levels_used'
  | 'risk_block'
  | 'execution_rules'
  | 'confluence'
  | 'entry_distance_pct'
  | 'entry_distance_atr'
  | 'bars_to_trigger'
  | 'actionable_soon'
  | 'waiting_for'
  | 'probabilities'
  | 'calibration_meta'
  | 'options_contracts'
  | 'options_note'
  | 'indicators'
  | 'data_source'
  | 'fallback_from'
  | 'as_of'
  | 'warnings'
>;

export interface ScanCandidate extends FromPlan {
  /** 1 = best, over the whole scan (not the page). */
  rank: number;
  /** Composite score used for ranking. */
  score: number;
  reasons: string[];
  /** Persisted plan id (every returned candidate is saved first). */
  plan_id: string;
  version: number;
  /** Alias of targets (reference name). */
  tps: number[];
  /** Alias of rr_to_t1 (reference name). */
  rr_t1: number;
  /** Plan and context levels for a chart (≤ 16). */
  overlays: { levels: PlanLayers['levels'] };
  /** include_series only. */
  plan_layers?: PlanLayers;
  /** include_series only: the last ≤ 120 bars. */
  series?: SeriesBar[];
}

/** A candidate before the store has given its plan an identity. */
export type UnsavedScanCandidate = Omit<ScanCandidate, 'plan_id' | 'version'>;

export function toScanCandidate(plan: Plan, layers: PlanLayers, rank: number, opts: { series?: readonly Bar[] } = {}): UnsavedScanCandidate {
  const planLevels = layers.levels.filter((l) => l.kind === 'plan');
  const ctxLevels = layers.levels.filter((l) => l.kind !== 'plan').slice(0, Math.max(0, 16 - planLevels.length));
  const out: UnsavedScanCandidate = {
    symbol: plan.symbol,
    rank,
    score: plan.composite_score,
    reasons: [`${plan.strategy_name} (${plan.direction})`, `R:R ${plan.rr_to_t1}`, `ATR ${plan.atr}`, ...plan.confidence_factors.slice(0, 3)],
    strategy_id: plan.strategy_id,
    strategy_name: plan.strategy_name,
    style: plan.style,
    direction: plan.direction,
    entry: plan.entry,
    stop: plan.stop,
    targets: plan.targets,
    tps: plan.targets,
    target_meta: plan.target_meta,
    tp_reasons: plan.tp_reasons,
    rr_to_t1: plan.rr_to_t1,
    rr_t1: plan.rr_to_t1,
    confidence: plan.confidence,
    confidence_factors: plan.confidence_factors,
    key_levels_used: plan.key_levels_used,
    risk_block: plan.risk_block,
    execution_rules: plan.execution_rules,
    confluence: plan.confluence,
    entry_distance_pct: plan.entry_distance_pct,
    entry_distance_atr: plan.entry_distance_atr,
    bars_to_trigger: plan.bars_to_trigger,
    actionable_soon: plan.actionable_soon,
    waiting_for: plan.waiting_for,
    probabilities: plan.probabilities,
    calibration_meta: plan.calibration_meta,
    options_contracts: plan.options_contracts,
    options_note: plan.options_note,
    indicators: plan.indicators,
    overlays: { levels: [...planLevels, ...ctxLevels] },
    data_source: plan.data_source,
    ...(plan.fallback_from ? { fallback_from: plan.fallback_from } : {}),
    as_of: plan.as_of,
    warnings: plan.warnings,
  };
  if (opts.series) {
    out.plan_layers = layers;
    out.series = seriesOf(opts.series, 120);
  }
  return out;
}
