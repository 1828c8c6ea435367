import { Injectable } from '@nestjs/common';
import { ProviderState } from './chain-runner';
import { EnrichmentService } from './enrichment.service';
import { MarketDataService } from './market-data.service';
import { OptionsDataService } from './options-data.service';

/** Circuit state of every configured provider per capability, for /health/ready. */
@Injectable()
export class ProviderHealthService {
  constructor(
    private readonly market: MarketDataService,
    private readonly options: OptionsDataService,
    private readonly enrichment: EnrichmentService,
  ) {}

  snapshot(): { capabilities: Array<{ capability: 'market_data' | 'options' | 'enrichment'; providers: ProviderState[] }> } {
    return {
      capabilities: [
        { capability: 'market_data', providers: this.market.runner.states(this.market.providers.map((p) => p.id)) },
        { capability: 'options', providers: this.options.runner.states(this.options.providers.map((p) => p.id)) },
        { capability: 'enrichment', providers: this.enrichment.runner.states(this.enrichment.providers.map((p) => p.id)) },
      ],
    };
  }
}
