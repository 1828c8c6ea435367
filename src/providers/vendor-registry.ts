import { Logger } from '@nestjs/common';
import type { HttpService } from '@nestjs/axios';
import type { AppConfig, MarketProviderId, OptionsProviderId } from '../config/app-config';
import type { EnrichmentProvider, MarketDataProvider, OptionsProvider } from './provider.types';

const log = new Logger('Providers');

/**
 * Vendor adapters by id. An adapter whose key is not configured is left out of the chain (with a
 * warning when the provider order names it explicitly).
 */
export function vendorMarketDataProvider(id: MarketProviderId, _http: HttpService, _config: AppConfig): MarketDataProvider | null {
  log.warn(`market data provider "${id}" is not available in this build; skipped`);
  return null;
}

export function vendorOptionsProvider(id: OptionsProviderId, _http: HttpService, _config: AppConfig): OptionsProvider | null {
  log.warn(`options provider "${id}" is not available in this build; skipped`);
  return null;
}

export function vendorEnrichmentProviders(_http: HttpService, _config: AppConfig): EnrichmentProvider[] {
  return [];
}
