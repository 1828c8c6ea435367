import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { IsTicker, NormalizeTicker } from '../../../common/ticker-field';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export class IvHistoryQueryDto {
  @ApiPropertyOptional({ description: 'First ET session day, YYYY-MM-DD (inclusive).', example: '2026-01-02' })
  @IsOptional()
  @Matches(DAY, { message: 'must be a date YYYY-MM-DD' })
  from?: string;

  @ApiPropertyOptional({ description: 'Last ET session day, YYYY-MM-DD (inclusive).', example: '2026-11-30' })
  @IsOptional()
  @Matches(DAY, { message: 'must be a date YYYY-MM-DD' })
  to?: string;

  @ApiPropertyOptional({ description: 'At most this many most recent days (1–5000, default 400).', minimum: 1, maximum: 5000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(5000)
  limit?: number;
}

export class IvDayDto {
  @ApiProperty({ description: 'ET session day.' }) day!: string;
  @ApiProperty({ description: '30-day constant-maturity ATM IV, percent.' }) iv_atm!: number;
  @ApiProperty({ description: 'Chain source (options provider id; synthetic = generated) or vendor_history:<id>.' }) source!: string;
  @ApiProperty({ description: 'interpolated | exact | extrapolated_flat | vendor.' }) method!: string;
  @ApiProperty({ type: [String] }) expirations!: string[];
  @ApiProperty({ description: 'Recorded after that session closed (the day’s final value).' }) at_close!: boolean;
  @ApiProperty({ description: 'ISO-8601 UTC.' }) recorded_at!: string;
}

export class IvHistoryResponseDto {
  @ApiProperty() symbol!: string;
  @ApiProperty({ description: 'Days returned.' }) count!: number;
  @ApiProperty({ type: [IvDayDto], description: 'Oldest first.' }) days!: IvDayDto[];
  @ApiProperty({ type: [String], description: 'Distinct sources of the days returned.' }) sources!: string[];
  @ApiProperty({ nullable: true, type: String, description: 'Set when any day comes from a synthetic chain.' }) banner!: string | null;
}

export class IvRecordRequestDto {
  @ApiPropertyOptional({ description: 'Tickers to record now (≤ 250); default: every analysed symbol and watchlist ticker.', type: [String], example: ['SPY'] })
  @IsOptional()
  @NormalizeTicker()
  @IsArray({ message: 'must be a list of tickers' })
  @ArrayMaxSize(250)
  @IsString({ each: true })
  @IsTicker({ each: true })
  symbols?: string[];
}

class IvRecordOutcomeDto {
  @ApiProperty() symbol!: string;
  @ApiProperty() day!: string;
  @ApiProperty({ nullable: true, type: Number, description: 'Percent.' }) iv_atm!: number | null;
  @ApiProperty({ nullable: true, type: String }) source!: string | null;
  @ApiProperty({ description: 'False when the day already holds its closing value or no IV was available.' }) written!: boolean;
  @ApiPropertyOptional() error?: string;
}

export class IvRecordResponseDto {
  @ApiProperty({ type: [IvRecordOutcomeDto] }) results!: IvRecordOutcomeDto[];
}

export class IvBackfillRequestDto {
  @ApiProperty({ example: '2025-01-02' })
  @IsString()
  @MaxLength(10)
  @Matches(DAY, { message: 'must be a date YYYY-MM-DD' })
  from!: string;

  @ApiProperty({ example: '2025-12-31' })
  @IsString()
  @MaxLength(10)
  @Matches(DAY, { message: 'must be a date YYYY-MM-DD' })
  to!: string;
}

export class IvBackfillResponseDto {
  @ApiProperty() symbol!: string;
  @ApiProperty({ nullable: true, type: String }) vendor!: string | null;
  @ApiProperty() received!: number;
  @ApiProperty() written!: number;
  @ApiProperty({ nullable: true, type: String }) note!: string | null;
}
