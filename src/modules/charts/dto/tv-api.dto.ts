import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

export class TvSymbolQueryDto {
  @ApiProperty({ example: 'SPY', description: 'Ticker (I:SPX style index prefixes allowed).' })
  @IsString()
  @MaxLength(24)
  symbol!: string;
}

export class TvBarsQueryDto extends TvSymbolQueryDto {
  @ApiPropertyOptional({ example: '5', description: 'UDF resolution: minutes (1,3,5,15,30,60,240) or 1D / 1W. Default 15.' })
  @IsOptional()
  @IsString()
  @MaxLength(8)
  resolution?: string;

  @ApiPropertyOptional({ description: 'Window start, epoch seconds (or ms when > 1e10).' })
  @IsOptional()
  @IsString()
  @MaxLength(16)
  from?: string;

  @ApiPropertyOptional({ description: 'Window end, epoch seconds (or ms); default now on the service clock.' })
  @IsOptional()
  @IsString()
  @MaxLength(16)
  to?: string;

  @ApiPropertyOptional({ example: '5D', description: 'Span when from is absent: ND, NW, NM (30 days), NY. Default 5D.' })
  @IsOptional()
  @IsString()
  @MaxLength(5)
  range?: string;
}

export class TvStudiesQueryDto extends TvBarsQueryDto {
  @ApiPropertyOptional({ example: '9,21,50', description: 'EMA spans (≤5, 1–400). Default 9,21,50.' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  ema?: string;

  @ApiPropertyOptional({ description: 'Anchored-VWAP anchors, comma-separated epoch seconds (≤5). Default: previous session open, window low and high.' })
  @IsOptional()
  @IsString()
  @MaxLength(120)
  anchors?: string;
}
