import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsNumber, IsObject, IsOptional, IsPositive, IsString, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { PLAN_ID_RE } from '../../ideas/dto/idea.dto';
import { IsTicker, NormalizeTicker } from '../../../common/ticker-field';

export const SIDE_TOKENS = ['call', 'put', 'calls', 'puts', 'c', 'p', 'long', 'short', 'bullish', 'bearish'] as const;
export const STYLE_TOKENS = ['scalp', '0dte', 'intraday', 'swing', 'leaps', 'leap'] as const;
/** Upper bounds that keep absurd numbers (1e308) out of the sizing and scenario math: 400 naming the field. */
export const MAX_PRICE = 10_000_000;
export const MAX_RISK_DOLLARS = 100_000_000;
export const MAX_CONTRACT_COUNT = 10_000_000_000;
const PRICE_MSG = { message: `must be at most ${MAX_PRICE}` };

export class PlanAnchorDto {
  @ApiPropertyOptional({ description: 'Underlying entry price.' }) @IsOptional() @IsNumber() @IsPositive() @Max(MAX_PRICE, PRICE_MSG) underlying_entry?: number;
  @ApiPropertyOptional({ description: 'Alias of underlying_entry.' }) @IsOptional() @IsNumber() @IsPositive() @Max(MAX_PRICE, PRICE_MSG) entry?: number;
  @ApiPropertyOptional({ description: 'Underlying stop price.' }) @IsOptional() @IsNumber() @IsPositive() @Max(MAX_PRICE, PRICE_MSG) stop?: number;
  @ApiPropertyOptional({ description: 'Underlying targets.', type: [Number] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(5)
  @IsNumber({}, { each: true })
  @IsPositive({ each: true })
  @Max(MAX_PRICE, { each: true, ...PRICE_MSG })
  targets?: number[];
  @ApiPropertyOptional({ description: 'Alias of targets.', type: [Number] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(5)
  @IsNumber({}, { each: true })
  @IsPositive({ each: true })
  @Max(MAX_PRICE, { each: true, ...PRICE_MSG })
  tps?: number[];
  @ApiPropertyOptional({ description: 'Scenario horizon in minutes (calendar time).' }) @IsOptional() @IsNumber() @IsPositive() @Max(525600) horizon_minutes?: number;
}

const DEFAULTS_DOC =
  'Style defaults — scalp: DTE 0–3, |Δ| .55–.65, spread ≤8 %, OI ≥500, volume ≥10; intraday: 0–7, .45–.55, 10 %, 500, 10; swing: 10–45, .30–.55, 12 %, 500, 5; leaps: 180–1200, .25–.45, 15 %, 500, 1. Outside the regular session spread +2 and no volume gate.';

export class ContractsRequestDto {
  @ApiProperty({ description: 'Underlying ticker, e.g. SPY.', example: 'SPY' })
  @NormalizeTicker()
  @IsString()
  @IsTicker()
  symbol!: string;

  // documented as required (the strict contract); for older clients the service also accepts bias or plan_id instead
  @ApiProperty({
    required: true,
    description: 'call/put, or a direction: long/bullish → calls, short/bearish → puts. Older clients may send bias or plan_id instead.',
    enum: SIDE_TOKENS,
    example: 'call',
  })
  @IsOptional()
  @IsString()
  @IsIn(SIDE_TOKENS)
  side?: string;

  @ApiPropertyOptional({ description: 'Used when side is absent: long/bullish/call → calls, short/bearish/put → puts.', enum: SIDE_TOKENS })
  @IsOptional()
  @IsString()
  @IsIn(SIDE_TOKENS)
  bias?: string;

  @ApiPropertyOptional({ description: `Trading style (default intraday). ${DEFAULTS_DOC}`, enum: STYLE_TOKENS, example: 'intraday' })
  @IsOptional()
  @IsString()
  @IsIn(STYLE_TOKENS)
  style?: string;

  @ApiPropertyOptional({ description: 'Minimum calendar days to expiry (overrides the style default).' }) @IsOptional() @IsInt() @Min(0) @Max(3000) min_dte?: number;
  @ApiPropertyOptional({ description: 'Maximum calendar days to expiry.' }) @IsOptional() @IsInt() @Min(0) @Max(3000) max_dte?: number;
  @ApiPropertyOptional({ description: 'Minimum |delta|, 0–1.' }) @IsOptional() @IsNumber() @Min(0) @Max(1) min_delta?: number;
  @ApiPropertyOptional({ description: 'Maximum |delta|, 0–1.' }) @IsOptional() @IsNumber() @Min(0) @Max(1) max_delta?: number;
  @ApiPropertyOptional({ description: 'Maximum bid/ask spread as percent of mid (8 = 8 %).' }) @IsOptional() @IsNumber() @IsPositive() @Max(200) max_spread_pct?: number;
  @ApiPropertyOptional({ description: 'Minimum open interest, contracts.' }) @IsOptional() @IsInt() @Min(0) @Max(MAX_CONTRACT_COUNT) min_oi?: number;
  @ApiPropertyOptional({ description: 'Minimum volume today, contracts.' }) @IsOptional() @IsInt() @Min(0) @Max(MAX_CONTRACT_COUNT) min_volume?: number;

  @ApiPropertyOptional({ description: 'Dollars to risk on the trade, > 0, default 100. Sizing only — never filters contracts.', example: 100 })
  @IsOptional()
  @IsNumber()
  @IsPositive()
  @Max(MAX_RISK_DOLLARS)
  risk_amount?: number;
  @ApiPropertyOptional({ description: 'Legacy alias of risk_amount (dollars, > 0).' }) @IsOptional() @IsNumber() @IsPositive() @Max(MAX_RISK_DOLLARS) max_price?: number;

  @ApiPropertyOptional({ description: 'Only this expiration (YYYY-MM-DD).', example: '2026-12-18' })
  @IsOptional()
  @IsString()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be YYYY-MM-DD' })
  expiry?: string;

  @ApiPropertyOptional({ description: 'Plan entry (underlying price) for scenario P/L.' }) @IsOptional() @IsNumber() @IsPositive() @Max(MAX_PRICE, PRICE_MSG) entry?: number;
  @ApiPropertyOptional({ description: 'Plan stop (underlying price).' }) @IsOptional() @IsNumber() @IsPositive() @Max(MAX_PRICE, PRICE_MSG) stop?: number;
  @ApiPropertyOptional({ description: 'Plan targets (underlying prices), up to 5.', type: [Number] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(5)
  @IsNumber({}, { each: true })
  @IsPositive({ each: true })
  @Max(MAX_PRICE, { each: true, ...PRICE_MSG })
  targets?: number[];
  @ApiPropertyOptional({ description: 'Scenario horizon in minutes of calendar time (theta); default per style: scalp 30 min, intraday 2 h, swing 7 days, leaps 30 days.' })
  @IsOptional()
  @IsNumber()
  @IsPositive()
  @Max(525600)
  horizon_minutes?: number;
  @ApiPropertyOptional({ description: 'A persisted plan whose entry/stop/targets/style/direction fill the fields not given.' })
  @IsOptional()
  @IsString()
  @Matches(PLAN_ID_RE, { message: 'must be a plan_id such as SPY-intraday-20261124-abcdef' })
  plan_id?: string;

  @ApiPropertyOptional({ type: PlanAnchorDto, description: 'Reference-compatible plan anchors (underlying_entry, stop, targets, horizon_minutes).' })
  @IsOptional()
  @ValidateNested()
  @Type(() => PlanAnchorDto)
  plan_anchor?: PlanAnchorDto;
  @ApiPropertyOptional({ description: 'Accepted for compatibility; not used.' }) @IsOptional() @IsObject() plan_meta?: Record<string, unknown>;
  @ApiPropertyOptional({ description: 'Informational (analyze | trade).' }) @IsOptional() @IsString() @MaxLength(32) selection_mode?: string;
  @ApiPropertyOptional({ description: 'Treat the market as open (tight regular-session gates) outside the session.' }) @IsOptional() @IsBoolean() simulate_open?: boolean;
}
