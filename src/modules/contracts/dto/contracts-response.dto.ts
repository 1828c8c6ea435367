import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { dtoMatchesWire } from '../../../common/dto/wire-match';
import type { ContractFilters } from '../../../core/contracts/contract-filters';
import type { ContractScore, LiquidityScore, ScoreComponents } from '../../../core/contracts/contract-score';
import type { ScenarioPoint } from '../../../core/contracts/contract-scenario';
import type { Sizing } from '../../../core/contracts/contract-sizing';
import type { RankedContract, RankResult, RejectionSummary } from '../../../core/contracts/rank-contracts';
import type { ContractsResult } from '../contracts.service';

type Scenario = NonNullable<RankedContract['scenario']>;
type TableRow = RankResult['table'][number];

class FiltersDto implements ContractFilters {
  @ApiProperty() min_dte!: number;
  @ApiProperty() max_dte!: number;
  @ApiProperty({ description: '|delta| 0–1.' }) min_delta!: number;
  @ApiProperty({ description: '|delta| 0–1.' }) max_delta!: number;
  @ApiProperty({ description: 'Percent of mid.' }) max_spread_pct!: number;
  @ApiProperty() min_oi!: number;
  @ApiProperty() min_volume!: number;
}

class ScoreDto implements ContractScore {
  @ApiProperty({ description: 'Tradeability 0–100 = 100 × (0.4·spread + 0.3·delta_fit + 0.2·open_interest + 0.1·iv_regime + leaps_theta_bonus).' }) total!: number;
  @ApiProperty({ description: 'Each 0–1: spread, delta_fit, open_interest, iv_regime; leaps_theta_bonus 0 or 0.05.', type: 'object', additionalProperties: { type: 'number' } })
  components!: ScoreComponents;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' } }) weights!: ContractScore['weights'];
  @ApiProperty({ description: '|delta| the delta_fit component rewards.' }) target_delta!: number;
}

class ScenarioPointDto implements ScenarioPoint {
  @ApiProperty({ description: 'stop, tp1, tp2…, horizon (no move).' }) label!: string;
  @ApiProperty({ description: 'Underlying price in the scenario.' }) underlying!: number;
  @ApiProperty({ description: 'Calendar days elapsed.' }) days!: number;
  @ApiProperty({ description: '$ per contract by the greeks method.' }) pnl_per_contract!: number;
  @ApiProperty({ nullable: true, type: Number, description: '$ per contract by full Black-Scholes re-pricing (null without IV).' }) reprice_pnl_per_contract!: number; // NaN in the core is null on the wire (JSON)
}

class ScenarioDto implements Scenario {
  @ApiProperty({ description: 'Method of pnl_per_contract: "greeks".' }) method!: string;
  @ApiProperty() method_note!: string;
  @ApiProperty({ description: 'Underlying entry the P/L is measured from.' }) entry!: number;
  @ApiProperty({ description: 'Calendar days elapsed in every scenario.' }) days!: number;
  @ApiProperty({ type: [ScenarioPointDto] }) points!: ScenarioPointDto[];
  @ApiProperty({ nullable: true, type: String, description: 'Set when the plan entry was too far from the underlying to use.' }) note!: string | null;
}

class SizingDto implements Sizing {
  @ApiProperty({ description: '$.' }) risk_amount!: number;
  @ApiProperty({ description: '$ premium per contract (mid × 100).' }) per_contract_cost!: number;
  @ApiProperty({ description: '$ lost per contract at the stop (capped at the premium), or the premium without a stop.' }) risk_per_contract!: number;
  @ApiProperty({ enum: ['stop_scenario', 'premium'] }) risk_basis!: Sizing['risk_basis'];
  @ApiProperty({ description: 'floor(risk_amount / risk_per_contract); 0 when one contract exceeds the budget.' }) contracts!: number;
  @ApiProperty() total_cost!: number;
  @ApiProperty() max_loss_est!: number;
  @ApiProperty({ nullable: true, type: Number }) max_profit_est!: number | null;
  @ApiProperty({ nullable: true, type: Number }) rr_to_tp1!: number | null;
  @ApiProperty({ nullable: true, type: String }) note!: string | null;
}

export class ContractPickDto implements RankedContract {
  @ApiProperty({ example: 'SPY 2026-12-18 460C' }) label!: string;
  @ApiProperty({ description: 'OCC symbol.' }) symbol!: string;
  @ApiProperty({ description: 'YYYY-MM-DD.' }) expiry!: string;
  @ApiProperty({ description: 'Calendar days to expiry.' }) dte!: number;
  @ApiProperty() strike!: number;
  @ApiProperty({ enum: ['CALL', 'PUT'] }) type!: RankedContract['type'];
  @ApiProperty({ description: 'Mid, $ per share.' }) price!: number;
  @ApiProperty({ nullable: true, type: Number }) bid!: number | null;
  @ApiProperty({ nullable: true, type: Number }) ask!: number | null;
  @ApiProperty({ description: '(ask − bid)/mid, percent.' }) spread_pct!: number;
  @ApiProperty({ nullable: true, type: Number }) volume!: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Open interest.' }) oi!: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Per share, per $1 of underlying.' }) delta!: number | null;
  @ApiProperty({ nullable: true, type: Number }) gamma!: number | null;
  @ApiProperty({ nullable: true, type: Number, description: '$ per share per calendar day.' }) theta!: number | null;
  @ApiProperty({ nullable: true, type: Number, description: '$ per share per 1 vol point.' }) vega!: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Implied vol, fraction (0.25 = 25 %).' }) iv!: number | null;
  @ApiProperty({ nullable: true, enum: ['vendor', 'computed'], description: 'computed = BSM from IV solved from the mid (r 4 %, q 0).' }) greeks_source!: RankedContract['greeks_source'];
  @ApiProperty({ description: '$ per 1.00 of option price per contract (root multiplier); P/L and sizing use it.' }) multiplier!: number;
  @ApiProperty({
    enum: ['physical', 'cash_am', 'cash_pm'],
    description: 'physical: ETF/equity (American, assignment possible); cash_am: SPX/NDX monthlies (last trade the day before expiry); cash_pm: SPXW/NDXP.',
  })
  settlement!: RankedContract['settlement'];
  @ApiProperty({ enum: ['american', 'european'] }) option_style!: RankedContract['option_style'];
  @ApiProperty({ description: '0–100 (= score.total).' }) tradeability!: number;
  @ApiProperty({ type: ScoreDto }) score!: ScoreDto;
  @ApiProperty({ description: '0–1.' }) liquidity_score!: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' } }) liquidity_components!: LiquidityScore['components'];
  @ApiProperty({ type: ScenarioDto, nullable: true }) scenario!: ScenarioDto | null;
  @ApiProperty({ description: '$ per contract: per_contract_cost, at_stop, at_tp1, at_tp2, at_horizon, rr_to_tp1 (greeks method).', type: 'object', additionalProperties: true })
  pnl!: RankedContract['pnl'];
  @ApiProperty({ type: SizingDto, nullable: true }) sizing!: SizingDto | null;
}

class TableRowDto implements TableRow {
  @ApiProperty() label!: string;
  @ApiProperty() dte!: number;
  @ApiProperty() strike!: number;
  @ApiProperty() price!: number;
  @ApiProperty({ nullable: true, type: Number }) bid!: number | null;
  @ApiProperty({ nullable: true, type: Number }) ask!: number | null;
  @ApiProperty({ nullable: true, type: Number }) delta!: number | null;
  @ApiProperty({ nullable: true, type: Number }) theta!: number | null;
  @ApiProperty({ nullable: true, type: Number }) iv!: number | null;
  @ApiProperty() spread_pct!: number;
  @ApiProperty({ nullable: true, type: Number }) oi!: number | null;
  @ApiProperty() tradeability!: number;
  @ApiProperty() liquidity_score!: number;
}

class RejectionDto implements RejectionSummary {
  @ApiProperty({ type: String, description: 'SIDE_MISMATCH, NO_MARKET_DATA, SPREAD_TOO_WIDE, DTE_OUT_OF_RANGE, DELTA_UNAVAILABLE, DELTA_OUT_OF_RANGE, OPEN_INTEREST_TOO_LOW, VOLUME_TOO_LOW.' })
  reason!: RejectionSummary['reason'];
  @ApiProperty({ description: 'The filter field(s) of the gate.' }) gate!: string;
  @ApiProperty({ description: 'Contracts this gate removed (first failing gate only).' }) count!: number;
  @ApiProperty() message!: string;
  @ApiProperty({ type: [String], description: 'Up to 5 OCC symbols removed.' }) examples!: string[];
}

class ExecutionProxyDto {
  @ApiProperty({ example: 'SPY' }) symbol!: string;
  @ApiProperty({ description: 'Index points per 1.00 of the proxy, measured live (never a constant).' }) ratio!: number;
  @ApiProperty({ nullable: true, type: Number, description: 'Beta of proxy on index 1-minute returns (≈ 1 when tracking).' }) gamma!: number | null;
  @ApiProperty({ description: 'ISO UTC.' }) ratio_as_of!: string;
  @ApiProperty({ enum: ['aligned_1m_spot', 'quote_vs_1m_close'] }) ratio_method!: string;
  @ApiProperty() note!: string;
}

class TranslatedLevelsDto {
  @ApiProperty({ nullable: true, type: Number }) entry!: number | null;
  @ApiProperty({ nullable: true, type: Number }) stop!: number | null;
  @ApiProperty({ type: [Number] }) targets!: number[];
}

export class ContractsResponseDto implements ContractsResult {
  @ApiPropertyOptional({ type: ExecutionProxyDto, description: 'Index underlyings when the index chain is degraded: the ETF that executes and the ratio.' }) execution_proxy?: ExecutionProxyDto;
  @ApiPropertyOptional({ type: TranslatedLevelsDto, description: 'The request levels in proxy terms (index ÷ ratio).' }) translated_levels?: TranslatedLevelsDto;
  @ApiPropertyOptional() fallback_banner?: string;
  @ApiPropertyOptional({ type: [String], description: 'Settlement / assignment notes (e.g. ETF options are American: watch assignment).' }) execution_notes?: string[];
  @ApiPropertyOptional({ description: 'The source that failed before this answer (e.g. SPX_chain).' }) fallback_from?: string;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string', enum: ['healthy', 'degraded', 'failed'] },
    description: 'Per source: index_chain, proxy_chain, index_bars, proxy_bars, index_quote.',
  })
  feed_health?: ContractsResult['feed_health'];
  @ApiProperty() symbol!: string;
  @ApiProperty({ enum: ['call', 'put'] }) side!: ContractsResult['side'];
  @ApiProperty({ enum: ['scalp', 'intraday', 'swing', 'leaps'] }) style!: ContractsResult['style'];
  @ApiProperty({ description: '$.' }) risk_amount!: number;
  @ApiProperty({ nullable: true, type: Number }) underlying_price!: number | null;
  @ApiProperty({ type: FiltersDto, description: 'Filters finally applied (after relaxation).' }) filters!: FiltersDto;
  @ApiProperty() relaxed_filters!: boolean;
  @ApiProperty({ type: [String], description: 'delta_widened, dte_widened, spread_widened, min_oi_<n> in the order applied.' }) relaxation_reasons!: string[];
  @ApiProperty({ type: [ContractPickDto], description: 'Top 3.' }) best!: ContractPickDto[];
  @ApiProperty({ type: [ContractPickDto], description: 'Next 7.' }) alternatives!: ContractPickDto[];
  @ApiProperty({ type: [TableRowDto], description: 'Top 20 compact.' }) table!: TableRowDto[];
  @ApiProperty({ type: [RejectionDto] }) rejections!: RejectionDto[];
  @ApiProperty({ description: 'Contracts screened.' }) screened!: number;
  @ApiProperty({ description: 'Contracts passing the final gates.' }) passed!: number;
  @ApiProperty({ enum: ['regular_open', 'regular_close'] }) quote_session!: ContractsResult['quote_session'];
  @ApiProperty({ type: [String] }) expirations_considered!: string[];
  @ApiProperty({ nullable: true, type: String }) note!: string | null;
  @ApiProperty() data_source!: string;
  @ApiProperty({ description: 'ISO-8601 UTC of the chain snapshot.' }) as_of!: string;
  @ApiProperty() stale!: boolean;
}

dtoMatchesWire<FiltersDto, ContractFilters>(true);
dtoMatchesWire<ScoreDto, ContractScore>(true);
dtoMatchesWire<ScenarioPointDto, ScenarioPoint>(true);
dtoMatchesWire<ScenarioDto, Scenario>(true);
dtoMatchesWire<SizingDto, Sizing>(true);
dtoMatchesWire<ContractPickDto, RankedContract>(true);
dtoMatchesWire<TableRowDto, TableRow>(true);
dtoMatchesWire<RejectionDto, RejectionSummary>(true);
dtoMatchesWire<ContractsResponseDto, ContractsResult>(true);
