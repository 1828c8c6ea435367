import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/**
 * Documentation shape of POST /gpt/chart-url. The body is validated by canonicalChartParams (not by
 * the global pipe) because unknown keys are dropped rather than rejected: GPT callers send whole
 * plan objects.
 */
export class ChartUrlRequestDto {
  @ApiProperty({ example: 'SPY' }) symbol!: string;
  @ApiProperty({ example: '5m', description: 'One of 1m 3m 5m 15m 30m 1h 4h 1D 1W (aliases normalised).' }) interval!: string;
  @ApiPropertyOptional({ enum: ['long', 'short'] }) direction?: string;
  @ApiPropertyOptional({ example: 512.25, description: 'Entry price (number or numeric string), rounded to the symbol precision.' }) entry?: number;
  @ApiPropertyOptional({ example: 510.1, description: 'Stop price.' }) stop?: number;
  @ApiPropertyOptional({ example: '514.5,516', description: 'Targets: a list of numbers or a comma-separated string (≤5).' }) tp?: string;
  @ApiPropertyOptional({ example: 'SPY-intraday-20261124-abcdef' }) plan_id?: string;
  @ApiPropertyOptional({ example: 1, description: 'Plan version; `version` is accepted as an alias.' }) plan_version?: number;
  @ApiPropertyOptional({ example: '9,21,50', description: 'EMA spans shown (≤5, 1–400).' }) ema?: string;
  @ApiPropertyOptional({ enum: ['1d', '5d', '1M', '3M', '6M', '1Y'] }) view?: string;
  @ApiPropertyOptional({ example: '5D', description: 'Bars loaded: ND, NW, NM, NY.' }) range?: string;
  @ApiPropertyOptional({ enum: ['dark', 'light'] }) theme?: string;
  @ApiPropertyOptional({ example: 'auto', description: "'auto' rescales an old plan to today's price, 'off', or a multiplier." }) scale_plan?: string;
  @ApiPropertyOptional({ enum: ['plan'] }) focus?: string;
  @ApiPropertyOptional({ example: 'latest', description: "'latest' or epoch seconds." }) center_time?: string;
  @ApiPropertyOptional({ enum: ['scalp', 'intraday', 'swing', 'leaps'], description: 'Chart style; swing/leaps coerce intraday intervals unless force_interval.' }) style_hint?: string;
  @ApiPropertyOptional({ description: 'Keep the given interval even for swing/leaps.' }) force_interval?: boolean;
  @ApiPropertyOptional({ description: 'false hides supporting levels.' }) supportingLevels?: boolean;
  @ApiPropertyOptional({ description: 'false hides the session VWAP.' }) vwap?: boolean;
}

export class ChartUrlResponseDto {
  @ApiProperty({ example: 'https://coach.example.com/tv?entry=512.25&interval=5m&symbol=SPY', description: 'Canonical link to the /tv viewer.' })
  interactive!: string;
  @ApiProperty({ example: 'computed', description: 'Always "computed": the link is built from the request, no market data is read.' })
  data_source!: string;
}
