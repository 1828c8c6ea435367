import { Body, Controller, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension, ApiExtraModels, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ValidationFailedError } from '../../common/errors';
import { limitCacheAge } from '../../common/http-cache/cacheable-routes';
import { INTERVALS, parseInterval, type Interval } from '../../core/bars/interval';
import { CONTEXT_TTL_MS, ContextService } from './context.service';
import { presentContext, presentMultiContext } from './context-response';
import { ContextQueryDto, ContextResponseDto, DEFAULT_INTERVALS, LOOKBACK_DEFAULT, MultiContextRequestDto, SeriesPointDto } from './dto/context.dto';
import { MultiContextResponseDto } from './dto/multi-context-response.dto';
import { normalizeSymbol, pathSymbol } from './symbol';

function intervalOrFail(token: string, field: string): Interval {
  const iv = parseInterval(token);
  if (!iv) throw ValidationFailedError.field(field, `unknown interval "${token}"; allowed: ${INTERVALS.join(', ')}`);
  return iv;
}

@ApiTags('context')
@ApiBearerAuth()
@ApiExtraModels(SeriesPointDto)
@Controller('gpt')
export class ContextController {
  constructor(private readonly context: ContextService) {}

  @Get('context/:symbol')
  @ApiOperation({
    operationId: 'getContext',
    summary: 'Latest bars with warmed-up indicator series (EMA 9/20/50, VWAP, ATR14, ADX14, RSI14, MACD, Bollinger) and key levels for one symbol and interval.',
  })
  @ApiParam({ name: 'symbol', description: 'Ticker, e.g. SPY.', example: 'SPY' })
  @ApiOkResponse({ type: ContextResponseDto })
  async getContext(@Param('symbol') rawSymbol: string, @Query() q: ContextQueryDto, @Req() req: object): Promise<ContextResponseDto> {
    const symbol = pathSymbol(rawSymbol);
    const interval = intervalOrFail(q.interval ?? '5m', 'interval');
    const { value, cached, ageMs } = await this.context.frame(symbol, interval, q.lookback ?? LOOKBACK_DEFAULT);
    // the serialised answer (src/common/http-cache) must not outlive the frame it was built from
    limitCacheAge(req, CONTEXT_TTL_MS - ageMs);
    return presentContext(symbol, value, cached);
  }

  @Post('multi-context')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'getMultiContext',
    summary: 'Context for several intervals of one symbol plus a volatility regime (ATM IV, IV rank/percentile, HV20/60/120, IV/HV, expected move). Cached 30 s (IV 120 s).',
  })
  @ApiExtension('x-openai-isConsequential', false)
  @ApiOkResponse({ type: MultiContextResponseDto })
  async multiContext(@Body() body: MultiContextRequestDto): Promise<MultiContextResponseDto> {
    const symbol = normalizeSymbol(body.symbol);
    // neither intervals nor frames: the coach's usual ladder (documented in the field description)
    const tokens = body.intervals ?? body.frames ?? [...DEFAULT_INTERVALS];
    const field = body.intervals ? 'intervals' : 'frames';
    // both given: intervals wins, but a bad legacy alias is still a 400 (never silently ignored)
    if (body.intervals && body.frames) body.frames.forEach((t, i) => intervalOrFail(t, `frames[${i}]`));
    const wanted: Array<{ requested: string; interval: Interval }> = [];
    tokens.forEach((t, i) => {
      const interval = intervalOrFail(t, `${field}[${i}]`);
      if (!wanted.some((w) => w.interval === interval)) wanted.push({ requested: t, interval });
    });
    const lookback = body.lookback ?? LOOKBACK_DEFAULT;
    const [frames, regime] = await Promise.all([
      Promise.all(wanted.map(async (w) => ({ requested: w.requested, ...(await this.context.frame(symbol, w.interval, lookback)) }))),
      this.context.volatility(symbol),
    ]);
    return presentMultiContext(
      symbol,
      frames.map((f) => ({ requested: f.requested, pf: f.value, cached: f.cached })),
      regime,
      body.include_series === true,
    );
  }
}
