import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiExtension, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { UnprocessableError, ValidationFailedError } from '../../common/errors';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { buildChartUrl, canonicalChartParams } from './chart-url.builder';
import { ChartUrlRequestDto, ChartUrlResponseDto } from './dto/chart-url.dto';

@ApiTags('charts')
@ApiBearerAuth()
@Controller('gpt')
export class ChartUrlController {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  @Post('chart-url')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'getChartUrl',
    summary: 'Canonical /tv chart link for a plan: symbol, interval, plan_id/plan_version, entry/stop/tp and display options; unknown keys dropped.',
  })
  @ApiExtension('x-openai-isConsequential', false)
  @ApiBody({ type: ChartUrlRequestDto })
  @ApiOkResponse({ type: ChartUrlResponseDto })
  chartUrl(@Body() body: Record<string, unknown>): ChartUrlResponseDto {
    // typed as a plain object on purpose: the global pipe would reject unknown keys, we drop them
    if (!body || typeof body !== 'object' || Array.isArray(body)) throw ValidationFailedError.field('body', 'must be a JSON object');
    const { params, problems, conflicts } = canonicalChartParams(body, this.config.flags.chartCanonicalV1);
    if (problems.length) throw new ValidationFailedError(problems);
    if (conflicts.length) throw new UnprocessableError(conflicts);
    return { interactive: buildChartUrl(this.config.publicBaseUrl, params), data_source: 'computed' };
  }
}
