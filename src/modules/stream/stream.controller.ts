import { pathTickerOrFail } from '../../common/ticker-field';
import { Controller, MessageEvent, Param, Sse } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Observable } from 'rxjs';
import { StreamBus } from './stream-bus';
import { SymbolPollerService } from './symbol-poller.service';

/** `GET /stream/{symbol}`: Server-Sent Events, one `data: {"symbol", "event": {t, …}}` frame per event. */
@ApiTags('stream')
@ApiBearerAuth()
@Controller('stream')
export class StreamController {
  constructor(
    private readonly bus: StreamBus,
    private readonly pollers: SymbolPollerService,
  ) {}

  @Sse(':symbol')
  @ApiProduces('text/event-stream')
  @ApiOperation({ operationId: 'streamSymbol', summary: 'Server-Sent Events for a symbol: bar, tick, market_status, heartbeat (envelope {symbol, event}).' })
  stream(@Param('symbol') raw: string): Observable<MessageEvent> {
    const symbol = pathTickerOrFail(raw);
    this.pollers.ensureCapacity(symbol); // a 503 before the stream starts, not an error event after
    return new Observable<MessageEvent>((sub) => {
      // a client joining a running poller first gets its latest status, bar and tick
      for (const env of this.pollers.snapshot(symbol)) sub.next({ data: env });
      const off = this.bus.subscribe({ symbol }, (env) => sub.next({ data: env }));
      const release = this.pollers.acquire(symbol);
      return () => {
        off();
        release();
      };
    });
  }
}
