import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsBoolean, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { INTERVAL_PATTERN, INTERVAL_RE, INTERVALS } from '../../../core/bars/interval';
import type { KeyLevels } from '../../../core/levels';
import { IsTicker, NormalizeTicker } from '../../../common/ticker-field';

export const LOOKBACK_MIN = 20;
export const LOOKBACK_MAX = 1000;
export const LOOKBACK_DEFAULT = 300;
export const MAX_INTERVALS = 8;
/** Intervals of POST /gpt/multi-context when the body names none. */
export const DEFAULT_INTERVALS = ['5m', '1h', '4h', '1D'] as const;

export class ContextQueryDto {
  @ApiPropertyOptional({ description: `Bar interval: ${INTERVALS.join(', ')} (aliases such as 1d, D, 60m accepted). Default 5m.`, example: '5m' })
  @IsOptional()
  @IsString()
  @MaxLength(16)
  @Matches(INTERVAL_RE, { message: `must be one of ${INTERVALS.join(', ')} (or an alias such as 1d, 60m)` })
  interval?: string;

  @ApiPropertyOptional({
    description: `Bars (and points per indicator series) to return, ${LOOKBACK_MIN}–${LOOKBACK_MAX}, default ${LOOKBACK_DEFAULT}. Indicators are computed on 250 extra earlier bars so every returned point is warmed up. Fewer points are returned when the response would exceed 100,000 characters (meta.truncated).`,
    example: 300,
    minimum: LOOKBACK_MIN,
    maximum: LOOKBACK_MAX,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(LOOKBACK_MIN)
  @Max(LOOKBACK_MAX)
  lookback?: number;
}

export class MultiContextRequestDto {
  @ApiProperty({ description: 'Ticker, e.g. SPY (letters, digits, "." or "-", up to 10 characters).', example: 'SPY' })
  @NormalizeTicker()
  @IsString()
  @IsTicker()
  symbol!: string;

  @ApiPropertyOptional({
    description: `Intervals to build, 1–${MAX_INTERVALS} of ${INTERVALS.join(', ')} (case-insensitive aliases such as 1d, 60m). Duplicates after normalisation are ignored. Default (neither intervals nor frames): ${DEFAULT_INTERVALS.join(', ')}.`,
    example: ['5m', '1h', '4h', '1D'],
    type: 'array',
    // the items' rule is published here and checked by the controller, which names the entry (intervals[1])
    items: { type: 'string', pattern: INTERVAL_PATTERN },
  })
  @IsOptional()
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(MAX_INTERVALS)
  @IsString({ each: true })
  intervals?: string[];

  @ApiPropertyOptional({ description: 'Legacy alias of intervals.', type: 'array', items: { type: 'string', pattern: INTERVAL_PATTERN } })
  @IsOptional()
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(MAX_INTERVALS)
  @IsString({ each: true })
  frames?: string[];

  @ApiPropertyOptional({ description: `Bars per interval, ${LOOKBACK_MIN}–${LOOKBACK_MAX}, default ${LOOKBACK_DEFAULT}.`, example: 300 })
  @IsOptional()
  @IsInt()
  @Min(LOOKBACK_MIN)
  @Max(LOOKBACK_MAX)
  lookback?: number;

  @ApiPropertyOptional({
    description: 'Include bars and full indicator series (default false: each series is reduced to its last point). Series are trimmed to stay under 100,000 characters.',
    example: false,
  })
  @IsOptional()
  @IsBoolean()
  include_series?: boolean;
}

class SeriesPointDto {
  @ApiProperty({ description: 'Bar start, epoch seconds UTC.' }) time!: number;
  @ApiProperty({ description: 'Indicator value (price units; RSI/ADX 0–100).' }) value!: number;
}

class BarDto {
  @ApiProperty({ description: 'Bar start, epoch seconds UTC.' }) time!: number;
  @ApiProperty() open!: number;
  @ApiProperty() high!: number;
  @ApiProperty() low!: number;
  @ApiProperty() close!: number;
  @ApiProperty({ description: 'Shares.' }) volume!: number;
}

class ContextMetaDto {
  @ApiProperty({ description: 'Served from the 30 s context cache.' }) cached!: boolean;
  @ApiProperty({ description: 'Bars / points per series returned (most recent).' }) points_returned!: number;
  @ApiProperty({ description: 'True when fewer than lookback points were returned to stay under 100,000 characters.' }) truncated!: boolean;
  @ApiProperty({ enum: ['epoch_s'] }) time_unit!: string;
}

const INDICATOR_DESC =
  'Series keyed ema9, ema20, ema50, vwap (session VWAP, intraday only), atr14 (Wilder), adx14, rsi14, macd, macd_signal, macd_hist, bb_upper, bb_middle, bb_lower (20, 2σ); each a list of {time, value}, warm-up points omitted.';

export class ContextResponseDto {
  @ApiProperty() symbol!: string;
  @ApiProperty() interval!: string;
  @ApiProperty() lookback!: number;
  @ApiProperty({ type: [BarDto] }) bars!: BarDto[];
  @ApiProperty({ description: INDICATOR_DESC, type: 'object', additionalProperties: { type: 'array', items: { $ref: '#/components/schemas/SeriesPointDto' } } })
  indicators!: Record<string, SeriesPointDto[]>;
  @ApiProperty({
    description:
      'Key levels (session open/high/low and VWAP, opening ranges, pre-market, previous day, pivots) of the last bar’s session, computed from the full sessions whatever the lookback; price units at 4 dp (6 below $1); gap_pct in percent, 2 dp.',
    type: 'object',
    additionalProperties: { type: 'number' },
  })
  key_levels!: KeyLevels;
  @ApiProperty({ enum: ['up', 'down', 'flat', 'unknown'], description: 'EMA9/20/50 stack.' }) trend!: string;
  @ApiProperty({ nullable: true, type: Number }) last_close!: number | null;
  @ApiProperty({ description: 'Vendor id (polygon, yahoo, replay, synthetic…).' }) data_source!: string;
  @ApiProperty({ description: 'ISO-8601 UTC of the last bar.' }) as_of!: string;
  @ApiProperty() stale!: boolean;
  @ApiProperty({ type: ContextMetaDto }) meta!: ContextMetaDto;
}

export { SeriesPointDto, BarDto };
