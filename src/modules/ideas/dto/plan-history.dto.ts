import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { DAY_FRAGMENT } from '../../../core/session/calendar-day';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { IsTicker, NormalizeTicker } from '../../../common/ticker-field';

/** YYYY-MM-DD (an ET day) or an ISO-8601 time with a zone. */
export const DAY_OR_TIME_RE = new RegExp(`^${DAY_FRAGMENT}(T([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\\.[0-9]{1,3})?)?(Z|[+-]([01][0-9]|2[0-3]):[0-5][0-9]))?$`);

export class PlanHistoryQueryDto {
  @ApiPropertyOptional({ description: 'Only plans of this ticker.', example: 'SPY' })
  @IsOptional()
  @NormalizeTicker()
  @IsString()
  @IsTicker()
  symbol?: string;

  @ApiPropertyOptional({ description: 'Plans with a version saved at or after this ET day (YYYY-MM-DD) or time (ISO-8601 with zone).', example: '2026-11-01' })
  @IsOptional()
  @Matches(DAY_OR_TIME_RE, { message: 'must be YYYY-MM-DD or an ISO-8601 time with a zone' })
  from?: string;

  @ApiPropertyOptional({ description: 'Plans with a version saved at or before this ET day (inclusive, YYYY-MM-DD) or time.', example: '2026-11-30' })
  @IsOptional()
  @Matches(DAY_OR_TIME_RE, { message: 'must be YYYY-MM-DD or an ISO-8601 time with a zone' })
  to?: string;

  @ApiPropertyOptional({ enum: ['live', 'scenario', 'historical'] })
  @IsOptional()
  @IsIn(['live', 'scenario', 'historical'], { message: 'must be one of live, scenario, historical' })
  kind?: 'live' | 'scenario' | 'historical';

  @ApiPropertyOptional({ description: 'Plans per page (1–100, default 20).', minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @ApiPropertyOptional({ description: 'next_cursor of the previous page.' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  @Matches(/^[A-Za-z0-9_-]+$/, { message: 'must be a next_cursor value from a previous page' })
  cursor?: string;
}

export class PlanOutcomeDto {
  @ApiProperty({ enum: ['pending', 'triggered', 'closed'] }) status!: string;
  @ApiProperty({ nullable: true, type: String, description: 'stop | breakeven_stop | trail_stop | final_target | time_stop | invalidated | expired.' }) exit_reason!: string | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Realised result in R once closed.' }) r_multiple!: number | null;
  @ApiProperty() targets_hit!: number;
  @ApiProperty({ nullable: true, type: Number }) fill_price!: number | null;
  @ApiProperty({ nullable: true, type: String, description: 'ISO UTC.' }) fill_time!: string | null;
  @ApiProperty({ nullable: true, type: Number }) exit_price!: number | null;
  @ApiProperty({ nullable: true, type: String, description: 'ISO UTC.' }) exit_time!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Type of the last stored delta (entered, target_hit, stop_hit, replan …).' }) last_event!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'When the last delta was stored, ISO UTC.' }) updated_at!: string | null;
}

export class PlanHistoryItemDto {
  @ApiProperty() plan_id!: string;
  @ApiProperty({ description: 'Latest version.' }) version!: number;
  @ApiProperty() symbol!: string;
  @ApiProperty() style!: string;
  @ApiProperty({ enum: ['live', 'scenario', 'historical'] }) kind!: string;
  @ApiProperty({ nullable: true, type: String }) strategy_id!: string | null;
  @ApiProperty({ nullable: true, type: String, enum: ['long', 'short'] }) direction!: string | null;
  @ApiProperty({ nullable: true, type: Number }) entry!: number | null;
  @ApiProperty({ nullable: true, type: Number }) stop!: number | null;
  @ApiProperty({ type: [Number] }) targets!: number[];
  @ApiProperty({ nullable: true, type: String }) data_source!: string | null;
  @ApiProperty({ description: 'First version saved, ISO UTC.' }) created_at!: string;
  @ApiProperty({ description: 'Latest version saved, ISO UTC.' }) updated_at!: string;
  @ApiProperty({ type: PlanOutcomeDto, nullable: true, description: 'The follower’s final (or current) state; null when the plan was never followed.' }) outcome!: PlanOutcomeDto | null;
}

export class PlanHistoryResponseDto {
  @ApiProperty({ type: [PlanHistoryItemDto], description: 'Newest first.' }) plans!: PlanHistoryItemDto[];
  @ApiProperty() count!: number;
  @ApiProperty({ nullable: true, type: String, description: 'Pass as cursor for the next page; null on the last page.' }) next_cursor!: string | null;
}
