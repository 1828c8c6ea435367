import { CacheModule, CACHE_MANAGER } from '@nestjs/cache-manager';
import { Global, Logger, Module } from '@nestjs/common';
import { HttpModule, HttpService } from '@nestjs/axios';
import type { Cache } from 'cache-manager';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { MetricsService } from '../modules/metrics/metrics.service';
import { PROVIDER_HEALTH } from '../modules/health/providers.health';
import { ReplayClock, ReplayMarketDataProvider, SyntheticMarketDataProvider, SyntheticOptionsProvider, SystemClock } from './embedded';
import { cacheModuleOptions, chainCacheOf } from './cache/cache-store.factory';
import { ChainRunnerOptions } from './chain/chain-runner';
import { CHAIN_RUNNER_OPTIONS } from './chain/chain-tokens';
import { EnrichmentService } from './chain/enrichment.service';
import { MarketDataService } from './chain/market-data.service';
import { OptionsDataService } from './chain/options-data.service';
import { ProviderHealthService } from './chain/provider-health.service';
import { vendorEnrichmentProviders, vendorMarketDataProvider, vendorOptionsProvider } from './vendor-registry';
import { CLOCK, Clock, ENRICHMENT_PROVIDERS, MARKET_DATA_PROVIDERS, MarketDataProvider, OPTIONS_PROVIDERS, OptionsProvider } from './provider.types';

const log = new Logger('Providers');

/**
 * The provider layer: vendor adapters whose keys are set, the embedded default (replay, synthetic),
 * the service clock, the cache (in memory, or Redis when REDIS_URL is set) and the chain services
 * feature modules inject. Order per capability comes from config (MARKET_DATA_PROVIDERS, OPTIONS_PROVIDERS).
 */
@Global()
@Module({
  imports: [
    HttpModule.register({ maxRedirects: 2 }),
    CacheModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => cacheModuleOptions(config),
    }),
  ],
  providers: [
    {
      provide: CLOCK,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig): Clock => {
        if (config.marketDataProviders.includes('replay')) {
          const window = ReplayClock.windowOf(config.replay.dir);
          if (window) {
            log.log(`replay clock (${config.replay.clock}, ${config.replay.speed}×) over ${new Date(window.start).toISOString()} … ${new Date(window.end).toISOString()}`);
            return new ReplayClock({ mode: config.replay.clock, speed: config.replay.speed, ...window });
          }
        }
        return new SystemClock();
      },
    },
    {
      provide: MARKET_DATA_PROVIDERS,
      inject: [APP_CONFIG, CLOCK, HttpService],
      useFactory: (config: AppConfig, clock: Clock, http: HttpService): MarketDataProvider[] =>
        config.marketDataProviders
          .map((id) => {
            if (id === 'replay') return new ReplayMarketDataProvider({ dir: config.replay.dir, clock });
            if (id === 'synthetic') return new SyntheticMarketDataProvider({ clock });
            return vendorMarketDataProvider(id, http, config);
          })
          .filter((p): p is MarketDataProvider => !!p),
    },
    {
      provide: OPTIONS_PROVIDERS,
      inject: [APP_CONFIG, CLOCK, HttpService, MarketDataService],
      useFactory: (config: AppConfig, clock: Clock, http: HttpService, market: MarketDataService): OptionsProvider[] =>
        config.optionsProviders
          .map((id) => {
            if (id === 'synthetic') return new SyntheticOptionsProvider({ clock, spot: async (s) => (await market.getQuote(s)).last });
            return vendorOptionsProvider(id, http, config);
          })
          .filter((p): p is OptionsProvider => !!p),
    },
    {
      provide: ENRICHMENT_PROVIDERS,
      inject: [APP_CONFIG, HttpService],
      useFactory: (config: AppConfig, http: HttpService) => vendorEnrichmentProviders(http, config),
    },
    {
      provide: CHAIN_RUNNER_OPTIONS,
      inject: [APP_CONFIG, CACHE_MANAGER, CLOCK, { token: MetricsService, optional: true }],
      useFactory: (config: AppConfig, cache: Cache, _clock: Clock, metrics?: MetricsService): ChainRunnerOptions => ({
        timeoutMs: config.providerTimeoutMs,
        cache: chainCacheOf(cache),
        // per capability runner (market data, options, enrichment): a quarter of the cache budget each
        lastGood: { maxEntries: 1000, maxAgeMs: 24 * 3_600_000, maxBytes: Math.floor(config.limits.providerCacheBytes / 4) },
        // this runner's own writes, read back in-process while their TTL lasts: half the cache budget each (in
        // memory mostly the very objects the store holds; with Redis an in-process copy of at most that size)
        hot: { maxEntries: config.limits.providerCacheEntries, maxBytes: Math.floor(config.limits.providerCacheBytes / 2) },
        onOutcome: (capability, provider, outcome) => metrics?.providerCalls.inc({ capability, provider, outcome }),
      }),
    },
    MarketDataService,
    OptionsDataService,
    EnrichmentService,
    ProviderHealthService,
    { provide: PROVIDER_HEALTH, useExisting: ProviderHealthService },
  ],
  exports: [CLOCK, MARKET_DATA_PROVIDERS, OPTIONS_PROVIDERS, ENRICHMENT_PROVIDERS, MarketDataService, OptionsDataService, EnrichmentService, ProviderHealthService, PROVIDER_HEALTH],
})
export class ProvidersModule {}
