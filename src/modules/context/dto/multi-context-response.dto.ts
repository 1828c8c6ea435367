import { ApiProperty } from '@nestjs/swagger';
import type { KeyLevels } from '../../../core/levels';

class ExpectedMoveDto {
  @ApiProperty({ description: 'Horizon length.' }) days!: number;
  @ApiProperty({ enum: ['calendar', 'trading'] }) day_basis!: string;
  @ApiProperty({ description: '±1σ move, price units.' }) move!: number;
  @ApiProperty({ description: 'Move as percent of spot (2.0 = 2 %).' }) move_pct!: number;
  @ApiProperty() upper!: number;
  @ApiProperty() lower!: number;
}

class SkewDto {
  @ApiProperty({ nullable: true, type: Number, description: '25-delta risk reversal at 30 days: IV(25Δ call) − IV(25Δ put), vol points.' }) rr_25d!: number | null;
  @ApiProperty({ nullable: true, type: Number, description: '25-delta butterfly at 30 days: mean of the 25Δ wing IVs − ATM IV, vol points.' }) bf_25d!: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'IV of the 25Δ call at 30 days, percent.' }) call_25d_iv!: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'IV of the 25Δ put at 30 days, percent.' }) put_25d_iv!: number | null;
  @ApiProperty({ nullable: true, type: String, description: 'interpolated | exact | extrapolated_flat.' }) method!: string | null;
  @ApiProperty({ type: [String] }) expirations_used!: string[];
  @ApiProperty({ nullable: true, type: String, description: 'Options provider of the chain (synthetic = generated).' }) source!: string | null;
}

class TermPointDto {
  @ApiProperty() expiration!: string;
  @ApiProperty({ description: 'Calendar days to expiry.' }) days!: number;
  @ApiProperty({ description: 'ATM IV of this expiration, percent.' }) iv_atm!: number;
}

class TermStructureDto {
  @ApiProperty({ type: [TermPointDto], description: 'ATM IV at the listed expirations fetched, nearest first.' }) points!: TermPointDto[];
  @ApiProperty({ nullable: true, type: Number, description: 'Least-squares slope of ATM IV vs days, vol points per 30 days.' }) slope_per_30d!: number | null;
  @ApiProperty({ nullable: true, enum: ['contango', 'backwardation', 'flat'], description: 'slope > +0.25 contango, < −0.25 backwardation.' }) shape!: string | null;
  @ApiProperty({ nullable: true, type: String }) source!: string | null;
}

class VolatilitySourcesDto {
  @ApiProperty({ nullable: true, type: String, description: 'Options provider behind iv_atm (synthetic = generated chain).' }) iv!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Market-data provider of the daily bars behind hv_*.' }) hv!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'atm_iv_history or hv20_proxy.' }) iv_rank!: string | null;
  @ApiProperty({ nullable: true, type: String }) skew!: string | null;
  @ApiProperty({ nullable: true, type: String }) term_structure!: string | null;
  @ApiProperty({ nullable: true, type: String }) expected_move!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'quote | chain | daily_close.' }) spot!: string | null;
  @ApiProperty({ type: [String], description: 'Chain sources of the recorded ATM-IV days used for the rank.' }) iv_history!: string[];
}

export class VolatilityRegimeDto {
  @ApiProperty({ nullable: true, type: Number, description: '30-day constant-maturity ATM implied vol, percent (25.0 = 25 %).' }) iv_atm!: number | null;
  @ApiProperty({ nullable: true, type: String, description: 'interpolated | exact | extrapolated_flat.' }) iv_atm_method!: string | null;
  @ApiProperty({ type: [String] }) iv_expirations_used!: string[];
  @ApiProperty({ nullable: true, type: Number, description: 'IV rank over 252 days, percent 0–100 (see iv_rank_basis).' }) iv_rank!: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'IV percentile over 252 days, percent 0–100.' }) iv_percentile!: number | null;
  @ApiProperty({ nullable: true, enum: ['atm_iv_history', 'hv20_proxy'], description: 'hv20_proxy: fewer than 60 days of stored ATM IV, so rank/percentile are of HV20 within its own history.' })
  iv_rank_basis!: string | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Historical vol, 20 trading days, percent (sample stdev of log returns × √252).' }) hv_20!: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Historical vol, 60 days, percent.' }) hv_60!: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Historical vol, 120 days, percent.' }) hv_120!: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Percentile of HV20 in its 252-day history, percent 0–100.' }) hv_20_percentile!: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'iv_atm / hv_20 (ratio).' }) iv_to_hv_ratio!: number | null;
  @ApiProperty({ nullable: true, enum: ['extreme', 'elevated', 'normal', 'low'], description: 'From iv_rank: ≥90 extreme, ≥75 elevated, ≤25 low.' }) regime_label!: string | null;
  @ApiProperty({ nullable: true, enum: ['iv_atm', 'hv20'] }) expected_move_basis!: string | null;
  @ApiProperty({ type: [ExpectedMoveDto] }) expected_move!: ExpectedMoveDto[];
  @ApiProperty({ description: 'Recorded ATM-IV days used by the rank (atm_iv_history), or recorded so far (hv20_proxy).' }) iv_history_days!: number;
  @ApiProperty({ nullable: true, type: Number, description: '25-delta risk reversal at 30 days, vol points (= skew.rr_25d).' }) skew_25d!: number | null;
  @ApiProperty({ type: SkewDto }) skew!: SkewDto;
  @ApiProperty({ type: TermStructureDto }) term_structure!: TermStructureDto;
  @ApiProperty({ type: VolatilitySourcesDto }) sources!: VolatilitySourcesDto;
  @ApiProperty({ nullable: true, type: String, description: 'Set when any part comes from synthetic or replayed data.' }) banner!: string | null;
  @ApiProperty({ nullable: true, type: Number }) spot!: number | null;
  @ApiProperty({ description: 'ISO-8601 UTC when computed.' }) timestamp!: string;
  @ApiProperty({ type: [String] }) notes!: string[];
  @ApiProperty({ type: [String], description: 'Data-quality warnings, e.g. an unexplained close-to-close jump (|log return| > 0.4) naming its date: a possibly unadjusted split that inflates HV.' })
  warnings!: string[];
  @ApiProperty({ description: 'Served from the 120 s IV cache.' }) cached!: boolean;
}

class SnapshotDto {
  @ApiProperty() interval!: string;
  @ApiProperty({ description: 'The token as sent.' }) requested!: string;
  @ApiProperty() lookback!: number;
  @ApiProperty({ required: false, description: 'Only with include_series. Bar time = epoch seconds UTC.', type: 'array', items: { type: 'object' } }) bars?: unknown[];
  @ApiProperty({ description: 'Indicator series {time (epoch s), value}; the last point only unless include_series.', type: 'object', additionalProperties: true })
  /** Free-form by design: one entry per indicator series name requested (documented in the property description). */
  indicators!: Record<string, unknown>;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' } }) key_levels!: KeyLevels;
  @ApiProperty({ enum: ['up', 'down', 'flat', 'unknown'] }) trend!: string;
  @ApiProperty({ nullable: true, type: Number }) last_close!: number | null;
  @ApiProperty({ nullable: true, type: String }) last_bar_time!: string | null;
  @ApiProperty() data_source!: string;
  @ApiProperty() as_of!: string;
  @ApiProperty() stale!: boolean;
  @ApiProperty({ description: 'Served from the 30 s cache.' }) cached!: boolean;
}

class SummaryDto {
  @ApiProperty({ type: [String] }) frames_used!: string[];
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, description: 'EMA-stack trend per interval.' }) trend_notes!: Record<string, string>;
  @ApiProperty({ nullable: true, type: Number, description: '|#up − #down| / #frames, 0–1.' }) confluence_score!: number | null;
  @ApiProperty({ nullable: true, type: String }) regime_label!: string | null;
}

class DataQualityDto {
  @ApiProperty() series_present!: boolean;
  @ApiProperty() iv_present!: boolean;
}

class MultiMetaDto {
  @ApiProperty({ description: 'True when every snapshot and the volatility block came from cache.' }) cached!: boolean;
  @ApiProperty() cache_ttl_s!: number;
  @ApiProperty() iv_cache_ttl_s!: number;
  @ApiProperty() points_returned!: number;
  @ApiProperty({ description: 'Series trimmed to stay under 100,000 characters.' }) truncated!: boolean;
  @ApiProperty({ enum: ['epoch_s'] }) time_unit!: string;
}

export class MultiContextResponseDto {
  @ApiProperty() symbol!: string;
  @ApiProperty({ description: 'Provider id of the bars (synthetic, replay, polygon, …) or "mixed" (each snapshot says its own).' }) data_source!: string;
  @ApiProperty({ nullable: true, type: String, description: 'Newest bar start across the snapshots, ISO UTC.' }) as_of!: string | null;
  @ApiProperty({ description: 'True when any snapshot was served from a stale cache after provider failures.' }) stale!: boolean;
  @ApiProperty({ type: [SnapshotDto] }) snapshots!: SnapshotDto[];
  @ApiProperty({ type: VolatilityRegimeDto }) volatility_regime!: VolatilityRegimeDto;
  @ApiProperty({ type: SummaryDto }) summary!: SummaryDto;
  @ApiProperty({ type: DataQualityDto }) data_quality!: DataQualityDto;
  @ApiProperty({ type: MultiMetaDto }) meta!: MultiMetaDto;
}
