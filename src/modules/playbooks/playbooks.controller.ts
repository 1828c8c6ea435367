import { Controller, Get, Inject } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { playbookCatalog } from '../../core/calibration/playbook-catalog';
import { CLOCK, type Clock } from '../../providers/provider.types';
import { CalibrationService } from '../calibration/calibration.service';
import { PlaybooksResponseDto } from './dto/playbooks.dto';

@ApiTags('plan')
@ApiBearerAuth()
@Controller('gpt/playbooks')
export class PlaybooksController {
  constructor(
    private readonly calibration: CalibrationService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @ApiOperation({
    operationId: 'listPlaybooks',
    summary:
      'Every strategy playbook: rules in words, styles, intervals, time window and its measured statistics (n, TP1 rate with Wilson CI, expectancy after costs, edge) per calibrated data source.',
  })
  @ApiOkResponse({ type: PlaybooksResponseDto })
  list(): PlaybooksResponseDto {
    return playbookCatalog(this.calibration.books(), this.clock.now());
  }
}
