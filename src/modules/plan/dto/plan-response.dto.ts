import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  AlternativePlanDto,
  ConfidenceComponentDto,
  EntryStatusDto,
  ExecutionRulesDto,
  IndicatorSnapshotDto,
  KeyLevelsUsedDto,
  MtfBiasDto,
  NotFiredDto,
  PlanLayersDto,
  PlanMetaDto,
  RejectedSetupDto,
  RiskBlockDto,
  SeriesBarDto,
  TargetMetaDto,
  TpReasonDto,
} from './plan-fields.dto';

/**
 * POST /gpt/plan (and scenario/adopt) response. `status: "ok"` carries the full plan; `status:
 * "no_setup"` carries plan_id null, not_fired and no geometry (nothing is persisted then).
 */
export class PlanResponseDto {
  @ApiProperty({ enum: ['ok', 'no_setup'] }) status!: string;
  @ApiProperty({ nullable: true, type: String, description: '{SYMBOL}-{style}-{yyyymmdd}-{6 base32}; null when no setup.' }) plan_id!: string | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Starts at 1, +1 on every regeneration of the same plan.' }) version!: number | null;
  @ApiPropertyOptional({ description: 'Alias of version.' }) plan_version?: number;
  @ApiProperty() symbol!: string;
  @ApiProperty({ enum: ['scalp', 'intraday', 'swing', 'leaps'] }) style!: string;
  @ApiPropertyOptional({ enum: ['live', 'scenario'] }) kind?: string;
  @ApiPropertyOptional({ description: 'True for scenario snapshots (never updated).' }) frozen?: boolean;
  @ApiPropertyOptional({ enum: ['long', 'short'] }) bias?: string;
  @ApiPropertyOptional({ enum: ['long', 'short'] }) direction?: string;
  @ApiPropertyOptional({ description: 'Strategy id of the setup.' }) setup?: string;
  @ApiPropertyOptional({ example: 'orb_retest' }) strategy_id?: string;
  @ApiPropertyOptional() strategy_name?: string;
  @ApiPropertyOptional({ description: 'Bar interval the playbook ran on.' }) interval?: string;
  @ApiPropertyOptional({ description: 'Entry price per share.' }) entry?: number;
  @ApiPropertyOptional() entry_label?: string;
  @ApiPropertyOptional({ description: 'Stop price per share.' }) stop?: number;
  @ApiPropertyOptional() stop_label?: string;
  @ApiPropertyOptional({ type: [Number], description: 'Targets, nearest first (long ascending, short descending).' }) targets?: number[];
  @ApiPropertyOptional({ type: [TargetMetaDto] }) target_meta?: TargetMetaDto[];
  @ApiPropertyOptional({ type: [TargetMetaDto], description: 'Alias of target_meta.' }) targets_meta?: TargetMetaDto[];
  @ApiPropertyOptional({ type: [TpReasonDto] }) tp_reasons?: TpReasonDto[];
  @ApiPropertyOptional({ description: '(TP1 − entry)/(entry − stop), shorts mirrored; 2 dp.' }) rr_to_t1?: number;
  @ApiPropertyOptional() rr_formula?: string;
  @ApiPropertyOptional({ description: 'Rule-quality score 0–1 (Σ weight × component).' }) confidence?: number;
  @ApiPropertyOptional({ type: [String] }) confidence_factors?: string[];
  @ApiPropertyOptional({ type: [ConfidenceComponentDto] }) confidence_components?: ConfidenceComponentDto[];
  @ApiPropertyOptional({ description: 'Composite ranking score (see meta.composite_components).' }) score?: number;
  @ApiPropertyOptional() composite_score?: number;
  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'number' }, description: 'Heuristic touch probabilities 0–1 per target (tp1…).' }) probabilities?: Record<string, number>;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: '{calibrated: false, method, note} until replays calibrate.' }) calibration_meta?: Record<string, unknown>;
  @ApiPropertyOptional({ type: [String] }) confluence_tags?: string[];
  @ApiPropertyOptional({ type: [String], description: 'Multi-timeframe tags, e.g. "EMA alignment (15m)".' }) confluence?: string[];
  @ApiPropertyOptional({ type: MtfBiasDto }) mtf_bias?: MtfBiasDto;
  @ApiPropertyOptional({ type: KeyLevelsUsedDto }) key_levels_used?: KeyLevelsUsedDto;
  @ApiPropertyOptional({ type: RiskBlockDto }) risk_block?: RiskBlockDto;
  @ApiPropertyOptional({ type: ExecutionRulesDto }) execution_rules?: ExecutionRulesDto;
  @ApiPropertyOptional({ description: 'Entry distance from the last price, percent (0.25 = 0.25 %).' }) entry_distance_pct?: number;
  @ApiPropertyOptional({ description: 'Entry distance in ATR14.' }) entry_distance_atr?: number;
  @ApiPropertyOptional({ description: 'ceil(distance / mean bar range of the last 12 bars).' }) bars_to_trigger?: number;
  @ApiPropertyOptional() actionable_soon?: boolean;
  @ApiPropertyOptional() actionable_now?: boolean;
  @ApiPropertyOptional({ description: 'Actionability 0–1.' }) actionability?: number;
  @ApiPropertyOptional({ type: EntryStatusDto }) entry_status?: EntryStatusDto;
  @ApiPropertyOptional({ nullable: true, type: String }) waiting_for?: string | null;
  @ApiPropertyOptional() notes?: string;
  @ApiProperty({ type: [String] }) warnings!: string[];
  @ApiPropertyOptional({ description: 'ATR14 of the plan interval.' }) atr?: number;
  @ApiPropertyOptional({ description: 'Close of the as-of bar.' }) last_price?: number;
  @ApiPropertyOptional({ type: IndicatorSnapshotDto, nullable: true }) indicators?: IndicatorSnapshotDto | null;
  @ApiPropertyOptional({ type: [AlternativePlanDto], description: 'Other playbooks that fired, ranked.' }) alternatives?: AlternativePlanDto[];
  @ApiPropertyOptional({ type: [RejectedSetupDto] }) rejected_setups?: RejectedSetupDto[];
  @ApiPropertyOptional({ type: [NotFiredDto], description: 'no_setup only: why each playbook did not fire.' }) not_fired?: NotFiredDto[];
  @ApiPropertyOptional({ description: 'no_setup only.' }) message?: string;
  @ApiPropertyOptional({ type: 'array', items: { type: 'object', additionalProperties: true }, description: 'Top option contracts from the contracts service (FF_OPTIONS_ALWAYS).' }) options_contracts?: unknown[];
  @ApiPropertyOptional({ nullable: true, type: String }) options_note?: string | null;
  @ApiPropertyOptional({ type: PlanLayersDto }) plan_layers?: PlanLayersDto;
  @ApiPropertyOptional({ description: 'Permalink of the persisted plan.' }) idea_url?: string;
  @ApiProperty({ description: 'Vendor id of the bars (synthetic, replay, polygon …).' }) data_source!: string;
  @ApiProperty({ description: 'Time the bars describe, ISO UTC.' }) as_of!: string;
  @ApiProperty() stale!: boolean;
  @ApiPropertyOptional({ enum: ['live', 'frozen'] }) planning_context?: string;
  @ApiProperty({ nullable: true, type: String }) banner!: string | null;
  @ApiProperty({ type: [String], description: 'Synthetic/replay/stale data, simulated open, market closed.' }) banners!: string[];
  @ApiProperty({ type: PlanMetaDto }) meta!: PlanMetaDto;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Scenario: the live plan it was made beside.' }) scenario_of?: string | null;
  @ApiPropertyOptional() scenario_style?: string;
  @ApiPropertyOptional({ description: 'Scenario: creation time, ISO UTC.' }) created_at?: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'Adopted plans: {plan_id, version} of the scenario.' }) adopted_from?: Record<string, unknown>;
  @ApiPropertyOptional() update_reason?: string;
  @ApiPropertyOptional({ nullable: true, type: Number }) updated_from_version?: number | null;
  @ApiPropertyOptional({ type: [SeriesBarDto], description: 'Only with include_series.' }) series?: SeriesBarDto[];
}

export class ScenarioListDto {
  @ApiProperty() symbol!: string;
  @ApiProperty({ type: [PlanResponseDto] }) scenarios!: PlanResponseDto[];
}
