import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { dtoMatchesWire } from '../../../common/dto/wire-match';
import type { StoredLayers } from '../../../core/plan/plan-snapshot';
import type { StoredPlan } from '../../../core/plan/plan.schema';
import { STYLES } from '../../../core/strategies/strategy.types';
import type { IdeaKind } from '../../../persistence/idea-store.types';
import { LayerAnnotationDto, LayerLevelDto, LayerZoneDto, PlanLayersMetaDto } from '../../plan/dto/plan-fields.dto';
import { PlanResponseDto } from '../../plan/dto/plan-response.dto';

const toInt = ({ value }: { value: unknown }) => (typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value);
export const PLAN_ID_RE = /^[A-Za-z0-9.^:_-]{3,100}$/;

export class IdeaQueryDto {
  @ApiPropertyOptional({ description: 'Version to read (1, 2, …); latest when absent.', example: 1 })
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  v?: number;
}

export class ChartLayersQueryDto extends IdeaQueryDto {
  @ApiProperty({ description: 'plan_id returned by /gpt/plan or /gpt/scan.', example: 'SPY-intraday-20261124-abcdef' })
  @IsString()
  @Matches(PLAN_ID_RE, { message: 'must be a plan_id such as SPY-intraday-20261124-abcdef' })
  plan_id!: string;

  @ApiPropertyOptional({ description: 'Alias of v.' })
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  plan_version?: number;
}

export class IdeaResponseDto {
  @ApiProperty({ example: 'SPY-intraday-20261124-abcdef' }) plan_id!: string;
  @ApiProperty({ description: 'Snapshot version (starts at 1).' }) plan_version!: number;
  @ApiProperty({ description: 'Alias of plan_version.' }) version!: number;
  @ApiProperty() symbol!: string;
  @ApiProperty({ enum: STYLES }) style!: string;
  @ApiProperty({ enum: ['live', 'scenario', 'historical'] }) kind!: IdeaKind;
  @ApiProperty({ description: 'When this version was saved, ISO-8601 UTC.' }) created_at!: string;
  @ApiProperty({ type: PlanResponseDto, description: 'The plan exactly as returned when it was generated.' }) plan!: PlanResponseDto;
}

/** Stored layers plus where the plan's numbers came from. */
type ChartLayers = StoredLayers & Pick<StoredPlan, 'data_source' | 'as_of'>;

export class ChartLayersResponseDto implements ChartLayers {
  @ApiProperty() plan_id!: string;
  @ApiProperty() plan_version!: number;
  @ApiProperty({ type: [LayerLevelDto], description: 'Horizontal levels.' }) levels!: LayerLevelDto[];
  @ApiProperty({ type: [LayerZoneDto], description: 'Price zones.' }) zones!: LayerZoneDto[];
  @ApiProperty({ type: [LayerAnnotationDto], description: 'Annotations such as the forecast path.' }) annotations!: LayerAnnotationDto[];
  @ApiProperty({ type: PlanLayersMetaDto }) meta!: PlanLayersMetaDto;
  @ApiProperty({ description: "Provider id of the plan's bars (synthetic, replay, polygon …)." }) data_source!: string;
  @ApiProperty({ description: "Time the plan's bars describe, ISO UTC." }) as_of!: string;
}

dtoMatchesWire<ChartLayersResponseDto, ChartLayers>(true);
