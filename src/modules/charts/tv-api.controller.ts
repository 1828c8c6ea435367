import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../../common/auth/public.decorator';
import { symbolPrecision } from './chart-url.builder';
import { TvBarsQueryDto, TvStudiesQueryDto, TvSymbolQueryDto } from './dto/tv-api.dto';
import { checkSymbol, StudiesResponse, TvApiService, UdfBarsResponse } from './tv-api.service';
import { SUPPORTED_RESOLUTIONS } from './udf';

/**
 * TradingView UDF-style datafeed for the /tv viewer. Public like the page itself (the spec allows
 * /tv-api bars without a key): it serves only market data, never plans.
 */
@ApiTags('charts')
@Public()
@Controller('tv-api')
export class TvApiController {
  constructor(private readonly tv: TvApiService) {}

  @Get('config')
  @ApiOperation({ operationId: 'tvConfig', summary: 'UDF datafeed configuration for the /tv viewer.' })
  config() {
    return {
      supports_search: true,
      supports_group_request: false,
      supports_marks: false,
      supports_timescale_marks: false,
      supports_time: true,
      supported_resolutions: [...SUPPORTED_RESOLUTIONS],
      exchanges: [{ value: '', name: 'TradingCoach', desc: 'Trading Coach' }],
      symbols_types: [{ name: 'All', value: 'all' }],
      data_source: 'computed',
    };
  }

  @Get('time')
  @ApiOperation({ operationId: 'tvTime', summary: 'Service clock in epoch seconds (replay time in replay mode).' })
  time() {
    const now = this.tv.now();
    return { time: Math.floor(now / 1000), as_of: new Date(now).toISOString(), data_source: 'clock' };
  }

  @Get('symbols')
  @ApiOperation({ operationId: 'tvSymbol', summary: 'UDF symbol info (session, timezone, price scale).' })
  symbols(@Query() q: TvSymbolQueryDto) {
    const symbol = checkSymbol(q.symbol);
    return {
      name: symbol,
      ticker: symbol,
      description: symbol,
      type: 'stock',
      session: '0930-1600',
      timezone: 'America/New_York',
      exchange: 'CUSTOM',
      minmov: 1,
      pricescale: 10 ** symbolPrecision(symbol),
      has_intraday: true,
      has_no_volume: false,
      has_weekly_and_monthly: true,
      supported_resolutions: [...SUPPORTED_RESOLUTIONS],
      volume_precision: 0,
      data_source: 'computed',
    };
  }

  @Get('bars')
  @ApiOperation({ operationId: 'tvBars', summary: 'OHLCV bars in UDF shape {s,t,o,h,l,c,v} (t epoch seconds, bar start) or {s:"no_data"}, with data_source.' })
  @ApiOkResponse({ description: 'UDF bars plus data_source, as_of, stale.' })
  bars(@Query() q: TvBarsQueryDto): Promise<UdfBarsResponse> {
    return this.tv.bars(q);
  }

  @Get('studies')
  @ApiOperation({ operationId: 'tvStudies', summary: 'EMA, session VWAP and anchored VWAP series over the same bars as /tv-api/bars.' })
  studies(@Query() q: TvStudiesQueryDto): Promise<StudiesResponse> {
    return this.tv.studies(q);
  }
}
