import { Inject, Injectable, Logger } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { ReplayClock, ReplayMarketDataProvider, SyntheticMarketDataProvider, SystemClock } from '../../providers/embedded';
import { ProviderError } from '../../providers/provider.errors';
import { UpstreamError } from '../../common/errors';
import type { BarsRequest, BarsResult, Clock, MarketDataProvider } from '../../providers/provider.types';
import { CLOCK, MARKET_DATA_PROVIDERS } from '../../providers/provider.types';

/** The slice of MarketDataService (src/providers/chain/) the charts module needs. */
export interface ChartBarsSource {
  getBars(req: BarsRequest): Promise<BarsResult>;
}

type Resolved = { source: ChartBarsSource; clock: Clock; via: string };

/**
 * Bars and "now" for the charts module. Prefers the chain's MarketDataService and the service CLOCK
 * when the app provides them; until the chain module is wired in it falls back to the embedded
 * providers (replay files in config.replay.dir, then synthetic), labelled as such in data_source.
 * The fallback exists only so /tv works before integration; it is not a second chain.
 */
@Injectable()
export class ChartMarketData {
  private readonly log = new Logger(ChartMarketData.name);
  private resolved?: Resolved;

  constructor(
    private readonly moduleRef: ModuleRef,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private tryGet<T>(token: unknown): T | undefined {
    try {
      return this.moduleRef.get(token as never, { strict: false }) as T;
    } catch {
      return undefined;
    }
  }

  private resolve(): Resolved {
    if (this.resolved) return this.resolved;
    let chainClass: unknown;
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      chainClass = require('../../providers/chain').MarketDataService;
    } catch {
      chainClass = undefined;
    }
    const service = chainClass ? this.tryGet<ChartBarsSource>(chainClass) : undefined;
    const injectedClock = this.tryGet<Clock>(CLOCK);
    if (service) {
      this.resolved = { source: service, clock: injectedClock ?? new SystemClock(), via: 'MarketDataService' };
      return this.resolved;
    }
    const registered = this.tryGet<MarketDataProvider[]>(MARKET_DATA_PROVIDERS);
    let providers: MarketDataProvider[];
    let clock: Clock;
    if (registered?.length) {
      providers = registered;
      clock = injectedClock ?? new SystemClock();
    } else {
      const window = ReplayClock.windowOf(this.config.replay.dir);
      clock = injectedClock ?? (window ? new ReplayClock({ mode: this.config.replay.clock, speed: this.config.replay.speed, ...window }) : new SystemClock());
      providers = [];
      for (const id of this.config.marketDataProviders) {
        if (id === 'replay' && window) providers.push(new ReplayMarketDataProvider({ dir: this.config.replay.dir, clock }));
        if (id === 'synthetic') providers.push(new SyntheticMarketDataProvider({ clock }));
      }
    }
    this.log.warn(`MarketDataService not available; charts read ${providers.map((p) => p.id).join(', ') || 'no provider'} directly`);
    this.resolved = { source: new FirstAnswer(providers), clock, via: 'embedded' };
    return this.resolved;
  }

  getBars(req: BarsRequest): Promise<BarsResult> {
    return this.resolve().source.getBars(req);
  }

  now(): number {
    return this.resolve().clock.now();
  }
}

/** Ask providers in order; the first non-empty answer wins (not_found / empty → next). */
class FirstAnswer implements ChartBarsSource {
  constructor(private readonly providers: MarketDataProvider[]) {}

  async getBars(req: BarsRequest): Promise<BarsResult> {
    const attempts: Array<{ provider: string; error: string }> = [];
    let empty: BarsResult | undefined;
    for (const p of this.providers) {
      try {
        const r = await p.getBars(req);
        if (r.bars.length) return r;
        empty ??= r;
      } catch (err) {
        attempts.push({ provider: p.id, error: err instanceof ProviderError ? err.kind : String((err as Error)?.message ?? err) });
      }
    }
    if (empty) return empty;
    if (attempts.length && attempts.every((a) => a.error === 'not_found' || a.error === 'empty')) {
      return { symbol: req.symbol, interval: req.interval, bars: [], data_source: 'none', as_of: new Date(0).toISOString(), stale: false };
    }
    throw new UpstreamError(`no market data provider answered for ${req.symbol}`, 503, undefined, attempts);
  }
}
