import { SimulateOpenHeader } from '../../common/simulate-open-header.decorator';
import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { CLOCK, type Clock } from '../../providers/provider.types';
import { asOfMsOf } from '../plan/as-of';
import { ApiBearerAuth, ApiExtension, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { simulateOpenFrom } from '../plan/dto/plan-request.dto';
import { ScanRequestDto } from './dto/scan-request.dto';
import { ScanPageDto } from './dto/scan-response.dto';
import { ScanService } from './scan.service';
import { UniverseExpander } from './universe/universe-expander.service';

@ApiTags('scan')
@ApiBearerAuth()
@Controller('gpt/scan')
export class ScanController {
  constructor(
    private readonly scans: ScanService,
    private readonly universes: UniverseExpander,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({
    operationId: 'scanUniverse',
    summary:
      'Run every playbook of a style on up to 500 tickers or tokens (watchlist:<name>, TOP<k>, sp500, nasdaq100); ranked plans (entry/stop/targets, R:R, confidence, actionability), per-ticker errors, paged under 100k chars via next_cursor.',
  })
  // computes and stores plans, but changes nothing the user relies on: safe for the GPT to call freely
  @ApiExtension('x-openai-isConsequential', false)
  @ApiOkResponse({ type: ScanPageDto })
  async scan(@CurrentUser() userId: string, @Body() body: ScanRequestDto, @SimulateOpenHeader() sim?: string): Promise<ScanPageDto> {
    // tokens (watchlist:<name>, TOP<k>, sp500 …) become tickers before the scan; the scan itself is unchanged
    const { symbols, expansion: all } = await this.universes.expand(userId, body.universe);
    // plain tickers are not repeated back (meta.universe_count counts them); tokens say what they became
    const expansion = all.filter((e) => e.kind !== 'ticker');
    const page = await this.scans.scan({
      userId,
      universe: symbols,
      style: body.style,
      limit: body.limit,
      simulateOpen: simulateOpenFrom(body.simulate_open, sim),
      cursor: body.cursor,
      includeSeries: body.include_series,
      asOfMs: asOfMsOf(body.as_of, this.clock.now()),
      reserveChars: JSON.stringify(expansion).length + 30,
    });
    return { ...page, universe_expansion: expansion };
  }
}
