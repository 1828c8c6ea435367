import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { dtoMatchesWire } from '../../../common/dto/wire-match';
import type { ScanCandidate } from '../../../core/plan/scan-candidate';
import { STYLES } from '../../../core/strategies/strategy.types';
import { PlanContractPickDto } from '../../plan/dto/plan-response.dto';
import type { ScanPage } from '../scan-page.types';

type ScanError = ScanPage['errors'][number];
type ScanNoSetup = ScanPage['no_setup'][number];
type ScanMeta = ScanPage['meta'];
import {
  CalibrationMetaDto,
  ProbabilitiesDto,
  ExecutionRulesDto,
  IndicatorSnapshotDto,
  KeyLevelsUsedDto,
  LayerLevelDto,
  PlanLayersDto,
  RiskBlockDto,
  SeriesBarDto,
  TargetMetaDto,
  TpReasonDto,
} from '../../plan/dto/plan-fields.dto';

export class ScanOverlaysDto implements Pick<ScanCandidate['overlays'], 'levels'> {
  @ApiProperty({ type: [LayerLevelDto], description: 'Plan and context levels for a chart (≤ 16).' }) levels!: LayerLevelDto[];
}

/** One ranked plan of a scan page, named as the plan names its fields (tps / rr_t1 are reference aliases). */
export class ScanCandidateDto implements ScanCandidate {
  @ApiProperty() symbol!: string;
  @ApiProperty({ description: '1 = best, over the whole scan (not the page).' }) rank!: number;
  @ApiProperty({ description: 'Composite score used for ranking.' }) score!: number;
  @ApiProperty({ type: [String] }) reasons!: string[];
  @ApiProperty({ description: 'Persisted plan id.' }) plan_id!: string;
  @ApiProperty() version!: number;
  @ApiProperty() strategy_id!: string;
  @ApiProperty() strategy_name!: string;
  @ApiProperty({ enum: STYLES }) style!: ScanCandidate['style'];
  @ApiProperty({ enum: ['long', 'short'] }) direction!: ScanCandidate['direction'];
  @ApiProperty() entry!: number;
  @ApiProperty() stop!: number;
  @ApiProperty({ type: [Number], description: 'Targets, nearest first.' }) targets!: number[];
  @ApiProperty({ type: [Number], description: 'Alias of targets (reference name).' }) tps!: number[];
  @ApiProperty({ type: [TargetMetaDto] }) target_meta!: TargetMetaDto[];
  @ApiProperty({ type: [TpReasonDto] }) tp_reasons!: TpReasonDto[];
  @ApiProperty({ description: 'R:R to TP1: (TP1 − entry)/(entry − stop), shorts mirrored; 2 dp.' }) rr_to_t1!: number;
  @ApiProperty({ description: 'Alias of rr_to_t1 (reference name).' }) rr_t1!: number;
  @ApiProperty({ description: 'Confidence 0–1.' }) confidence!: number;
  @ApiProperty({ type: [String] }) confidence_factors!: string[];
  @ApiProperty({ type: KeyLevelsUsedDto }) key_levels_used!: KeyLevelsUsedDto;
  @ApiProperty({ type: RiskBlockDto }) risk_block!: RiskBlockDto;
  @ApiProperty({ type: ExecutionRulesDto }) execution_rules!: ExecutionRulesDto;
  @ApiProperty({ type: [String], description: 'Multi-timeframe confluence tags.' }) confluence!: string[];
  @ApiProperty({ description: 'Percent (0.25 = 0.25 %).' }) entry_distance_pct!: number;
  @ApiProperty() entry_distance_atr!: number;
  @ApiProperty() bars_to_trigger!: number;
  @ApiProperty() actionable_soon!: boolean;
  @ApiProperty({ nullable: true, type: String }) waiting_for!: string | null;
  @ApiProperty({ type: ProbabilitiesDto }) probabilities!: ProbabilitiesDto;
  @ApiProperty({ type: CalibrationMetaDto }) calibration_meta!: CalibrationMetaDto;
  @ApiProperty({ type: [PlanContractPickDto] }) options_contracts!: PlanContractPickDto[];
  @ApiProperty({ nullable: true, type: String }) options_note!: string | null;
  @ApiProperty({ type: IndicatorSnapshotDto, nullable: true }) indicators!: IndicatorSnapshotDto | null;
  @ApiProperty({ type: ScanOverlaysDto }) overlays!: ScanOverlaysDto;
  @ApiProperty() data_source!: string;
  @ApiPropertyOptional({ description: 'The live vendor that failed before data_source answered.' }) fallback_from?: string;
  @ApiProperty({ description: 'ISO UTC.' }) as_of!: string;
  @ApiProperty({ type: [String] }) warnings!: string[];
  @ApiPropertyOptional({ type: PlanLayersDto, description: 'include_series only.' }) plan_layers?: PlanLayersDto;
  @ApiPropertyOptional({ type: [SeriesBarDto], description: 'include_series only: last ≤120 bars.' }) series?: SeriesBarDto[];
}

export class ScanErrorDto implements ScanError {
  @ApiProperty() symbol!: string;
  @ApiProperty({ description: 'timeout | not_found | empty | upstream | rate_limited | analysis_failed …' }) code!: string;
  @ApiProperty() message!: string;
}

export class ScanNoSetupDto implements ScanNoSetup {
  @ApiProperty() symbol!: string;
  @ApiProperty({ description: 'Why the nearest playbook did not fire or was rejected.' }) reason!: string;
}

export class ScanMetaDto implements ScanMeta {
  @ApiProperty() style!: string;
  @ApiProperty() limit!: number;
  @ApiProperty({ description: 'Distinct tickers requested.' }) universe_count!: number;
  @ApiProperty() simulated_open!: boolean;
  @ApiProperty({ enum: ['pre', 'open', 'post', 'closed'] }) market_status!: ScanPage['meta']['market_status'];
  @ApiProperty({ type: [String], description: 'Distinct data sources used.' }) data_sources!: string[];
  @ApiProperty({ description: 'Candidates before paging (≤ limit).' }) total_candidates!: number;
  @ApiProperty({ description: 'Index of the first candidate of this page.' }) offset!: number;
  @ApiProperty({ description: 'Scan duration in ms.' }) elapsed_ms!: number;
}

export class UniverseExpansionDto {
  @ApiProperty({ description: 'The entry as sent.' }) token!: string;
  @ApiProperty({ enum: ['ticker', 'watchlist', 'top', 'index'] }) kind!: 'ticker' | 'watchlist' | 'top' | 'index';
  @ApiProperty({ description: 'Tickers it expanded to.' }) count!: number;
  @ApiProperty({ type: [String] }) symbols!: string[];
  @ApiProperty({ description: 'ticker | watchlist | dollar_volume:<bar sources> | vendor:<id> | static_default (no vendor lists constituents).' }) source!: string;
  @ApiPropertyOptional() note?: string;
}

export class ScanPageDto implements ScanPage {
  @ApiProperty({ nullable: true, type: String, description: 'Provider id of the numbers (synthetic, replay, polygon, …), "mixed" when candidates differ (each says its own), null when no data.' })
  data_source!: string | null;
  @ApiProperty({ description: 'Service clock time, ISO UTC.' }) as_of!: string;
  @ApiProperty({ enum: ['live', 'next_session', 'historical'] }) planning_context!: ScanPage['planning_context'];
  @ApiProperty({ nullable: true, type: String }) banner!: string | null;
  @ApiProperty({ type: [String] }) banners!: string[];
  @ApiProperty({ type: ScanMetaDto }) meta!: ScanMetaDto;
  @ApiProperty({ type: [ScanCandidateDto] }) candidates!: ScanCandidateDto[];
  @ApiProperty() count_candidates!: number;
  @ApiProperty({ nullable: true, type: String, description: 'Pass as cursor to get the next page; null on the last page.' }) next_cursor!: string | null;
  @ApiProperty({ type: [ScanErrorDto], description: 'Tickers whose data or analysis failed (the scan itself still answers).' }) errors!: ScanErrorDto[];
  @ApiProperty({ type: [ScanNoSetupDto], description: 'Tickers where no playbook fired (≤ 50 listed).' }) no_setup!: ScanNoSetupDto[];
  @ApiProperty() no_setup_count!: number;
  @ApiProperty({ type: [String] }) warnings!: string[];
  @ApiPropertyOptional({
    type: [UniverseExpansionDto],
    description: 'How each universe token (watchlist:<name>, TOP<k>, sp500 …) expanded, in request order; plain tickers are not repeated (meta.universe_count counts every ticker).',
  })
  universe_expansion?: UniverseExpansionDto[];
}

dtoMatchesWire<ScanOverlaysDto, ScanCandidate['overlays']>(true);
dtoMatchesWire<ScanCandidateDto, ScanCandidate>(true);
dtoMatchesWire<ScanErrorDto, ScanPage['errors'][number]>(true);
dtoMatchesWire<ScanNoSetupDto, ScanPage['no_setup'][number]>(true);
dtoMatchesWire<ScanMetaDto, ScanPage['meta']>(true);
dtoMatchesWire<ScanPageDto, ScanPage>(true);
