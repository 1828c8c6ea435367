import { Inject, Injectable } from '@nestjs/common';
import { MarketDataService, NoDataError } from '../../providers/chain';
import type { BarsRequest, BarsResult, Clock } from '../../providers/provider.types';
import { CLOCK } from '../../providers/provider.types';

/** The slice of MarketDataService the charts module needs. */
export interface ChartBarsSource {
  getBars(req: BarsRequest): Promise<BarsResult>;
}

/**
 * Bars and "now" for the charts module, from the provider chain and the service clock. A request no
 * provider has data for becomes an empty result (the UDF datafeed answers `no_data`, not an error).
 */
@Injectable()
export class ChartMarketData implements ChartBarsSource {
  constructor(
    private readonly market: MarketDataService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async getBars(req: BarsRequest): Promise<BarsResult> {
    try {
      return await this.market.getBars(req);
    } catch (err) {
      if (err instanceof NoDataError) {
        return { symbol: req.symbol.toUpperCase(), interval: req.interval, bars: [], data_source: 'none', as_of: new Date(this.clock.now()).toISOString(), stale: false };
      }
      throw err;
    }
  }

  now(): number {
    return this.clock.now();
  }
}
