import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';

const toInt = ({ value }: { value: unknown }) => (typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value);
export const PLAN_ID_RE = /^[A-Za-z0-9.^:_-]{3,100}$/;

export class IdeaQueryDto {
  @ApiPropertyOptional({ description: 'Version to read (1, 2, …); latest when absent.', example: 1 })
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(1_000_000)
  v?: number;
}

export class ChartLayersQueryDto extends IdeaQueryDto {
  @ApiProperty({ description: 'plan_id returned by /gpt/plan or /gpt/scan.', example: 'SPY-intraday-20261124-abcdef' })
  @IsString() @Matches(PLAN_ID_RE, { message: 'must be a plan_id such as SPY-intraday-20261124-abcdef' })
  plan_id!: string;

  @ApiPropertyOptional({ description: 'Alias of v.' })
  @IsOptional() @Transform(toInt) @IsInt() @Min(1)
  plan_version?: number;
}

export class IdeaResponseDto {
  @ApiProperty({ example: 'SPY-intraday-20261124-abcdef' }) plan_id!: string;
  @ApiProperty({ description: 'Snapshot version (starts at 1).' }) plan_version!: number;
  @ApiProperty({ description: 'Alias of plan_version.' }) version!: number;
  @ApiProperty() symbol!: string;
  @ApiProperty({ enum: ['scalp', 'intraday', 'swing', 'leaps'] }) style!: string;
  @ApiProperty({ enum: ['live', 'scenario'] }) kind!: string;
  @ApiProperty({ description: 'When this version was saved, ISO-8601 UTC.' }) created_at!: string;
  @ApiProperty({ description: 'The plan exactly as returned when it was generated.', type: 'object', additionalProperties: true })
  plan!: Record<string, unknown>;
}

export class ChartLayersResponseDto {
  @ApiProperty() plan_id!: string;
  @ApiProperty() plan_version!: number;
  @ApiProperty({ description: 'Horizontal levels: {price, label, kind}.', type: 'array', items: { type: 'object' } }) levels!: unknown[];
  @ApiProperty({ description: 'Price zones: {low, high, kind, label}.', type: 'array', items: { type: 'object' } }) zones!: unknown[];
  @ApiProperty({ description: 'Annotations such as the forecast path.', type: 'array', items: { type: 'object' } }) annotations!: unknown[];
  @ApiProperty({ type: 'object', additionalProperties: true }) meta!: Record<string, unknown>;
}
