import { Logger } from '@nestjs/common';
import type { HttpService } from '@nestjs/axios';
import type { AppConfig, MarketProviderId, OptionsProviderId } from '../config/app-config';
import { FinnhubAdapter, PolygonAdapter, TradierAdapter, TradingEconomicsAdapter, YahooAdapter } from './adapters';
import type { EnrichmentProvider, MarketDataProvider, OptionsProvider } from './provider.types';

const log = new Logger('Providers');

/** Whether the vendor's credential is configured (Yahoo needs none but must be enabled or named). */
function hasKey(id: string, config: AppConfig): boolean {
  if (id === 'polygon') return !!config.polygon.apiKey;
  if (id === 'tradier') return !!config.tradier.token;
  return id === 'yahoo';
}

function make(id: MarketProviderId | OptionsProviderId, http: HttpService, config: AppConfig): (MarketDataProvider & OptionsProvider) | null {
  if (!hasKey(id, config)) {
    log.warn(`provider "${id}" is in the configured order but its key is not set; left out of the chain`);
    return null;
  }
  if (id === 'polygon') return new PolygonAdapter(http, config);
  if (id === 'tradier') return new TradierAdapter(http, config);
  if (id === 'yahoo') return new YahooAdapter(http, config);
  return null;
}

/** Vendor adapters by id. An adapter whose key is not configured is left out of the chain. */
export function vendorMarketDataProvider(id: MarketProviderId, http: HttpService, config: AppConfig): MarketDataProvider | null {
  return make(id, http, config);
}

export function vendorOptionsProvider(id: OptionsProviderId, http: HttpService, config: AppConfig): OptionsProvider | null {
  return make(id, http, config);
}

/** Trading Economics first for macro events, Finnhub for sentiment, earnings and as the macro fallback. */
export function vendorEnrichmentProviders(http: HttpService, config: AppConfig): EnrichmentProvider[] {
  const out: EnrichmentProvider[] = [];
  if (config.tradingEconomics.apiKey) out.push(new TradingEconomicsAdapter(http, config));
  if (config.finnhub.apiKey) out.push(new FinnhubAdapter(http, config));
  return out;
}
