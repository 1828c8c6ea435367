import { EnrichmentBlockDto, EventRiskDto } from '../../enrichment/dto/enrichment.dto';
import { IndexEquivalentDto, IndexModeDto } from '../../index-mode/dto/index-mode.dto';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { dtoMatchesWire } from '../../../common/dto/wire-match';
import { INTERVALS } from '../../../core/bars/interval';
import type { NoSetup, PlanContractPick, StoredPlan } from '../../../core/plan/plan.schema';
import { STYLES } from '../../../core/strategies/strategy.types';
import { ContractPickDto } from '../../contracts/dto/contracts-response.dto';
import {
  AlternativePlanDto,
  CalibrationMetaDto,
  ProbabilitiesDto,
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

export class PlanContractPickDto extends ContractPickDto implements PlanContractPick {
  @ApiProperty({ enum: ['regular_open', 'regular_close'], description: 'Whether the quotes are from an open or the last close.' }) quote_session!: string;
  @ApiProperty({ description: 'Time of the chain quotes, ISO UTC.' }) as_of!: string;
  @ApiProperty({ description: 'Provider id of the chain.' }) data_source!: string;
}

class AdoptedFromDto {
  @ApiProperty() plan_id!: string;
  @ApiProperty() version!: number;
}

/** A persisted plan as POST /gpt/plan (status "ok"), scenario, adopt and /idea return it. */
export class PlanResponseDto implements StoredPlan {
  @ApiProperty({ enum: ['ok'] }) status!: 'ok';
  @ApiProperty({ description: '{SYMBOL}-{style}-{yyyymmdd}-{6 base32}.' }) plan_id!: string;
  @ApiProperty({ description: 'Starts at 1, +1 on every regeneration of the same plan.' }) version!: number;
  @ApiProperty({ description: 'Alias of version.' }) plan_version!: number;
  @ApiProperty() symbol!: string;
  @ApiProperty({ enum: STYLES }) style!: StoredPlan['style'];
  @ApiProperty({ enum: ['live', 'scenario', 'historical'] }) kind!: StoredPlan['kind'];
  @ApiProperty({ description: 'True for scenario snapshots (never updated).' }) frozen!: boolean;
  @ApiProperty({ enum: ['long', 'short'] }) bias!: StoredPlan['bias'];
  @ApiProperty({ enum: ['long', 'short'] }) direction!: StoredPlan['direction'];
  @ApiProperty({ description: 'Strategy id of the setup.' }) setup!: string;
  @ApiProperty({ example: 'orb_retest' }) strategy_id!: string;
  @ApiProperty() strategy_name!: string;
  @ApiProperty({ enum: INTERVALS, description: 'Bar interval the playbook ran on.' }) interval!: StoredPlan['interval'];
  @ApiProperty({ description: 'Entry price per share.' }) entry!: number;
  @ApiProperty() entry_label!: string;
  @ApiProperty({ description: 'Stop price per share.' }) stop!: number;
  @ApiProperty() stop_label!: string;
  @ApiProperty({ type: [Number], description: 'Targets, nearest first (long ascending, short descending).' }) targets!: number[];
  @ApiProperty({ type: [TargetMetaDto] }) target_meta!: TargetMetaDto[];
  @ApiProperty({ type: [TargetMetaDto], description: 'Alias of target_meta (reference name).' }) targets_meta!: TargetMetaDto[];
  @ApiProperty({ type: [TpReasonDto] }) tp_reasons!: TpReasonDto[];
  @ApiProperty({ description: '(TP1 − entry)/(entry − stop), shorts mirrored; 2 dp.' }) rr_to_t1!: number;
  @ApiProperty() rr_formula!: string;
  @ApiProperty({ description: 'Rule-quality score 0–1 (Σ weight × component); not a probability.' }) confidence!: number;
  @ApiProperty({ type: [String] }) confidence_factors!: string[];
  @ApiProperty({ type: [ConfidenceComponentDto] }) confidence_components!: ConfidenceComponentDto[];
  @ApiProperty({ description: 'Alias of composite_score (reference name).' }) score!: number;
  @ApiProperty({ description: 'Composite ranking score (see meta.composite_components).' }) composite_score!: number;
  @ApiProperty({ type: ProbabilitiesDto }) probabilities!: ProbabilitiesDto;
  @ApiProperty({ type: CalibrationMetaDto }) calibration_meta!: CalibrationMetaDto;
  @ApiProperty({ type: [String] }) confluence_tags!: string[];
  @ApiProperty({ type: [String], description: 'Multi-timeframe tags, e.g. "EMA alignment (15m)".' }) confluence!: string[];
  @ApiProperty({ type: MtfBiasDto }) mtf_bias!: MtfBiasDto;
  @ApiProperty({ type: KeyLevelsUsedDto }) key_levels_used!: KeyLevelsUsedDto;
  @ApiProperty({ type: RiskBlockDto }) risk_block!: RiskBlockDto;
  @ApiProperty({ type: ExecutionRulesDto }) execution_rules!: ExecutionRulesDto;
  @ApiProperty({ description: 'Entry distance from the last price, percent (0.25 = 0.25 %).' }) entry_distance_pct!: number;
  @ApiProperty({ description: 'Entry distance in ATR14.' }) entry_distance_atr!: number;
  @ApiProperty({ description: 'ceil(distance / mean bar range of the last 12 bars).' }) bars_to_trigger!: number;
  @ApiProperty() actionable_soon!: boolean;
  @ApiProperty() actionable_now!: boolean;
  @ApiProperty({ description: 'Actionability 0–1.' }) actionability!: number;
  @ApiProperty({ type: EntryStatusDto }) entry_status!: EntryStatusDto;
  @ApiProperty({ nullable: true, type: String }) waiting_for!: string | null;
  @ApiProperty() notes!: string;
  @ApiProperty({ type: [String] }) warnings!: string[];
  @ApiProperty({ description: 'ATR14 of the plan interval.' }) atr!: number;
  @ApiProperty({ description: 'Close of the as-of bar.' }) last_price!: number;
  @ApiProperty({ type: IndicatorSnapshotDto, nullable: true }) indicators!: IndicatorSnapshotDto | null;
  @ApiProperty({ type: [AlternativePlanDto], description: 'Other playbooks that fired, ranked.' }) alternatives!: AlternativePlanDto[];
  @ApiProperty({ type: [RejectedSetupDto] }) rejected_setups!: RejectedSetupDto[];
  @ApiProperty({ type: [PlanContractPickDto], description: 'Top option contracts from the contracts service (FF_OPTIONS_ALWAYS).' }) options_contracts!: PlanContractPickDto[];
  @ApiProperty({ nullable: true, type: String }) options_note!: string | null;
  @ApiProperty({ type: PlanLayersDto }) plan_layers!: PlanLayersDto;
  @ApiProperty({ description: 'Vendor id of the bars (synthetic, replay, polygon …).' }) data_source!: string;
  @ApiPropertyOptional({ description: 'The live vendor that failed before data_source answered.' }) fallback_from?: string;
  @ApiProperty({ description: 'Time the bars describe, ISO UTC.' }) as_of!: string;
  @ApiProperty() stale!: boolean;
  @ApiProperty({
    enum: ['live', 'frozen', 'next_session', 'historical'],
    description: 'live: market open; next_session: market closed, conditional plan for the next session; historical: planned as of the requested as_of; frozen: legacy snapshots.',
  })
  planning_context!: StoredPlan['planning_context'];
  @ApiProperty({ description: 'True for conditional plans (next session, simulated open): confirm the trigger live before acting.' }) requires_live_confirmation!: boolean;
  @ApiProperty({ nullable: true, type: String }) banner!: string | null;
  @ApiProperty({ type: [String], description: 'Fallback, synthetic/replay/stale data, simulated open, market closed, historical.' }) banners!: string[];
  @ApiProperty({ type: PlanMetaDto }) meta!: PlanMetaDto;
  @ApiPropertyOptional({ type: EnrichmentBlockDto, description: 'Earnings, news sentiment, macro events (14 days) with source and fetched_at; enrichment_status says when a part did not answer.' })
  enrichment?: EnrichmentBlockDto;
  @ApiProperty({ type: [EventRiskDto], description: 'Events in the plan window: blocked (style may not trade now) or warning (holding period spans the event).' }) event_risk!: EventRiskDto[];
  @ApiProperty({ description: 'An event window blocks this style now: options_contracts is empty.' }) blocked_by_event!: boolean;
  @ApiPropertyOptional({ type: IndexModeDto, description: 'SPX/NDX: index bars or ETF-proxy bars translated with the live ratio.' }) index_mode?: IndexModeDto;
  @ApiPropertyOptional({ type: IndexEquivalentDto, description: 'INDEX_SNIPER_MODE=1, SPY/QQQ plans: the levels in SPX/NDX terms with the measured ratio.' }) index_equivalent?: IndexEquivalentDto;
  @ApiPropertyOptional({ description: 'Permalink of the persisted plan.' }) idea_url?: string;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Scenario: the live plan it was made beside.' }) scenario_of?: string | null;
  @ApiPropertyOptional({ enum: STYLES }) scenario_style?: StoredPlan['scenario_style'];
  @ApiPropertyOptional({ description: 'Scenario: creation time, ISO UTC.' }) created_at?: string;
  @ApiPropertyOptional({ type: AdoptedFromDto, description: 'Adopted plans: {plan_id, version} of the scenario.' }) adopted_from?: AdoptedFromDto;
  @ApiPropertyOptional() update_reason?: string;
  @ApiPropertyOptional({ nullable: true, type: Number }) updated_from_version?: number | null;
  @ApiPropertyOptional({ type: [SeriesBarDto], description: 'Only with include_series: the last ≤ 300 bars.' }) series?: SeriesBarDto[];
}

class NoSetupMetaDto {
  @ApiProperty() simulated_open!: boolean;
  @ApiProperty({ nullable: true, type: String }) banner!: string | null;
  @ApiProperty({ enum: ['pre', 'open', 'post', 'closed'] }) market_status!: NoSetup['meta']['market_status'];
  @ApiProperty({ description: 'Service clock time of the analysis, ISO UTC.' }) generated_at!: string;
}

/** POST /gpt/plan when no playbook fired: plan_id null, nothing persisted. */
export class NoSetupResponseDto implements NoSetup {
  @ApiProperty({ enum: ['no_setup'] }) status!: 'no_setup';
  @ApiProperty({ nullable: true, type: String, enum: [null], description: 'Always null: nothing was persisted.' }) plan_id!: null;
  @ApiProperty({ nullable: true, type: Number, enum: [null], description: 'Always null.' }) version!: null;
  @ApiProperty() symbol!: string;
  @ApiProperty({ enum: STYLES }) style!: NoSetup['style'];
  @ApiProperty() message!: string;
  @ApiProperty({ type: [NotFiredDto], description: 'Why each playbook did not fire.' }) not_fired!: NotFiredDto[];
  @ApiProperty({ type: [RejectedSetupDto] }) rejected_setups!: RejectedSetupDto[];
  @ApiProperty({ type: IndicatorSnapshotDto, nullable: true }) indicators!: IndicatorSnapshotDto | null;
  @ApiProperty() data_source!: string;
  @ApiPropertyOptional() fallback_from?: string;
  @ApiProperty({ description: 'ISO UTC.' }) as_of!: string;
  @ApiProperty() stale!: boolean;
  @ApiProperty({ nullable: true, type: String }) banner!: string | null;
  @ApiProperty({ type: [String] }) banners!: string[];
  @ApiProperty({ type: [String] }) warnings!: string[];
  @ApiProperty({ type: NoSetupMetaDto }) meta!: NoSetupMetaDto;
}

export class ScenarioListDto {
  @ApiProperty() symbol!: string;
  @ApiProperty({ type: [PlanResponseDto] }) scenarios!: PlanResponseDto[];
}

dtoMatchesWire<PlanContractPickDto, PlanContractPick>(true);
dtoMatchesWire<AdoptedFromDto, NonNullable<StoredPlan['adopted_from']>>(true);
dtoMatchesWire<PlanResponseDto, StoredPlan>(true);
dtoMatchesWire<NoSetupMetaDto, NoSetup['meta']>(true);
dtoMatchesWire<NoSetupResponseDto, NoSetup>(true);
