import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { dtoMatchesWire } from '../../../common/dto/wire-match';
import { INTERVALS } from '../../../core/bars/interval';
import type * as W from '../../../core/plan/plan.schema';

export class TargetMetaDto implements W.TargetMeta {
  @ApiProperty({ example: 'TP1' }) label!: string;
  @ApiProperty({ description: 'Target price per share.' }) price!: number;
  @ApiProperty({ description: 'R multiple = |price − entry| / |entry − stop| (2 dp).' }) rr_multiple!: number;
  @ApiProperty({ description: '|price − entry| in price units.' }) distance!: number;
  @ApiProperty({ description: 'Distance in ATR14 of the plan interval.' }) distance_atr!: number;
  @ApiProperty({ nullable: true, type: Number, description: 'Measured probability 0–1 of this target (= probabilities.tpK); null when not measured.' }) prob_touch!: number | null;
  @ApiProperty({ nullable: true, type: String, description: 'Level the target snapped to, e.g. PDH.' }) snap_tag!: string | null;
  @ApiProperty({ enum: ['strategy', 'level', 'atr_ladder'] }) source!: W.TargetMeta['source'];
  @ApiProperty({ description: 'Why this price.' }) reason!: string;
}

export class TpReasonDto implements W.TpReason {
  @ApiProperty() label!: string;
  @ApiProperty() reason!: string;
  @ApiProperty({ nullable: true, type: String }) snap_tag!: string | null;
}

export class KeyLevelUsedDto implements W.KeyLevelUsed {
  @ApiProperty({ enum: ['entry', 'stop', 'tp1', 'tp2', 'tp3'] }) role!: W.KeyLevelUsed['role'];
  @ApiProperty() label!: string;
  @ApiProperty() price!: number;
}

export class KeyLevelsUsedDto implements W.KeyLevelsUsed {
  @ApiProperty({ type: [KeyLevelUsedDto], description: 'Intraday-session levels (OR, VWAP, session high/low …).' }) session!: KeyLevelUsedDto[];
  @ApiProperty({ type: [KeyLevelUsedDto], description: 'Structural levels (prior day, swings, ATR bounds).' }) structural!: KeyLevelUsedDto[];
}

export class RiskBlockDto implements W.RiskBlock {
  @ApiProperty({ description: '|entry − stop| in price units.' }) risk_points!: number;
  @ApiProperty({ description: '|entry − stop| / entry × 100 (percent, 5.0 = 5 %).' }) risk_percent!: number;
  @ApiProperty({ description: 'R multiple per target, e.g. {"tp1": 1.5}.', type: 'object', additionalProperties: { type: 'number' } }) reward_to_target!: Record<string, number>;
  @ApiProperty({ description: 'ATR14 of the plan interval, price units.' }) atr_value!: number;
  @ApiProperty({ description: '|entry − stop| / ATR.' }) atr_stop_multiple!: number;
  @ApiProperty({ description: 'Stop floor part in ATR: the stop is never closer than max(stop_min_atr × ATR, stop_min_ticks × tick, stop_min_bp × entry / 10⁴).' }) stop_min_atr!: number;
  @ApiProperty({ description: 'Stop floor part in ticks (round-trip costs ≈ 4¢/share must stay a small share of the risk).' }) stop_min_ticks!: number;
  @ApiProperty({ description: 'Stop floor part in basis points of entry (noise floor).' }) stop_min_bp!: number;
  @ApiProperty({ description: 'The effective stop floor for this plan, price units (max of the three parts).' }) stop_floor!: number;
  @ApiProperty({ enum: ['atr', 'ticks', 'bp'], description: 'Which part of the stop floor binds.' }) stop_floor_binding!: W.RiskBlock['stop_floor_binding'];
  @ApiProperty({ description: 'The stop is never farther than this × ATR.' }) stop_max_atr!: number;
  @ApiProperty({
    enum: ['structural', 'min_atr_floor', 'min_tick_floor', 'min_bp_floor', 'max_atr_cap', 'atr_fallback'],
    description:
      'structural: invalidation ∓ buffer; min_*_floor: pushed out to the stop floor (named by the part that binds); max_atr_cap: capped; atr_fallback: structure on the wrong side, floor used.',
  })
  stop_rule!: string;
  @ApiProperty({ description: 'Consecutive targets are at least this far apart, price units: max(min_spacing_atr × ATR, min_spacing_ticks × tick).' }) target_spacing!: number;
  @ApiProperty({ description: 'Reach cap: TP1 is never farther than this × ATR from entry (such plans are rejected).' }) tp1_max_atr!: number;
  @ApiProperty({ description: 'TP1 R:R cap: plans above it are rejected.' }) tp1_max_rr!: number;
  @ApiProperty({ description: 'How rr values are computed.' }) rr_formula!: string;
}

export class ExecutionRulesDto implements W.ExecutionRules {
  @ApiProperty() trigger!: string;
  @ApiProperty() invalidation!: string;
  @ApiProperty() scale!: string;
  @ApiProperty() reload!: string;
}

export class ConfidenceComponentDto implements W.ConfidenceComponent {
  @ApiProperty({ enum: ['setup_conditions', 'trend_alignment', 'htf_agreement', 'vwap_side', 'reward_risk'] }) name!: W.ConfidenceComponent['name'];
  @ApiProperty({ description: 'Component score 0–1.' }) score!: number;
  @ApiProperty({ description: 'Weight in the confidence sum (weights sum to 1).' }) weight!: number;
}

export class CompositeComponentsDto implements W.CompositeComponents {
  @ApiProperty({ description: 'TP1 probability used for ranking, 0–1: the measured rate, else the driftless 1/(1+R:R).' }) probability!: number;
  @ApiProperty({ description: 'rr_to_t1.' }) risk_reward!: number;
  @ApiProperty({ description: 'Actionability 0–1.' }) actionability!: number;
  @ApiProperty({ description: 'Multi-timeframe score −0.5…0.5 (HTF agreement − 0.5).' }) mtf_score!: number;
  @ApiProperty({ description: 'max(0.2, 1 + 0.5 × mtf_score).' }) mtf_multiplier!: number;
  @ApiProperty({ description: 'Confidence 0–1.' }) confidence!: number;
  @ApiProperty({ required: false, description: 'Round-trip costs (commission + slippage per share per side) in R of this plan.' }) cost_r?: number;
  @ApiProperty({
    required: false,
    description: 'probability × R:R₁ − (1 − probability) − cost_r, in R. composite_score = max(0, 1 + this) × actionability × mtf_multiplier × confidence.',
  })
  expected_r_after_costs?: number;
}

export class MtfBiasDto implements W.MtfBias {
  @ApiProperty({ enum: ['long', 'short', 'neutral'] }) bias!: W.MtfBias['bias'];
  @ApiProperty({ description: 'Share 0–1 of higher timeframes agreeing with the plan direction.' }) agreement!: number;
}

export class EntryStatusDto implements W.EntryStatus {
  @ApiProperty({ enum: ['at_entry', 'pending'] }) state!: W.EntryStatus['state'];
  @ApiProperty({ description: 'Entry distance from the last price, percent.' }) dist_pct!: number;
  @ApiProperty({ description: 'Entry distance in ATR.' }) dist_atr!: number;
}

export class IndicatorSnapshotDto implements W.IndicatorSnapshot {
  @ApiProperty({ enum: INTERVALS, description: 'Interval of the snapshot.' }) interval!: W.IndicatorSnapshot['interval'];
  @ApiProperty() close!: number;
  @ApiProperty({ nullable: true, type: Number }) atr14!: number | null;
  @ApiProperty({ nullable: true, type: Number }) ema9!: number | null;
  @ApiProperty({ nullable: true, type: Number }) ema20!: number | null;
  @ApiProperty({ nullable: true, type: Number }) ema50!: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Session VWAP (intraday only).' }) vwap!: number | null;
  @ApiProperty({ nullable: true, type: Number }) adx14!: number | null;
  @ApiProperty({ nullable: true, type: Number }) rsi14!: number | null;
}

export class LayerLevelDto implements W.LayerLevel {
  @ApiProperty() price!: number;
  @ApiProperty() label!: string;
  @ApiProperty({ enum: ['level', 'plan', 'avwap', 'liquidity_pool'] }) kind!: W.LayerLevel['kind'];
}

export class LayerZoneDto implements W.LayerZone {
  @ApiProperty() low!: number;
  @ApiProperty() high!: number;
  @ApiProperty() kind!: string;
  @ApiProperty() label!: string;
}

export class LayerPointDto implements W.LayerPoint {
  @ApiProperty({ description: 'Epoch seconds.' }) time!: number;
  @ApiProperty() value!: number;
}

export class LayerAnnotationDto implements W.LayerAnnotation {
  @ApiProperty({ enum: ['forecast_path'] }) kind!: 'forecast_path';
  @ApiProperty() label!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Free-form drawing hints (colour, line style).' }) style!: Record<string, unknown>;
  @ApiProperty({ type: [LayerPointDto] }) points!: LayerPointDto[];
}

export class LevelGroupsDto {
  @ApiProperty({ type: [String] }) primary!: string[];
  @ApiProperty({ type: [String] }) supplemental!: string[];
}

export class PlanLayersMetaDto implements W.PlanLayersMeta {
  @ApiProperty({ type: LevelGroupsDto }) level_groups!: LevelGroupsDto;
  @ApiProperty({ type: [String] }) confluence!: string[];
  @ApiProperty({ type: [String] }) confidence_factors!: string[];
}

export class PlanLayersDto implements W.PlanLayers {
  @ApiPropertyOptional() plan_id?: string;
  @ApiProperty() symbol!: string;
  @ApiProperty() interval!: string;
  @ApiProperty({ description: 'Start of the as-of bar, ISO UTC.' }) as_of!: string;
  @ApiProperty({ description: 'Price decimals.' }) precision!: number;
  @ApiProperty({ type: [LayerLevelDto] }) levels!: LayerLevelDto[];
  @ApiProperty({ type: [LayerZoneDto] }) zones!: LayerZoneDto[];
  @ApiProperty({ type: [LayerAnnotationDto] }) annotations!: LayerAnnotationDto[];
  @ApiProperty({ type: PlanLayersMetaDto }) meta!: PlanLayersMetaDto;
}

export class ConditionDto implements W.PlanCondition {
  @ApiProperty() name!: string;
  @ApiProperty() ok!: boolean;
}

export class PlanMetaDto implements W.PlanMeta {
  @ApiProperty() simulated_open!: boolean;
  @ApiProperty({ nullable: true, type: String }) banner!: string | null;
  @ApiProperty({ enum: ['pre', 'open', 'post', 'closed'] }) market_status!: W.PlanMeta['market_status'];
  @ApiProperty({ description: 'Start of the bar the plan was evaluated on, ISO UTC.' }) as_of_bar_time!: string;
  @ApiProperty({ type: CompositeComponentsDto }) composite_components!: CompositeComponentsDto;
  @ApiProperty({ type: [ConditionDto], description: 'The playbook rule conditions and whether each held.' }) conditions!: ConditionDto[];
  @ApiProperty({ description: 'Service clock time of the analysis, ISO UTC.' }) generated_at!: string;
}

export class AlternativePlanDto implements W.AlternativePlan {
  @ApiProperty() strategy_id!: string;
  @ApiProperty({ enum: ['long', 'short'] }) direction!: W.AlternativePlan['direction'];
  @ApiProperty() entry!: number;
  @ApiProperty() stop!: number;
  @ApiProperty({ type: [Number] }) targets!: number[];
  @ApiProperty() rr_to_t1!: number;
  @ApiProperty() composite_score!: number;
}

export class RejectedSetupDto implements W.RejectedSetup {
  @ApiProperty() strategy_id!: string;
  @ApiProperty({ type: [String], description: 'Guardrails the plan failed.' }) reasons!: string[];
}

export class NotFiredDto implements W.NotFired {
  @ApiProperty() strategy_id!: string;
  @ApiProperty({ description: 'The rule or window that did not hold.' }) reason!: string;
}

export class SeriesBarDto implements W.SeriesBar {
  @ApiProperty({ description: 'Bar start, epoch seconds.' }) time!: number;
  @ApiProperty() open!: number;
  @ApiProperty() high!: number;
  @ApiProperty() low!: number;
  @ApiProperty() close!: number;
  @ApiProperty() volume!: number;
}

export class ProbabilitiesDto implements W.Probabilities {
  @ApiProperty({ nullable: true, type: Number, description: 'Measured frequency 0–1 of TP1 (event in calibration_meta.event); null with calibration_meta.reason when not measured.' }) tp1!:
    number | null;
  @ApiProperty({ nullable: true, type: Number }) tp2!: number | null;
  @ApiProperty({ nullable: true, type: Number }) tp3!: number | null;
}

export class OddsSegmentDto {
  @ApiProperty({ example: 'style', description: "The pool the rate was measured on: 'style' (all playbooks of the plan's style, R:R-adjusted); older snapshots: 'tp1_atr' or 'all' (one playbook)." })
  dimension!: string;
  @ApiProperty({ example: 'intraday' }) value!: string;
  @ApiProperty({ description: 'True when that pool had enough history (n ≥ 30) to speak.' }) used!: boolean;
}

export class OddsWindowDto {
  @ApiProperty({ description: 'ISO UTC.' }) from!: string;
  @ApiProperty({ description: 'ISO UTC.' }) to!: string;
}

export class CalibrationMetaDto implements W.CalibrationMeta {
  @ApiProperty({ description: 'True only when probabilities are measured frequencies.' }) calibrated!: boolean;
  @ApiProperty({
    enum: ['rr_adjusted_hit_rate', 'measured_hit_rate', 'none'],
    description:
      "rr_adjusted_hit_rate: among the style's filled plans resolved before this plan (recent sessions weigh more), measured TP hits per hit a driftless random walk gives the same stop/target distances, times this plan's 1/(1+R:R). measured_hit_rate: snapshots written before it (the playbook's raw rate). none: nothing measured (probabilities null).",
  })
  method!: W.CalibrationMeta['method'];
  @ApiProperty({ description: 'The event every probabilities.tpK measures.' }) event!: string;
  @ApiProperty({ nullable: true, type: Number, description: 'Effective number of filled plans behind the TP1 rate (Kish n of the recency weights; the n ≥ 30 rule applies to it).' }) n!: number | null;
  @ApiProperty({ nullable: true, type: [Number], description: "Wilson 95 % interval [lo, hi] of the TP1 rate, scaled to this plan's R:R like the rate." }) ci95!: [number, number] | null;
  @ApiProperty({ nullable: true, type: OddsSegmentDto }) segment!: OddsSegmentDto | null;
  @ApiProperty({ nullable: true, type: OddsWindowDto, description: 'Plan times of the history used.' }) window!: OddsWindowDto | null;
  @ApiProperty({ nullable: true, type: String, description: 'Data the history was replayed on (synthetic, replay, a vendor).' }) data_source!: string | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Mean realised R per filled plan.' }) expectancy_r!: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Mean realised R after costs (commission + slippage per share per side).' }) expectancy_r_after_costs!: number | null;
  @ApiProperty({ enum: ['positive', 'negative', 'unproven'], description: 'negative/positive when the after-cost expectancy interval excludes 0.' }) edge!: W.CalibrationMeta['edge'];
  @ApiProperty({ nullable: true, type: Number, description: 'Brier score of rates stated this way on later plans (walk-forward).' }) brier_out_of_sample!: number | null;
  @ApiProperty({ nullable: true, type: String, description: 'Why probabilities are null.' }) reason!: string | null;
  @ApiProperty() note!: string;
}

dtoMatchesWire<TargetMetaDto, W.TargetMeta>(true);
dtoMatchesWire<TpReasonDto, W.TpReason>(true);
dtoMatchesWire<KeyLevelUsedDto, W.KeyLevelUsed>(true);
dtoMatchesWire<KeyLevelsUsedDto, W.KeyLevelsUsed>(true);
dtoMatchesWire<RiskBlockDto, W.RiskBlock>(true);
dtoMatchesWire<ExecutionRulesDto, W.ExecutionRules>(true);
dtoMatchesWire<ConfidenceComponentDto, W.ConfidenceComponent>(true);
dtoMatchesWire<CompositeComponentsDto, W.CompositeComponents>(true);
dtoMatchesWire<MtfBiasDto, W.MtfBias>(true);
dtoMatchesWire<EntryStatusDto, W.EntryStatus>(true);
dtoMatchesWire<IndicatorSnapshotDto, W.IndicatorSnapshot>(true);
dtoMatchesWire<LayerLevelDto, W.LayerLevel>(true);
dtoMatchesWire<LayerZoneDto, W.LayerZone>(true);
dtoMatchesWire<LayerPointDto, W.LayerPoint>(true);
dtoMatchesWire<LayerAnnotationDto, W.LayerAnnotation>(true);
dtoMatchesWire<LevelGroupsDto, W.PlanLayersMeta['level_groups']>(true);
dtoMatchesWire<PlanLayersMetaDto, W.PlanLayersMeta>(true);
dtoMatchesWire<PlanLayersDto, W.PlanLayers>(true);
dtoMatchesWire<ConditionDto, W.PlanCondition>(true);
dtoMatchesWire<PlanMetaDto, W.PlanMeta>(true);
dtoMatchesWire<AlternativePlanDto, W.AlternativePlan>(true);
dtoMatchesWire<RejectedSetupDto, W.RejectedSetup>(true);
dtoMatchesWire<NotFiredDto, W.NotFired>(true);
dtoMatchesWire<SeriesBarDto, W.SeriesBar>(true);
dtoMatchesWire<CalibrationMetaDto, W.CalibrationMeta>(true);
dtoMatchesWire<ProbabilitiesDto, W.Probabilities>(true);
dtoMatchesWire<OddsSegmentDto, NonNullable<W.CalibrationMeta['segment']>>(true);
dtoMatchesWire<OddsWindowDto, NonNullable<W.CalibrationMeta['window']>>(true);
