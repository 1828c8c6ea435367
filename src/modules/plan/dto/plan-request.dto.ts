import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsNotEmpty, IsOptional, IsString, Matches } from 'class-validator';
import { IsTicker, NormalizeTicker } from '../../../common/ticker-field';
import { STYLES, type Style } from '../../../core/strategies/strategy.types';

const lower = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value);

/** ISO-8601 with an explicit zone (Z or ±hh:mm), e.g. 2026-11-20T15:35:00Z. */
export const AS_OF_RE = /^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\.[0-9]{1,3})?)?(Z|[+-]([01][0-9]|2[0-3]):[0-5][0-9])$/;

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
  @IsIn(STYLES, { message: `must be one of ${STYLES.join(', ')}` })
  style?: Style;

  @ApiPropertyOptional({ description: 'Analyse as if the market were open: time-of-day windows ignored, as of the last regular-session bar (also header X-Simulate-Open: 1).', default: false })
  @IsOptional()
  @IsBoolean()
  simulate_open?: boolean;

  @ApiPropertyOptional({ description: 'Include the last ≤300 base-interval bars as `series` (bulky; off by default).', default: false })
  @IsOptional()
  @IsBoolean()
  include_series?: boolean;

  @ApiPropertyOptional({
    description:
      'Plan as of this past moment (ISO-8601 with zone, e.g. 2026-11-20T15:35:00Z): only bars closed by then are used, the odds use only outcomes resolved before it, and the plan is saved as a historical snapshot (planning_context "historical") that never replaces the live plan. Not in the future.',
    example: '2026-11-20T15:35:00Z',
  })
  @IsOptional()
  @IsString()
  @Matches(AS_OF_RE, { message: 'must be an ISO-8601 time with a zone, e.g. 2026-11-20T15:35:00Z' })
  as_of?: string;
}

export class ScenarioRequestDto extends PlanRequestDto {}

export class ScenariosQueryDto {
  @ApiProperty({ description: 'Ticker whose scenario plans to list.', example: 'SPY' })
  @NormalizeTicker()
  @IsString()
  @IsTicker()
  symbol!: string;
}

/** Header X-Simulate-Open ∈ {1, true, yes, on} (case-insensitive) when the body does not set simulate_open. */
export function simulateOpenFrom(body: boolean | undefined, header: string | string[] | undefined): boolean {
  if (typeof body === 'boolean') return body;
  const h = Array.isArray(header) ? header[0] : header;
  return typeof h === 'string' && ['1', 'true', 'yes', 'on'].includes(h.trim().toLowerCase());
}
