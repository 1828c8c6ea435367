import { ApiProperty } from '@nestjs/swagger';
import { dtoMatchesWire } from '../../../common/dto/wire-match';
import type { PlaybookCatalog, PlaybookEntry, PlaybookStats } from '../../../core/calibration/playbook-catalog';
import { STYLES } from '../../../core/strategies/strategy.types';
import { OddsWindowDto } from '../../plan/dto/plan-fields.dto';

class PlaybookStyleDto {
  @ApiProperty({ enum: STYLES }) style!: PlaybookEntry['styles'][number]['style'];
  @ApiProperty({ example: '5m' }) interval!: string;
}

class PlaybookRulesDto {
  @ApiProperty() trigger!: string;
  @ApiProperty() invalidation!: string;
  @ApiProperty() targets!: string;
  @ApiProperty() direction!: string;
}

class PlaybookStatsDto implements PlaybookStats {
  @ApiProperty({ description: 'Calibration source: the data the history was replayed on (synthetic, replay, a vendor).' }) source!: string;
  @ApiProperty({ enum: STYLES }) style!: PlaybookStats['style'];
  @ApiProperty({ description: 'Filled plans; below 30 the rates are null.' }) n!: number;
  @ApiProperty({ description: 'Plans stated (filled or not).' }) n_plans!: number;
  @ApiProperty({ nullable: true, type: Number }) fill_rate!: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Measured TP1 frequency (event in the response).' }) tp1_rate!: number | null;
  @ApiProperty({ nullable: true, type: [Number], description: 'Wilson 95 % interval.' }) tp1_ci95!: [number, number] | null;
  @ApiProperty({ nullable: true, type: Number }) tp2_rate!: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Mean R per filled plan.' }) expectancy_r!: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Mean R after costs.' }) expectancy_r_after_costs!: number | null;
  @ApiProperty({ nullable: true, type: [Number] }) expectancy_ci95_after_costs!: [number, number] | null;
  @ApiProperty({ enum: ['positive', 'negative', 'unproven'] }) edge!: PlaybookStats['edge'];
  @ApiProperty({ nullable: true, type: OddsWindowDto }) window!: OddsWindowDto | null;
}

class PlaybookDto implements PlaybookEntry {
  @ApiProperty({ example: 'orb_retest' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ type: [PlaybookStyleDto] }) styles!: PlaybookStyleDto[];
  @ApiProperty({ nullable: true, type: String, description: 'ET window HH:MM–HH:MM; null = any time.' }) window_et!: string | null;
  @ApiProperty({ description: 'Minimum R:R to TP1.' }) min_rr!: number;
  @ApiProperty({ type: PlaybookRulesDto }) rules!: PlaybookRulesDto;
  @ApiProperty({ type: [PlaybookStatsDto], description: 'Measured statistics per calibrated source and style.' }) stats!: PlaybookStatsDto[];
}

export class PlaybooksResponseDto implements PlaybookCatalog {
  @ApiProperty({ description: 'Calibrated source of the statistics (synthetic, replay, a vendor), "mixed" when several (each stats entry says its own), "none" when nothing is calibrated yet.' })
  data_source!: string;
  @ApiProperty({ description: 'Statistics as of this time (outcomes resolved before it), ISO UTC.' }) as_of!: string;
  @ApiProperty({ description: 'The event the hit rates measure.' }) event!: string;
  @ApiProperty({ type: [PlaybookDto] }) playbooks!: PlaybookDto[];
}

dtoMatchesWire<PlaybookStyleDto, PlaybookEntry['styles'][number]>(true);
dtoMatchesWire<PlaybookRulesDto, PlaybookEntry['rules']>(true);
dtoMatchesWire<PlaybookStatsDto, PlaybookStats>(true);
dtoMatchesWire<PlaybookDto, PlaybookEntry>(true);
dtoMatchesWire<PlaybooksResponseDto, PlaybookCatalog>(true);
