import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsNotEmpty, IsOptional, IsString } from 'class-validator';
import { IsTicker, NormalizeTicker } from '../../../common/ticker-field';
import { STYLES, type Style } from '../../../core/strategies/strategy.types';

const lower = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value);

export class PlanRequestDto {
  @ApiProperty({ description: 'Ticker, case-insensitive (SPY, BRK.B or BRK-B, index SPX or I:SPX); normalised to its canonical form.', example: 'SPY' })
  @NormalizeTicker()
  @IsString()
  @IsNotEmpty()
  @IsTicker()
  symbol!: string;

  @ApiPropertyOptional({ enum: STYLES, default: 'intraday', description: 'Trading style: scalp (1m bars), intraday (5m), swing (1h + daily), leaps (daily).' })
  @Transform(lower)
  @IsOptional()
  @IsIn(STYLES as unknown as string[], { message: `must be one of ${STYLES.join(', ')}` })
  style?: Style;

  @ApiPropertyOptional({ description: 'Analyse as if the market were open: time-of-day windows ignored, as of the last regular-session bar (also header X-Simulate-Open: 1).', default: false })
  @IsOptional()
  @IsBoolean()
  simulate_open?: boolean;

  @ApiPropertyOptional({ description: 'Include the last ≤300 base-interval bars as `series` (bulky; off by default).', default: false })
  @IsOptional()
  @IsBoolean()
  include_series?: boolean;
}

export class ScenarioRequestDto extends PlanRequestDto {}

/** Header X-Simulate-Open ∈ {1, true, yes, on} (case-insensitive) when the body does not set simulate_open. */
export function simulateOpenFrom(body: boolean | undefined, header: string | string[] | undefined): boolean {
  if (typeof body === 'boolean') return body;
  const h = Array.isArray(header) ? header[0] : header;
  return typeof h === 'string' && ['1', 'true', 'yes', 'on'].includes(h.trim().toLowerCase());
}
