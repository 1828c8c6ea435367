import type { Interval } from '../bars/interval';
import type { Direction, Style } from '../strategies/strategy.types';
import type { Actionability } from './actionability';
import type { CompositeComponents, ConfidenceComponent } from './scoring';
import type { ExecutionRules, KeyLevelUsed, RiskBlock } from './plan.schema';
import type { TargetMeta } from './targets';

export type { ExecutionRules, KeyLevelUsed, RiskBlock } from './plan.schema';

export interface GuardrailViolation {
  code: string;
  message: string;
}

/** The pure geometry + scoring of one plan (the service adds identity, provenance, options, layers). */
export interface PlanGeometry {
  strategy_id: string;
  strategy_name: string;
  setup: string;
  style: Style;
  interval: Interval;
  bias: Direction;
  direction: Direction;
  entry: number;
  entry_label: string;
  stop: number;
  stop_label: string;
  targets: number[];
  target_meta: TargetMeta[];
  tp_reasons: Array<{ label: string; reason: string; snap_tag: string | null }>;
  /** (TP1 − entry) / (entry − stop) for longs, mirrored for shorts; 2 dp. */
  rr_to_t1: number;
  rr_formula: string;
  atr: number;
  last_price: number;
  /** Start of the as-of bar, ISO UTC. */
  bar_time: string;
  confidence: number;
  confidence_factors: string[];
  confidence_components: ConfidenceComponent[];
  composite_score: number;
  composite_components: CompositeComponents;
  confluence_tags: string[];
  confluence: string[];
  mtf_bias: { bias: 'long' | 'short' | 'neutral'; agreement: number };
  key_levels_used: { session: KeyLevelUsed[]; structural: KeyLevelUsed[] };
  risk_block: RiskBlock;
  execution_rules: ExecutionRules;
  entry_distance_pct: number;
  entry_distance_atr: number;
  bars_to_trigger: number;
  actionable_soon: boolean;
  actionable_now: boolean;
  actionability: number;
  entry_status: Actionability['entry_status'];
  waiting_for: string | null;
  /** Heuristic probabilities (0–1) keyed tp1…; see calibration. */
  probabilities: Record<string, number>;
  calibration: { calibrated: false; method: 'heuristic_distance_atr' };
  notes: string;
  warnings: string[];
  conditions: Array<{ name: string; ok: boolean }>;
}

export type PlanBuildResult = { ok: true; plan: PlanGeometry } | { ok: false; strategy_id: string; violations: GuardrailViolation[] };
