import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { INTERVAL_RE } from '../../../core/bars/interval';

/** Epoch seconds or milliseconds: a non-negative decimal, optionally with an exponent (what parseEpoch reads). */
const EPOCH = '[0-9]+(?:\\.[0-9]+)?(?:[eE][+-]?[0-9]+)?';
const EPOCH_RE = new RegExp(`^${EPOCH}$`);
/** Up to five comma-separated epoch times. */
const ANCHORS_RE = new RegExp(`^${EPOCH}(?:,${EPOCH}){0,4}$`);
/** 1–999 then D, W, M (30 days) or Y, any case (what parseRange reads; 0 is refused). */
const RANGE_RE = /^(?:[1-9][0-9]{0,2}|0[1-9][0-9]?|00[1-9])[dDwWmMyY]$/;
/** One EMA span 1–400 without leading zeros; up to five, comma-separated. */
const SPAN = '(?:[1-9][0-9]?|[1-3][0-9]{2}|400)';
const EMA_SPANS_RE = new RegExp(`^${SPAN}(?:,${SPAN}){0,4}$`);
import { IsTicker, NormalizeTicker } from '../../../common/ticker-field';

export class TvSymbolQueryDto {
  @ApiProperty({ example: 'SPY', description: 'Ticker (I:SPX style index prefixes allowed).' })
  @NormalizeTicker()
  @IsString()
  @IsTicker()
  symbol!: string;
}

export class TvBarsQueryDto extends TvSymbolQueryDto {
  @ApiPropertyOptional({ example: '5', description: 'UDF resolution: minutes (1,3,5,15,30,60,240) or 1D / 1W. Default 15.' })
  @IsOptional()
  @IsString()
  @MaxLength(8)
  @Matches(INTERVAL_RE, { message: 'must be a UDF resolution (1, 3, 5, 15, 30, 60, 240, 1D, 1W) or an interval token' })
  resolution?: string;

  @ApiPropertyOptional({ description: 'Window start, epoch seconds (or ms when > 1e10). A window longer than two years is served as its last two years; a start after the end gives `s: "no_data"`.' })
  @IsOptional()
  @IsString()
  @Matches(EPOCH_RE, { message: 'must be epoch seconds or milliseconds' })
  from?: string;

  @ApiPropertyOptional({ description: 'Window end, epoch seconds (or ms); default now on the service clock.' })
  @IsOptional()
  @IsString()
  @Matches(EPOCH_RE, { message: 'must be epoch seconds or milliseconds' })
  to?: string;

  @ApiPropertyOptional({ example: '5D', description: 'Span when from is absent: ND, NW, NM (30 days), NY. Default 5D.' })
  @IsOptional()
  @IsString()
  @MaxLength(5)
  @Matches(RANGE_RE, { message: 'must look like 5D, 2W, 3M or 1Y' })
  range?: string;
}

export class TvStudiesQueryDto extends TvBarsQueryDto {
  @ApiPropertyOptional({ example: '9,21,50', description: 'EMA spans (≤5, 1–400). Default 9,21,50.' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  @Matches(EMA_SPANS_RE, { message: 'must be up to 5 integer spans 1–400' })
  ema?: string;

  @ApiPropertyOptional({ description: 'Anchored-VWAP anchors, comma-separated epoch seconds (≤5). Default: previous session open, window low and high.' })
  @IsOptional()
  @IsString()
  @MaxLength(120)
  @Matches(ANCHORS_RE, { message: 'must be up to 5 epoch times' })
  anchors?: string;
}
