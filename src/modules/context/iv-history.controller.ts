import { Body, Controller, Get, HttpCode, Inject, Optional, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { UpstreamError } from '../../common/errors';
import { IV_HISTORY, type IvHistoryApi } from '../../persistence/iv-history.types';
import { IvBackfillRequestDto, IvBackfillResponseDto, IvHistoryQueryDto, IvHistoryResponseDto, IvRecordRequestDto, IvRecordResponseDto } from './dto/iv-history.dto';
import { IvRecorderService } from './iv-recorder.service';
import { pathSymbol } from './symbol';

/** The recorded daily ATM-IV series (docs/volatility-history.md). */
@ApiTags('volatility')
@ApiBearerAuth()
@Controller('api/v1/iv-history')
export class IvHistoryController {
  constructor(
    private readonly recorder: IvRecorderService,
    @Optional() @Inject(IV_HISTORY) private readonly store?: IvHistoryApi,
  ) {}

  private history(): IvHistoryApi {
    if (!this.store) throw new UpstreamError('no store configured for the ATM-IV history', 503, 'database_unavailable');
    return this.store;
  }

  @Get(':symbol')
  @ApiOperation({ operationId: 'getIvHistory', summary: 'Recorded daily 30-day constant-maturity ATM IV of a symbol (percent), oldest first, with each day’s source.' })
  @ApiOkResponse({ type: IvHistoryResponseDto })
  async get(@Param('symbol') raw: string, @Query() q: IvHistoryQueryDto): Promise<IvHistoryResponseDto> {
    const symbol = pathSymbol(raw);
    const rows = await this.history().series(symbol, { fromDay: q.from, toDay: q.to, limit: q.limit });
    const sources = [...new Set(rows.map((r) => r.source))];
    return {
      symbol,
      count: rows.length,
      days: rows.map((r) => ({
        day: r.day,
        iv_atm: Math.round(r.iv * 1e6) / 1e4,
        source: r.source,
        method: r.method,
        expirations: r.expirations,
        at_close: r.at_close,
        recorded_at: new Date(r.recorded_at).toISOString(),
      })),
      sources,
      banner: sources.includes('synthetic') ? 'SYNTHETIC VOLATILITY — some days were recorded from the synthetic option chain (generated, not market quotes).' : null,
    };
  }

  @Post('record')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'recordIvHistory',
    summary:
      'Record the current session’s ATM IV now (on demand) for the given tickers, or for every analysed symbol and watchlist ticker. Answers within 8 s: a ticker still recording is listed with written false and an error saying so, and keeps recording in the background.',
  })
  @ApiExtension('x-openai-isConsequential', true)
  @ApiOkResponse({ type: IvRecordResponseDto })
  async record(@Body() body: IvRecordRequestDto): Promise<IvRecordResponseDto> {
    this.history();
    // bounded: what is not recorded within the budget keeps recording in the background and is listed as pending
    return { results: await this.recorder.recordWithin(body.symbols?.length ? [...new Set(body.symbols)] : null) };
  }

  @Post(':symbol/backfill')
  @HttpCode(200)
  @ApiOperation({ operationId: 'backfillIvHistory', summary: 'Fill past days from a vendor’s daily ATM-IV history where a configured vendor offers one (else says so and writes nothing).' })
  @ApiExtension('x-openai-isConsequential', true)
  @ApiOkResponse({ type: IvBackfillResponseDto })
  async backfill(@Param('symbol') raw: string, @Body() body: IvBackfillRequestDto): Promise<IvBackfillResponseDto> {
    return this.recorder.backfill(pathSymbol(raw), body.from, body.to);
  }
}
