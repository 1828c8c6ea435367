import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { STYLES, type Style } from '../../../core/strategies/strategy.types';
import { trimAscii } from '../../../core/text/ascii';
import { TICKER_LIST_SEPARATORS } from '../../../core/symbols/ticker';
import { UNIVERSE_ENTRY_PATTERN, universeListPattern } from '../../../core/symbols/universe-tokens';

import { AS_OF_RE } from '../../plan/dto/plan-request.dto';

/** Largest universe one scan accepts (raised from the reference's 250 once a warm 500-ticker scan measured well inside the page budget: docs/benchmarks.md). */
export const MAX_UNIVERSE = 500;

/** A list, or a string of tickers/tokens separated by commas/spaces (UniverseExpander then parses each). */
const toTickers = ({ value }: { value: unknown }) => {
  const list = typeof value === 'string' ? value.split(TICKER_LIST_SEPARATORS).filter(Boolean) : value;
  // ASCII whitespace only, as the published patterns say (String.prototype.trim also strips Unicode spaces)
  return Array.isArray(list) ? list.map((x) => (typeof x === 'string' ? trimAscii(x) : x)) : list;
};

export class ScanRequestDto {
  @ApiProperty({
    description: `Tickers and universe tokens (1–${MAX_UNIVERSE} entries, at most ${MAX_UNIVERSE} tickers once expanded); a list or a comma-separated string, case-insensitive; duplicates ignored. Tokens: watchlist:<name>, TOP<k> (k 1–250, by dollar volume), FT-TOPLIQUIDITY (TOP50), sp500, nasdaq100. universe_expansion says how each token expanded.`,
    oneOf: [
      { type: 'array', items: { type: 'string', minLength: 1, maxLength: 80, pattern: UNIVERSE_ENTRY_PATTERN }, minItems: 1, maxItems: MAX_UNIVERSE },
      { type: 'string', minLength: 1, pattern: universeListPattern(MAX_UNIVERSE), description: 'Tickers and tokens separated by commas and/or whitespace.' },
    ],
    example: ['SPY', 'QQQ', 'AAPL'],
  })
  @Transform(toTickers)
  @IsArray({ message: 'must be a list of tickers or universe tokens' })
  @ArrayMinSize(1, { message: 'must not be empty' })
  @ArrayMaxSize(MAX_UNIVERSE, { message: `must hold at most ${MAX_UNIVERSE} entries` })
  @IsString({ each: true })
  @MaxLength(80, { each: true })
  universe!: string[];

  @ApiProperty({ enum: STYLES, description: 'scalp (1m bars), intraday (5m), swing (1h + daily), leaps (daily).' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @IsIn(STYLES, { message: `must be one of ${STYLES.join(', ')}` })
  style!: Style;

  @ApiPropertyOptional({ description: 'Maximum ranked candidates over all pages (1–100).', default: 20, minimum: 1, maximum: 100 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @ApiPropertyOptional({ description: 'Analyse as if the market were open (time windows ignored; also header X-Simulate-Open: 1).', default: false })
  @IsOptional()
  @IsBoolean()
  simulate_open?: boolean;

  @ApiPropertyOptional({ description: 'next_cursor of the previous page.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @Matches(/^[A-Za-z0-9_-]+$/, { message: 'must be a next_cursor value from a previous page' })
  cursor?: string;

  @ApiPropertyOptional({ description: 'Include full plan_layers and indicator series per candidate (bulky; fewer candidates per page).', default: false })
  @IsOptional()
  @IsBoolean()
  include_series?: boolean;

  @ApiPropertyOptional({ description: 'Scan as of this past moment (ISO-8601 with zone): only bars closed by then; plans saved as historical snapshots.', example: '2026-11-20T15:35:00Z' })
  @IsOptional()
  @IsString()
  @Matches(AS_OF_RE, { message: 'must be an ISO-8601 time with a zone, e.g. 2026-11-20T15:35:00Z' })
  as_of?: string;
}
